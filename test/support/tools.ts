import { existsSync } from 'node:fs';
import { resolve } from 'node:path';

const ROOT = resolve(__dirname, '../..');

function existing(path: string, what: string): string {
  if (!existsSync(path)) throw new Error(`${what} not found at ${path}: run \`bash infra/up.sh\` first`);
  return path;
}

/** The Temporal CLI that infra/temporal-cli.sh built; infra/test.sh passes its path. */
export function temporalCliPath(): string {
  return existing(process.env.PMO_TEMPORAL_CLI ?? resolve(ROOT, '.tools/temporal-cli-v1.5.1/temporal'), 'the Temporal CLI');
}

/** The launcher of the Java time-skipping test server that infra/temporal-test-server.sh resolved. */
export function timeSkippingServerPath(): string {
  return existing(process.env.PMO_TEMPORAL_TEST_SERVER ?? resolve(ROOT, 'infra/launch-test-server.sh'), 'the time-skipping test server launcher');
}

/** schemathesis, which infra/schemathesis.sh installed from PyPI into a virtual environment of its own. */
export function schemathesisPath(): string {
  return existing(process.env.PMO_SCHEMATHESIS ?? resolve(ROOT, '.tools/schemathesis-4.32.5/bin/schemathesis'), 'schemathesis');
}

export function workflowBundlePath(): string {
  return existing(resolve(ROOT, 'dist/workflows/workflow-bundle.js'), 'the workflow bundle (npm run build)');
}
