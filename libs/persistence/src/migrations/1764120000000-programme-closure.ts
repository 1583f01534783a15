import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A programme closed (completed or stopped, on a day, with a reason) and then archived out of the portfolio and
 * the month end; reopening clears both. Nothing is deleted: the record and its history stay.
 */
export class ProgrammeClosure1764120000000 implements MigrationInterface {
  name = 'ProgrammeClosure1764120000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE programmes
        ADD COLUMN closed_as text CHECK (closed_as IN ('completed', 'stopped')),
        ADD COLUMN closed_on date,
        ADD COLUMN closed_reason text CHECK (length(closed_reason) BETWEEN 1 AND 2000),
        ADD COLUMN archived boolean NOT NULL DEFAULT false,
        ADD CONSTRAINT programmes_closure CHECK (
          (closed_as IS NULL) = (closed_on IS NULL) AND (closed_as IS NULL) = (closed_reason IS NULL) AND (NOT archived OR closed_as IS NOT NULL))`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE programmes DROP CONSTRAINT programmes_closure, DROP COLUMN closed_as, DROP COLUMN closed_on, DROP COLUMN closed_reason, DROP COLUMN archived`,
    );
  }
}
