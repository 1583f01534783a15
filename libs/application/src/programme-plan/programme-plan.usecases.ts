import { Injectable } from '@nestjs/common';
import { DELIVERY_CONFIDENCE_LEVELS, londonDay, overdueFrom, PLAN_FIELDS, trajectoryValueProblem } from '@pmo/domain';
import type { DeliveryConfidence } from '@pmo/domain';
import type { TrajectoryActual } from '@pmo/domain';
import { z } from 'zod';
import { ApplicationError, ApplicationErrorCode } from '../application.error';
import { Clock } from '../ports/clock';
import { OrganisationRepository } from '../ports/organisation.repository';
import { ProgrammeRepository } from '../ports/programme.repository';
import { ProgrammeScheduler } from '../ports/programme.scheduler';
import { ProgrammeStatusService } from '../programme-status/programme-status.service';
import type { PlanTrajectory, ProgrammePlanRecord } from '../ports/programme.repository';
import { daySchema, monthSchema, odsCodeSchema, trajectoryValueSchema } from '../programme-definition/programme-definition.schema';
import type { ProgrammeView } from '../programme-view';
import { startOrSignal } from '../programme-signalling';
import { knownAt, recordedOnSchema } from './known-at';
import { isUuid, parseOrThrow } from '../validation';

function programmeIdOrNotFound(programmeId: string): string {
  if (!isUuid(programmeId)) throw ApplicationError.notFound(`no programme ${programmeId}`);
  return programmeId;
}

/** The whole plan: phases, milestones with every baseline, trajectories, RAID, funding, monthly updates. */
@Injectable()
export class GetProgrammePlanUseCase {
  constructor(private readonly programmes: ProgrammeRepository) {}

  async execute(programmeId: string): Promise<ProgrammePlanRecord> {
    const plan = await this.programmes.loadPlan(programmeIdOrNotFound(programmeId));
    if (plan === null) throw ApplicationError.notFound(`no programme ${programmeId}`);
    return plan;
  }
}

export const rebaselineSchema = z.strictObject({
  baselineDate: daySchema,
  reason: z.string().trim().min(1, 'must say why the baseline moves').max(PLAN_FIELDS.evidenceLength),
  approvedBy: z.email('must be the approver’s email address'),
});

/** Moves a milestone's baseline; rebaselining needs a reason and an approver, and keeps every earlier baseline. */
@Injectable()
export class RebaselineMilestoneUseCase {
  constructor(
    private readonly programmes: ProgrammeRepository,
    private readonly scheduler: ProgrammeScheduler,
    private readonly clock: Clock,
  ) {}

  async execute(programmeId: string, milestoneRef: string, body: unknown): Promise<ProgrammePlanRecord> {
    const change = parseOrThrow(rebaselineSchema, body);
    const result = await this.programmes.rebaseline(programmeIdOrNotFound(programmeId), milestoneRef, change, this.clock.now());
    if (result.outcome === 'milestone-not-found') throw ApplicationError.notFound(`no milestone ${milestoneRef} in programme ${programmeId}`);
    if (result.outcome === 'unchanged') {
      throw new ApplicationError(ApplicationErrorCode.Conflict, `milestone ${milestoneRef} is already baselined on ${change.baselineDate}`);
    }
    await startOrSignal(this.scheduler, programmeId, { kind: 'plan-changed', what: `milestone ${milestoneRef} rebaselined` });
    const plan = await this.programmes.loadPlan(programmeId);
    if (plan === null) throw ApplicationError.notFound(`no programme ${programmeId}`);
    return plan;
  }
}

export const reforecastSchema = z.strictObject({
  forecastDate: daySchema,
  reason: z.string().trim().min(1, 'must say why the forecast moves').max(PLAN_FIELDS.evidenceLength),
  recordedOn: recordedOnSchema,
});

/**
 * Moves a milestone's forecast, the programme manager's expected date: the baseline stays, the
 * variance shows, and the workflow resets the milestone's timers.
 */
@Injectable()
export class ReforecastMilestoneUseCase {
  constructor(
    private readonly programmes: ProgrammeRepository,
    private readonly scheduler: ProgrammeScheduler,
    private readonly status: ProgrammeStatusService,
    private readonly clock: Clock,
  ) {}

  async execute(programmeId: string, milestoneRef: string, body: unknown): Promise<ProgrammeView> {
    const { forecastDate, reason, recordedOn } = parseOrThrow(reforecastSchema, body);
    const change = { forecastDate, dueAt: overdueFrom(forecastDate).toISOString(), reason };
    const now = this.clock.now();
    const result = await this.programmes.reforecast(programmeIdOrNotFound(programmeId), milestoneRef, change, now, knownAt(recordedOn, now));
    switch (result.outcome) {
      case 'milestone-not-found':
        throw ApplicationError.notFound(`no milestone ${milestoneRef} in programme ${programmeId}`);
      case 'already-complete':
        throw new ApplicationError(ApplicationErrorCode.Conflict, `milestone ${milestoneRef} is complete; its forecast no longer moves`);
      case 'unchanged':
        throw new ApplicationError(ApplicationErrorCode.Conflict, `milestone ${milestoneRef} is already forecast for ${forecastDate}`);
      case 'reforecast':
        await startOrSignal(this.scheduler, programmeId, { kind: 'plan-changed', what: `milestone ${milestoneRef} reforecast` });
        return this.status.currentView(programmeId);
    }
  }
}

