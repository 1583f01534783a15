import type { MigrationInterface, QueryRunner } from 'typeorm';

/** A programme Red at two month ends running is escalated to its SRO and PMO: a notification of its own kind. */
export class ProgrammeRedNotifications1764010000000 implements MigrationInterface {
  name = 'ProgrammeRedNotifications1764010000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE notifications DROP CONSTRAINT notifications_kind_check`);
    await queryRunner.query(
      `ALTER TABLE notifications ADD CONSTRAINT notifications_kind_check CHECK (kind IN ('update-reminder', 'update-escalation', 'return-reminder', 'return-escalation', 'programme-red'))`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DELETE FROM notifications WHERE kind = 'programme-red'`);
    await queryRunner.query(`ALTER TABLE notifications DROP CONSTRAINT notifications_kind_check`);
    await queryRunner.query(`ALTER TABLE notifications ADD CONSTRAINT notifications_kind_check CHECK (kind IN ('update-reminder', 'update-escalation', 'return-reminder', 'return-escalation'))`);
  }
}
