import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditTrail } from '@pmo/application';
import type { AuditEvent, NewAuditEvent } from '@pmo/application';

interface AuditRow {
  id: string;
  at: Date;
  actor: string;
  via: AuditEvent['via'];
  request_id: string;
  action: string;
  target: string;
  programme_id: string | null;
  request: unknown;
  before: unknown;
  after: unknown;
}

@Injectable()
export class TypeormAuditTrail extends AuditTrail {
  constructor(private readonly dataSource: DataSource) {
    super();
  }

  async append(event: NewAuditEvent, at: Date): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO audit_events (at, actor, via, request_id, action, target, programme_id, request, before, after) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
      [at, event.actor, event.via, event.requestId, event.action, event.target, event.programmeId, JSON.stringify(event.request ?? null), JSON.stringify(event.before ?? null), JSON.stringify(event.after ?? null)],
    );
  }

  async ofProgramme(programmeId: string): Promise<AuditEvent[]> {
    const rows = (await this.dataSource.query(`SELECT * FROM audit_events WHERE programme_id = $1 ORDER BY id`, [programmeId])) as AuditRow[];
    return rows.map((row) => ({
      id: String(row.id),
      at: row.at.toISOString(),
      actor: row.actor,
      via: row.via,
      requestId: row.request_id,
      action: row.action,
      target: row.target,
      programmeId: row.programme_id,
      request: row.request,
      before: row.before,
      after: row.after,
    }));
  }
}
