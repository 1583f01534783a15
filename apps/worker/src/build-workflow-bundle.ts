import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { bundleWorkflowCode } from '@temporalio/worker';

/**
 * Bundles workflows/ ahead of time for the worker. Workflow code may import only
 * @temporalio/workflow, @pmo/domain and @pmo/contracts: only those two aliases resolve here,
 * so any other import fails the build.
 */
export async function buildWorkflowBundle(repositoryRoot: string, outputPath: string): Promise<void> {
  mkdirSync(dirname(outputPath), { recursive: true });
  writeFileSync(outputPath, await bundleWorkflows(repositoryRoot));
}

/** The bundle's code; `substitutes` replace modules by request, for tests that build a variant. */
export async function bundleWorkflows(repositoryRoot: string, substitutes: Record<string, string> = {}): Promise<string> {
  const { code } = await bundleWorkflowCode({
    workflowsPath: resolve(repositoryRoot, 'workflows/src/index.ts'),
    workflowInterceptorModules: [resolve(repositoryRoot, 'workflows/src/request-ids.ts')],
    webpackConfigHook: (config) => ({
      ...config,
      resolve: {
        ...config.resolve,
        alias: {
          ...(config.resolve?.alias as Record<string, string> | undefined),
          '@pmo/domain': resolve(repositoryRoot, 'libs/domain/src/index.ts'),
          '@pmo/contracts': resolve(repositoryRoot, 'libs/contracts/src/index.ts'),
          ...substitutes,
        },
      },
    }),
  });
  return code;
}

if (require.main === module) {
  const root = process.cwd();
  const output = resolve(root, process.argv[2] ?? 'dist/workflows/workflow-bundle.js');
  buildWorkflowBundle(root, output).then(
    () => console.log(`workflow bundle written to ${output}`),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}
