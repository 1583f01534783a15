import { Injectable } from '@nestjs/common';
import { assessPhaseRollout, londonDay, WorkingCalendar } from '@pmo/domain';
import type { PhaseAssessment } from '@pmo/domain';
import type { PhaseRolloutInput } from '@pmo/contracts';
import { z } from 'zod';
import { ApplicationError, ApplicationErrorCode } from '../application.error';
import { BankHolidays } from '../ports/bank-holidays';
import { Clock } from '../ports/clock';
import { OrganisationRepository } from '../ports/organisation.repository';
import { ProgrammeRepository } from '../ports/programme.repository';
import type { ProgrammePlanRecord } from '../ports/programme.repository';
import { ProgrammeScheduler } from '../ports/programme.scheduler';
import { daySchema, odsCodeSchema } from '../programme-definition/programme-definition.schema';
import { isUuid, parseOrThrow } from '../validation';
import { planOrNotFound } from './plan-or-not-found';

/** The phases of a programme that have members to roll out to. */
@Injectable()
export class ListPhasesUseCase {
  constructor(private readonly programmes: ProgrammeRepository) {}

  async execute(programmeId: string): Promise<string[]> {
    // Read on every wake of the programme workflow: a small query, not the whole plan.
    const refs = isUuid(programmeId) ? await this.programmes.phasesWithMembers(programmeId) : null;
    if (refs === null) throw ApplicationError.notFound(`no programme ${programmeId}`);
    return refs;
  }
}

/** A phase as its page shows it: its members by name and code, when each went live, and its status. */
export interface PhaseRollout {
  ref: string;
  name: string;
  plannedGoLive: string;
  members: { odsCode: string; name: string; wentLiveOn: string | null }[];
  assessment: PhaseAssessment;
}

/**
 * A phase's rollout as at an instant; it is planned to be live when the last of its milestones is
 * forecast (the programme's end when it has none).
 */
@Injectable()
export class AssessPhaseUseCase {
  private calendar?: WorkingCalendar;

  constructor(
    private readonly programmes: ProgrammeRepository,
    private readonly organisations: OrganisationRepository,
    private readonly bankHolidays: BankHolidays,
  ) {}

  async execute(input: PhaseRolloutInput & { asAt: string }): Promise<PhaseAssessment> {
    const plan = await planOrNotFound(this.programmes, input.programmeId);
    const phase = plan.phases.find((candidate) => candidate.ref === input.phaseRef);
    if (phase === undefined) throw ApplicationError.notFound(`no phase ${input.phaseRef} in programme ${input.programmeId}`);
    return (await this.rollout(plan, phase, new Date(input.asAt))).assessment;
  }

  /** Every phase of a programme as at an instant, each member by name and code with the day it went live. */
  async all(programmeId: string, asAt: Date): Promise<PhaseRollout[]> {
    const plan = await planOrNotFound(this.programmes, programmeId);
    return Promise.all(plan.phases.map((phase) => this.rollout(plan, phase, asAt)));
  }

  private async rollout(plan: ProgrammePlanRecord, phase: ProgrammePlanRecord['phases'][number], asAt: Date): Promise<PhaseRollout> {
    const forecasts = plan.milestones.filter((milestone) => milestone.phase === phase.ref).map((milestone) => milestone.forecastDate).sort();
    const members = await Promise.all(
      phase.members.map(async (odsCode) => ({
        odsCode,
        name: (await this.organisations.find(odsCode))?.name ?? odsCode,
        wentLiveOn: phase.goLives.find((goLive) => goLive.odsCode === odsCode)?.wentLiveOn ?? null,
      })),
    );
    const plannedGoLive = forecasts[forecasts.length - 1] ?? plan.endDate;
    this.calendar ??= new WorkingCalendar(this.bankHolidays.englandAndWales());
    return { ref: phase.ref, name: phase.name, plannedGoLive, members, assessment: assessPhaseRollout({ ref: phase.ref, name: phase.name, plannedGoLive, members }, asAt, this.calendar) };
  }
}

export const goLiveSchema = z.strictObject({
  odsCode: odsCodeSchema,
  /** The day the member went live; defaults to today, never in the future. */
  wentLiveOn: daySchema.optional(),
});

/** Records that a member of a phase went live, and tells the phase's rollout workflow. */
@Injectable()
export class RecordGoLiveUseCase {
  constructor(
    private readonly programmes: ProgrammeRepository,
    private readonly scheduler: ProgrammeScheduler,
    private readonly clock: Clock,
  ) {}

  async execute(programmeId: string, phaseRef: string, body: unknown): Promise<void> {
    const { odsCode, wentLiveOn } = parseOrThrow(goLiveSchema, body);
    const today = londonDay(this.clock.now());
    const day = wentLiveOn ?? today;
    if (day > today) {
      throw new ApplicationError(ApplicationErrorCode.Unprocessable, 'a go-live cannot be in the future', [{ field: 'wentLiveOn', reason: `is after today (${today})` }]);
    }
    await planOrNotFound(this.programmes, programmeId);
    const result = await this.programmes.recordGoLive(programmeId, phaseRef, odsCode, day, this.clock.now());
    if (result === 'member-not-found') throw ApplicationError.notFound(`no member ${odsCode} of phase ${phaseRef} in programme ${programmeId}`);
    await this.scheduler.phaseChanged(programmeId, phaseRef);
  }
}
