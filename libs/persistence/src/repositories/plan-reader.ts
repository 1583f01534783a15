import type { EntityManager } from 'typeorm';
import type { PlanRaidItem, PlanTrajectory, ProgrammePlanRecord } from '@pmo/application';
import type { DeliveryConfidence, RollUp } from '@pmo/domain';

type Row = Record<string, unknown>;
const text = (value: unknown) => value as string;
const nullableText = (value: unknown) => (value === null ? null : (value as string));
const instant = (value: unknown) => (value as Date).toISOString();

/** The whole plan of a programme, in the order a programme manager reads it. */
export async function loadPlan(manager: EntityManager, programmeId: string): Promise<ProgrammePlanRecord | null> {
  const query = (sql: string) => manager.query(sql, [programmeId]) as Promise<Row[]>;
  const [programme] = await query(`SELECT * FROM programmes WHERE id = $1`);
  if (programme === undefined) return null;
  const [contacts, phases, members, milestones, predecessors, forecasts, baselines, trajectories, plan, actuals, raid, funding, updates] = await Promise.all([
    query(`SELECT email FROM programme_contacts WHERE programme_id = $1 AND role = 'pmo' ORDER BY email`),
    query(`SELECT id, ref, name FROM phases WHERE programme_id = $1 ORDER BY position`),
    query(`SELECT pm.phase_id, pm.ods_code, pm.went_live_on FROM phase_members pm JOIN phases p ON p.id = pm.phase_id WHERE p.programme_id = $1 ORDER BY pm.ods_code`),
    query(`SELECT m.*, p.ref AS phase_ref FROM milestones m LEFT JOIN phases p ON p.id = m.phase_id WHERE m.programme_id = $1 ORDER BY m.position`),
    query(`SELECT mp.milestone_id, p.ref FROM milestone_predecessors mp JOIN milestones p ON p.id = mp.predecessor_id
           WHERE mp.programme_id = $1 ORDER BY p.position`),
    query(`SELECT f.* FROM milestone_forecasts f JOIN milestones m ON m.id = f.milestone_id WHERE m.programme_id = $1 ORDER BY f.recorded_at`),
    query(`SELECT b.* FROM milestone_baselines b JOIN milestones m ON m.id = b.milestone_id WHERE m.programme_id = $1 ORDER BY b.version`),
    query(`SELECT * FROM trajectories WHERE programme_id = $1 ORDER BY ref`),
    query(`SELECT tp.* FROM trajectory_plan tp JOIN trajectories t ON t.id = tp.trajectory_id WHERE t.programme_id = $1 ORDER BY tp.month`),
    query(`SELECT ta.* FROM trajectory_actuals ta JOIN trajectories t ON t.id = ta.trajectory_id WHERE t.programme_id = $1
           ORDER BY ta.month, ta.ods_code`),
    query(`SELECT * FROM raid_items WHERE programme_id = $1 ORDER BY ref`),
    query(`SELECT * FROM funding_lines WHERE programme_id = $1 ORDER BY financial_year, ref`),
    query(`SELECT * FROM monthly_updates WHERE programme_id = $1 ORDER BY month`),
  ]);
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
      actualDate: nullableText(milestone.actual_date),
      dueAt: instant(milestone.due_at),
      completedAt: milestone.completed_at === null ? null : instant(milestone.completed_at),
      confirmedAt: milestone.confirmed_at === null ? null : instant(milestone.confirmed_at),
      phase: nullableText(milestone.phase_ref),
      predecessors: predecessors.filter((link) => link.milestone_id === milestone.id).map((link) => text(link.ref)),
      evidence: nullableText(milestone.evidence),
      forecasts: forecasts
        .filter((forecast) => forecast.milestone_id === milestone.id)
        .map((forecast) => ({ forecastDate: text(forecast.forecast_date), dueAt: instant(forecast.due_at), recordedAt: instant(forecast.recorded_at) })),
      baselines: baselines
        .filter((baseline) => baseline.milestone_id === milestone.id)
        .map((baseline) => ({
          version: Number(baseline.version),
          baselineDate: text(baseline.baseline_date),
          reason: nullableText(baseline.reason),
          approvedBy: nullableText(baseline.approved_by),
          recordedAt: instant(baseline.recorded_at),
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
          .map((row) => ({ month: text(row.month), odsCode: text(row.ods_code), value: Number(row.value), recordedAt: instant(row.recorded_at) })),
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
      updatedAt: instant(update.updated_at),
    })),
  };
}

type PlanMilestoneKind = ProgrammePlanRecord['milestones'][number]['kind'];
