import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { EntityManager } from 'typeorm';
import { OrganisationRepository } from '@pmo/application';
import type { Organisation, OrganisationWrite, PopulationRecord, PracticeListing } from '@pmo/application';

type OrganisationRow = {
  ods_code: string;
  name: string;
  kind: Organisation['kind'];
  parent_ods_code: string | null;
  synthetic: boolean;
  opened_on: string | null;
  closed_on: string | null;
};
type PopulationRow = { ods_code: string; as_at: string; registered_list_size: number | null; weighted_population: number | null };

const toOrganisation = (row: OrganisationRow): Organisation => ({
  odsCode: row.ods_code,
  name: row.name,
  kind: row.kind,
  parentOdsCode: row.parent_ods_code,
  synthetic: row.synthetic,
  openedOn: row.opened_on,
  closedOn: row.closed_on,
});

const toPopulation = (row: PopulationRow): PopulationRecord => ({
  odsCode: row.ods_code,
  asAt: row.as_at,
  registeredListSize: row.registered_list_size,
  weightedPopulation: row.weighted_population,
});

/** Organisations as the columns of one INSERT: a whole file is one statement, not a round trip a row. */
const organisationColumns = (organisations: readonly Organisation[]) => [
  organisations.map((organisation) => organisation.odsCode),
  organisations.map((organisation) => organisation.name),
  organisations.map((organisation) => organisation.kind),
  organisations.map((organisation) => organisation.parentOdsCode),
  organisations.map((organisation) => organisation.synthetic),
  organisations.map((organisation) => organisation.openedOn),
  organisations.map((organisation) => organisation.closedOn),
];
const ORGANISATION_ROWS = `SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::boolean[], $6::date[], $7::date[])`;

/** An import's or a sample's organisations and list sizes, in the caller's transaction. */
export async function writeOrganisations(manager: EntityManager, write: OrganisationWrite): Promise<void> {
  // Foreign keys are checked at the end of each statement, so a child may come in the same statement as its parent.
  await manager.query(
    `INSERT INTO organisations (ods_code, name, kind, parent_ods_code, synthetic, opened_on, closed_on) ${ORGANISATION_ROWS}
     ON CONFLICT (ods_code) DO NOTHING`,
    organisationColumns(write.placeholders ?? []),
  );
  await manager.query(
    `INSERT INTO organisations (ods_code, name, kind, parent_ods_code, synthetic, opened_on, closed_on) ${ORGANISATION_ROWS}
     ON CONFLICT (ods_code) DO UPDATE SET name = EXCLUDED.name, kind = EXCLUDED.kind, parent_ods_code = EXCLUDED.parent_ods_code,
       synthetic = EXCLUDED.synthetic, opened_on = EXCLUDED.opened_on, closed_on = EXCLUDED.closed_on`,
    organisationColumns(write.organisations),
  );
  await manager.query(
    `INSERT INTO practice_populations (ods_code, as_at, registered_list_size, weighted_population)
     SELECT * FROM unnest($1::text[], $2::date[], $3::integer[], $4::integer[])
     ON CONFLICT (ods_code, as_at) DO UPDATE SET
       registered_list_size = COALESCE(EXCLUDED.registered_list_size, practice_populations.registered_list_size),
       weighted_population = COALESCE(EXCLUDED.weighted_population, practice_populations.weighted_population)`,
    [
      write.populations.map((population) => population.odsCode),
      write.populations.map((population) => population.asAt),
      write.populations.map((population) => population.registeredListSize),
      write.populations.map((population) => population.weightedPopulation),
    ],
  );
}

/** The organisation tree, walked with recursive queries so that any depth of hierarchy works. */
@Injectable()
export class TypeormOrganisationRepository extends OrganisationRepository {
  constructor(private readonly dataSource: DataSource) {
    super();
  }

  async upsert(write: OrganisationWrite): Promise<void> {
    await this.dataSource.transaction((manager) => writeOrganisations(manager, write));
  }

  async all(): Promise<Organisation[]> {
    return ((await this.dataSource.query(`SELECT * FROM organisations`)) as OrganisationRow[]).map(toOrganisation);
  }

  async populationsOn(days: readonly string[]): Promise<PopulationRecord[]> {
    if (days.length === 0) return [];
    const rows = (await this.dataSource.query(`SELECT * FROM practice_populations WHERE as_at = ANY($1::date[])`, [[...new Set(days)]])) as PopulationRow[];
    return rows.map(toPopulation);
  }

  async populationHistory(odsCode: string): Promise<PopulationRecord[]> {
    const rows = (await this.dataSource.query(`SELECT * FROM practice_populations WHERE ods_code = $1 ORDER BY as_at`, [odsCode])) as PopulationRow[];
    return rows.map(toPopulation);
  }

