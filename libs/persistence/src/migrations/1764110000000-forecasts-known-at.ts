import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * When each forecast was known, apart from when it was entered: a programme brought in mid-life records its past
 * forecasts on the days they were made, after the plan itself was entered. Null is the plan's own first forecast,
 * in force whenever a view looks before any other was known.
 */
export class ForecastsKnownAt1764110000000 implements MigrationInterface {
  name = 'ForecastsKnownAt1764110000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE milestone_forecasts ADD COLUMN known_at timestamptz`);
    await queryRunner.query(
      `UPDATE milestone_forecasts f SET known_at = f.recorded_at
       WHERE f.recorded_at > (SELECT min(g.recorded_at) FROM milestone_forecasts g WHERE g.milestone_id = f.milestone_id)`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE milestone_forecasts DROP COLUMN known_at`);
  }
}
