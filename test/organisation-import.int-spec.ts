import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { ApplicationError, Clock, OrganisationImportUseCases } from '@pmo/application';
import type { NamedFile, OrganisationImportReport, PublishedOrganisationFiles } from '@pmo/application';
import { openMigratedDataSource, TypeormOrganisationImportRepository, TypeormOrganisationRepository } from '@pmo/persistence';
import type { DataSource } from 'typeorm';
import { createTestDatabase } from './support/test-database';
import type { TestDatabase } from './support/test-database';

const EXAMPLES = resolve(__dirname, '../docs/examples/organisations');
const CLI_MAIN = resolve(__dirname, '../dist/apps/cli/src/main.js');

const example = (name: string): NamedFile => ({ name, text: readFileSync(resolve(EXAMPLES, name), 'utf8') });
const EXAMPLE_FILES: PublishedOrganisationFiles = {
  practices: example('epraccur.csv'),
  commissioners: example('eccg.csv'),
  pcnMembers: example('epcn-core-partner-details.csv'),
  registeredPatients: [example('gp-reg-pat-prac-all-apr-17.csv'), example('gp-reg-pat-prac-all-oct-18.csv')],
  weighted: example('weighted-list-sizes.csv'),
};

class SetClock extends Clock {
  constructor(private readonly instant: string) {
    super();
  }

  now(): Date {
    return new Date(this.instant);
  }
}

