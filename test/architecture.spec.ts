import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';

/**
 * The layering rules of DESIGN.md, checked on the source: what each lib and the workflow code may
 * import, no lib importing its own barrel, and no cycle between libs.
 */
const ROOT = resolve(__dirname, '..');

/** The libs each lib may import; a lib missing here may import no other. */
const ALLOWED_LIB_IMPORTS: Record<string, string[]> = {
  domain: [],
  config: [],
  contracts: ['domain'],
  application: ['domain', 'contracts', 'config', 'spreadsheets'],
  persistence: ['application', 'config', 'domain'],
  notifications: ['application', 'config', 'contracts', 'logging'],
  spreadsheets: ['domain'],
  reporting: ['application', 'config', 'domain', 'spreadsheets'],
  orchestration: ['application', 'contracts', 'config', 'domain', 'logging', 'persistence', 'reference-data', 'reporting'],
  'reference-data': ['application', 'domain'],
  identity: ['config'],
  logging: [],
};

function sourceFiles(directory: string): string[] {
  return readdirSync(directory).flatMap((entry) => {
    const path = join(directory, entry);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return path.endsWith('.ts') && !path.endsWith('.spec.ts') ? [path] : [];
  });
}

function importsOf(file: string): string[] {
  const source = readFileSync(file, 'utf8');
  return [...source.matchAll(/(?:import|export)\s[^'"]*?from\s+'([^']+)'|import\s+'([^']+)'|require\('([^']+)'\)/g)].map(
    (match) => match[1] ?? match[2] ?? match[3],
  );
}

describe('architecture', () => {
  it.each(Object.keys(ALLOWED_LIB_IMPORTS))('libs/%s imports only the libs it may, and never its own barrel or an app', (lib) => {
    const offending = sourceFiles(join(ROOT, 'libs', lib, 'src')).flatMap((file) =>
      importsOf(file)
        .filter((specifier) => {
          if (specifier.startsWith('@pmo/')) return !ALLOWED_LIB_IMPORTS[lib].includes(specifier.slice('@pmo/'.length));
          if (specifier.startsWith('.')) return !resolve(file, '..', specifier).startsWith(join(ROOT, 'libs', lib));
          return false;
        })
        .map((specifier) => `${relative(ROOT, file)} imports ${specifier}`),
    );
    expect(offending).toEqual([]);
  });

  it('libs/domain is pure: it imports no package at all', () => {
    const packages = sourceFiles(join(ROOT, 'libs/domain/src')).flatMap((file) =>
      importsOf(file)
        .filter((specifier) => !specifier.startsWith('.'))
        .map((specifier) => `${relative(ROOT, file)} imports ${specifier}`),
    );
    expect(packages).toEqual([]);
  });

  it('workflow code imports only @temporalio/workflow, @pmo/domain and @pmo/contracts', () => {
    const allowed = ['@temporalio/workflow', '@pmo/domain', '@pmo/contracts'];
    const offending = sourceFiles(join(ROOT, 'workflows/src')).flatMap((file) =>
      importsOf(file)
        .filter((specifier) => !specifier.startsWith('.') && !allowed.includes(specifier))
        .map((specifier) => `${relative(ROOT, file)} imports ${specifier}`),
    );
    expect(offending).toEqual([]);
  });

  it('the allowed lib imports form no cycle', () => {
    const visiting = new Set<string>();
    const done = new Set<string>();
    const cycles: string[] = [];
    const visit = (lib: string, path: string[]) => {
      if (done.has(lib)) return;
      if (visiting.has(lib)) {
        cycles.push([...path, lib].join(' -> '));
        return;
      }
      visiting.add(lib);
      for (const next of ALLOWED_LIB_IMPORTS[lib] ?? []) visit(next, [...path, lib]);
      visiting.delete(lib);
      done.add(lib);
    };
    for (const lib of Object.keys(ALLOWED_LIB_IMPORTS)) visit(lib, []);
    expect(cycles).toEqual([]);
  });

  it('knows every lib', () => {
    expect(readdirSync(join(ROOT, 'libs')).sort()).toEqual(Object.keys(ALLOWED_LIB_IMPORTS).sort());
  });
});
