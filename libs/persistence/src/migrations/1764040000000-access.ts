import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Who may do what where: roles granted to people at organisations, and API keys kept as hashes. */
export class Access1764040000000 implements MigrationInterface {
  name = 'Access1764040000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const role = `role text NOT NULL CHECK (role IN ('admin', 'pmo', 'programme_manager', 'lead', 'viewer', 'nhse_assessor'))`;
    await queryRunner.query(
      `CREATE TABLE access_grants (
        id uuid PRIMARY KEY,
        email text NOT NULL CHECK (email = lower(email)),
        ${role},
        organisation text NOT NULL,
        granted_by text NOT NULL,
        granted_at timestamptz NOT NULL,
        revoked_at timestamptz
      )`,
    );
    // One live grant of a role at an organisation per person: granting it again is a conflict, not a twin.
    await queryRunner.query(`CREATE UNIQUE INDEX access_grants_live ON access_grants (email, role, organisation) WHERE revoked_at IS NULL`);
    await queryRunner.query(
      `CREATE TABLE api_keys (
        id uuid PRIMARY KEY,
        name text NOT NULL,
        secret_sha256 text NOT NULL CHECK (secret_sha256 ~ '^[0-9a-f]{64}$'),
        ${role},
        organisation text NOT NULL,
        created_by text NOT NULL,
        created_at timestamptz NOT NULL,
        revoked_at timestamptz
      )`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX api_keys_live_name ON api_keys (name) WHERE revoked_at IS NULL`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE api_keys`);
    await queryRunner.query(`DROP TABLE access_grants`);
  }
}