export const trajectoryActualsSchema = z.strictObject({
  actuals: z
    .array(z.strictObject({ odsCode: odsCodeSchema, value: trajectoryValueSchema }))
    .min(1, 'give at least one actual'),
  recordedOn: recordedOnSchema,
});

export interface TrajectoryMonth {
  month: string;
  planned: number | null;
  actual: TrajectoryActual | null;
  /** Actual less planned, in the trajectory's basis; null until both exist. */
  variance: number | null;
}

export interface TrajectoryProgress {
  ref: string;
  metric: string;
  name: string;
  unit: string;
  basis: PlanTrajectory['basis'];
  months: TrajectoryMonth[];
}

/** Records organisations' actuals for a month; programme figures are always computed from them. */
@Injectable()
export class RecordTrajectoryActualsUseCase {
  constructor(
    private readonly programmes: ProgrammeRepository,
    private readonly organisations: OrganisationRepository,
    private readonly scheduler: ProgrammeScheduler,
    private readonly clock: Clock,
  ) {}

  async execute(programmeId: string, trajectoryRef: string, month: string, body: unknown): Promise<void> {
    const parsedMonth = parseOrThrow(monthSchema, month, 'month');
    const { actuals, recordedOn } = parseOrThrow(trajectoryActualsSchema, body);
    const now = this.clock.now();
    const known = knownAt(recordedOn, now);
    const plan = await this.programmes.loadPlan(programmeIdOrNotFound(programmeId));
    if (plan === null) throw ApplicationError.notFound(`no programme ${programmeId}`);
    const trajectory = plan.trajectories.find((candidate) => candidate.ref === trajectoryRef);
    if (trajectory === undefined) throw ApplicationError.notFound(`no trajectory ${trajectoryRef} in programme ${programmeId}`);
    // The workbook's rules for its actuals sheet, so that a figure is refused alike however it arrives.
    const codes = actuals.map((actual) => actual.odsCode);
    const unknown = new Set(await this.organisations.unknown(codes));
    const outside = new Set(plan.organisationOdsCode === null ? [] : await this.organisations.outside(plan.organisationOdsCode, codes));
    const problems = actuals.flatMap((actual, index) => {
      const odsCode = unknown.has(actual.odsCode)
        ? `names no known organisation: ${actual.odsCode}`
        : outside.has(actual.odsCode)
          ? `is not part of the programme's organisation ${plan.organisationOdsCode}`
          : null;
      const value = trajectoryValueProblem(trajectory.basis, 'actual', actual.value);
      return [
        ...(odsCode === null ? [] : [{ field: `actuals.${index}.odsCode`, reason: odsCode }]),
        ...(value === null ? [] : [{ field: `actuals.${index}.value`, reason: value }]),
      ];
    });
    if (problems.length > 0) throw new ApplicationError(ApplicationErrorCode.Unprocessable, 'the actuals do not fit the programme', problems);
    const result = await this.programmes.recordActuals(plan.id, trajectoryRef, parsedMonth, actuals, now, known);
    if (result === 'trajectory-not-found') throw ApplicationError.notFound(`no trajectory ${trajectoryRef} in programme ${programmeId}`);
    await startOrSignal(this.scheduler, programmeId, { kind: 'plan-changed', what: `actuals for ${trajectoryRef} ${parsedMonth}` });
  }
}

/** A trajectory month by month: plan, the actual computed from organisations' actuals, and the variance. */
@Injectable()
export class GetTrajectoryProgressUseCase {
  constructor(
    private readonly programmes: ProgrammeRepository,
    private readonly status: ProgrammeStatusService,
    private readonly clock: Clock,
  ) {}

  async execute(programmeId: string, trajectoryRef: string): Promise<TrajectoryProgress> {
    const plan = await this.programmes.loadPlan(programmeIdOrNotFound(programmeId));
    if (plan === null) throw ApplicationError.notFound(`no programme ${programmeId}`);
    const trajectory = plan.trajectories.find((candidate) => candidate.ref === trajectoryRef);
    if (trajectory === undefined) throw ApplicationError.notFound(`no trajectory ${trajectoryRef} in programme ${programmeId}`);
    const months = await this.status.trajectoryMonths(plan, trajectory, this.clock.now());
    return {
      ref: trajectory.ref,
      metric: trajectory.metric,
      name: trajectory.name,
      unit: trajectory.unit,
      basis: trajectory.basis,
      months: months.map(({ month, planned, actual }) => ({
        month,
        planned,
        actual,
        variance: planned === null || actual === null ? null : Math.round((actual.value - planned) * 100) / 100,
      })),
    };
  }
}

