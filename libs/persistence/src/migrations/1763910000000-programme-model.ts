import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The programme model: organisations with their list sizes over time; programmes with their GPFV area,
 * people, dates and tolerances; phases, milestones with baselines and predecessors, trajectories with
 * plans and per-organisation actuals, RAID, funding lines and monthly updates.
 */
export class ProgrammeModel1763910000000 implements MigrationInterface {
  name = 'ProgrammeModel1763910000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const statements = [
      `CREATE TABLE organisations (
        ods_code text PRIMARY KEY CHECK (ods_code ~ '^[A-Z0-9]{3,10}$'),
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
        kind text NOT NULL CHECK (kind IN ('region', 'icb', 'ccg', 'cluster', 'transformation-area', 'locality', 'pcn', 'practice')),
        parent_ods_code text REFERENCES organisations (ods_code),
        synthetic boolean NOT NULL DEFAULT false,
        -- only regions are roots; nothing is its own parent
        CONSTRAINT organisations_parent CHECK ((kind = 'region') = (parent_ods_code IS NULL) AND parent_ods_code IS DISTINCT FROM ods_code)
      )`,
      `CREATE INDEX organisations_parent_index ON organisations (parent_ods_code)`,
      `CREATE TABLE practice_populations (
        ods_code text NOT NULL REFERENCES organisations (ods_code) ON DELETE CASCADE,
        as_at date NOT NULL,
        registered_list_size integer NOT NULL CHECK (registered_list_size > 0),
        weighted_population integer NOT NULL CHECK (weighted_population > 0),
        PRIMARY KEY (ods_code, as_at)
      )`,
      `ALTER TABLE programmes
        ADD COLUMN gpfv_area text CHECK (gpfv_area IN ('improving-access', 'care-redesign', 'investment', 'workforce', 'workload', 'practice-infrastructure')),
        ADD COLUMN organisation_ods_code text REFERENCES organisations (ods_code),
        ADD COLUMN sro_email text,
        ADD COLUMN start_date date,
        ADD COLUMN end_date date,
        ADD COLUMN amber_slip_working_days integer NOT NULL DEFAULT 5 CHECK (amber_slip_working_days >= 0),
        ADD COLUMN red_slip_working_days integer NOT NULL DEFAULT 15,
        ADD COLUMN amber_below_plan_percent numeric(5, 2) NOT NULL DEFAULT 5 CHECK (amber_below_plan_percent BETWEEN 0 AND 100),
        ADD COLUMN red_below_plan_percent numeric(5, 2) NOT NULL DEFAULT 15 CHECK (red_below_plan_percent BETWEEN 0 AND 100),
        ADD COLUMN template_id text,
        ADD COLUMN template_version integer,
        ADD CONSTRAINT programmes_dates CHECK (end_date >= start_date),
        ADD CONSTRAINT programmes_slip_tolerances CHECK (red_slip_working_days > amber_slip_working_days),
        ADD CONSTRAINT programmes_plan_tolerances CHECK (red_below_plan_percent > amber_below_plan_percent),
        ADD CONSTRAINT programmes_template CHECK ((template_id IS NULL) = (template_version IS NULL))`,
      `UPDATE programmes p SET
        start_date = (SELECT min(due_at AT TIME ZONE 'Europe/London')::date FROM milestones m WHERE m.programme_id = p.id),
        end_date = (SELECT max(due_at AT TIME ZONE 'Europe/London')::date FROM milestones m WHERE m.programme_id = p.id)`,
      `ALTER TABLE programmes ALTER COLUMN start_date SET NOT NULL, ALTER COLUMN end_date SET NOT NULL`,
      `CREATE TABLE programme_contacts (
        programme_id uuid NOT NULL REFERENCES programmes (id) ON DELETE CASCADE,
        role text NOT NULL CHECK (role IN ('pmo')),
        email text NOT NULL,
        PRIMARY KEY (programme_id, role, email)
      )`,
      `CREATE TABLE phases (
        id uuid PRIMARY KEY,
        programme_id uuid NOT NULL REFERENCES programmes (id) ON DELETE CASCADE,
        ref text NOT NULL,
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
        position integer NOT NULL,
        CONSTRAINT phases_ref_unique UNIQUE (programme_id, ref),
        CONSTRAINT phases_programme_id_unique UNIQUE (programme_id, id)
      )`,
      `CREATE TABLE phase_members (
        phase_id uuid NOT NULL REFERENCES phases (id) ON DELETE CASCADE,
        ods_code text NOT NULL REFERENCES organisations (ods_code),
        PRIMARY KEY (phase_id, ods_code)
      )`,
      `ALTER TABLE milestones
        ADD COLUMN ref text,
        ADD COLUMN kind text NOT NULL DEFAULT 'delivery' CHECK (kind IN ('delivery', 'governance-gate', 'decision')),
        ADD COLUMN baseline_date date,
        ADD COLUMN forecast_date date,
        ADD COLUMN actual_date date,
        ADD COLUMN phase_id uuid,
        ADD COLUMN evidence text CHECK (length(evidence) <= 2000)`,
      `UPDATE milestones SET
        ref = 'M' || lpad((position + 1)::text, 2, '0'),
        baseline_date = (due_at AT TIME ZONE 'Europe/London')::date,
        forecast_date = (due_at AT TIME ZONE 'Europe/London')::date,
        actual_date = (completed_at AT TIME ZONE 'Europe/London')::date`,
      `ALTER TABLE milestones
        ALTER COLUMN ref SET NOT NULL,
        ALTER COLUMN baseline_date SET NOT NULL,
        ALTER COLUMN forecast_date SET NOT NULL,
        ADD CONSTRAINT milestones_ref_unique UNIQUE (programme_id, ref),
        ADD CONSTRAINT milestones_programme_id_unique UNIQUE (programme_id, id),
        -- a phase of the milestone's own programme
        ADD CONSTRAINT milestones_phase FOREIGN KEY (programme_id, phase_id) REFERENCES phases (programme_id, id),
        ADD CONSTRAINT milestones_actual CHECK ((completed_at IS NULL) = (actual_date IS NULL))`,
      `CREATE TABLE milestone_baselines (
        milestone_id uuid NOT NULL REFERENCES milestones (id) ON DELETE CASCADE,
        version integer NOT NULL CHECK (version >= 1),
        baseline_date date NOT NULL,
        reason text CHECK (length(reason) <= 2000),
        approved_by text,
        recorded_at timestamptz NOT NULL,
        PRIMARY KEY (milestone_id, version),
        -- the first baseline is the plan; every later one needs a reason and an approver
        CONSTRAINT milestone_baselines_approval CHECK (version = 1 OR (reason IS NOT NULL AND approved_by IS NOT NULL))
      )`,
      `INSERT INTO milestone_baselines (milestone_id, version, baseline_date, recorded_at)
        SELECT m.id, 1, m.baseline_date, p.created_at FROM milestones m JOIN programmes p ON p.id = m.programme_id`,
      `CREATE TABLE milestone_predecessors (
        programme_id uuid NOT NULL,
        milestone_id uuid NOT NULL,
        predecessor_id uuid NOT NULL,
        PRIMARY KEY (milestone_id, predecessor_id),
        -- finish-to-start within one programme
        FOREIGN KEY (programme_id, milestone_id) REFERENCES milestones (programme_id, id) ON DELETE CASCADE,
        FOREIGN KEY (programme_id, predecessor_id) REFERENCES milestones (programme_id, id) ON DELETE CASCADE,
        CHECK (milestone_id <> predecessor_id)
      )`,
      `CREATE TABLE trajectories (
        id uuid PRIMARY KEY,
        programme_id uuid NOT NULL REFERENCES programmes (id) ON DELETE CASCADE,
        ref text NOT NULL,
        metric text NOT NULL CHECK (metric ~ '^[a-z0-9-]{3,80}$'),
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
        unit text NOT NULL CHECK (length(unit) BETWEEN 1 AND 40),
        basis text NOT NULL CHECK (basis IN ('practices-count', 'practices-percent', 'registered-population-percent', 'weighted-population-percent', 'wte', 'money-pence')),
        CONSTRAINT trajectories_ref_unique UNIQUE (programme_id, ref)
      )`,
      `CREATE TABLE trajectory_plan (
        trajectory_id uuid NOT NULL REFERENCES trajectories (id) ON DELETE CASCADE,
        month text NOT NULL CHECK (month ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
        planned_value numeric(16, 4) NOT NULL CHECK (planned_value >= 0),
        PRIMARY KEY (trajectory_id, month)
      )`,
      `CREATE TABLE trajectory_actuals (
        trajectory_id uuid NOT NULL REFERENCES trajectories (id) ON DELETE CASCADE,
        month text NOT NULL CHECK (month ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
        ods_code text NOT NULL REFERENCES organisations (ods_code),
        value numeric(16, 4) NOT NULL CHECK (value >= 0),
        recorded_at timestamptz NOT NULL,
        PRIMARY KEY (trajectory_id, month, ods_code)
      )`,
      `CREATE TABLE raid_items (
        id uuid PRIMARY KEY,
        programme_id uuid NOT NULL REFERENCES programmes (id) ON DELETE CASCADE,
        ref text NOT NULL,
        type text NOT NULL CHECK (type IN ('risk', 'issue', 'assumption', 'decision')),
        title text NOT NULL CHECK (length(title) BETWEEN 1 AND 300),
        description text,
        owner_email text,
        likelihood smallint CHECK (likelihood BETWEEN 1 AND 5),
        impact smallint CHECK (impact BETWEEN 1 AND 5),
        mitigation text,
        review_date date,
        status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'closed')),
        CONSTRAINT raid_items_ref_unique UNIQUE (programme_id, ref),
        CONSTRAINT raid_items_risk_scored CHECK (type <> 'risk' OR (likelihood IS NOT NULL AND impact IS NOT NULL)),
        CONSTRAINT raid_items_likelihood_risks_only CHECK (type = 'risk' OR likelihood IS NULL)
      )`,
      `CREATE TABLE funding_lines (
        id uuid PRIMARY KEY,
        programme_id uuid NOT NULL REFERENCES programmes (id) ON DELETE CASCADE,
        ref text NOT NULL,
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
        financial_year text NOT NULL CHECK (financial_year ~ '^[0-9]{4}/[0-9]{2}$'),
        budget_pence bigint NOT NULL CHECK (budget_pence >= 0),
        spend_pence bigint NOT NULL DEFAULT 0 CHECK (spend_pence >= 0),
        CONSTRAINT funding_lines_ref_unique UNIQUE (programme_id, ref)
      )`,
      `CREATE TABLE monthly_updates (
        programme_id uuid NOT NULL REFERENCES programmes (id) ON DELETE CASCADE,
        month text NOT NULL CHECK (month ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
        commentary text NOT NULL CHECK (length(commentary) BETWEEN 1 AND 10000),
        achievements text NOT NULL DEFAULT '',
        next_period_plans text NOT NULL DEFAULT '',
        author_email text NOT NULL,
        updated_at timestamptz NOT NULL,
        PRIMARY KEY (programme_id, month)
      )`,
    ];
    for (const statement of statements) await queryRunner.query(statement);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of [
      'monthly_updates',
      'funding_lines',
      'raid_items',
      'trajectory_actuals',
      'trajectory_plan',
      'trajectories',
      'milestone_predecessors',
      'milestone_baselines',
    ]) {
      await queryRunner.query(`DROP TABLE ${table}`);
    }
    await queryRunner.query(`ALTER TABLE milestones
      DROP CONSTRAINT milestones_phase, DROP CONSTRAINT milestones_programme_id_unique, DROP CONSTRAINT milestones_ref_unique,
      DROP CONSTRAINT milestones_actual, DROP COLUMN ref, DROP COLUMN kind, DROP COLUMN baseline_date, DROP COLUMN forecast_date,
      DROP COLUMN actual_date, DROP COLUMN phase_id, DROP COLUMN evidence`);
    await queryRunner.query(`DROP TABLE phase_members`);
    await queryRunner.query(`DROP TABLE phases`);
    await queryRunner.query(`DROP TABLE programme_contacts`);
    await queryRunner.query(`ALTER TABLE programmes
      DROP COLUMN gpfv_area, DROP COLUMN organisation_ods_code, DROP COLUMN sro_email, DROP COLUMN start_date, DROP COLUMN end_date,
      DROP COLUMN amber_slip_working_days, DROP COLUMN red_slip_working_days, DROP COLUMN amber_below_plan_percent,
      DROP COLUMN red_below_plan_percent, DROP COLUMN template_id, DROP COLUMN template_version`);
    await queryRunner.query(`DROP TABLE practice_populations`);
    await queryRunner.query(`DROP TABLE organisations`);
  }
}
