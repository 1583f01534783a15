import type { MigrationInterface, QueryRunner } from 'typeorm';

/** A programme's own escalation ladder for overdue milestones, when it does not use the default. */
export class EscalationLadders1763990000000 implements MigrationInterface {
  name = 'EscalationLadders1763990000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE escalation_ladders (
        programme_id uuid PRIMARY KEY REFERENCES programmes (id) ON DELETE CASCADE,
        ladder jsonb NOT NULL CHECK (jsonb_typeof(ladder) = 'array' AND jsonb_array_length(ladder) BETWEEN 1 AND 6),
        set_by text NOT NULL,
        set_at timestamptz NOT NULL
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE escalation_ladders`);
  }
}
