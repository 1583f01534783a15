import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { loadConfig } from '@pmo/config';
import { PdfRenderer } from '@pmo/reporting';

const run = promisify(execFile);

/** PDF reports through Debian's Chromium (infra/chromium.sh), read back with poppler's pdftotext and pdfinfo. */
describe('PdfRenderer', () => {
  const renderer = new PdfRenderer(loadConfig().pdf);
  const directory = mkdtempSync(join(tmpdir(), 'pmo-pdf-'));

  afterAll(async () => {
    await renderer.onModuleDestroy();
    rmSync(directory, { recursive: true, force: true });
  });

  async function read(name: string, pdf: Buffer): Promise<{ text: string; pages: number; pageSize: string }> {
    const path = join(directory, `${name}.pdf`);
    writeFileSync(path, pdf);
    const { stdout: text } = await run('pdftotext', ['-layout', path, '-']);
    const { stdout: info } = await run('pdfinfo', [path]);
    return { text, pages: Number(/^Pages:\s+(\d+)$/m.exec(info)?.[1]), pageSize: /^Page size:\s+(.*)$/m.exec(info)?.[1] ?? '' };
  }

  it('renders a styled report on A4 pages, numbered, breaking where the report asks', async () => {
    const stylesheet = join(directory, 'report.css');
    writeFileSync(stylesheet, '.screen-only { display: none; }\n');
    const html = `<!doctype html>
      <html lang="en"><head><meta charset="utf-8"><title>Highlight report</title></head>
      <body>
        <h1>Highlight report M7: extended access</h1>
        <p class="screen-only">Open in a browser</p>
        <table>
          <thead><tr><th>Ref</th><th>Milestone</th><th>Baseline date</th><th>RAG</th></tr></thead>
          <tbody>
            <tr><td>M01</td><td>Tender documents finalised</td><td>2017-10-31</td><td>Green</td></tr>
            <tr><td>M02</td><td>Contract awarded</td><td>2018-03-30</td><td>Red</td></tr>
          </tbody>
        </table>
        <section style="break-before: page"><h2>Risks and issues</h2><p>Too few providers bid</p></section>
      </body></html>`;

    const pdf = await renderer.render(html, { stylesheets: [stylesheet] });

    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const { text, pages, pageSize } = await read('report', pdf);
    expect(pages).toBe(2);
    expect(pageSize).toMatch(/\(A4\)$/);
    expect(text).toContain('Highlight report M7: extended access');
    expect(text).toMatch(/M02\s+Contract awarded\s+2018-03-30\s+Red/);
    expect(text).toContain('Risks and issues');
    expect(text).toContain('Page 1 of 2');
    expect(text).toContain('Page 2 of 2');
    expect(text).not.toContain('Open in a browser');
  });

  it('fetches nothing a report asks for, and still renders it at once', async () => {
    const stylesheet = join(directory, 'remote-imports.css');
    writeFileSync(stylesheet, '@import url("http://example.invalid/fonts.css");\nh1 { font-family: Frutiger, Arial, sans-serif; }\n');
    const requests: string[] = [];
    const server = createServer((request, response) => {
      requests.push(request.url ?? '');
      response.end();
    });
    await new Promise<void>((listening) => server.listen(0, '127.0.0.1', listening));
    const { port } = server.address() as AddressInfo;
    try {
      const html = `<!doctype html>
        <html><head>
          <link rel="stylesheet" href="http://example.invalid/report.css">
          <link rel="stylesheet" href="http://127.0.0.1:${port}/report.css">
          <style>@import url("http://127.0.0.1:${port}/imported.css");</style>
        </head><body>
          <h1>Delivery confidence</h1>
          <img src="http://example.invalid/x.png" alt="">
          <img src="http://127.0.0.1:${port}/x.png" alt="">
        </body></html>`;

      const started = Date.now();
      const pdf = await renderer.render(html, { stylesheets: [stylesheet] });

      expect(Date.now() - started).toBeLessThan(15_000);
      const { text, pages } = await read('offline', pdf);
      expect(pages).toBe(1);
      expect(text).toContain('Delivery confidence');
      expect(requests).toEqual([]);
    } finally {
      await new Promise((closed) => server.close(closed));
    }
  });
});
