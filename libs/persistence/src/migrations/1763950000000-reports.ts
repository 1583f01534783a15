import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Reports as made at month end, with a checksum: one per programme, period and format, never made twice. */
export class Reports1763950000000 implements MigrationInterface {
  name = 'Reports1763950000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE reports (
        id uuid PRIMARY KEY,
        programme_id uuid NOT NULL REFERENCES programmes (id) ON DELETE CASCADE,
        period text NOT NULL CHECK (period ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
        kind text NOT NULL CHECK (kind IN ('highlight-report')),
        format text NOT NULL CHECK (format IN ('markdown')),
        content text NOT NULL,
        sha256 text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
        created_at timestamptz NOT NULL,
        CONSTRAINT reports_once UNIQUE (programme_id, period, kind, format)
      )`);
    await queryRunner.query(`CREATE INDEX reports_period ON reports (period)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE reports`);
  }
}
