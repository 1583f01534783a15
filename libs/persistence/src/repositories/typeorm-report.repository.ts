import { randomUUID, createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ReportRepository } from '@pmo/application';
import type { NewReport, ProgrammeContacts, ReportFormat, ReportKind, StoredReport } from '@pmo/application';

type ReportRow = {
  id: string;
  kind: ReportKind;
  format: ReportFormat;
  period: string;
  programme_id: string | null;
  organisation_ods_code: string | null;
  sha256: string;
  created_at: Date;
};

const COLUMNS = 'id, kind, format, period, programme_id, organisation_ods_code, sha256, created_at';

const toReport = (row: ReportRow): StoredReport => ({
  id: row.id,
  kind: row.kind,
  format: row.format,
  period: row.period,
  programmeId: row.programme_id,
  organisation: row.organisation_ods_code,
  sha256: row.sha256,
  createdAt: row.created_at.toISOString(),
});

@Injectable()
export class TypeormReportRepository extends ReportRepository {
  constructor(private readonly dataSource: DataSource) {
    super();
  }

  async storeOnce(report: NewReport, createdAt: Date): Promise<StoredReport> {
    const sha256 = createHash('sha256').update(report.content).digest('hex');
    await this.dataSource.query(
      `INSERT INTO reports (id, kind, format, period, programme_id, organisation_ods_code, content, sha256, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
       ON CONFLICT (period, kind, format, (coalesce(programme_id::text, '')), (coalesce(organisation_ods_code, ''))) DO NOTHING`,
      [randomUUID(), report.kind, report.format, report.period, report.programmeId, report.organisation, report.content, sha256, createdAt],
    );
    const rows = (await this.dataSource.query(
      `SELECT ${COLUMNS} FROM reports WHERE period = $1 AND kind = $2 AND format = $3
         AND programme_id IS NOT DISTINCT FROM $4 AND organisation_ods_code IS NOT DISTINCT FROM $5`,
      [report.period, report.kind, report.format, report.programmeId, report.organisation],
    )) as ReportRow[];
    return toReport(rows[0]);
  }

  async list(filter: { period?: string; programmeId?: string; kind?: ReportKind }): Promise<StoredReport[]> {
    const rows = (await this.dataSource.query(
      `SELECT ${COLUMNS} FROM reports
       WHERE ($1::text IS NULL OR period = $1) AND ($2::uuid IS NULL OR programme_id = $2) AND ($3::text IS NULL OR kind = $3)
       ORDER BY period DESC, kind, organisation_ods_code NULLS FIRST, programme_id NULLS FIRST, format`,
      [filter.period ?? null, filter.programmeId ?? null, filter.kind ?? null],
    )) as ReportRow[];
    return rows.map(toReport);
  }

  async content(reportId: string): Promise<(StoredReport & { content: string }) | null> {
    const rows = (await this.dataSource.query(`SELECT ${COLUMNS}, content FROM reports WHERE id = $1`, [reportId])) as (ReportRow & { content: string })[];
    return rows.length === 0 ? null : { ...toReport(rows[0]), content: rows[0].content };
  }

  async find(reportId: string): Promise<StoredReport | null> {
    const rows = (await this.dataSource.query(`SELECT ${COLUMNS} FROM reports WHERE id = $1`, [reportId])) as ReportRow[];
    return rows.length === 0 ? null : toReport(rows[0]);
  }

  async programmesActiveIn(period: string): Promise<string[]> {
    const rows = (await this.dataSource.query(
      `SELECT id FROM programmes WHERE start_date <= (date_trunc('month', to_date($1, 'YYYY-MM')) + interval '1 month - 1 day')::date
         AND least(end_date, closed_on) >= to_date($1, 'YYYY-MM') AND NOT archived ORDER BY id`,
      [period],
    )) as { id: string }[];
    return rows.map((row) => row.id);
  }

  async programmesMissingUpdate(period: string): Promise<ProgrammeContacts[]> {
    const rows = (await this.dataSource.query(
      `SELECT p.id, p.name, p.lead_email, p.manager_email, p.sro_email FROM programmes p
       WHERE p.id = ANY($2::uuid[]) AND NOT EXISTS (SELECT 1 FROM monthly_updates u WHERE u.programme_id = p.id AND u.month = $1)
       ORDER BY p.id`,
      [period, await this.programmesActiveIn(period)],
    )) as { id: string; name: string; lead_email: string; manager_email: string | null; sro_email: string | null }[];
    return rows.map((row) => ({ id: row.id, name: row.name, leadEmail: row.lead_email, managerEmail: row.manager_email, sroEmail: row.sro_email }));
  }
}
