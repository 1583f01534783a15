import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { ApplicationError, OrganisationImportUseCases, SystemClock } from '@pmo/application';
import type { NamedFile, OrganisationImportReport, PublishedOrganisationFiles } from '@pmo/application';
import type { EngineConfig } from '@pmo/config';
import { openMigratedDataSource, TypeormOrganisationImportRepository, TypeormOrganisationRepository } from '@pmo/persistence';

export const IMPORT_ORGANISATIONS_USAGE = `import-organisations --practices epraccur.csv --commissioners eccg.csv [--pcn-members FILE]
      [--registered-patients FILE]... [--weighted FILE] [--preview]
                                  organisations and list sizes from the published NHS files (docs/organisations.md)`;

const SINGLE = ['--practices', '--commissioners', '--pcn-members', '--weighted'] as const;
/** How many lines of a list the command prints; the report's counts say how many there are in all. */
const SHOWN = 20;

/** `import-organisations`: the files by option, read, checked, compared with the record and written (or previewed). */
export async function importOrganisations(config: EngineConfig, flags: string[]): Promise<number> {
  const files = filesFrom(flags);
  if (typeof files === 'string') {
    console.error(`${files}\nusage: node dist/apps/cli/src/main.js ${IMPORT_ORGANISATIONS_USAGE}`);
    return 2;
  }
  const dataSource = await openMigratedDataSource(config.database);
  try {
    const imports = new OrganisationImportUseCases(new TypeormOrganisationRepository(dataSource), new TypeormOrganisationImportRepository(dataSource), new SystemClock());
    const report = await imports.execute({ files, write: !flags.includes('--preview') });
    printReport(report, flags.includes('--preview'));
    return 0;
  } catch (error) {
    if (!(error instanceof ApplicationError) || error.fieldProblems.length === 0) throw error;
    console.error(`${error.message}:`);
    for (const problem of error.fieldProblems) console.error(`  ${problem.file ?? ''}:${problem.line ?? ''}: ${problem.field}: ${problem.reason}`);
    return 1;
  } finally {
    await dataSource.destroy();
  }
}

function filesFrom(flags: string[]): PublishedOrganisationFiles | string {
  const given = new Map<string, string[]>();
  for (let index = 0; index < flags.length; index += 1) {
    const flag = flags[index];
    if (flag === '--preview') continue;
    if (![...SINGLE, '--registered-patients'].includes(flag)) return `unknown option ${flag}`;
    const path = flags[index + 1];
    if (path === undefined || path.startsWith('--')) return `${flag} needs a file`;
    if (given.has(flag) && flag !== '--registered-patients') return `${flag} is given twice`;
    given.set(flag, [...(given.get(flag) ?? []), path]);
    index += 1;
  }
  for (const required of ['--practices', '--commissioners']) if (!given.has(required)) return `${required} is needed`;
  const read = (path: string): NamedFile => ({ name: basename(path), text: readFileSync(path, 'utf8') });
  const one = (flag: string) => (given.has(flag) ? read((given.get(flag) ?? [])[0]) : null);
  return {
    practices: read((given.get('--practices') ?? [])[0]),
    commissioners: read((given.get('--commissioners') ?? [])[0]),
    pcnMembers: one('--pcn-members'),
    registeredPatients: (given.get('--registered-patients') ?? []).map(read),
    weighted: one('--weighted'),
  };
}

function printReport(report: OrganisationImportReport, preview: boolean): void {
  const list = <Item>(heading: string, items: Item[], line: (item: Item) => string) => {
    if (items.length === 0) return;
    console.log(`${heading} (${items.length}):`);
    for (const item of items.slice(0, SHOWN)) console.log(`  ${line(item)}`);
    if (items.length > SHOWN) console.log(`  … and ${items.length - SHOWN} more`);
  };
  if (report.unchanged) console.log('nothing to change: the record already holds these files');
  else console.log(preview ? 'preview: nothing was written' : 'written in one transaction');
  list('added', report.added, (item) => `${item.odsCode} ${item.name} (${item.kind}${item.closedOn === null ? '' : `, closed ${item.closedOn}`})`);
  list('changed', report.changed, (item) => `${item.odsCode} ${item.name}: ${item.field} ${item.from ?? '(none)'} → ${item.to ?? '(none)'}`);
  list('closed', report.closed, (item) => `${item.odsCode} ${item.name} on ${item.closedOn}`);
  list('added with their code as their name, being in no file', report.namedByCodeOnly, (item) => `${item.odsCode} (${item.kind}), named at ${item.namedBy}`);
  const sizes = report.listSizes;
  console.log(`list sizes: ${sizes.added} added, ${sizes.changed} changed, ${sizes.unchanged} unchanged; extracts ${sizes.extracts.join(', ') || 'none'}`);
  list('left out', report.leftOut, (item) => `${item.file}: ${item.rows} rows ${item.reason}`);
}
