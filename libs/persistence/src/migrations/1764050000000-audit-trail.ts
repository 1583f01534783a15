import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The audit trail: every change made through the API, by whom, when, what was asked, and the record before
 * and after. Append-only twice over: the apps' role is granted INSERT and SELECT only (see migrateDatabase),
 * and a trigger refuses UPDATE and DELETE to any session, the owner's included.
 */
export class AuditTrail1764050000000 implements MigrationInterface {
  name = 'AuditTrail1764050000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE audit_events (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        at timestamptz NOT NULL,
        actor text NOT NULL,
        via text NOT NULL CHECK (via IN ('token', 'api-key')),
        request_id text NOT NULL,
        action text NOT NULL,
        target text NOT NULL,
        programme_id uuid,
        request jsonb,
        before jsonb,
        after jsonb
      )`,
    );
    await queryRunner.query(`CREATE INDEX audit_events_programme ON audit_events (programme_id, id) WHERE programme_id IS NOT NULL`);
    await queryRunner.query(
      `CREATE FUNCTION audit_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN
         RAISE EXCEPTION 'audit_events is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
       END $$`,
    );
    await queryRunner.query(`CREATE TRIGGER audit_events_append_only BEFORE UPDATE OR DELETE ON audit_events FOR EACH ROW EXECUTE FUNCTION audit_events_append_only()`);
    await queryRunner.query(`CREATE TRIGGER audit_events_no_truncate BEFORE TRUNCATE ON audit_events FOR EACH STATEMENT EXECUTE FUNCTION audit_events_append_only()`);
    await queryRunner.query(`REVOKE ALL ON audit_events FROM PUBLIC`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE audit_events`);
    await queryRunner.query(`DROP FUNCTION audit_events_append_only()`);
  }
}
