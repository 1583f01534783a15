import type { MigrationInterface, QueryRunner } from 'typeorm';

/** How each person is reached, and every attempt at reaching them: who was told what, when, and how. */
export class DeliveryLog1763980000000 implements MigrationInterface {
  name = 'DeliveryLog1763980000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE contact_preferences (
        email text PRIMARY KEY CHECK (email = lower(email)),
        channel text NOT NULL CHECK (channel IN ('email', 'teams', 'webhook')),
        address text CHECK (address ~ '^https?://'),
        updated_at timestamptz NOT NULL,
        CONSTRAINT contact_preferences_address CHECK ((channel = 'email') = (address IS NULL))
      )`);
    await queryRunner.query(`
      CREATE TABLE delivery_attempts (
        id bigserial PRIMARY KEY,
        delivery_key text NOT NULL,
        recipient text NOT NULL,
        channel text NOT NULL CHECK (channel IN ('email', 'teams', 'webhook')),
        address text NOT NULL,
        subject text NOT NULL,
        outcome text NOT NULL CHECK (outcome IN ('sent', 'failed', 'failed-permanently')),
        detail text NOT NULL,
        attempted_at timestamptz NOT NULL
      )`);
    // The unique key of exactly once: however a delivery is retried, one attempt of it is ever logged as sent.
    await queryRunner.query(`CREATE UNIQUE INDEX delivery_attempts_sent_once ON delivery_attempts (delivery_key) WHERE outcome = 'sent'`);
    await queryRunner.query(`CREATE INDEX delivery_attempts_recipient ON delivery_attempts (lower(recipient), attempted_at)`);
    await queryRunner.query(`CREATE INDEX delivery_attempts_key ON delivery_attempts (delivery_key)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE delivery_attempts`);
    await queryRunner.query(`DROP TABLE contact_preferences`);
  }
}
