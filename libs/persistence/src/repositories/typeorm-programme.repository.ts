import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager, QueryFailedError } from 'typeorm';
import { ApplicationError, ApplicationErrorCode, ProgrammeRepository } from '@pmo/application';
import type {
  CompleteMilestoneOutcome,
  EscalationRow,
  MilestoneInProgramme,
  MilestoneRow,
  NewProgramme,
  PlanChanges,
  PlanFundingLine,
  PlanRaidItem,
  ProgrammeClosure,
  ProgrammeDetails,
  ProgrammeHead,
  ProgrammePlanRecord,
  ProgrammeRecord,
  ProgrammeSummary,
  RebaselineOutcome,
  ReforecastOutcome,
} from '@pmo/application';
import { londonDay } from '@pmo/domain';
import type { ConfidenceOverride } from '@pmo/domain';
import { MilestoneEntity } from '../entities/milestone.entity';
import { ProgrammeEventEntity } from '../entities/programme-event.entity';
import { ProgrammeEntity } from '../entities/programme.entity';
import { closureOf, loadPlan, nullableUtc, utc } from './plan-reader';
import { PlanWriter } from './plan-writer';

interface MilestoneInProgrammeRow {
  programme_id: string;
  programme_name: string;
  lead_email: string;
  manager_email: string | null;
  sro_email: string | null;
  pmo_emails: string[];
  id: string;
  name: string;
  owner_email: string;
  forecast_date: string;
  due_at: Date;
  completed_at: Date | null;
  closed_as: string | null;
  closed_on: string | null;
  closed_reason: string | null;
  archived: boolean;
}

@Injectable()
export class TypeormProgrammeRepository extends ProgrammeRepository {
  constructor(private readonly dataSource: DataSource) {
    super();
  }

  async create(programme: NewProgramme, recordedAt: Date): Promise<ProgrammeRecord> {
    const programmeId = randomUUID();
    await this.dataSource.transaction(async (manager) => {
      await manager.query(
        `INSERT INTO programmes (id, name, lead_email, created_at, gpfv_area, organisation_ods_code, sro_email, start_date, end_date,
                                 amber_slip_working_days, red_slip_working_days, amber_below_plan_percent, red_below_plan_percent,
                                 template_id, template_version, manager_email)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)`,
        [
          programmeId,
          programme.name,
          programme.leadEmail,
          recordedAt,
          programme.gpfvArea,
          programme.organisationOdsCode,
          programme.sroEmail,
          programme.startDate,
          programme.endDate,
          programme.tolerances.amberSlipWorkingDays,
          programme.tolerances.redSlipWorkingDays,
          programme.tolerances.amberBelowPlanPercent,
          programme.tolerances.redBelowPlanPercent,
          programme.template?.id ?? null,
          programme.template?.version ?? null,
          programme.managerEmail,
        ],
      );
      for (const email of programme.pmoEmails) {
        await manager.query(`INSERT INTO programme_contacts (programme_id, role, email) VALUES ($1, 'pmo', $2)`, [programmeId, email]);
      }
      const writer = new PlanWriter(manager, programmeId, recordedAt);
      await writer.phases(programme.phases);
      await writer.milestones(programme.milestones);
      await writer.trajectories(programme.trajectories);
      await writer.raid(programme.raid);
      await writer.funding(programme.funding);
      await recordEvent(manager, programmeId, 'programme-created', { programme }, recordedAt);
    });
    const record = await this.findById(programmeId);
    if (record === null) throw new Error(`programme ${programmeId} vanished after it was created`);
    return record;
  }

  /** One statement, milestones and escalations as JSON arrays: the record is read beside the plan whenever a status is worked out. */
  async findById(programmeId: string): Promise<ProgrammeRecord | null> {
    const [row] = await this.readRecords<HeadRow & { milestones: MilestoneRow[] }>(
      [programmeId],
      `,
       COALESCE((SELECT json_agg(json_build_object(
         'id', m.id, 'ref', m.ref, 'name', m.name, 'kind', m.kind, 'ownerEmail', m.owner_email, 'baselineDate', m.baseline_date,
         'forecastDate', m.forecast_date, 'actualDate', m.actual_date, 'dueAt', m.due_at, 'completedAt', m.completed_at) ORDER BY m.position)
       FROM milestones m WHERE m.programme_id = p.id), '[]') AS milestones`,
    );
    if (row === undefined) return null;
    return { ...toHead(row), milestones: row.milestones.map((milestone) => ({ ...milestone, dueAt: utc(milestone.dueAt), completedAt: nullableUtc(milestone.completedAt) })) };
  }

