import { cpus } from 'node:os';
import { Clock, OrganisationImportUseCases } from '@pmo/application';
import type { PublishedOrganisationFiles } from '@pmo/application';
import { openMigratedDataSource, TypeormOrganisationImportRepository, TypeormOrganisationRepository } from '@pmo/persistence';
import { parse } from 'csv-parse/sync';
import type { DataSource } from 'typeorm';
import { createTestDatabase } from '../support/test-database';
import type { TestDatabase } from '../support/test-database';

/**
 * The whole of England's organisation files through the import, on the real PostgreSQL: about 12,000 ODS practice
 * rows (6,500 of them GP practices), 106 sub-ICB locations, 1,250 PCNs and two extracts of list sizes. The baseline,
 * in the same process, is the floor for that much data: the same files parsed as CSV and their rows written by one
 * INSERT each into tables with no constraints. Not part of the suite; run it with
 *   npm run bench:organisations
 */
const ODS_ROWS = 12_000;
const PRACTICES = 6_500;
const COMMISSIONERS = 106;
const PCNS = 1_250;
const TODAY = '2026-12-06';

class SetClock extends Clock {
  now(): Date {
    return new Date(`${TODAY}T09:00:00Z`);
  }
}

const pad = (value: number, width: number) => String(value).padStart(width, '0');
const quoted = (cells: string[]) => cells.map((cell) => `"${cell}"`).join(',');

/** England-sized files in the publishers' layouts: a seeded walk, so every run imports the same files. */
function englandFiles(): PublishedOrganisationFiles {
  const commissioner = (index: number) => `${pad(index % 100, 2)}${String.fromCharCode(65 + Math.floor(index / 100))}`;
  const practice = (index: number) => `${String.fromCharCode(65 + (index % 26))}${pad(80_000 + index, 5)}`;
  const ods = (code: string, name: string, setting: string, commissionedBy: string, closed: string) =>
    quoted([code, name, 'Y58', 'QVV', '1 HIGH STREET', 'TOWN', '', '', '', 'AB1 2CD', '19740401', closed, closed === '' ? 'A' : 'C', 'B', commissionedBy, '20130401', closed, '01000 000000', '', '', '', '0', '', '1', '', setting, '']);
  const practices = Array.from({ length: ODS_ROWS }, (_, index) =>
    ods(practice(index), `SURGERY ${index}`, index < PRACTICES ? '4' : String(1 + (index % 3)), commissioner(index % COMMISSIONERS), index % 40 === 7 ? '20200331' : ''),
  );
  const commissioners = Array.from({ length: COMMISSIONERS }, (_, index) => quoted([commissioner(index), `SUB-ICB ${index}`, 'Y58', 'QVV', 'ROAD', '', '', '', '', 'AB1 2CD', '20130401', '', '', 'C', '', '', '', '', '', '', '', '0', '', '', '', '', '']));
  const pcn = (index: number) => `U${pad(index % PCNS, 5)}`;
  const members = Array.from({ length: PRACTICES }, (_, index) => [practice(index), `SURGERY ${index}`, pcn(index), `PCN ${index % PCNS}`, commissioner(index % COMMISSIONERS), '20190701', ''].join(','));
  const registered = (date: string, grow: number) =>
    ['PUBLICATION,EXTRACT_DATE,ORG_TYPE,SUB_ICB_LOCATION_CODE,ORG_CODE,POSTCODE,SEX,AGE,NUMBER_OF_PATIENTS', ...Array.from({ length: PRACTICES }, (_, index) => `GP_PRAC_PAT_LIST,${date},GP,${commissioner(index % COMMISSIONERS)},${practice(index)},AB1 2CD,ALL,ALL,${2_000 + ((index * 7_919) % 18_000) + grow}`)].join('\r\n');
  return {
    practices: { name: 'epraccur.csv', text: practices.join('\r\n') },
    commissioners: { name: 'eccg.csv', text: commissioners.join('\r\n') },
    pcnMembers: { name: 'epcn.csv', text: ['Partner Organisation Code,Partner Name,PCN Code,PCN Name,PCN Parent Sub ICB Location Code,Practice to PCN Relationship Start Date,Practice to PCN Relationship End Date', ...members].join('\r\n') },
    registeredPatients: [
      { name: 'gp-reg-pat-prac-all-apr-26.csv', text: registered('01APR2026', 0) },
      { name: 'gp-reg-pat-prac-all-oct-26.csv', text: registered('01-Oct-2026', 25) },
    ],
    weighted: null,
  };
}

