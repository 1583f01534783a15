import { Injectable } from '@nestjs/common';
import { PLAN_FIELDS } from '@pmo/domain';
import { z } from 'zod';
import { ApplicationError, ApplicationErrorCode } from '../application.error';
import { Clock } from '../ports/clock';
import { ProgrammeRepository } from '../ports/programme.repository';
import { ProgrammeScheduler } from '../ports/programme.scheduler';
import { lastPlannedDay } from '../programme-definition/new-programme';
import { daySchema } from '../programme-definition/programme-definition.schema';
import type { ProgrammePlanRecord } from '../ports/programme.repository';
import { startOrSignal } from '../programme-signalling';
import { parseOrThrow } from '../validation';
import { planOrNotFound } from './plan-or-not-found';

export const endDateChangeSchema = z.strictObject({
  endDate: daySchema,
  reason: z.string().trim().min(1, 'must say why the end date moves').max(PLAN_FIELDS.evidenceLength),
});

/**
 * Moves a programme's end, with a reason kept in its history. Month ends report a programme up to its end, so the
 * end may not come before anything the plan still holds: its last milestone, or its last planned trajectory month.
 */
@Injectable()
export class ChangeEndDateUseCase {
  constructor(
    private readonly programmes: ProgrammeRepository,
    private readonly scheduler: ProgrammeScheduler,
    private readonly clock: Clock,
  ) {}

  async execute(programmeId: string, body: unknown): Promise<ProgrammePlanRecord> {
    const { endDate, reason } = parseOrThrow(endDateChangeSchema, body);
    const plan = await planOrNotFound(this.programmes, programmeId);
    const held = lastPlannedDay(
      plan.milestones.map((milestone) => milestone.actualDate ?? milestone.forecastDate),
      plan.trajectories.flatMap((trajectory) => trajectory.plan.map((row) => row.month)),
    );
    const problem = endDate < plan.startDate ? `is before the programme starts (${plan.startDate})` : endDate < held ? `is before the last day its milestones and trajectories hold (${held}): move those first` : null;
    if (problem !== null) throw new ApplicationError(ApplicationErrorCode.Unprocessable, 'the programme cannot end then', [{ field: 'endDate', reason: problem }]);
    if (endDate !== plan.endDate) {
      await this.programmes.changeEndDate(plan.id, { from: plan.endDate, to: endDate, reason }, this.clock.now());
      await startOrSignal(this.scheduler, plan.id, { kind: 'plan-changed', what: `end date ${endDate}` });
    }
    return { ...plan, endDate };
  }
}