  async findHeads(programmeIds: readonly string[]): Promise<ProgrammeHead[]> {
    return (await this.readRecords<HeadRow>(programmeIds)).map(toHead);
  }

  /** The programmes' rows, revisions and escalations in one statement, with any further columns asked for. */
  private async readRecords<Row extends HeadRow>(programmeIds: readonly string[], moreColumns = ''): Promise<Row[]> {
    return (await this.dataSource.query(
      `SELECT p.id, p.name, p.lead_email, p.created_at,
         -- The count too: a transaction committing after one with a larger id still changes it.
         (SELECT COALESCE(max(v.id), 0) || '.' || count(*) FROM programme_events v WHERE v.programme_id = p.id) AS revision,
         COALESCE((SELECT json_agg(json_build_object(
             'id', e.id, 'milestoneId', e.milestone_id, 'rung', e.rung, 'channel', e.channel, 'recipient', e.recipient, 'status', e.status,
             'queuedAt', e.queued_at, 'sentAt', e.sent_at, 'attempts', e.attempts, 'lastError', e.last_error) ORDER BY e.queued_at, e.rung)
           FROM escalations e WHERE e.programme_id = p.id), '[]') AS escalations${moreColumns}
       FROM programmes p WHERE p.id = ANY($1::uuid[])`,
      [programmeIds],
    )) as Row[];
  }

  async completeMilestone(programmeId: string, milestoneId: string, completedAt: string, recordedAt: Date): Promise<CompleteMilestoneOutcome> {
    return this.dataSource.transaction(async (manager) => {
      const milestone = await manager.findOne(MilestoneEntity, {
        where: { id: milestoneId, programmeId },
        lock: { mode: 'pessimistic_write' },
      });
      if (milestone === null) {
        const programmeExists = await manager.exists(ProgrammeEntity, { where: { id: programmeId } });
        return { outcome: programmeExists ? 'milestone-not-found' : 'programme-not-found' };
      }
      if (milestone.completedAt !== null) return { outcome: 'already-completed', completedAt: milestone.completedAt.toISOString() };
      await manager.update(MilestoneEntity, { id: milestoneId }, { completedAt: new Date(completedAt), actualDate: londonDay(new Date(completedAt)) });
      await recordEvent(manager, programmeId, 'milestone-completed', { milestoneId, completedAt }, recordedAt);
      return { outcome: 'completed' };
    });
  }

  async loadPlan(programmeId: string): Promise<ProgrammePlanRecord | null> {
    return loadPlan(this.dataSource.manager, programmeId);
  }

  async loadMilestone(programmeId: string, milestoneId: string): Promise<MilestoneInProgramme | null> {
    const [row] = (await this.dataSource.query(
      `SELECT p.id AS programme_id, p.name AS programme_name, p.lead_email, p.manager_email, p.sro_email, p.closed_as, p.closed_on, p.closed_reason, p.archived,
              ARRAY(SELECT c.email FROM programme_contacts c WHERE c.programme_id = p.id AND c.role = 'pmo' ORDER BY c.email) AS pmo_emails,
              m.id, m.name, m.owner_email, m.forecast_date, m.due_at, m.completed_at
         FROM milestones m JOIN programmes p ON p.id = m.programme_id
        WHERE m.id = $2 AND p.id = $1`,
      [programmeId, milestoneId],
    )) as MilestoneInProgrammeRow[];
    if (row === undefined) return null;
    return {
      programme: {
        id: row.programme_id,
        name: row.programme_name,
        leadEmail: row.lead_email,
        managerEmail: row.manager_email,
        sroEmail: row.sro_email,
        pmoEmails: row.pmo_emails,
        closure: closureOf({ ...row }),
      },
      milestone: {
        id: row.id,
        name: row.name,
        ownerEmail: row.owner_email,
        forecastDate: row.forecast_date,
        dueAt: row.due_at.toISOString(),
        completedAt: row.completed_at?.toISOString() ?? null,
      },
    };
  }

