import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A programme's milestone names stay unique whatever their case, but are checked when the transaction
 * commits rather than row by row: an import that swaps two milestones' names writes one before the
 * other, and only the end state must hold. Only a constraint can be deferred, and a unique constraint
 * cannot be built on the expression `lower(name)`; an exclusion constraint can.
 */
export class MilestoneNamesAtCommit1764080000000 implements MigrationInterface {
  name = 'MilestoneNamesAtCommit1764080000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX milestones_name_unique`);
    await queryRunner.query(
      `ALTER TABLE milestones ADD CONSTRAINT milestones_name_unique EXCLUDE USING btree (programme_id WITH =, lower(name) WITH =) DEFERRABLE INITIALLY DEFERRED`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE milestones DROP CONSTRAINT milestones_name_unique`);
    await queryRunner.query(`CREATE UNIQUE INDEX milestones_name_unique ON milestones (programme_id, lower(name))`);
  }
}