/** The published NHS files in, on the real PostgreSQL: what an import adds, changes and closes, and what it refuses. */
describe('organisation import', () => {
  let database: TestDatabase;
  let dataSource: DataSource;
  let organisations: TypeormOrganisationRepository;
  let useCase: OrganisationImportUseCases;
  const importing = (files: PublishedOrganisationFiles, write = true) => useCase.execute({ files, write });

  beforeAll(async () => {
    database = await createTestDatabase();
    dataSource = await openMigratedDataSource({ url: database.url, migrationUrl: database.migrationUrl, poolSize: 2 });
    organisations = new TypeormOrganisationRepository(dataSource);
    useCase = new OrganisationImportUseCases(organisations, new TypeormOrganisationImportRepository(dataSource), new SetClock('2020-01-15T09:00:00Z'));
  });

  afterAll(async () => {
    await dataSource?.destroy();
    await database?.drop();
  });

  it('previews the example files without writing anything', async () => {
    const preview = await importing(EXAMPLE_FILES, false);
    expect(preview).toEqual(expect.objectContaining({ written: false, unchanged: false }));
    expect(preview.added).toHaveLength(2 + 3 + 8);
    expect(await database.count('organisations')).toBe(0);
    expect(await database.count('practice_populations')).toBe(0);
  });

  it('imports both heading eras and both date formats, leaving out what is not a GP practice', async () => {
    const report = await importing(EXAMPLE_FILES);
    expect(report.written).toBe(true);
    expect(report.added.map((added) => `${added.odsCode} ${added.kind}`).sort()).toEqual(
      ['U90001 pcn', 'U90002 pcn', 'U91001 pcn', 'X90001 practice', 'X90002 practice', 'X90003 practice', 'X90004 practice', 'X90005 practice', 'X90006 practice', 'X90007 practice', 'X91001 practice', 'X9A ccg', 'X9B ccg'].sort(),
    );
    expect(report.added.find((added) => added.odsCode === 'X90007')?.closedOn).toBe('2018-03-31');
    expect(report.namedByCodeOnly).toEqual([
      { odsCode: 'Y99', kind: 'region', namedBy: 'eccg.csv line 1' },
      { odsCode: 'QX9', kind: 'icb', namedBy: 'eccg.csv line 1' },
    ]);
    expect(report.listSizes).toEqual({ added: 8 + 7, changed: 0, unchanged: 0, extracts: ['2017-04-01', '2018-10-01'] });
    expect(report.leftOut).toEqual([
      { file: 'epraccur.csv', rows: 1, reason: 'not GP practices (prescribing setting other than 4)' },
      { file: 'gp-reg-pat-prac-all-apr-17.csv', rows: 1, reason: 'for codes that are not GP practices of the practices file or the record' },
    ]);

    expect(await organisations.find('W90001')).toBeNull();
    expect(await organisations.find('X90001')).toEqual(expect.objectContaining({ name: 'SYNTHETIC MARKET STREET SURGERY', parentOdsCode: 'U90001', openedOn: '1974-04-01', closedOn: null }));
    expect(await organisations.find('U91001')).toEqual(expect.objectContaining({ kind: 'pcn', parentOdsCode: 'X9B' }));
    expect(await organisations.lineage('X90004')).toEqual(['X90004', 'U90002', 'X9A', 'QX9', 'Y99']);
    expect(await organisations.populationHistory('X90001')).toEqual([
      { odsCode: 'X90001', asAt: '2017-04-01', registeredListSize: 8123, weightedPopulation: null },
      { odsCode: 'X90001', asAt: '2018-10-01', registeredListSize: 8350, weightedPopulation: 8700 },
    ]);
  });

  it('counts the practices open on each day, each sized by the extract in force, or the earliest before any', async () => {
    const days = ['2017-01-31', '2018-03-31', '2018-04-30', '2019-01-31'];
    const counted = await organisations.practicesUnderEach('X9A', days);
    const sized = (day: string) => Object.fromEntries((counted.get(day) ?? []).map((practice) => [practice.odsCode, practice.registered]));
    // Before the first extract: the earliest one, which the figure then names.
    expect(sized('2017-01-31').X90001).toEqual({ value: 8123, asAt: '2017-04-01' });
    // The closed practice counts up to its close day, and not after; the neighbour's practice never does.
    expect(Object.keys(sized('2018-03-31')).sort()).toEqual(['X90001', 'X90002', 'X90003', 'X90004', 'X90005', 'X90006', 'X90007']);
    expect(Object.keys(sized('2018-04-30'))).not.toContain('X90007');
    expect(Object.keys(sized('2019-01-31'))).not.toContain('X91001');
    expect(sized('2019-01-31').X90001).toEqual({ value: 8350, asAt: '2018-10-01' });
    // No weighted figure is made up for a practice the ICB's file does not size.
    const weighted = Object.fromEntries((counted.get('2019-01-31') ?? []).map((practice) => [practice.odsCode, practice.weighted]));
    expect([weighted.X90005, weighted.X90001]).toEqual([null, { value: 8700, asAt: '2018-10-01' }]);
  });

  it('imports the same files again without changing anything, and says so', async () => {
    const before = await dataSource.query(`SELECT * FROM organisations ORDER BY ods_code`);
    const report = await importing(EXAMPLE_FILES);
    expect(report).toEqual(expect.objectContaining({ written: false, unchanged: true, added: [], changed: [], closed: [], namedByCodeOnly: [] }));
    expect(report.listSizes).toEqual(expect.objectContaining({ added: 0, changed: 0, unchanged: 15 }));
    expect(await dataSource.query(`SELECT * FROM organisations ORDER BY ods_code`)).toEqual(before);
  });

  it('reports a practice closed, one moved to another commissioner, a renamed one and a new list size', async () => {
    const practices = EXAMPLE_FILES.practices.text
      .replace('"X90005","SYNTHETIC HILLTOP SURGERY","Y99","QX9","HILLTOP","UPPER EXAMPLE","","","","EX4 1AE","20050601","","A"', '"X90005","SYNTHETIC HILLTOP SURGERY","Y99","QX9","HILLTOP","UPPER EXAMPLE","","","","EX4 1AE","20050601","20191231","C"')
      .replace('"X90003","SYNTHETIC CHURCH LANE PRACTICE","Y99","QX9","CHURCH LANE","LITTLE EXAMPLE","","","","EX2 1AC","19900101","","A","B","X9A"', '"X90003","SYNTHETIC CHURCH LANE MEDICAL PRACTICE","Y99","QX9","CHURCH LANE","LITTLE EXAMPLE","","","","EX2 1AC","19900101","","A","B","X9B"');
    // The practice that moved left its PCN when it moved.
    const members = EXAMPLE_FILES.pcnMembers?.text.replace(/^X90003,.*$/m, (line) => line.replace(/,,TRUE$/, ',20191231,TRUE')) ?? '';
    const registered = 'PUBLICATION,EXTRACT_DATE,ORG_TYPE,SUB_ICB_LOCATION_CODE,ORG_CODE,POSTCODE,SEX,AGE,NUMBER_OF_PATIENTS\r\nGP_PRAC_PAT_LIST,01-Oct-2018,GP,X9A,X90001,EX1 1AA,ALL,ALL,8351\r\n';
    const report = await importing({
      ...EXAMPLE_FILES,
      practices: { name: 'epraccur.csv', text: practices },
      pcnMembers: { name: 'epcn-core-partner-details.csv', text: members },
      registeredPatients: [{ name: 'gp-reg-pat-prac-all-oct-18.csv', text: registered }],
      weighted: null,
    });
    expect(report).toEqual(expect.objectContaining({ written: true, added: [], namedByCodeOnly: [] }));
    expect(report.closed).toEqual([{ odsCode: 'X90005', name: 'SYNTHETIC HILLTOP SURGERY', closedOn: '2019-12-31' }]);
    expect(report.changed).toEqual(
      expect.arrayContaining<OrganisationImportReport['changed'][number]>([
        { odsCode: 'X90003', name: 'SYNTHETIC CHURCH LANE MEDICAL PRACTICE', field: 'name', from: 'SYNTHETIC CHURCH LANE PRACTICE', to: 'SYNTHETIC CHURCH LANE MEDICAL PRACTICE' },
        { odsCode: 'X90003', name: 'SYNTHETIC CHURCH LANE MEDICAL PRACTICE', field: 'commissioner', from: 'X9A', to: 'X9B' },
        { odsCode: 'X90003', name: 'SYNTHETIC CHURCH LANE MEDICAL PRACTICE', field: 'pcn', from: 'U90002', to: null },
      ]),
    );
    expect(report.changed).toHaveLength(3);
    expect(report.listSizes).toEqual({ added: 0, changed: 1, unchanged: 0, extracts: ['2018-10-01'] });
    expect(await organisations.lineage('X90003')).toEqual(['X90003', 'X9B', 'QX9', 'Y99']);
    // The registered figure changed; the weighted one, in no file this time, is kept.
    expect((await organisations.populationHistory('X90001'))[1]).toEqual({ odsCode: 'X90001', asAt: '2018-10-01', registeredListSize: 8351, weightedPopulation: 8700 });
  });

  it('creates a commissioner named by a practice but in no file with its code as its name, and reports it', async () => {
    const practices = `${EXAMPLE_FILES.practices.text}"X92001","SYNTHETIC FAR AWAY SURGERY","Y99","QX8","FAR ROAD","","","","","FX1 1AA","20000101","","A","B","X9C","20130401","","01000 000010","","","","0","","1","","4",""\r\n`;
    const report = await importing({ ...EXAMPLE_FILES, practices: { name: 'epraccur.csv', text: practices } });
    expect(report.namedByCodeOnly).toEqual([
      { odsCode: 'QX8', kind: 'icb', namedBy: 'epraccur.csv line 10' },
      { odsCode: 'X9C', kind: 'ccg', namedBy: 'epraccur.csv line 10' },
    ]);
    expect(await organisations.find('X9C')).toEqual(expect.objectContaining({ name: 'X9C', kind: 'ccg', parentOdsCode: 'QX8' }));
    expect(await organisations.lineage('X92001')).toEqual(['X92001', 'X9C', 'QX8', 'Y99']);
  });

  it('places a PCN whose own sub-ICB location no file knows under its practice’s commissioner', async () => {
    const members = (EXAMPLE_FILES.pcnMembers?.text ?? '').replace(/U91001,SYNTHETIC NEIGHBOURTON PCN,X9B,/, 'U91001,SYNTHETIC NEIGHBOURTON PCN,Z9Z,');
    await importing({ ...EXAMPLE_FILES, pcnMembers: { name: 'epcn-core-partner-details.csv', text: members } });
    expect(await organisations.find('U91001')).toEqual(expect.objectContaining({ parentOdsCode: 'X9B' }));
    expect(await organisations.find('Z9Z')).toBeNull();
  });

  it('refuses files with bad rows, naming each by file, line and field, and writes nothing', async () => {
    const before = [await database.count('organisations'), await database.count('practice_populations')];
    const practices = EXAMPLE_FILES.practices.text
      .replace('"X90001","SYNTHETIC MARKET STREET SURGERY","Y99","QX9","1 MARKET STREET","EXAMPLETON","","","","EX1 1AA","19740401"', '"X90001","SYNTHETIC MARKET STREET SURGERY","Y99","QX9","1 MARKET STREET","EXAMPLETON","","","","EX1 1AA","19741301"')
      .replace('"X90002"', '"X9-002"');
    const registered = EXAMPLE_FILES.registeredPatients[1].text.replace('01-Oct-2018,GP,X9A,X90004,EX1 1AA,ALL,ALL,10120', '01-Oct-2018,GP,X9A,X90004,EX1 1AA,ALL,ALL,ten thousand');
    const refused = await importing({
      ...EXAMPLE_FILES,
      practices: { name: 'epraccur.csv', text: practices },
      registeredPatients: [EXAMPLE_FILES.registeredPatients[0], { name: 'gp-reg-pat-prac-all-oct-18.csv', text: registered }],
      weighted: { name: 'weighted-list-sizes.csv', text: 'Practice code,Weighted list size\r\nX90001,8700\r\n' },
    }).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(ApplicationError);
    expect((refused as ApplicationError).fieldProblems).toEqual([
      { file: 'epraccur.csv', line: 1, field: 'Open Date', reason: '"19741301" is not a date as ODS writes them (CCYYMMDD)' },
      { file: 'epraccur.csv', line: 2, field: 'Organisation Code', reason: '"X9-002" is not an ODS code (3 to 10 letters and digits)' },
      { file: 'gp-reg-pat-prac-all-oct-18.csv', line: 5, field: 'NUMBER_OF_PATIENTS', reason: '"ten thousand" is not a whole number above 0' },
      { file: 'weighted-list-sizes.csv', line: 1, field: 'Date', reason: 'no column has this heading (nor As at, EXTRACT_DATE)' },
    ]);
    expect([await database.count('organisations'), await database.count('practice_populations')]).toEqual(before);
  });

  it('runs from the command line, and exits 1 with every problem located when a file is bad', async () => {
    const environment = { ...process.env, PMO_DATABASE_URL: database.url, PMO_MIGRATION_DATABASE_URL: database.migrationUrl };
    const run = (args: string[]) => promisify(execFile)(process.execPath, [CLI_MAIN, 'import-organisations', ...args], { env: environment });
    const path = (name: string) => resolve(EXAMPLES, name);
    const files = ['--practices', path('epraccur.csv'), '--commissioners', path('eccg.csv'), '--registered-patients', path('gp-reg-pat-prac-all-apr-17.csv')];
    const { stdout } = await run([...files, '--preview']);
    expect(stdout).toMatch(/^preview: nothing was written$/m);
    expect(stdout).toMatch(/^changed \(\d+\):$/m);
    const failed = await run(['--practices', path('epraccur.csv'), '--commissioners', path('weighted-list-sizes.csv')]).catch((error: { code: number; stderr: string }) => error);
    expect(failed).toEqual(expect.objectContaining({ code: 1 }));
    expect((failed as { stderr: string }).stderr).toMatch(/weighted-list-sizes\.csv:1: \(row\): has 3 columns; the publisher's layout has at least 12/);
  });
});
