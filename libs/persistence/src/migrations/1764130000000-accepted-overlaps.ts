import type { MigrationInterface, QueryRunner } from 'typeorm';

/** A milestone the programme accepts may be baselined to finish before one of its predecessors does. */
export class AcceptedOverlaps1764130000000 implements MigrationInterface {
  name = 'AcceptedOverlaps1764130000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE milestones ADD COLUMN accepted_overlap boolean NOT NULL DEFAULT false`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE milestones DROP COLUMN accepted_overlap`);
  }
}
