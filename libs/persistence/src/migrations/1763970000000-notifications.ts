import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The month-end cycle's reminders and escalations: each recorded once under its dedupe key, then sent once. */
export class Notifications1763970000000 implements MigrationInterface {
  name = 'Notifications1763970000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE notifications (
        id uuid PRIMARY KEY,
        dedupe_key text NOT NULL CONSTRAINT notifications_once UNIQUE CHECK (dedupe_key ~ '^[A-Za-z0-9@._+-]+$'),
        kind text NOT NULL CHECK (kind IN ('update-reminder', 'update-escalation', 'return-reminder', 'return-escalation')),
        period text NOT NULL CHECK (period ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
        programme_id uuid REFERENCES programmes (id) ON DELETE CASCADE,
        recipient text NOT NULL,
        subject text NOT NULL,
        body text NOT NULL,
        status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sent')),
        attempts integer NOT NULL DEFAULT 0,
        last_error text,
        message_id text,
        created_at timestamptz NOT NULL,
        sent_at timestamptz,
        CONSTRAINT notifications_sent CHECK ((status = 'sent') = (sent_at IS NOT NULL))
      )`);
    await queryRunner.query(`CREATE INDEX notifications_period ON notifications (period, kind)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE notifications`);
  }
}
