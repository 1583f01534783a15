import { Injectable } from '@nestjs/common';
import { londonDay, PLAN_FIELDS } from '@pmo/domain';
import { z } from 'zod';
import { ApplicationError, ApplicationErrorCode } from '../application.error';
import { Clock } from '../ports/clock';
import { ProgrammeRepository } from '../ports/programme.repository';
import type { ProgrammeClosure, ProgrammePlanRecord } from '../ports/programme.repository';
import { ProgrammeScheduler } from '../ports/programme.scheduler';
import { daySchema } from '../programme-definition/programme-definition.schema';
import { startOrSignal } from '../programme-signalling';
import { parseOrThrow } from '../validation';
import { planOrNotFound } from './plan-or-not-found';

const reasonSchema = (why: string) => z.string().trim().min(1, `must say why the programme ${why}`).max(PLAN_FIELDS.evidenceLength);

export const closeProgrammeSchema = z.strictObject({
  as: z.enum(['completed', 'stopped'], { message: 'must be completed or stopped' }),
  reason: reasonSchema('closes'),
  /** The day it closed: today when not given. */
  closedOn: daySchema.optional(),
});
export const reopenProgrammeSchema = z.strictObject({ reason: reasonSchema('reopens') });
export const archiveProgrammeSchema = z.strictObject({ reason: reasonSchema('is archived') });

/**
 * A programme closed, as completed or stopped, with a reason: it escalates and warns no more, and month ends report
 * it no later than its close. Archived once closed, it leaves the portfolio and the month end; reopened, it runs
 * again. Nothing is deleted: each change is an event, and the record stays whole.
 */
@Injectable()
export class ProgrammeClosureUseCases {
  constructor(
    private readonly programmes: ProgrammeRepository,
    private readonly scheduler: ProgrammeScheduler,
    private readonly clock: Clock,
  ) {}

  async close(programmeId: string, body: unknown): Promise<ProgrammePlanRecord> {
    const input = parseOrThrow(closeProgrammeSchema, body);
    const plan = await planOrNotFound(this.programmes, programmeId);
    if (plan.closure !== null) throw conflict(`programme ${plan.name} is already closed (${plan.closure.as} on ${plan.closure.on})`);
    const today = londonDay(this.clock.now());
    const on = input.closedOn ?? today;
    const problem = on > today ? `is after today (${today})` : on < plan.startDate ? `is before the programme starts (${plan.startDate})` : null;
    if (problem !== null) throw new ApplicationError(ApplicationErrorCode.Unprocessable, 'the programme cannot close then', [{ field: 'closedOn', reason: problem }]);
    return this.save(plan, { as: input.as, on, reason: input.reason, archived: false }, { type: 'programme-closed', reason: input.reason });
  }

  async archive(programmeId: string, body: unknown): Promise<ProgrammePlanRecord> {
    const { reason } = parseOrThrow(archiveProgrammeSchema, body);
    const plan = await planOrNotFound(this.programmes, programmeId);
    if (plan.closure === null) throw conflict(`programme ${plan.name} is running: close it before archiving it`);
    if (plan.closure.archived) throw conflict(`programme ${plan.name} is already archived`);
    return this.save(plan, { ...plan.closure, archived: true }, { type: 'programme-archived', reason });
  }

  async reopen(programmeId: string, body: unknown): Promise<ProgrammePlanRecord> {
    const { reason } = parseOrThrow(reopenProgrammeSchema, body);
    const plan = await planOrNotFound(this.programmes, programmeId);
    if (plan.closure === null) throw conflict(`programme ${plan.name} is running already`);
    return this.save(plan, null, { type: 'programme-reopened', reason });
  }


  private async save(plan: ProgrammePlanRecord, closure: ProgrammeClosure | null, event: { type: string; reason: string }): Promise<ProgrammePlanRecord> {
    if ((await this.programmes.setClosure(plan.id, closure, event, this.clock.now())) === 'programme-not-found') throw ApplicationError.notFound(`no programme ${plan.id}`);
    // The workflow looks again: a closed programme's ladders find their cause gone at their next rung.
    await startOrSignal(this.scheduler, plan.id, { kind: 'plan-changed', what: event.type });
    return { ...plan, closure };
  }
}

function conflict(message: string): ApplicationError {
  return new ApplicationError(ApplicationErrorCode.Conflict, message);
}
