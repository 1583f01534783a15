import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The programme manager: the person who records the monthly update, reminded before the lead hears it is missing. */
export class ProgrammeManagers1764030000000 implements MigrationInterface {
  name = 'ProgrammeManagers1764030000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE programmes ADD COLUMN manager_email text`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE programmes DROP COLUMN manager_email`);
  }
}