  async organisationLineage(programmeId: string): Promise<string[] | null | undefined> {
    const [row] = (await this.dataSource.query(
      `WITH RECURSIVE up AS (
         SELECT o.ods_code, o.parent_ods_code, 0 AS depth FROM organisations o JOIN programmes p ON p.organisation_ods_code = o.ods_code WHERE p.id = $1
         UNION ALL SELECT o.ods_code, o.parent_ods_code, up.depth + 1 FROM organisations o JOIN up ON o.ods_code = up.parent_ods_code
       )
       SELECT organisation_ods_code, ARRAY(SELECT ods_code FROM up ORDER BY depth) AS lineage FROM programmes WHERE id = $1`,
      [programmeId],
    )) as { organisation_ods_code: string | null; lineage: string[] }[];
    if (row === undefined) return undefined;
    if (row.organisation_ods_code === null) return null;
    // An organisation not (yet) in the reference data is its own lineage, as OrganisationRepository.lineage has it.
    return row.lineage.length === 0 ? [row.organisation_ods_code] : row.lineage;
  }

  async phasesWithMembers(programmeId: string): Promise<string[] | null> {
    const rows = (await this.dataSource.query(
      `SELECT ph.ref FROM programmes p
         LEFT JOIN phases ph ON ph.programme_id = p.id AND EXISTS (SELECT 1 FROM phase_members pm WHERE pm.phase_id = ph.id)
        WHERE p.id = $1 ORDER BY ph.position`,
      [programmeId],
    )) as { ref: string | null }[];
    if (rows.length === 0) return null;
    return rows.flatMap((row) => (row.ref === null ? [] : [row.ref]));
  }

  async applyChanges(programmeId: string, changes: PlanChanges, recordedAt: Date): Promise<void> {
    try {
      await this.dataSource.transaction(async (manager) => {
        await manager.query(`SELECT id FROM programmes WHERE id = $1 FOR UPDATE`, [programmeId]);
        const writer = new PlanWriter(manager, programmeId, recordedAt);
        await writer.milestones(changes.milestones);
        await writer.trajectories(changes.trajectories);
        await writer.actuals(changes.actuals);
        await writer.raid(changes.raid);
        await recordEvent(manager, programmeId, 'plan-imported', { changes }, recordedAt);
      });
    } catch (error) {
      // Names are checked against the plan as read before this transaction; a change that landed since can take one.
      if (violated(error) === 'milestones_name_unique') {
        throw new ApplicationError(ApplicationErrorCode.Conflict, 'a change made meanwhile gave another milestone of this programme one of these names: import again to see which', [
          { field: 'milestones', reason: 'a name is already another milestone’s' },
        ]);
      }
      throw error;
    }
  }

  async rebaseline(
    programmeId: string,
    milestoneRef: string,
    change: { baselineDate: string; reason: string; approvedBy: string },
    recordedAt: Date,
  ): Promise<RebaselineOutcome> {
    return this.dataSource.transaction(async (manager) => {
      const rows = (await manager.query(`SELECT id, baseline_date FROM milestones WHERE programme_id = $1 AND ref = $2 FOR UPDATE`, [
        programmeId,
        milestoneRef,
      ])) as { id: string; baseline_date: string }[];
      if (rows.length === 0) return { outcome: 'milestone-not-found' };
      if (rows[0].baseline_date === change.baselineDate) return { outcome: 'unchanged' };
      const version = await new PlanWriter(manager, programmeId, recordedAt).baseline(rows[0].id, change.baselineDate, change.reason, change.approvedBy);
      await recordEvent(manager, programmeId, 'milestone-rebaselined', { milestoneRef, ...change, version }, recordedAt);
      return { outcome: 'rebaselined', version };
    });
  }

