import type { MigrationInterface, QueryRunner } from 'typeorm';

/** When each member of a phased rollout went live: the PhaseRolloutWorkflow tracks these. */
export class PhaseGoLives1763930000000 implements MigrationInterface {
  name = 'PhaseGoLives1763930000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE phase_members ADD COLUMN went_live_on date`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE phase_members DROP COLUMN went_live_on`);
  }
}
