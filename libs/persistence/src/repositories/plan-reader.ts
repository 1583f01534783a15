import type { EntityManager } from 'typeorm';
import type { PlanRaidItem, PlanTrajectory, ProgrammeClosure, ProgrammePlanRecord } from '@pmo/application';
import type { DeliveryConfidence, RollUp } from '@pmo/domain';

type Row = Record<string, unknown>;
const text = (value: unknown) => value as string;
const nullableText = (value: unknown) => (value === null ? null : (value as string));
/** Instants in JSON come as PostgreSQL's ISO 8601 text with an offset; records give them in UTC. */
export const utc = (value: unknown) => new Date(value as string).toISOString();
export const nullableUtc = (value: unknown) => (value === null ? null : utc(value));

/** A programme's closure from its row (the plan's JSON, or a query's columns of the same names). */
export function closureOf(row: Row): ProgrammeClosure | null {
  return row.closed_as === null || row.closed_as === undefined
    ? null
    : { as: row.closed_as as ProgrammeClosure['as'], on: text(row.closed_on), reason: text(row.closed_reason), archived: row.archived === true };
}

/** A list of rows as one JSON array, empty rather than null when there are none. */
const rows = (select: string, order: string) => `COALESCE((SELECT json_agg(r ORDER BY ${order}) FROM (${select}) r), '[]')`;

/**
 * The whole plan in one statement, each part a JSON array of its rows: a status read is dominated by round
 * trips to PostgreSQL, and fourteen parallel queries also held fourteen of the pool's connections at once.
 */
const PLAN_SQL = `
  SELECT to_json(p) AS programme,
    ${rows(`SELECT email FROM programme_contacts WHERE programme_id = p.id AND role = 'pmo'`, 'r.email')} AS contacts,
    ${rows(`SELECT id, ref, name, position FROM phases WHERE programme_id = p.id`, 'r.position')} AS phases,
    ${rows(`SELECT pm.phase_id, pm.ods_code, pm.went_live_on FROM phase_members pm JOIN phases ph ON ph.id = pm.phase_id WHERE ph.programme_id = p.id`, 'r.ods_code')} AS members,
    ${rows(`SELECT m.*, ph.ref AS phase_ref FROM milestones m LEFT JOIN phases ph ON ph.id = m.phase_id WHERE m.programme_id = p.id`, 'r.position')} AS milestones,
    ${rows(`SELECT mp.milestone_id, m.ref, m.position FROM milestone_predecessors mp JOIN milestones m ON m.id = mp.predecessor_id WHERE mp.programme_id = p.id`, 'r.position')} AS predecessors,
    ${rows(`SELECT f.* FROM milestone_forecasts f JOIN milestones m ON m.id = f.milestone_id WHERE m.programme_id = p.id`, 'r.known_at NULLS FIRST, r.recorded_at')} AS forecasts,
    ${rows(`SELECT b.* FROM milestone_baselines b JOIN milestones m ON m.id = b.milestone_id WHERE m.programme_id = p.id`, 'r.version')} AS baselines,
    ${rows(`SELECT * FROM trajectories WHERE programme_id = p.id`, 'r.ref')} AS trajectories,
    ${rows(`SELECT tp.* FROM trajectory_plan tp JOIN trajectories t ON t.id = tp.trajectory_id WHERE t.programme_id = p.id`, 'r.month')} AS plan,
    ${rows(`SELECT ta.* FROM trajectory_actuals ta JOIN trajectories t ON t.id = ta.trajectory_id WHERE t.programme_id = p.id`, 'r.month, r.ods_code')} AS actuals,
    ${rows(`SELECT * FROM raid_items WHERE programme_id = p.id`, 'r.ref')} AS raid,
    ${rows(`SELECT * FROM funding_lines WHERE programme_id = p.id`, 'r.financial_year, r.ref')} AS funding,
    ${rows(`SELECT * FROM monthly_updates WHERE programme_id = p.id`, 'r.month')} AS updates
  FROM programmes p WHERE p.id = $1`;

interface PlanRows {
  programme: Row;
  contacts: Row[];
  phases: Row[];
  members: Row[];
  milestones: Row[];
  predecessors: Row[];
  forecasts: Row[];
  baselines: Row[];
  trajectories: Row[];
  plan: Row[];
  actuals: Row[];
  raid: Row[];
  funding: Row[];
  updates: Row[];
}

