import type { Test } from 'supertest';

/** Reads a response body as a Buffer whatever its content type, for files that are not JSON (XLSX, PDF). */
export function binary(test: Test): Test {
  return test.buffer(true).parse((response, done) => {
    const chunks: Buffer[] = [];
    response.on('data', (chunk: Buffer) => chunks.push(chunk));
    response.on('end', () => done(null, Buffer.concat(chunks)));
  });
}
