import type { MigrationInterface, QueryRunner } from 'typeorm';

export class ProgrammesMilestonesEscalations1763900000000 implements MigrationInterface {
  name = 'ProgrammesMilestonesEscalations1763900000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE programmes (
        id uuid PRIMARY KEY,
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
        lead_email text NOT NULL,
        created_at timestamptz NOT NULL
      )`);
    await queryRunner.query(`
      CREATE TABLE milestones (
        id uuid PRIMARY KEY,
        programme_id uuid NOT NULL REFERENCES programmes (id) ON DELETE CASCADE,
        position integer NOT NULL CHECK (position >= 0),
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
        owner_email text NOT NULL,
        due_at timestamptz NOT NULL,
        completed_at timestamptz,
        CONSTRAINT milestones_position_unique UNIQUE (programme_id, position)
      )`);
    await queryRunner.query(`CREATE UNIQUE INDEX milestones_name_unique ON milestones (programme_id, lower(name))`);
    await queryRunner.query(`
      CREATE TABLE escalations (
        id uuid PRIMARY KEY,
        programme_id uuid NOT NULL REFERENCES programmes (id) ON DELETE CASCADE,
        milestone_id uuid NOT NULL REFERENCES milestones (id) ON DELETE CASCADE,
        rung integer NOT NULL CHECK (rung >= 1),
        channel text NOT NULL CHECK (channel IN ('email')),
        recipient text NOT NULL,
        status text NOT NULL CHECK (status IN ('queued', 'sent', 'failed')),
        queued_at timestamptz NOT NULL,
        sent_at timestamptz,
        attempts integer NOT NULL DEFAULT 0 CHECK (attempts >= 0),
        last_error text,
        message_id text,
        -- a cause escalates once per rung, recipient and channel, however often it is raised
        CONSTRAINT escalations_once UNIQUE (milestone_id, rung, channel, recipient)
      )`);
    await queryRunner.query(`CREATE INDEX escalations_programme ON escalations (programme_id)`);
    await queryRunner.query(`
      CREATE TABLE programme_events (
        id bigserial PRIMARY KEY,
        programme_id uuid NOT NULL REFERENCES programmes (id) ON DELETE CASCADE,
        type text NOT NULL,
        payload jsonb NOT NULL,
        recorded_at timestamptz NOT NULL
      )`);
    await queryRunner.query(`CREATE INDEX programme_events_programme ON programme_events (programme_id, id)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE programme_events`);
    await queryRunner.query(`DROP TABLE escalations`);
    await queryRunner.query(`DROP TABLE milestones`);
    await queryRunner.query(`DROP TABLE programmes`);
  }
}