/** The whole plan of a programme, in the order a programme manager reads it. */
export async function loadPlan(manager: EntityManager, programmeId: string): Promise<ProgrammePlanRecord | null> {
  const [found] = (await manager.query(PLAN_SQL, [programmeId])) as PlanRows[];
  if (found === undefined) return null;
  const { programme, contacts, phases, members, milestones, predecessors, forecasts, baselines, trajectories, plan, actuals, raid, funding, updates } = found;
  return {
    id: text(programme.id),
    name: text(programme.name),
    leadEmail: text(programme.lead_email),
    managerEmail: nullableText(programme.manager_email),
    sroEmail: nullableText(programme.sro_email),
    pmoEmails: contacts.map((contact) => text(contact.email)),
    organisationOdsCode: nullableText(programme.organisation_ods_code),
    gpfvArea: nullableText(programme.gpfv_area),
    startDate: text(programme.start_date),
    endDate: text(programme.end_date),
    tolerances: {
      amberSlipWorkingDays: Number(programme.amber_slip_working_days),
      redSlipWorkingDays: Number(programme.red_slip_working_days),
      amberBelowPlanPercent: Number(programme.amber_below_plan_percent),
      redBelowPlanPercent: Number(programme.red_below_plan_percent),
    },
    rules: {
      warningWorkingDays: Number(programme.warning_working_days),
      dataDeadlineWorkingDays: Number(programme.data_deadline_working_days),
      noDataRedWorkingDays: Number(programme.no_data_red_working_days),
      rollUp: programme.roll_up as RollUp,
    },
    confidenceOverride:
      programme.confidence_override === null
        ? null
        : {
            confidence: programme.confidence_override as DeliveryConfidence,
            reason: text(programme.confidence_override_reason),
            setBy: text(programme.confidence_override_by),
            expiresOn: text(programme.confidence_override_expires_on),
          },
    closure: closureOf(programme),
    template: programme.template_id === null ? null : { id: text(programme.template_id), version: Number(programme.template_version) },
    phases: phases.map((phase) => ({
      ref: text(phase.ref),
      name: text(phase.name),
      members: members.filter((member) => member.phase_id === phase.id).map((member) => text(member.ods_code)),
      goLives: members
        .filter((member) => member.phase_id === phase.id && member.went_live_on !== null)
        .map((member) => ({ odsCode: text(member.ods_code), wentLiveOn: text(member.went_live_on) })),
    })),
    milestones: milestones.map((milestone) => ({
      id: text(milestone.id),
      ref: text(milestone.ref),
      name: text(milestone.name),
      kind: milestone.kind as PlanMilestoneKind,
      ownerEmail: text(milestone.owner_email),
      baselineDate: text(milestone.baseline_date),
      forecastDate: text(milestone.forecast_date),
      acceptedOverlap: milestone.accepted_overlap === true,
      actualDate: nullableText(milestone.actual_date),
      dueAt: utc(milestone.due_at),
      completedAt: nullableUtc(milestone.completed_at),
      confirmedAt: nullableUtc(milestone.confirmed_at),
      phase: nullableText(milestone.phase_ref),
      predecessors: predecessors.filter((link) => link.milestone_id === milestone.id).map((link) => text(link.ref)),
      evidence: nullableText(milestone.evidence),
      forecasts: forecasts
        .filter((forecast) => forecast.milestone_id === milestone.id)
        .map((forecast) => ({ forecastDate: text(forecast.forecast_date), dueAt: utc(forecast.due_at), recordedAt: utc(forecast.recorded_at), knownAt: nullableUtc(forecast.known_at) })),
      baselines: baselines
        .filter((baseline) => baseline.milestone_id === milestone.id)
        .map((baseline) => ({
          version: Number(baseline.version),
          baselineDate: text(baseline.baseline_date),
          reason: nullableText(baseline.reason),
          approvedBy: nullableText(baseline.approved_by),
          recordedAt: utc(baseline.recorded_at),
        })),
    })),
    trajectories: trajectories.map(
      (trajectory): PlanTrajectory => ({
        ref: text(trajectory.ref),
        metric: text(trajectory.metric),
        name: text(trajectory.name),
        unit: text(trajectory.unit),
        basis: trajectory.basis as PlanTrajectory['basis'],
        plan: plan.filter((row) => row.trajectory_id === trajectory.id).map((row) => ({ month: text(row.month), plannedValue: Number(row.planned_value) })),
        actuals: actuals
          .filter((row) => row.trajectory_id === trajectory.id)
          .map((row) => ({ month: text(row.month), odsCode: text(row.ods_code), value: Number(row.value), recordedAt: utc(row.recorded_at) })),
      }),
    ),
    raid: raid.map(
      (item): PlanRaidItem => ({
        ref: text(item.ref),
        type: item.type as PlanRaidItem['type'],
        title: text(item.title),
        description: nullableText(item.description),
        ownerEmail: nullableText(item.owner_email),
        likelihood: item.likelihood === null ? null : Number(item.likelihood),
        impact: item.impact === null ? null : Number(item.impact),
        mitigation: nullableText(item.mitigation),
        reviewDate: nullableText(item.review_date),
        status: item.status as PlanRaidItem['status'],
      }),
    ),
    funding: funding.map((line) => ({
      ref: text(line.ref),
      name: text(line.name),
      financialYear: text(line.financial_year),
      budgetPence: Number(line.budget_pence),
      spendPence: Number(line.spend_pence),
    })),
    monthlyUpdates: updates.map((update) => ({
      month: text(update.month),
      commentary: text(update.commentary),
      achievements: text(update.achievements),
      nextPeriodPlans: text(update.next_period_plans),
      authorEmail: text(update.author_email),
      updatedAt: utc(update.updated_at),
    })),
  };
}

type PlanMilestoneKind = ProgrammePlanRecord['milestones'][number]['kind'];
