import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { TestEngine } from './support/engine';
import { startLocalTemporal } from './support/temporal';
import { schemathesisPath } from './support/tools';

const run = promisify(execFile);
/** The fuzzing's time budget: bounded, so that CI stays short; every operation is still reached. */
const MAX_SECONDS = 120;
/** schemathesis cannot make XLSX bodies; the workbook upload is tried with real workbooks in programme-spreadsheets. */
const NOT_GENERATED = ['ProgrammeWorkbooksController_uploadWorkbook'];

/**
 * schemathesis, from PyPI, generates requests from the OpenAPI document (valid and invalid) and sends
 * them, as an admin, to the real API on the real stack: no answer may be a 5xx, and none may break the
 * schema the document gives.
 */
describe('the API under generated requests', () => {
  let temporal: TestWorkflowEnvironment;
  let engine: TestEngine;

  beforeAll(async () => {
    temporal = await startLocalTemporal();
    engine = await TestEngine.start({ temporal, withApi: true });
    await engine.seedOrganisations();
  });

  afterAll(async () => {
    await engine?.stop();
    await temporal?.teardown();
  });

  it('answers no generated request with a server error or a response that breaks the schema', async () => {
    const base = await engine.listen();
    const outcome = await run(
      schemathesisPath(),
      [
        'run',
        `${base}/docs-json`,
        '--url',
        base,
        '--checks',
        'not_a_server_error,response_schema_conformance',
        '--header',
        `Authorization: ${engine.adminBearer}`,
        '--max-time',
        String(MAX_SECONDS),
        '--max-examples',
        '25',
        '--request-timeout',
        '60',
        '--workers',
        '2',
        '--seed',
        '20261123',
        // Keeps the admin's token on every request: refusing other credentials is the access-control test's.
        '--generation-with-security-parameters',
        'false',
        ...NOT_GENERATED.flatMap((operationId) => ['--exclude-operation-id', operationId]),
        '--suppress-health-check',
        'all',
        '--no-color',
      ],
      { maxBuffer: 64 * 1024 * 1024, timeout: (MAX_SECONDS + 120) * 1000 },
    ).then(
      ({ stdout }) => ({ code: 0, output: stdout }),
      (error: { code: number; stdout: string; stderr: string }) => ({ code: error.code, output: `${error.stdout}\n${error.stderr}` }),
    );
    // schemathesis's own report names each failing operation and the request that broke it.
    expect({ code: outcome.code, report: outcome.code === 0 ? 'passed' : outcome.output }).toEqual({ code: 0, report: 'passed' });
    expect(outcome.output).toMatch(/No issues found|passed/i);
  }, (MAX_SECONDS + 240) * 1000);
});
