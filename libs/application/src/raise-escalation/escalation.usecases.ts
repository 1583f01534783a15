import { Injectable } from '@nestjs/common';
import { z } from 'zod';
import type { EscalationState } from '@pmo/contracts';
import { addDays, londonDay } from '@pmo/domain';
import { ApplicationError, ApplicationErrorCode } from '../application.error';
import { AuditTrail } from '../ports/audit-trail';
import { Clock } from '../ports/clock';
import { ProgrammeScheduler } from '../ports/programme.scheduler';
import { daySchema } from '../programme-definition/programme-definition.schema';
import { isUuid, parseOrThrow } from '../validation';
import { AcknowledgementLinks } from './acknowledgement-links';

/** The longest a ladder may be held: a quarter, after which somebody must look at it again. */
const LONGEST_SNOOZE_DAYS = 92;

export const acknowledgeSchema = z.strictObject({ by: z.email('must be the email address of whoever acknowledges') });
export const snoozeSchema = z.strictObject({
  by: z.email('must be the email address of whoever snoozes'),
  reason: z.string().trim().min(1, 'must say why the escalation waits').max(1000),
  until: daySchema,
});

/** An overdue milestone's ladder through the API: its state, acknowledging it (also by signed link), snoozing it. */
@Injectable()
export class EscalationUseCases {
  constructor(
    private readonly scheduler: ProgrammeScheduler,
    private readonly links: AcknowledgementLinks,
    private readonly audit: AuditTrail,
    private readonly clock: Clock,
  ) {}

  async state(programmeId: string, milestoneId: string): Promise<EscalationState> {
    const state = isUuid(programmeId) && isUuid(milestoneId) ? await this.scheduler.escalationState({ programmeId, milestoneId }) : null;
    if (state === null) throw ApplicationError.notFound(`milestone ${milestoneId} of programme ${programmeId} has no escalation`);
    return state;
  }

  async acknowledge(programmeId: string, milestoneId: string, body: unknown): Promise<EscalationState> {
    const { by } = parseOrThrow(acknowledgeSchema, body);
    await this.climbing(programmeId, milestoneId, () => this.scheduler.acknowledgeEscalation({ programmeId, milestoneId }, { by, via: 'api' }));
    return this.state(programmeId, milestoneId);
  }

  /** The link is its recipient's credential: the acknowledgement is audited as theirs, with the ladder before and after. */
  async acknowledgeByLink(token: string, requestId: string): Promise<EscalationState> {
    const { cause, recipient } = this.links.verify(token);
    const before = await this.state(cause.programmeId, cause.milestoneId);
    await this.climbing(cause.programmeId, cause.milestoneId, () => this.scheduler.acknowledgeEscalation(cause, { by: recipient, via: 'link' }));
    const after = await this.state(cause.programmeId, cause.milestoneId);
    await this.audit.append(
      {
        actor: recipient,
        via: 'signed-link',
        requestId,
        action: 'GET /escalations/acknowledge',
        target: `/programmes/${cause.programmeId}/milestones/${cause.milestoneId}/escalation`,
        programmeId: cause.programmeId,
        request: null,
        before,
        after,
      },
      this.clock.now(),
    );
    return after;
  }

  async snooze(programmeId: string, milestoneId: string, body: unknown): Promise<EscalationState> {
    const snooze = parseOrThrow(snoozeSchema, body);
    const today = londonDay(this.clock.now());
    if (snooze.until < today || snooze.until > addDays(today, LONGEST_SNOOZE_DAYS)) {
      throw ApplicationError.validationFailed([{ field: 'until', reason: `must be a day from today (${today}) to ${addDays(today, LONGEST_SNOOZE_DAYS)}` }]);
    }
    await this.climbing(programmeId, milestoneId, () => this.scheduler.snoozeEscalation({ programmeId, milestoneId }, snooze));
    return this.state(programmeId, milestoneId);
  }

  /** Signals a ladder that is still climbing; one that stopped (or never started) is a conflict or not found. */
  private async climbing(programmeId: string, milestoneId: string, signal: () => Promise<boolean>): Promise<void> {
    const state = await this.state(programmeId, milestoneId);
    if (state.state !== 'climbing' || !(await signal())) {
      throw new ApplicationError(ApplicationErrorCode.Conflict, `the escalation of milestone ${milestoneId} is ${state.state === 'climbing' ? 'closed' : state.state}: there is nothing left to stop`);
    }
  }
}
