import type { MigrationInterface, QueryRunner } from 'typeorm';

/** People who take a daily digest instead of each message, and the messages held for their next one. */
export class DailyDigests1764000000000 implements MigrationInterface {
  name = 'DailyDigests1764000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE contact_preferences ADD COLUMN daily_digest boolean NOT NULL DEFAULT false`);
    await queryRunner.query(`ALTER TABLE delivery_attempts DROP CONSTRAINT delivery_attempts_outcome_check`);
    await queryRunner.query(`ALTER TABLE delivery_attempts ADD CONSTRAINT delivery_attempts_outcome_check CHECK (outcome IN ('sent', 'failed', 'failed-permanently', 'held-for-digest'))`);
    await queryRunner.query(`
      CREATE TABLE digest_items (
        id bigserial PRIMARY KEY,
        recipient text NOT NULL CHECK (recipient = lower(recipient)),
        delivery_key text NOT NULL CONSTRAINT digest_items_once UNIQUE,
        subject text NOT NULL,
        body text NOT NULL,
        held_at timestamptz NOT NULL,
        digest_key text
      )`);
    await queryRunner.query(`CREATE INDEX digest_items_waiting ON digest_items (recipient, held_at) WHERE digest_key IS NULL`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE digest_items`);
    await queryRunner.query(`DELETE FROM delivery_attempts WHERE outcome = 'held-for-digest'`);
    await queryRunner.query(`ALTER TABLE delivery_attempts DROP CONSTRAINT delivery_attempts_outcome_check`);
    await queryRunner.query(`ALTER TABLE delivery_attempts ADD CONSTRAINT delivery_attempts_outcome_check CHECK (outcome IN ('sent', 'failed', 'failed-permanently'))`);
    await queryRunner.query(`ALTER TABLE contact_preferences DROP COLUMN daily_digest`);
  }
}
