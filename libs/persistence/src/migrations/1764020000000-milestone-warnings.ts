import type { MigrationInterface, QueryRunner } from 'typeorm';

/** A milestone's owner is warned once before it falls due: a notification of its own kind. */
export class MilestoneWarnings1764020000000 implements MigrationInterface {
  name = 'MilestoneWarnings1764020000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE notifications DROP CONSTRAINT notifications_kind_check`);
    await queryRunner.query(
      `ALTER TABLE notifications ADD CONSTRAINT notifications_kind_check CHECK (kind IN ('update-reminder', 'update-escalation', 'return-reminder', 'return-escalation', 'programme-red', 'milestone-warning'))`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DELETE FROM notifications WHERE kind = 'milestone-warning'`);
    await queryRunner.query(`ALTER TABLE notifications DROP CONSTRAINT notifications_kind_check`);
    await queryRunner.query(
      `ALTER TABLE notifications ADD CONSTRAINT notifications_kind_check CHECK (kind IN ('update-reminder', 'update-escalation', 'return-reminder', 'return-escalation', 'programme-red'))`,
    );
  }
}