  async find(odsCode: string): Promise<Organisation | null> {
    const rows = (await this.dataSource.query(`SELECT * FROM organisations WHERE ods_code = $1`, [odsCode])) as OrganisationRow[];
    return rows.length === 0 ? null : toOrganisation(rows[0]);
  }

  async lineage(odsCode: string): Promise<string[]> {
    const rows = (await this.dataSource.query(
      `WITH RECURSIVE up AS (
         SELECT ods_code, parent_ods_code, 0 AS depth FROM organisations WHERE ods_code = $1
         UNION ALL SELECT o.ods_code, o.parent_ods_code, up.depth + 1 FROM organisations o JOIN up ON o.ods_code = up.parent_ods_code
       )
       SELECT ods_code FROM up ORDER BY depth`,
      [odsCode],
    )) as { ods_code: string }[];
    return rows.length === 0 ? [odsCode] : rows.map((row) => row.ods_code);
  }

  async children(odsCode: string): Promise<Organisation[]> {
    const rows = (await this.dataSource.query(`SELECT * FROM organisations WHERE parent_ods_code = $1 ORDER BY name`, [odsCode])) as OrganisationRow[];
    return rows.map(toOrganisation);
  }

  async unknown(odsCodes: string[]): Promise<string[]> {
    if (odsCodes.length === 0) return [];
    const rows = (await this.dataSource.query(
      `SELECT code FROM unnest($1::text[]) AS code WHERE NOT EXISTS (SELECT 1 FROM organisations o WHERE o.ods_code = code)`,
      [odsCodes],
    )) as { code: string }[];
    return rows.map((row) => row.code);
  }

  async outside(ancestorOdsCode: string, odsCodes: string[]): Promise<string[]> {
    if (odsCodes.length === 0) return [];
    const rows = (await this.dataSource.query(
      `WITH RECURSIVE tree AS (
         SELECT ods_code FROM organisations WHERE ods_code = $1
         UNION ALL SELECT o.ods_code FROM organisations o JOIN tree t ON o.parent_ods_code = t.ods_code
       )
       SELECT code FROM unnest($2::text[]) AS code WHERE code NOT IN (SELECT ods_code FROM tree)`,
      [ancestorOdsCode, odsCodes],
    )) as { code: string }[];
    return rows.map((row) => row.code);
  }

  async practicesUnder(odsCode: string, asAt: string): Promise<PracticeListing[]> {
    return (await this.practicesUnderEach(odsCode, [asAt])).get(asAt) ?? [];
  }

  async practicesUnderEach(odsCode: string, days: readonly string[]): Promise<Map<string, PracticeListing[]>> {
    // Each figure is the latest counted on or before the day, else the earliest counted after it (by distance in days).
    const rows = (await this.dataSource.query(
      `WITH RECURSIVE tree AS (
         SELECT ods_code, name, kind, opened_on, closed_on FROM organisations WHERE ods_code = $1
         UNION ALL SELECT o.ods_code, o.name, o.kind, o.opened_on, o.closed_on FROM organisations o JOIN tree t ON o.parent_ods_code = t.ods_code
       )
       SELECT d.day, t.ods_code, t.name, registered.value AS registered, registered.as_at AS registered_as_at, weighted.value AS weighted, weighted.as_at AS weighted_as_at
       FROM unnest($2::date[]) AS d(day)
       JOIN tree t ON t.kind = 'practice' AND (t.opened_on IS NULL OR t.opened_on <= d.day) AND (t.closed_on IS NULL OR t.closed_on >= d.day)
       LEFT JOIN LATERAL (
         SELECT p.registered_list_size AS value, p.as_at FROM practice_populations p
         WHERE p.ods_code = t.ods_code AND p.registered_list_size IS NOT NULL
         ORDER BY p.as_at <= d.day DESC, abs(p.as_at - d.day) LIMIT 1
       ) registered ON true
       LEFT JOIN LATERAL (
         SELECT p.weighted_population AS value, p.as_at FROM practice_populations p
         WHERE p.ods_code = t.ods_code AND p.weighted_population IS NOT NULL
         ORDER BY p.as_at <= d.day DESC, abs(p.as_at - d.day) LIMIT 1
       ) weighted ON true
       ORDER BY d.day, t.ods_code`,
      [odsCode, [...new Set(days)]],
    )) as { day: string; ods_code: string; name: string; registered: number | null; registered_as_at: string | null; weighted: number | null; weighted_as_at: string | null }[];
    const figure = (value: number | null, asAt: string | null) => (value === null || asAt === null ? null : { value, asAt });
    const byDay = new Map<string, PracticeListing[]>(days.map((day) => [day, []]));
    for (const row of rows) {
      byDay.get(row.day)?.push({ odsCode: row.ods_code, name: row.name, registered: figure(row.registered, row.registered_as_at), weighted: figure(row.weighted, row.weighted_as_at) });
    }
    return byDay;
  }
}
