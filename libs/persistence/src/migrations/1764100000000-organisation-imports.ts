import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * An organisation import an admin uploaded and previewed, kept until they confirm it: the files themselves
 * (so that the confirmation reads exactly what was previewed), what the preview reported, and, once confirmed,
 * who confirmed it and what it changed. A confirmed import is never confirmed twice.
 */
export class OrganisationImports1764100000000 implements MigrationInterface {
  name = 'OrganisationImports1764100000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE organisation_imports (
        id uuid PRIMARY KEY,
        files jsonb NOT NULL,
        preview jsonb NOT NULL,
        requested_by text NOT NULL,
        requested_at timestamptz NOT NULL,
        confirmed_by text,
        confirmed_at timestamptz,
        outcome jsonb,
        CONSTRAINT organisation_imports_confirmed CHECK ((confirmed_at IS NULL) = (confirmed_by IS NULL) AND (confirmed_at IS NULL) = (outcome IS NULL))
      )`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE organisation_imports`);
  }
}