/** The floor: every file parsed as CSV, and as many rows written by one INSERT each into tables without constraints. */
async function floorSeconds(dataSource: DataSource, files: PublishedOrganisationFiles): Promise<number> {
  const started = process.hrtime.bigint();
  const texts = [files.practices, files.commissioners, files.pcnMembers, ...files.registeredPatients].flatMap((file) => (file === null ? [] : [file.text]));
  const rows = texts.map((text) => parse(text, { relax_column_count: true }) as string[][]);
  const organisations = [...rows[0].slice(0, PRACTICES), ...rows[1], ...rows[2].slice(1, PCNS + 1)];
  const sizes = rows.slice(3).flatMap((extract) => extract.slice(1));
  await dataSource.query(`CREATE TEMPORARY TABLE floor_organisations (code text, name text, parent text)`);
  await dataSource.query(`CREATE TEMPORARY TABLE floor_sizes (code text, day text, size integer)`);
  await dataSource.query(`INSERT INTO floor_organisations SELECT * FROM unnest($1::text[], $2::text[], $3::text[])`, [organisations.map((row) => row[0]), organisations.map((row) => row[1]), organisations.map((row) => row[2])]);
  await dataSource.query(`INSERT INTO floor_sizes SELECT * FROM unnest($1::text[], $2::text[], $3::integer[])`, [sizes.map((row) => row[4]), sizes.map((row) => row[1]), sizes.map((row) => row[8])]);
  return Number(process.hrtime.bigint() - started) / 1e9;
}

describe('organisation import benchmark', () => {
  let database: TestDatabase;
  let dataSource: DataSource;

  afterAll(async () => {
    await dataSource?.destroy();
    await database?.drop();
  });

  it('imports England, imports it again, and measures the floor beside it', async () => {
    database = await createTestDatabase();
    // One connection, so that the floor's temporary tables and the import share a session's costs alike.
    dataSource = await openMigratedDataSource({ url: database.url, migrationUrl: database.migrationUrl, poolSize: 1 });
    const imports = new OrganisationImportUseCases(new TypeormOrganisationRepository(dataSource), new TypeormOrganisationImportRepository(dataSource), new SetClock());
    const files = englandFiles();
    const timed = async <T>(work: () => Promise<T>) => {
      const started = process.hrtime.bigint();
      const result = await work();
      return { result, seconds: Number(process.hrtime.bigint() - started) / 1e9 };
    };
    const floor = await floorSeconds(dataSource, files);
    const first = await timed(() => imports.execute({ files, write: true }));
    const again = await timed(() => imports.execute({ files, write: true }));
    expect(first.result.added.length).toBe(COMMISSIONERS + PCNS + PRACTICES);
    expect(first.result.listSizes.added).toBe(2 * PRACTICES);
    expect(again.result.unchanged).toBe(true);
    expect(await database.count(`organisations WHERE kind = 'practice'`)).toBe(PRACTICES);

    const ratio = (seconds: number) => (seconds / floor).toFixed(1);
    process.stdout.write(
      [
        '',
        `organisation import benchmark: ${cpus().length} CPUs, node ${process.version}; ${ODS_ROWS.toLocaleString('en-GB')} ODS practice rows (${PRACTICES.toLocaleString('en-GB')} GP practices), ${COMMISSIONERS} sub-ICB locations, ${PCNS.toLocaleString('en-GB')} PCNs, 2 extracts of ${PRACTICES.toLocaleString('en-GB')} list sizes`,
        `floor (parse the CSV, one INSERT per table, no constraints): ${floor.toFixed(2)} s`,
        `first import (everything added):  ${first.seconds.toFixed(2)} s (${ratio(first.seconds)} times the floor; target under 10 s)`,
        `same files again (nothing to write): ${again.seconds.toFixed(2)} s (${ratio(again.seconds)} times the floor)`,
        '',
      ].join('\n') + '\n',
    );
  }, 300_000);
});
