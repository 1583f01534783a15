import { Injectable } from '@nestjs/common';
import { PLAN_FIELDS } from '@pmo/domain';
import { z } from 'zod';
import { ApplicationError } from '../application.error';
import { Clock } from '../ports/clock';
import { ProgrammeRepository } from '../ports/programme.repository';
import type { ProgrammeDetails, ProgrammePlanRecord } from '../ports/programme.repository';
import { ProgrammeScheduler } from '../ports/programme.scheduler';
import { tolerancesSchema } from '../programme-definition/programme-definition.schema';
import { startOrSignal } from '../programme-signalling';
import { isUuid, parseOrThrow } from '../validation';

export const ROLL_UPS = ['worst-of', 'milestones-only'] as const;
const email = z.email('must be an email address').transform((address) => address.toLowerCase());

/** Who a programme answers to and the tolerances it is judged by: the body of PUT /programmes/{id}/details, whole. */
export const programmeDetailsSchema = z.strictObject({
  leadEmail: email,
  managerEmail: email.nullable(),
  sroEmail: email.nullable(),
  tolerances: tolerancesSchema,
  /** How many working days before a milestone falls due its owner is asked to confirm it. */
  warningWorkingDays: z.number().int('must be whole working days').min(0, 'must not be negative').max(PLAN_FIELDS.mostSlipWorkingDays, `must be at most ${PLAN_FIELDS.mostSlipWorkingDays} working days`),
  /** `worst-of` takes milestones and trajectories into the programme's status; `milestones-only` its milestones alone. */
  rollUp: z.enum(ROLL_UPS, { message: `must be one of ${ROLL_UPS.join(', ')}` }),
});

/** A programme's people and tolerances changed together, in one audited write; its statuses are worked out again. */
@Injectable()
export class ChangeProgrammeDetailsUseCase {
  constructor(
    private readonly programmes: ProgrammeRepository,
    private readonly scheduler: ProgrammeScheduler,
    private readonly clock: Clock,
  ) {}

  async execute(programmeId: string, body: unknown): Promise<ProgrammePlanRecord> {
    const details: ProgrammeDetails = parseOrThrow(programmeDetailsSchema, body);
    const result = isUuid(programmeId) ? await this.programmes.changeDetails(programmeId, details, this.clock.now()) : 'programme-not-found';
    if (result === 'programme-not-found') throw ApplicationError.notFound(`no programme ${programmeId}`);
    await startOrSignal(this.scheduler, programmeId, { kind: 'plan-changed', what: 'programme details' });
    const plan = await this.programmes.loadPlan(programmeId);
    if (plan === null) throw ApplicationError.notFound(`no programme ${programmeId}`);
    return plan;
  }
}
