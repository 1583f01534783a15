import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import type {
  FundingLineDefinition,
  MilestoneChange,
  NewMilestone,
  PlanChanges,
  PlanRaidItem,
  RaidDefinition,
  TrajectoryDefinition,
} from '@pmo/application';

/**
 * Writes the parts of a programme's plan inside the caller's transaction. Rows are keyed by their
 * ref within the programme: writing a ref that exists updates it.
 */
export class PlanWriter {
  constructor(
    private readonly manager: EntityManager,
    private readonly programmeId: string,
    private readonly recordedAt: Date,
  ) {}

  async phases(phases: { ref: string; name: string; members: string[] }[]): Promise<void> {
    for (const [position, phase] of phases.entries()) {
      const [{ id }] = (await this.manager.query(
        `INSERT INTO phases (id, programme_id, ref, name, position) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (programme_id, ref) DO UPDATE SET name = EXCLUDED.name RETURNING id`,
        [randomUUID(), this.programmeId, phase.ref, phase.name, position],
      )) as { id: string }[];
      for (const member of phase.members) {
        await this.manager.query(`INSERT INTO phase_members (phase_id, ods_code) VALUES ($1, $2) ON CONFLICT DO NOTHING`, [id, member]);
      }
    }
  }

  /**
   * One milestone's new forecast, joining the history that as-at views read, as known at an instant (now, or a
   * day in the past for history brought in late). It becomes the milestone's forecast unless a later one is known.
   */
  async forecast(milestoneId: string, forecastDate: string, dueAt: string, knownAt: Date = this.recordedAt): Promise<void> {
    await this.manager.query(
      `UPDATE milestones SET forecast_date = $2, due_at = $3
       WHERE id = $1 AND NOT EXISTS (SELECT 1 FROM milestone_forecasts WHERE milestone_id = $1 AND known_at > $4)`,
      [milestoneId, forecastDate, dueAt, knownAt],
    );
    await this.manager.query(
      `INSERT INTO milestone_forecasts (milestone_id, recorded_at, known_at, forecast_date, due_at) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (milestone_id, recorded_at) DO UPDATE SET known_at = EXCLUDED.known_at, forecast_date = EXCLUDED.forecast_date, due_at = EXCLUDED.due_at`,
      [milestoneId, this.recordedAt, knownAt, forecastDate, dueAt],
    );
  }

  /** New milestones get baseline 1; a change with `rebaseline` adds the next baseline version. */
  async milestones(milestones: (NewMilestone | MilestoneChange)[]): Promise<void> {
    const [{ next }] = (await this.manager.query(`SELECT coalesce(max(position) + 1, 0) AS next FROM milestones WHERE programme_id = $1`, [
      this.programmeId,
    ])) as { next: number }[];
    let position = Number(next);
    for (const milestone of milestones) {
      const rows = (await this.manager.query(
        `INSERT INTO milestones (id, programme_id, position, ref, name, kind, owner_email, baseline_date, forecast_date, actual_date,
                                 due_at, completed_at, phase_id, evidence, accepted_overlap)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, (SELECT id FROM phases WHERE programme_id = $2 AND ref = $13), $14, $15)
         ON CONFLICT (programme_id, ref) DO UPDATE SET
           name = EXCLUDED.name, kind = EXCLUDED.kind, owner_email = EXCLUDED.owner_email, baseline_date = EXCLUDED.baseline_date,
           forecast_date = EXCLUDED.forecast_date, actual_date = EXCLUDED.actual_date, due_at = EXCLUDED.due_at,
           completed_at = EXCLUDED.completed_at, phase_id = EXCLUDED.phase_id, evidence = EXCLUDED.evidence,
           accepted_overlap = EXCLUDED.accepted_overlap
         RETURNING id, (xmax = 0) AS inserted`,
        [
          randomUUID(),
          this.programmeId,
          position,
          milestone.ref,
          milestone.name,
          milestone.kind,
          milestone.ownerEmail,
          milestone.baselineDate,
          milestone.forecastDate,
          milestone.actualDate,
          milestone.dueAt,
          milestone.completedAt,
          milestone.phase,
          milestone.evidence,
          milestone.acceptedOverlap,
        ],
      )) as { id: string; inserted: boolean }[];
      const { id, inserted } = rows[0];
      // A new forecast (or the first, the plan's own, known whenever a view looks) joins the history that as-at views read.
      await this.manager.query(
        `INSERT INTO milestone_forecasts (milestone_id, recorded_at, known_at, forecast_date, due_at)
         SELECT m.id, $2, CASE WHEN EXISTS (SELECT 1 FROM milestone_forecasts WHERE milestone_id = m.id) THEN $2::timestamptz END, m.forecast_date, m.due_at
         FROM milestones m
         WHERE m.id = $1 AND NOT EXISTS (
           SELECT 1 FROM milestone_forecasts f WHERE f.milestone_id = m.id AND f.forecast_date = m.forecast_date AND f.due_at = m.due_at
             AND f.recorded_at = (SELECT max(recorded_at) FROM milestone_forecasts WHERE milestone_id = m.id))
         ON CONFLICT (milestone_id, recorded_at) DO UPDATE SET forecast_date = EXCLUDED.forecast_date, due_at = EXCLUDED.due_at`,
        [id, this.recordedAt],
      );
      if (inserted) {
        position += 1;
        await this.manager.query(`INSERT INTO milestone_baselines (milestone_id, version, baseline_date, recorded_at) VALUES ($1, 1, $2, $3)`, [
          id,
          milestone.baselineDate,
          this.recordedAt,
        ]);
      } else if ('rebaseline' in milestone && milestone.rebaseline !== null) {
        await this.baseline(id, milestone.baselineDate, milestone.rebaseline.reason, milestone.rebaseline.approvedBy);
      }
    }
    // Predecessors after every milestone exists, since they may point forward in the list.
    for (const milestone of milestones) {
      await this.manager.query(
        `DELETE FROM milestone_predecessors WHERE milestone_id = (SELECT id FROM milestones WHERE programme_id = $1 AND ref = $2)`,
        [this.programmeId, milestone.ref],
      );
      for (const predecessor of milestone.predecessors) {
        await this.manager.query(
          `INSERT INTO milestone_predecessors (programme_id, milestone_id, predecessor_id)
           SELECT $1, m.id, p.id FROM milestones m, milestones p
           WHERE m.programme_id = $1 AND m.ref = $2 AND p.programme_id = $1 AND p.ref = $3`,
          [this.programmeId, milestone.ref, predecessor],
        );
      }
    }
  }

