import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Reports in HTML as well as Markdown (a PDF is printed from the HTML when asked for), about an organisation or the whole portfolio as well as a
 * programme; and the NHS England monthly return, in versions, with its sign-off.
 */
export class MonthlyReturns1763960000000 implements MigrationInterface {
  name = 'MonthlyReturns1763960000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE reports DROP CONSTRAINT reports_once`);
    await queryRunner.query(`ALTER TABLE reports DROP CONSTRAINT reports_kind_check, DROP CONSTRAINT reports_format_check`);
    await queryRunner.query(`ALTER TABLE reports ALTER COLUMN programme_id DROP NOT NULL, ADD COLUMN organisation_ods_code text REFERENCES organisations (ods_code)`);
    await queryRunner.query(`
      ALTER TABLE reports
        ADD CONSTRAINT reports_kind_check CHECK (kind IN ('highlight-report', 'portfolio-summary', 'monthly-update-paper')),
        ADD CONSTRAINT reports_format_check CHECK (format IN ('markdown', 'html')),
        ADD CONSTRAINT reports_subject CHECK (
          (kind = 'highlight-report' AND programme_id IS NOT NULL AND organisation_ods_code IS NULL)
          OR (kind = 'monthly-update-paper' AND programme_id IS NULL AND organisation_ods_code IS NOT NULL)
          OR (kind = 'portfolio-summary' AND programme_id IS NULL AND organisation_ods_code IS NULL))`);
    await queryRunner.query(`
      CREATE UNIQUE INDEX reports_once ON reports (period, kind, format, (coalesce(programme_id::text, '')), (coalesce(organisation_ods_code, '')))`);
    await queryRunner.query(`
      CREATE TABLE monthly_returns (
        id uuid PRIMARY KEY,
        period text NOT NULL CHECK (period ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
        version integer NOT NULL CHECK (version >= 1),
        status text NOT NULL CHECK (status IN ('draft', 'reviewed', 'approved', 'submitted', 'superseded')),
        as_at timestamptz NOT NULL,
        row_count integer NOT NULL CHECK (row_count >= 0),
        csv text NOT NULL,
        xlsx bytea NOT NULL,
        sha256 text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
        reason text CHECK (reason IS NULL OR length(trim(reason)) > 0),
        created_at timestamptz NOT NULL,
        reviewed_by text,
        reviewed_at timestamptz,
        approved_by text,
        approved_at timestamptz,
        submitted_by text,
        submitted_at timestamptz,
        CONSTRAINT monthly_returns_version UNIQUE (period, version),
        CONSTRAINT monthly_returns_correction_reason CHECK ((version = 1) = (reason IS NULL)),
        CONSTRAINT monthly_returns_reviewed CHECK ((reviewed_by IS NULL) = (reviewed_at IS NULL)),
        CONSTRAINT monthly_returns_approved CHECK ((approved_by IS NULL) = (approved_at IS NULL) AND (approved_by IS NULL OR reviewed_by IS NOT NULL)),
        CONSTRAINT monthly_returns_submitted CHECK ((submitted_by IS NULL) = (submitted_at IS NULL) AND (submitted_by IS NULL OR approved_by IS NOT NULL)),
        CONSTRAINT monthly_returns_signed_as_status CHECK (
          (status <> 'submitted' OR submitted_by IS NOT NULL)
          AND (status <> 'approved' OR (approved_by IS NOT NULL AND submitted_by IS NULL))
          AND (status <> 'reviewed' OR (reviewed_by IS NOT NULL AND approved_by IS NULL))
          AND (status <> 'draft' OR reviewed_by IS NULL))
      )`);
    // A submitted return is what NHS England holds: the database refuses to change it, whatever the caller.
    await queryRunner.query(`
      CREATE FUNCTION monthly_returns_keep_submitted() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'monthly return % version % is submitted and never changes', OLD.period, OLD.version USING ERRCODE = 'check_violation';
      END $$`);
    await queryRunner.query(`
      CREATE TRIGGER monthly_returns_submitted_never_change BEFORE UPDATE OR DELETE ON monthly_returns
        FOR EACH ROW WHEN (OLD.status = 'submitted') EXECUTE FUNCTION monthly_returns_keep_submitted()`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE monthly_returns`);
    await queryRunner.query(`DROP FUNCTION monthly_returns_keep_submitted()`);
    await queryRunner.query(`DELETE FROM reports WHERE kind <> 'highlight-report' OR format <> 'markdown'`);
    await queryRunner.query(`DROP INDEX reports_once`);
    await queryRunner.query(`ALTER TABLE reports DROP CONSTRAINT reports_subject, DROP CONSTRAINT reports_kind_check, DROP CONSTRAINT reports_format_check, DROP COLUMN organisation_ods_code`);
    await queryRunner.query(`
      ALTER TABLE reports ALTER COLUMN programme_id SET NOT NULL,
        ADD CONSTRAINT reports_kind_check CHECK (kind IN ('highlight-report')),
        ADD CONSTRAINT reports_format_check CHECK (format IN ('markdown')),
        ADD CONSTRAINT reports_once UNIQUE (programme_id, period, kind, format)`);
  }
}
