import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ReportRepository } from '@pmo/application';
import type { StoredReport } from '@pmo/application';

type ReportRow = { id: string; programme_id: string; period: string; kind: 'highlight-report'; format: 'markdown'; sha256: string; created_at: Date };

const toReport = (row: ReportRow): StoredReport => ({
  id: row.id,
  programmeId: row.programme_id,
  period: row.period,
  kind: row.kind,
  format: row.format,
  sha256: row.sha256,
  createdAt: row.created_at.toISOString(),
});

@Injectable()
export class TypeormReportRepository extends ReportRepository {
  constructor(private readonly dataSource: DataSource) {
    super();
  }

  async storeOnce(report: Omit<StoredReport, 'id' | 'createdAt'> & { content: string }, createdAt: Date): Promise<StoredReport> {
    await this.dataSource.query(
      `INSERT INTO reports (id, programme_id, period, kind, format, content, sha256, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
       ON CONFLICT ON CONSTRAINT reports_once DO NOTHING`,
      [randomUUID(), report.programmeId, report.period, report.kind, report.format, report.content, report.sha256, createdAt],
    );
    const rows = (await this.dataSource.query(
      `SELECT id, programme_id, period, kind, format, sha256, created_at FROM reports WHERE programme_id = $1 AND period = $2 AND kind = $3 AND format = $4`,
      [report.programmeId, report.period, report.kind, report.format],
    )) as ReportRow[];
    return toReport(rows[0]);
  }

  async list(filter: { period?: string; programmeId?: string }): Promise<StoredReport[]> {
    const rows = (await this.dataSource.query(
      `SELECT id, programme_id, period, kind, format, sha256, created_at FROM reports
       WHERE ($1::text IS NULL OR period = $1) AND ($2::uuid IS NULL OR programme_id = $2)
       ORDER BY period DESC, programme_id, kind, format`,
      [filter.period ?? null, filter.programmeId ?? null],
    )) as ReportRow[];
    return rows.map(toReport);
  }

  async content(reportId: string): Promise<(StoredReport & { content: string }) | null> {
    const rows = (await this.dataSource.query(`SELECT * FROM reports WHERE id = $1`, [reportId])) as (ReportRow & { content: string })[];
    return rows.length === 0 ? null : { ...toReport(rows[0]), content: rows[0].content };
  }

  async programmesActiveIn(period: string): Promise<string[]> {
    const rows = (await this.dataSource.query(
      `SELECT id FROM programmes WHERE start_date <= (date_trunc('month', to_date($1, 'YYYY-MM')) + interval '1 month - 1 day')::date
         AND end_date >= to_date($1, 'YYYY-MM') ORDER BY id`,
      [period],
    )) as { id: string }[];
    return rows.map((row) => row.id);
  }
}
