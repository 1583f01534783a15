import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ContactDirectory, DeliveryLog, DigestStore } from '@pmo/application';
import type { AttemptOutcome, Channel, ContactPreference, DeliveryAttempt, DigestItem, EarlierTries } from '@pmo/application';

type AttemptRow = {
  delivery_key: string;
  recipient: string;
  channel: Channel;
  address: string;
  subject: string;
  outcome: AttemptOutcome;
  detail: string;
  attempted_at: Date;
};

type PreferenceRow = { email: string; channel: Channel; address: string | null; daily_digest: boolean; updated_at: Date };

const toPreference = (row: PreferenceRow): ContactPreference => ({
  email: row.email,
  channel: row.channel,
  address: row.address,
  dailyDigest: row.daily_digest,
  updatedAt: row.updated_at.toISOString(),
});

@Injectable()
export class TypeormDeliveryLog extends DeliveryLog {
  constructor(private readonly dataSource: DataSource) {
    super();
  }

  async recordAttempt(attempt: DeliveryAttempt): Promise<void> {
    await this.insert(attempt);
  }

  async beginTry(attempt: Omit<DeliveryAttempt, 'outcome' | 'detail'>): Promise<string> {
    return this.insert({ ...attempt, outcome: 'sending', detail: '' });
  }

  async settle(tryId: string, outcome: Exclude<AttemptOutcome, 'sending' | 'sent-again'>, detail: string): Promise<void> {
    await this.dataSource.query(
      `UPDATE delivery_attempts a SET detail = $3,
         outcome = CASE WHEN $2 = 'sent' AND EXISTS (SELECT 1 FROM delivery_attempts s WHERE s.delivery_key = a.delivery_key AND s.outcome = 'sent') THEN 'sent-again' ELSE $2 END
       WHERE a.id = $1 AND a.outcome IN ('sending', 'interrupted')`,
      [tryId, outcome, detail],
    );
  }

  async earlierTries(deliveryKey: string): Promise<EarlierTries> {
    // One statement: the tries cut short are settled, and the sent one read from the snapshot taken before.
    const [row] = (await this.dataSource.query(
      `WITH cut AS (
         UPDATE delivery_attempts SET outcome = 'interrupted', detail = 'the try stopped before its outcome was recorded: the message may have arrived'
         WHERE delivery_key = $1 AND outcome = 'sending' RETURNING id)
       SELECT (SELECT detail FROM delivery_attempts WHERE delivery_key = $1 AND outcome = 'sent') AS sent, (SELECT count(*)::int FROM cut) AS interrupted`,
      [deliveryKey],
    )) as { sent: string | null; interrupted: number }[];
    return { sentReference: row.sent, interrupted: row.interrupted };
  }

  private async insert(attempt: DeliveryAttempt): Promise<string> {
    const [{ id }] = (await this.dataSource.query(
      `INSERT INTO delivery_attempts (delivery_key, recipient, channel, address, subject, outcome, detail, attempted_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id::text`,
      [attempt.deliveryKey, attempt.recipient, attempt.channel, attempt.address, attempt.subject, attempt.outcome, attempt.detail, attempt.attemptedAt],
    )) as { id: string }[];
    return id;
  }

  async attempts(filter: { recipient?: string; deliveryKey?: string }): Promise<DeliveryAttempt[]> {
    const rows = (await this.dataSource.query(
      `SELECT * FROM delivery_attempts WHERE ($1::text IS NULL OR lower(recipient) = lower($1)) AND ($2::text IS NULL OR delivery_key = $2) ORDER BY attempted_at, id`,
      [filter.recipient ?? null, filter.deliveryKey ?? null],
    )) as AttemptRow[];
    return rows.map((row) => ({
      deliveryKey: row.delivery_key,
      recipient: row.recipient,
      channel: row.channel,
      address: row.address,
      subject: row.subject,
      outcome: row.outcome,
      detail: row.detail,
      attemptedAt: row.attempted_at.toISOString(),
    }));
  }
}

@Injectable()
export class TypeormContactDirectory extends ContactDirectory {
  constructor(private readonly dataSource: DataSource) {
    super();
  }

  async preference(email: string): Promise<ContactPreference | null> {
    const rows = (await this.dataSource.query(`SELECT * FROM contact_preferences WHERE email = lower($1)`, [email])) as PreferenceRow[];
    return rows.length === 0 ? null : toPreference(rows[0]);
  }

  async savePreference(preference: Omit<ContactPreference, 'updatedAt'>, updatedAt: Date): Promise<ContactPreference> {
    const rows = (await this.dataSource.query(
      `INSERT INTO contact_preferences (email, channel, address, daily_digest, updated_at) VALUES (lower($1), $2, $3, $4, $5)
       ON CONFLICT (email) DO UPDATE SET channel = EXCLUDED.channel, address = EXCLUDED.address, daily_digest = EXCLUDED.daily_digest, updated_at = EXCLUDED.updated_at RETURNING *`,
      [preference.email, preference.channel, preference.address, preference.dailyDigest, updatedAt],
    )) as PreferenceRow[];
    return toPreference(rows[0]);
  }
}

type DigestRow = { delivery_key: string; recipient: string; subject: string; body: string; held_at: Date };

@Injectable()
export class TypeormDigestStore extends DigestStore {
  constructor(private readonly dataSource: DataSource) {
    super();
  }

  async hold(item: DigestItem): Promise<boolean> {
    const inserted = (await this.dataSource.query(
      `INSERT INTO digest_items (recipient, delivery_key, subject, body, held_at) VALUES ($1, $2, $3, $4, $5) ON CONFLICT ON CONSTRAINT digest_items_once DO NOTHING RETURNING id`,
      [item.recipient, item.deliveryKey, item.subject, item.body, item.heldAt],
    )) as unknown[];
    return inserted.length > 0;
  }

  async waitingBefore(instant: Date): Promise<Map<string, DigestItem[]>> {
    const rows = (await this.dataSource.query(`SELECT * FROM digest_items WHERE digest_key IS NULL AND held_at <= $1 ORDER BY recipient, held_at, id`, [instant])) as DigestRow[];
    const waiting = new Map<string, DigestItem[]>();
    for (const row of rows) {
      const item = { deliveryKey: row.delivery_key, recipient: row.recipient, subject: row.subject, body: row.body, heldAt: row.held_at.toISOString() };
      waiting.set(row.recipient, [...(waiting.get(row.recipient) ?? []), item]);
    }
    return waiting;
  }

  async markDigested(deliveryKeys: string[], digestKey: string): Promise<void> {
    await this.dataSource.query(`UPDATE digest_items SET digest_key = $2 WHERE delivery_key = ANY($1::text[]) AND digest_key IS NULL`, [deliveryKeys, digestKey]);
  }
}
