import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { OrganisationRepository } from '@pmo/application';
import type { Organisation, PopulationRecord } from '@pmo/application';
import type { PracticePopulation } from '@pmo/domain';

type OrganisationRow = { ods_code: string; name: string; kind: Organisation['kind']; parent_ods_code: string | null; synthetic: boolean };

const toOrganisation = (row: OrganisationRow): Organisation => ({
  odsCode: row.ods_code,
  name: row.name,
  kind: row.kind,
  parentOdsCode: row.parent_ods_code,
  synthetic: row.synthetic,
});

/** The organisation tree, walked with recursive queries so that any depth of hierarchy works. */
@Injectable()
export class TypeormOrganisationRepository extends OrganisationRepository {
  constructor(private readonly dataSource: DataSource) {
    super();
  }

  async upsert(organisations: Organisation[], populations: PopulationRecord[]): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      for (const organisation of organisations) {
        await manager.query(
          `INSERT INTO organisations (ods_code, name, kind, parent_ods_code, synthetic) VALUES ($1, $2, $3, $4, $5)
           ON CONFLICT (ods_code) DO UPDATE SET name = EXCLUDED.name, kind = EXCLUDED.kind,
             parent_ods_code = EXCLUDED.parent_ods_code, synthetic = EXCLUDED.synthetic`,
          [organisation.odsCode, organisation.name, organisation.kind, organisation.parentOdsCode, organisation.synthetic],
        );
      }
      for (const population of populations) {
        await manager.query(
          `INSERT INTO practice_populations (ods_code, as_at, registered_list_size, weighted_population) VALUES ($1, $2, $3, $4)
           ON CONFLICT (ods_code, as_at) DO UPDATE SET registered_list_size = EXCLUDED.registered_list_size,
             weighted_population = EXCLUDED.weighted_population`,
          [population.odsCode, population.asAt, population.registeredListSize, population.weightedPopulation],
        );
      }
    });
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

  async practicesUnder(odsCode: string, asAt: string): Promise<PracticePopulation[]> {
    return (await this.practicesUnderEach(odsCode, [asAt])).get(asAt) ?? [];
  }

  async practicesUnderEach(odsCode: string, days: readonly string[]): Promise<Map<string, PracticePopulation[]>> {
    const rows = (await this.dataSource.query(
      `WITH RECURSIVE tree AS (
         SELECT ods_code, kind FROM organisations WHERE ods_code = $1
         UNION ALL SELECT o.ods_code, o.kind FROM organisations o JOIN tree t ON o.parent_ods_code = t.ods_code
       ), practices AS (SELECT ods_code FROM tree WHERE kind = 'practice')
       SELECT d.day, sized.*
       FROM unnest($2::date[]) AS d(day)
       CROSS JOIN LATERAL (
         SELECT DISTINCT ON (p.ods_code) p.ods_code, p.registered_list_size, p.weighted_population
         FROM practices t JOIN practice_populations p ON p.ods_code = t.ods_code
         WHERE p.as_at <= d.day
         ORDER BY p.ods_code, p.as_at DESC
       ) sized
       ORDER BY d.day, sized.ods_code`,
      [odsCode, [...new Set(days)]],
    )) as { day: string; ods_code: string; registered_list_size: number; weighted_population: number }[];
    const byDay = new Map<string, PracticePopulation[]>(days.map((day) => [day, []]));
    for (const row of rows) {
      byDay.get(row.day)?.push({ odsCode: row.ods_code, registeredListSize: row.registered_list_size, weightedPopulation: row.weighted_population });
    }
    return byDay;
  }
}