  async reforecast(
    programmeId: string,
    milestoneRef: string,
    change: { forecastDate: string; dueAt: string; reason: string },
    recordedAt: Date,
    knownAt: Date,
  ): Promise<ReforecastOutcome> {
    return this.dataSource.transaction(async (manager) => {
      // The milestone as it stood when the move was known: completed by then, and the forecast then in force.
      const rows = (await manager.query(
        `SELECT m.id, m.completed_at <= $3 AS complete,
           (SELECT f.forecast_date FROM milestone_forecasts f WHERE f.milestone_id = m.id AND (f.known_at IS NULL OR f.known_at <= $3)
            ORDER BY f.known_at DESC NULLS LAST, f.recorded_at DESC LIMIT 1) AS forecast_date
         FROM milestones m WHERE m.programme_id = $1 AND m.ref = $2 FOR UPDATE OF m`,
        [programmeId, milestoneRef, knownAt],
      )) as { id: string; forecast_date: string; complete: boolean | null }[];
      if (rows.length === 0) return { outcome: 'milestone-not-found' };
      const [milestone] = rows;
      if (milestone.complete === true) return { outcome: 'already-complete' };
      if (milestone.forecast_date === change.forecastDate) return { outcome: 'unchanged' };
      await new PlanWriter(manager, programmeId, recordedAt).forecast(milestone.id, change.forecastDate, change.dueAt, knownAt);
      const knownOn = knownAt.getTime() === recordedAt.getTime() ? {} : { knownAt: knownAt.toISOString() };
      await recordEvent(manager, programmeId, 'milestone-reforecast', { milestoneRef, from: milestone.forecast_date, ...change, ...knownOn }, recordedAt);
      return { outcome: 'reforecast', previousForecastDate: milestone.forecast_date };
    });
  }

  async summaries(within: readonly string[] | 'every-organisation'): Promise<ProgrammeSummary[]> {
    const everywhere = within === 'every-organisation';
    // A grant at an organisation covers everything below it, so the tree is walked down from each.
    const rows = (await this.dataSource.query(
      `WITH RECURSIVE visible (ods_code) AS (
         SELECT unnest($1::text[])
         UNION SELECT o.ods_code FROM organisations o JOIN visible v ON o.parent_ods_code = v.ods_code
       )
       SELECT p.id, p.name, p.gpfv_area, p.organisation_ods_code, o.name AS organisation_name, p.closed_as, p.closed_on, p.closed_reason, p.archived
         FROM programmes p LEFT JOIN organisations o ON o.ods_code = p.organisation_ods_code
        WHERE ($2 OR p.organisation_ods_code IN (SELECT ods_code FROM visible)) AND NOT p.archived
        ORDER BY lower(p.name), p.id`,
      [everywhere ? [] : within, everywhere],
    )) as ({ id: string; name: string; gpfv_area: string | null; organisation_ods_code: string | null; organisation_name: string | null } & Record<string, unknown>)[];
    return rows.map((row) => ({
      id: row.id,
      name: row.name,
      gpfvArea: row.gpfv_area,
      organisation: row.organisation_ods_code === null ? null : { odsCode: row.organisation_ods_code, name: row.organisation_name ?? row.organisation_ods_code },
      closure: closureOf(row),
    }));
  }

  async confirmMilestone(programmeId: string, milestoneId: string, confirmedAt: Date): Promise<'confirmed' | 'milestone-not-found' | 'already-complete'> {
    return this.dataSource.transaction(async (manager) => {
      const rows = (await manager.query(`SELECT completed_at FROM milestones WHERE id = $1 AND programme_id = $2 FOR UPDATE`, [milestoneId, programmeId])) as {
        completed_at: Date | null;
      }[];
      if (rows.length === 0) return 'milestone-not-found';
      if (rows[0].completed_at !== null) return 'already-complete';
      await manager.query(`UPDATE milestones SET confirmed_at = $2 WHERE id = $1`, [milestoneId, confirmedAt]);
      await recordEvent(manager, programmeId, 'milestone-confirmed', { milestoneId }, confirmedAt);
      return 'confirmed';
    });
  }

  async setClosure(programmeId: string, closure: ProgrammeClosure | null, event: { type: string; reason: string }, recordedAt: Date): Promise<'saved' | 'programme-not-found'> {
    return this.dataSource.transaction(async (manager) => {
      const [, updated] = (await manager.query(`UPDATE programmes SET closed_as = $2, closed_on = $3, closed_reason = $4, archived = $5 WHERE id = $1`, [
        programmeId,
        closure?.as ?? null,
        closure?.on ?? null,
        closure?.reason ?? null,
        closure?.archived ?? false,
      ])) as [unknown, number];
      if (updated === 0) return 'programme-not-found';
      await recordEvent(manager, programmeId, event.type, { closure, reason: event.reason }, recordedAt);
      return 'saved';
    });
  }