export const monthlyUpdateSchema = z.strictObject({
  commentary: z.string().trim().min(1, 'must not be empty').max(10_000),
  achievements: z.string().trim().max(10_000).default(''),
  nextPeriodPlans: z.string().trim().max(10_000).default(''),
  authorEmail: z.email('must be an email address'),
});

/** The programme manager's commentary, achievements and plans for next period, one per programme per month. */
@Injectable()
export class SaveMonthlyUpdateUseCase {
  constructor(
    private readonly programmes: ProgrammeRepository,
    private readonly clock: Clock,
  ) {}

  async execute(programmeId: string, month: string, body: unknown): Promise<void> {
    const parsedMonth = parseOrThrow(monthSchema, month, 'month');
    const update = parseOrThrow(monthlyUpdateSchema, body);
    const result = await this.programmes.saveMonthlyUpdate(programmeIdOrNotFound(programmeId), { month: parsedMonth, ...update }, this.clock.now());
    if (result === 'programme-not-found') throw ApplicationError.notFound(`no programme ${programmeId}`);
  }
}

export const spendSchema = z.strictObject({
  spendPence: z.number().int('must be whole pence').min(0, 'must not be negative').max(Number.MAX_SAFE_INTEGER),
});

/** Spend to date against a funding line's budget, in integer pence. */
@Injectable()
export class RecordSpendUseCase {
  constructor(
    private readonly programmes: ProgrammeRepository,
    private readonly clock: Clock,
  ) {}

  async execute(programmeId: string, fundingRef: string, body: unknown): Promise<void> {
    const { spendPence } = parseOrThrow(spendSchema, body);
    const result = await this.programmes.recordSpend(programmeIdOrNotFound(programmeId), fundingRef, spendPence, this.clock.now());
    if (result === 'funding-line-not-found') throw ApplicationError.notFound(`no funding line ${fundingRef} in programme ${programmeId}`);
  }
}

const confirmSchema = z.strictObject({});

/** The owner's word that a milestone will land on its forecast, through the workflow's validated update. */
@Injectable()
export class ConfirmMilestoneUseCase {
  constructor(
    private readonly programmes: ProgrammeRepository,
    private readonly scheduler: ProgrammeScheduler,
    private readonly status: ProgrammeStatusService,
  ) {}

  async execute(programmeId: string, milestoneId: string, body: unknown): Promise<ProgrammeView> {
    parseOrThrow(confirmSchema, body ?? {});
    if (!isUuid(milestoneId)) throw ApplicationError.notFound(`no milestone ${milestoneId} in programme ${programmeId}`);
    if ((await this.programmes.findById(programmeIdOrNotFound(programmeId))) === null) throw ApplicationError.notFound(`no programme ${programmeId}`);
    await this.scheduler.confirmMilestone(programmeId, milestoneId);
    return this.status.currentView(programmeId);
  }
}

export const confidenceOverrideSchema = z.strictObject({
  confidence: z.enum(DELIVERY_CONFIDENCE_LEVELS as [DeliveryConfidence, ...DeliveryConfidence[]]),
  reason: z.string().trim().min(1, 'must say why the suggestion is overridden').max(2000),
  setBy: z.email('must be the email address of whoever overrides'),
  expiresOn: daySchema,
});

/** A PMO's delivery confidence in place of the suggested one, with a reason, until an expiry day; null clears it. */
@Injectable()
export class SetConfidenceOverrideUseCase {
  constructor(
    private readonly programmes: ProgrammeRepository,
    private readonly scheduler: ProgrammeScheduler,
    private readonly status: ProgrammeStatusService,
    private readonly clock: Clock,
  ) {}

  async execute(programmeId: string, body: unknown | null): Promise<ProgrammeView> {
    const override = body === null ? null : parseOrThrow(confidenceOverrideSchema, body);
    const today = londonDay(this.clock.now());
    if (override !== null && override.expiresOn < today) {
      throw new ApplicationError(ApplicationErrorCode.Unprocessable, 'an override must not have expired already', [
        { field: 'expiresOn', reason: `is before today (${today})` },
      ]);
    }
    const result = await this.programmes.setConfidenceOverride(programmeIdOrNotFound(programmeId), override, this.clock.now());
    if (result === 'programme-not-found') throw ApplicationError.notFound(`no programme ${programmeId}`);
    await startOrSignal(this.scheduler, programmeId, { kind: 'plan-changed', what: 'delivery confidence override' });
    return this.status.currentView(programmeId);
  }
}
