import { createHash, randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { EntityManager } from 'typeorm';
import { MonthlyReturnRepository } from '@pmo/application';
import type { ReturnFiles, ReturnFormat, StoredReturn } from '@pmo/application';
import { statusAfter } from '@pmo/domain';
import type { ReturnStatus, SignOffStep } from '@pmo/domain';

type ReturnRow = {
  id: string;
  period: string;
  version: number;
  status: ReturnStatus;
  as_at: Date;
  row_count: number;
  sha256: string;
  reason: string | null;
  created_at: Date;
  reviewed_by: string | null;
  reviewed_at: Date | null;
  approved_by: string | null;
  approved_at: Date | null;
  submitted_by: string | null;
  submitted_at: Date | null;
};

const COLUMNS = 'id, period, version, status, as_at, row_count, sha256, reason, created_at, reviewed_by, reviewed_at, approved_by, approved_at, submitted_by, submitted_at';

const toReturn = (row: ReturnRow): StoredReturn => ({
  id: row.id,
  period: row.period,
  version: row.version,
  status: row.status,
  asAt: row.as_at.toISOString(),
  rowCount: row.row_count,
  sha256: row.sha256,
  reason: row.reason,
  createdAt: row.created_at.toISOString(),
  reviewedBy: row.reviewed_by,
  reviewedAt: row.reviewed_at?.toISOString() ?? null,
  approvedBy: row.approved_by,
  approvedAt: row.approved_at?.toISOString() ?? null,
  submittedBy: row.submitted_by,
  submittedAt: row.submitted_at?.toISOString() ?? null,
});

/** Who and when each step writes: the status it leaves and the pair of columns it fills. */
const STEP_COLUMNS: Record<SignOffStep, { by: string; at: string }> = {
  review: { by: 'reviewed_by', at: 'reviewed_at' },
  approve: { by: 'approved_by', at: 'approved_at' },
  submit: { by: 'submitted_by', at: 'submitted_at' },
};

@Injectable()
export class TypeormMonthlyReturnRepository extends MonthlyReturnRepository {
  constructor(private readonly dataSource: DataSource) {
    super();
  }

  async storeFirstOnce(period: string, files: ReturnFiles, createdAt: Date): Promise<StoredReturn> {
    await this.insert(this.dataSource.manager, period, 1, files, null, createdAt, 'ON CONFLICT ON CONSTRAINT monthly_returns_version DO NOTHING');
    return (await this.find(this.dataSource.manager, period, 1)) as StoredReturn;
  }

  async storeCorrection(period: string, files: ReturnFiles, reason: string, createdAt: Date): Promise<StoredReturn | null> {
    return this.dataSource.transaction(async (manager) => {
      // The lock makes two corrections at once take the next two versions, one after the other.
      const latest = (await manager.query(`SELECT max(version) AS version FROM (SELECT version FROM monthly_returns WHERE period = $1 FOR UPDATE) AS versions`, [period])) as {
        version: number | null;
      }[];
      if (latest[0].version === null) return null;
      await manager.query(`UPDATE monthly_returns SET status = 'superseded' WHERE period = $1 AND status NOT IN ('submitted', 'superseded')`, [period]);
      const version = latest[0].version + 1;
      await this.insert(manager, period, version, files, reason, createdAt, '');
      return this.find(manager, period, version);
    });
  }

  async versions(period: string): Promise<StoredReturn[]> {
    const rows = (await this.dataSource.query(`SELECT ${COLUMNS} FROM monthly_returns WHERE period = $1 ORDER BY version`, [period])) as ReturnRow[];
    return rows.map(toReturn);
  }

  async file(period: string, version: number, format: ReturnFormat): Promise<{ record: StoredReturn; content: Buffer } | null> {
    const rows = (await this.dataSource.query(`SELECT ${COLUMNS}, csv, xlsx FROM monthly_returns WHERE period = $1 AND version = $2`, [period, version])) as (ReturnRow & {
      csv: string;
      xlsx: Buffer;
    })[];
    if (rows.length === 0) return null;
    return { record: toReturn(rows[0]), content: format === 'csv' ? Buffer.from(rows[0].csv, 'utf8') : rows[0].xlsx };
  }

  async signOff(
    period: string,
    version: number,
    step: SignOffStep,
    by: string,
    at: Date,
    refuse: (current: StoredReturn) => string | null,
  ): Promise<{ outcome: 'signed'; record: StoredReturn } | { outcome: 'refused'; reason: string } | { outcome: 'not-found' }> {
    return this.dataSource.transaction(async (manager) => {
      const rows = (await manager.query(`SELECT ${COLUMNS} FROM monthly_returns WHERE period = $1 AND version = $2 FOR UPDATE`, [period, version])) as ReturnRow[];
      if (rows.length === 0) return { outcome: 'not-found' as const };
      const reason = refuse(toReturn(rows[0]));
      if (reason !== null) return { outcome: 'refused' as const, reason };
      const { by: byColumn, at: atColumn } = STEP_COLUMNS[step];
      await manager.query(`UPDATE monthly_returns SET status = $3, ${byColumn} = $4, ${atColumn} = $5 WHERE period = $1 AND version = $2`, [period, version, statusAfter(step), by, at]);
      return { outcome: 'signed' as const, record: (await this.find(manager, period, version)) as StoredReturn };
    });
  }

  private async insert(manager: EntityManager, period: string, version: number, files: ReturnFiles, reason: string | null, createdAt: Date, onConflict: string): Promise<void> {
    await manager.query(
      `INSERT INTO monthly_returns (id, period, version, status, as_at, row_count, csv, xlsx, sha256, reason, created_at)
       VALUES ($1, $2, $3, 'draft', $4, $5, $6, $7, $8, $9, $10) ${onConflict}`,
      [randomUUID(), period, version, files.asAt, files.rowCount, files.csv, files.xlsx, createHash('sha256').update(files.csv).digest('hex'), reason, createdAt],
    );
  }

  private async find(manager: EntityManager, period: string, version: number): Promise<StoredReturn | null> {
    const rows = (await manager.query(`SELECT ${COLUMNS} FROM monthly_returns WHERE period = $1 AND version = $2`, [period, version])) as ReturnRow[];
    return rows.length === 0 ? null : toReturn(rows[0]);
  }
}
