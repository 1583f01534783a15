import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Organisations as NHS England's ODS files publish them: the days each opened and closed, so that a closed
 * practice keeps its history and drops out of counts after it closes. List sizes come from separate files
 * (registered patients from NHS Digital, weighted populations from the ICB's own), so either may be missing
 * for a day, but not both.
 */
export class PublishedOrganisations1764090000000 implements MigrationInterface {
  name = 'PublishedOrganisations1764090000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE organisations ADD COLUMN opened_on date, ADD COLUMN closed_on date, ADD CONSTRAINT organisations_open CHECK (closed_on >= opened_on)`,
    );
    await queryRunner.query(
      `ALTER TABLE practice_populations
        ALTER COLUMN registered_list_size DROP NOT NULL,
        ALTER COLUMN weighted_population DROP NOT NULL,
        ADD CONSTRAINT practice_populations_figure CHECK (registered_list_size IS NOT NULL OR weighted_population IS NOT NULL)`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DELETE FROM practice_populations WHERE registered_list_size IS NULL OR weighted_population IS NULL`);
    await queryRunner.query(
      `ALTER TABLE practice_populations DROP CONSTRAINT practice_populations_figure,
        ALTER COLUMN registered_list_size SET NOT NULL, ALTER COLUMN weighted_population SET NOT NULL`,
    );
    await queryRunner.query(`ALTER TABLE organisations DROP CONSTRAINT organisations_open, DROP COLUMN opened_on, DROP COLUMN closed_on`);
  }
}
