import type { MigrationInterface, QueryRunner } from 'typeorm';

/** What the status rules read besides the plan: owners' confirmations, rule settings and a DCA override. */
export class AssessmentRules1763920000000 implements MigrationInterface {
  name = 'AssessmentRules1763920000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE milestones ADD COLUMN confirmed_at timestamptz`);
    await queryRunner.query(`ALTER TABLE programmes
      ADD COLUMN warning_working_days integer NOT NULL DEFAULT 5 CHECK (warning_working_days >= 0),
      ADD COLUMN data_deadline_working_days integer NOT NULL DEFAULT 5 CHECK (data_deadline_working_days >= 0),
      ADD COLUMN no_data_red_working_days integer NOT NULL DEFAULT 10,
      ADD COLUMN roll_up text NOT NULL DEFAULT 'worst-of' CHECK (roll_up IN ('worst-of', 'milestones-only')),
      ADD COLUMN confidence_override text CHECK (confidence_override IN ('Green', 'Amber/Green', 'Amber', 'Amber/Red', 'Red')),
      ADD COLUMN confidence_override_reason text,
      ADD COLUMN confidence_override_by text,
      ADD COLUMN confidence_override_expires_on date,
      ADD CONSTRAINT programmes_no_data_deadlines CHECK (no_data_red_working_days > data_deadline_working_days),
      -- an override always carries its reason, who set it and when it lapses
      ADD CONSTRAINT programmes_confidence_override CHECK (
        (confidence_override IS NULL AND confidence_override_reason IS NULL AND confidence_override_by IS NULL AND confidence_override_expires_on IS NULL)
        OR (confidence_override IS NOT NULL AND confidence_override_reason IS NOT NULL AND confidence_override_by IS NOT NULL AND confidence_override_expires_on IS NOT NULL))`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE programmes DROP CONSTRAINT programmes_confidence_override, DROP CONSTRAINT programmes_no_data_deadlines,
      DROP COLUMN warning_working_days, DROP COLUMN data_deadline_working_days, DROP COLUMN no_data_red_working_days, DROP COLUMN roll_up,
      DROP COLUMN confidence_override, DROP COLUMN confidence_override_reason, DROP COLUMN confidence_override_by, DROP COLUMN confidence_override_expires_on`);
    await queryRunner.query(`ALTER TABLE milestones DROP COLUMN confirmed_at`);
  }
}