  async changeEndDate(programmeId: string, change: { from: string; to: string; reason: string }, recordedAt: Date): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      await manager.query(`UPDATE programmes SET end_date = $2 WHERE id = $1`, [programmeId, change.to]);
      await recordEvent(manager, programmeId, 'end-date-changed', change, recordedAt);
    });
  }

  async setConfidenceOverride(programmeId: string, override: ConfidenceOverride | null, recordedAt: Date): Promise<'saved' | 'programme-not-found'> {
    return this.dataSource.transaction(async (manager) => {
      const [, updated] = (await manager.query(
        `UPDATE programmes SET confidence_override = $2, confidence_override_reason = $3, confidence_override_by = $4, confidence_override_expires_on = $5
         WHERE id = $1`,
        [programmeId, override?.confidence ?? null, override?.reason ?? null, override?.setBy ?? null, override?.expiresOn ?? null],
      )) as [unknown, number];
      if (updated === 0) return 'programme-not-found';
      await recordEvent(manager, programmeId, override === null ? 'confidence-override-cleared' : 'confidence-override-set', { override }, recordedAt);
      return 'saved';
    });
  }

  async recordGoLive(programmeId: string, phaseRef: string, odsCode: string, wentLiveOn: string, recordedAt: Date): Promise<'recorded' | 'member-not-found'> {
    return this.dataSource.transaction(async (manager) => {
      const [, updated] = (await manager.query(
        `UPDATE phase_members pm SET went_live_on = $4 FROM phases p
         WHERE pm.phase_id = p.id AND p.programme_id = $1 AND p.ref = $2 AND pm.ods_code = $3`,
        [programmeId, phaseRef, odsCode, wentLiveOn],
      )) as [unknown, number];
      if (updated === 0) return 'member-not-found';
      await recordEvent(manager, programmeId, 'phase-member-went-live', { phaseRef, odsCode, wentLiveOn }, recordedAt);
      return 'recorded';
    });
  }

  async saveMonthlyUpdate(
    programmeId: string,
    update: { month: string; commentary: string; achievements: string; nextPeriodPlans: string; authorEmail: string },
    recordedAt: Date,
  ): Promise<'saved' | 'programme-not-found'> {
    return this.dataSource.transaction(async (manager) => {
      if (!(await manager.exists(ProgrammeEntity, { where: { id: programmeId } }))) return 'programme-not-found';
      await manager.query(
        `INSERT INTO monthly_updates (programme_id, month, commentary, achievements, next_period_plans, author_email, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7)
         ON CONFLICT (programme_id, month) DO UPDATE SET commentary = EXCLUDED.commentary, achievements = EXCLUDED.achievements,
           next_period_plans = EXCLUDED.next_period_plans, author_email = EXCLUDED.author_email, updated_at = EXCLUDED.updated_at`,
        [programmeId, update.month, update.commentary, update.achievements, update.nextPeriodPlans, update.authorEmail, recordedAt],
      );
      await recordEvent(manager, programmeId, 'monthly-update-saved', update, recordedAt);
      return 'saved';
    });
  }

  async recordSpend(programmeId: string, fundingRef: string, spendPence: number, recordedAt: Date): Promise<'recorded' | 'funding-line-not-found'> {
    return this.dataSource.transaction(async (manager) => {
      const [, updated] = (await manager.query(`UPDATE funding_lines SET spend_pence = $3 WHERE programme_id = $1 AND ref = $2`, [
        programmeId,
        fundingRef,
        spendPence,
      ])) as [unknown, number];
      if (updated === 0) return 'funding-line-not-found';
      await recordEvent(manager, programmeId, 'spend-recorded', { fundingRef, spendPence }, recordedAt);
      return 'recorded';
    });
  }

  async saveRaidItem(programmeId: string, item: PlanRaidItem, as: 'new' | 'existing', recordedAt: Date): Promise<'saved' | 'ref-taken' | 'not-found'> {
    return this.dataSource.transaction(async (manager) => {
      // The programme's row is locked, so that two people adding the same ref at once are told apart, not one overwriting the other.
      await manager.query(`SELECT 1 FROM programmes WHERE id = $1 FOR UPDATE`, [programmeId]);
      const held = (await manager.query(`SELECT 1 FROM raid_items WHERE programme_id = $1 AND ref = $2`, [programmeId, item.ref])) as unknown[];
      if (as === 'new' && held.length > 0) return 'ref-taken';
      if (as === 'existing' && held.length === 0) return 'not-found';
      await new PlanWriter(manager, programmeId, recordedAt).raid([item]);
      await recordEvent(manager, programmeId, as === 'new' ? 'raid-item-added' : 'raid-item-changed', { ...item }, recordedAt);
      return 'saved';
    });
  }

  async addFundingLine(programmeId: string, line: PlanFundingLine, recordedAt: Date): Promise<'added' | 'ref-taken'> {
    return this.dataSource.transaction(async (manager) => {
      await manager.query(`SELECT 1 FROM programmes WHERE id = $1 FOR UPDATE`, [programmeId]);
      const held = (await manager.query(`SELECT 1 FROM funding_lines WHERE programme_id = $1 AND ref = $2`, [programmeId, line.ref])) as unknown[];
      if (held.length > 0) return 'ref-taken';
      await new PlanWriter(manager, programmeId, recordedAt).funding([line]);
      await recordEvent(manager, programmeId, 'funding-line-added', { ...line }, recordedAt);
      return 'added';
    });
  }

  async changeDetails(programmeId: string, details: ProgrammeDetails, recordedAt: Date): Promise<'saved' | 'programme-not-found'> {
    return this.dataSource.transaction(async (manager) => {
      const { tolerances } = details;
      const [, updated] = (await manager.query(
        `UPDATE programmes SET lead_email = $2, manager_email = $3, sro_email = $4, amber_slip_working_days = $5, red_slip_working_days = $6,
           amber_below_plan_percent = $7, red_below_plan_percent = $8, warning_working_days = $9, roll_up = $10
         WHERE id = $1`,
        [
          programmeId,
          details.leadEmail,
          details.managerEmail,
          details.sroEmail,
          tolerances.amberSlipWorkingDays,
          tolerances.redSlipWorkingDays,
          tolerances.amberBelowPlanPercent,
          tolerances.redBelowPlanPercent,
          details.warningWorkingDays,
          details.rollUp,
        ],
      )) as [unknown, number];
      if (updated === 0) return 'programme-not-found';
      await recordEvent(manager, programmeId, 'details-changed', { ...details }, recordedAt);
      return 'saved';
    });
  }

  async recordActuals(
    programmeId: string,
    trajectoryRef: string,
    month: string,
    actuals: { odsCode: string; value: number }[],
    recordedAt: Date,
    knownAt: Date,
  ): Promise<'recorded' | 'trajectory-not-found'> {
    return this.dataSource.transaction(async (manager) => {
      const found = (await manager.query(`SELECT 1 FROM trajectories WHERE programme_id = $1 AND ref = $2`, [programmeId, trajectoryRef])) as unknown[];
      if (found.length === 0) return 'trajectory-not-found';
      await new PlanWriter(manager, programmeId, recordedAt).actuals(
        actuals.map((actual) => ({ trajectoryRef, month, ...actual })),
        knownAt,
      );
      const knownOn = knownAt.getTime() === recordedAt.getTime() ? {} : { knownAt: knownAt.toISOString() };
      await recordEvent(manager, programmeId, 'trajectory-actuals-recorded', { trajectoryRef, month, actuals, ...knownOn }, recordedAt);
      return 'recorded';
    });
  }
}

export async function recordEvent(
  manager: EntityManager,
  programmeId: string,
  type: string,
  payload: Record<string, unknown>,
  recordedAt: Date,
): Promise<void> {
  await manager.save(ProgrammeEventEntity, { programmeId, type, payload, recordedAt });
}

type HeadRow = { id: string; name: string; lead_email: string; created_at: Date; revision: string; escalations: EscalationRow[] };

function toHead(row: HeadRow): ProgrammeHead {
  return {
    id: row.id,
    name: row.name,
    leadEmail: row.lead_email,
    createdAt: row.created_at.toISOString(),
    revision: row.revision,
    escalations: row.escalations.map((escalation) => ({ ...escalation, queuedAt: utc(escalation.queuedAt), sentAt: nullableUtc(escalation.sentAt) })),
  };
}

/** The constraint a failed statement or commit violated, as PostgreSQL names it. */
function violated(error: unknown): string | undefined {
  return error instanceof QueryFailedError ? (error.driverError as { constraint?: string }).constraint : undefined;
}
