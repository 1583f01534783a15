import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { NotificationRepository } from '@pmo/application';
import type { NewNotification, NotificationForDelivery, NotificationKind } from '@pmo/application';

type NotificationRow = {
  id: string;
  dedupe_key: string;
  kind: NotificationKind;
  period: string;
  programme_id: string | null;
  recipient: string;
  subject: string;
  body: string;
  status: 'pending' | 'sent';
  created_at: Date;
  sent_at: Date | null;
};

const toNotification = (row: NotificationRow) => ({
  id: row.id,
  dedupeKey: row.dedupe_key,
  kind: row.kind,
  period: row.period,
  programmeId: row.programme_id,
  recipient: row.recipient,
  subject: row.subject,
  body: row.body,
  status: row.status,
  createdAt: row.created_at.toISOString(),
  sentAt: row.sent_at?.toISOString() ?? null,
});

@Injectable()
export class TypeormNotificationRepository extends NotificationRepository {
  constructor(private readonly dataSource: DataSource) {
    super();
  }

  async recordOnce(notification: NewNotification, createdAt: Date): Promise<{ id: string; created: boolean }> {
    const inserted = (await this.dataSource.query(
      `INSERT INTO notifications (id, dedupe_key, kind, period, programme_id, recipient, subject, body, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
       ON CONFLICT ON CONSTRAINT notifications_once DO NOTHING RETURNING id`,
      [randomUUID(), notification.dedupeKey, notification.kind, notification.period, notification.programmeId, notification.recipient, notification.subject, notification.body, createdAt],
    )) as { id: string }[];
    if (inserted.length > 0) return { id: inserted[0].id, created: true };
    const existing = (await this.dataSource.query(`SELECT id FROM notifications WHERE dedupe_key = $1`, [notification.dedupeKey])) as { id: string }[];
    return { id: existing[0].id, created: false };
  }

  async findForDelivery(notificationId: string): Promise<NotificationForDelivery | null> {
    const rows = (await this.dataSource.query(`SELECT * FROM notifications WHERE id = $1`, [notificationId])) as NotificationRow[];
    if (rows.length === 0) return null;
    const { createdAt: _createdAt, sentAt: _sentAt, ...notification } = toNotification(rows[0]);
    return notification;
  }

  async markSent(notificationId: string, sentAt: Date, messageId: string): Promise<void> {
    await this.dataSource.query(
      `UPDATE notifications SET status = 'sent', sent_at = $2, message_id = $3, last_error = NULL, attempts = attempts + 1 WHERE id = $1 AND status <> 'sent'`,
      [notificationId, sentAt, messageId],
    );
  }

  async markAttemptFailed(notificationId: string, error: string): Promise<void> {
    await this.dataSource.query(`UPDATE notifications SET last_error = $2, attempts = attempts + 1 WHERE id = $1 AND status <> 'sent'`, [notificationId, error.slice(0, 1000)]);
  }

  async list(filter: { period?: string; kind?: NotificationKind }): Promise<(NotificationForDelivery & { createdAt: string; sentAt: string | null })[]> {
    const rows = (await this.dataSource.query(
      `SELECT * FROM notifications WHERE ($1::text IS NULL OR period = $1) AND ($2::text IS NULL OR kind = $2) ORDER BY period, kind, recipient, dedupe_key`,
      [filter.period ?? null, filter.kind ?? null],
    )) as NotificationRow[];
    return rows.map(toNotification);
  }
}
