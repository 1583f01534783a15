import type { MigrationInterface, QueryRunner } from 'typeorm';

/** An acknowledgement by the signed link in a message is a change by its recipient, audited as such. */
export class AuditSignedLinks1764060000000 implements MigrationInterface {
  name = 'AuditSignedLinks1764060000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE audit_events DROP CONSTRAINT audit_events_via_check`);
    await queryRunner.query(`ALTER TABLE audit_events ADD CONSTRAINT audit_events_via_check CHECK (via IN ('token', 'api-key', 'signed-link'))`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    // Events are never removed: going back leaves the wider check in place.
    await queryRunner.query(`SELECT 1`);
  }
}
