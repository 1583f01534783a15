import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Every forecast a milestone has had, so that its status as at a past instant uses the forecast then in force. */
export class MilestoneForecasts1763940000000 implements MigrationInterface {
  name = 'MilestoneForecasts1763940000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE milestone_forecasts (
        milestone_id uuid NOT NULL REFERENCES milestones (id) ON DELETE CASCADE,
        recorded_at timestamptz NOT NULL,
        forecast_date date NOT NULL,
        due_at timestamptz NOT NULL,
        PRIMARY KEY (milestone_id, recorded_at)
      )`);
    await queryRunner.query(`
      INSERT INTO milestone_forecasts (milestone_id, recorded_at, forecast_date, due_at)
      SELECT m.id, p.created_at, m.forecast_date, m.due_at FROM milestones m JOIN programmes p ON p.id = m.programme_id`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE milestone_forecasts`);
  }
}