  async baseline(milestoneId: string, baselineDate: string, reason: string, approvedBy: string): Promise<number> {
    const [{ version }] = (await this.manager.query(
      `INSERT INTO milestone_baselines (milestone_id, version, baseline_date, reason, approved_by, recorded_at)
       SELECT $1, max(version) + 1, $2, $3, $4, $5 FROM milestone_baselines WHERE milestone_id = $1
       RETURNING version`,
      [milestoneId, baselineDate, reason, approvedBy, this.recordedAt],
    )) as { version: number }[];
    await this.manager.query(`UPDATE milestones SET baseline_date = $2 WHERE id = $1`, [milestoneId, baselineDate]);
    return version;
  }

  async trajectories(trajectories: (TrajectoryDefinition | PlanChanges['trajectories'][number])[]): Promise<void> {
    for (const trajectory of trajectories) {
      const [{ id }] = (await this.manager.query(
        `INSERT INTO trajectories (id, programme_id, ref, metric, name, unit, basis) VALUES ($1, $2, $3, $4, $5, $6, $7)
         ON CONFLICT (programme_id, ref) DO UPDATE SET metric = EXCLUDED.metric, name = EXCLUDED.name, unit = EXCLUDED.unit, basis = EXCLUDED.basis
         RETURNING id`,
        [randomUUID(), this.programmeId, trajectory.ref, trajectory.metric, trajectory.name, trajectory.unit, trajectory.basis],
      )) as { id: string }[];
      const plan = Array.isArray(trajectory.plan)
        ? trajectory.plan
        : Object.entries(trajectory.plan).map(([month, plannedValue]) => ({ month, plannedValue }));
      for (const { month, plannedValue } of plan) {
        await this.manager.query(
          `INSERT INTO trajectory_plan (trajectory_id, month, planned_value) VALUES ($1, $2, $3)
           ON CONFLICT (trajectory_id, month) DO UPDATE SET planned_value = EXCLUDED.planned_value`,
          [id, month, plannedValue],
        );
      }
    }
  }

  /** Organisations' actuals as known at an instant (now, or a past day for history brought in late): as-at views read them from then. */
  async actuals(actuals: PlanChanges['actuals'], knownAt: Date = this.recordedAt): Promise<void> {
    for (const actual of actuals) {
      await this.manager.query(
        `INSERT INTO trajectory_actuals (trajectory_id, month, ods_code, value, recorded_at)
         SELECT id, $3, $4, $5, $6 FROM trajectories WHERE programme_id = $1 AND ref = $2
         ON CONFLICT (trajectory_id, month, ods_code) DO UPDATE SET value = EXCLUDED.value, recorded_at = EXCLUDED.recorded_at`,
        [this.programmeId, actual.trajectoryRef, actual.month, actual.odsCode, actual.value, knownAt],
      );
    }
  }

  async raid(items: (PlanRaidItem | RaidDefinition)[]): Promise<void> {
    for (const item of items) {
      await this.manager.query(
        `INSERT INTO raid_items (id, programme_id, ref, type, title, description, owner_email, likelihood, impact, mitigation, review_date, status)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
         ON CONFLICT (programme_id, ref) DO UPDATE SET type = EXCLUDED.type, title = EXCLUDED.title, description = EXCLUDED.description,
           owner_email = EXCLUDED.owner_email, likelihood = EXCLUDED.likelihood, impact = EXCLUDED.impact, mitigation = EXCLUDED.mitigation,
           review_date = EXCLUDED.review_date, status = EXCLUDED.status`,
        [
          randomUUID(),
          this.programmeId,
          item.ref,
          item.type,
          item.title,
          item.description ?? null,
          item.ownerEmail ?? null,
          item.likelihood ?? null,
          item.impact ?? null,
          item.mitigation ?? null,
          item.reviewDate ?? null,
          item.status,
        ],
      );
    }
  }

  async funding(lines: FundingLineDefinition[]): Promise<void> {
    for (const line of lines) {
      await this.manager.query(
        `INSERT INTO funding_lines (id, programme_id, ref, name, financial_year, budget_pence, spend_pence) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
        [randomUUID(), this.programmeId, line.ref, line.name, line.financialYear, line.budgetPence, line.spendPence],
      );
    }
  }
}
