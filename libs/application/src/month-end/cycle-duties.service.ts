import { Injectable, Logger } from '@nestjs/common';
import { addMonths, cycleDays, dutiesOn, endOfLondonDay, lastDayOfMonth } from '@pmo/domain';
import type { CycleDays, CycleDuties } from '@pmo/domain';
import { Clock } from '../ports/clock';
import { MonthlyReturnRepository } from '../ports/monthly-return.repository';
import { NotificationQueue, NotificationRepository } from '../ports/notification.repository';
import type { NewNotification } from '../ports/notification.repository';
import { ProgrammeRepository } from '../ports/programme.repository';
import type { ProgrammePlanRecord } from '../ports/programme.repository';
import { ReportRepository } from '../ports/report.repository';
import { forEachProgramme } from '../plans-in-batches';
import { ProgrammeStatusService } from '../programme-status/programme-status.service';
import { missingUpdateLadder } from './missing-update-ladder';
import { MonthEndSettings } from './month-end-settings';

/**
 * The month-end cycle's duties besides its reports: when each falls, and the reminders and escalations
 * about missing monthly updates and the return's sign-off. Each notification is recorded once under a
 * key naming its duty, period and recipient, then queued; raising it again records and queues nothing new.
 */
@Injectable()
export class CycleDutiesService {
  private readonly logger = new Logger(CycleDutiesService.name);

  constructor(
    private readonly reports: ReportRepository,
    private readonly programmes: ProgrammeRepository,
    private readonly returns: MonthlyReturnRepository,
    private readonly notifications: NotificationRepository,
    private readonly queue: NotificationQueue,
    private readonly status: ProgrammeStatusService,
    private readonly settings: MonthEndSettings,
    private readonly clock: Clock,
  ) {}

  dutiesOn(day: string): CycleDuties {
    return dutiesOn(day, this.settings.rule, this.status.workingCalendar());
  }

  async remindMissingUpdates(period: string): Promise<number> {
    const days = this.days(period);
    const missing = await this.reports.programmesMissingUpdate(period);
    return this.raise(
      missing.map((programme) => ({
        dedupeKey: `update-reminder.${period}.${programme.id}`,
        kind: 'update-reminder',
        period,
        programmeId: programme.id,
        recipient: missingUpdateLadder(programme).reminded,
        subject: `Monthly update due: ${programme.name}, ${period}`,
        body: [
          `The monthly update of '${programme.name}' for ${period} is not recorded yet.`,
          `The month-end cycle runs on ${days.runDay} and its highlight report will show the update as missing unless it is recorded before then.`,
          `Please record the summary, achievements and plans for next period.`,
        ].join('\n\n'),
      })),
    );
  }

  /** At cycle time: the report already shows the update missing; the rung above the person reminded is told. */
  async escalateMissingUpdates(period: string): Promise<number> {
    const days = this.days(period);
    const missing = await this.reports.programmesMissingUpdate(period);
    return this.raise(
      missing.map((programme) => ({
        dedupeKey: `update-escalation.${period}.${programme.id}`,
        kind: 'update-escalation',
        period,
        programmeId: programme.id,
        recipient: missingUpdateLadder(programme).escalatedTo,
        subject: `Monthly update missing: ${programme.name}, ${period}`,
        body: [
          `The month-end cycle for ${period} ran without the monthly update of '${programme.name}'; its highlight report shows the update as missing.`,
          `Reminded on ${days.updateReminderDay}: ${missingUpdateLadder(programme).reminded}. Programme lead: ${programme.leadEmail}.`,
          `Please make sure the update is recorded; the report for ${period} is kept as it was made.`,
        ].join('\n\n'),
      })),
    );
  }

  /** At cycle time: each programme Red at the end of this month and of the month before is escalated to its SRO and PMO. */
  async escalateRedProgrammes(period: string): Promise<number> {
    const red = (
      await forEachProgramme(await this.reports.programmesActiveIn(period), async (programmeId): Promise<ProgrammePlanRecord[]> => {
        const plan = await this.programmes.loadPlan(programmeId);
        if (plan === null) return [];
        const [now, before] = await Promise.all([period, addMonths(period, -1)].map((month) => this.status.assess(plan, endOfLondonDay(lastDayOfMonth(month)))));
        return now.status === 'Red' && before.status === 'Red' ? [plan] : [];
      })
    ).flat();
    return this.raise(
      red.flatMap((plan) =>
        [...new Set([plan.sroEmail ?? plan.leadEmail, ...plan.pmoEmails].map((email) => email.toLowerCase()))].map((recipient) => ({
          dedupeKey: `programme-red.${period}.${plan.id}.${recipient}`,
          kind: 'programme-red' as const,
          period,
          programmeId: plan.id,
          recipient,
          subject: `RED two months running: ${plan.name}, ${addMonths(period, -1)} and ${period}`,
          body: [
            `The programme '${plan.name}' was Red at the end of ${addMonths(period, -1)} and is Red at the end of ${period}.`,
            `Programme lead: ${plan.leadEmail}. Its highlight report for ${period} gives the reasons.`,
          ].join('\n\n'),
        })),
      ),
    );
  }

  async remindReturnSignOff(period: string): Promise<number> {
    if (!(await this.awaitingSubmission(period))) return 0;
    const days = this.days(period);
    return this.raise(
      this.settings.signOffEmails.map((recipient) => ({
        dedupeKey: `return-reminder.${period}.${recipient}`,
        kind: 'return-reminder',
        period,
        programmeId: null,
        recipient,
        subject: `NHS England monthly return for ${period} due by ${days.returnDeadline}`,
        body: [
          `The NHS England monthly return for ${period} is not submitted yet. It is due by the end of ${days.returnDeadline}.`,
          `It needs review, approval and submission, by named people, in that order.`,
        ].join('\n\n'),
      })),
    );
  }

  async escalateReturnSignOff(period: string): Promise<number> {
    if (!(await this.awaitingSubmission(period))) return 0;
    const days = this.days(period);
    return this.raise(
      this.settings.escalationEmails.map((recipient) => ({
        dedupeKey: `return-escalation.${period}.${recipient}`,
        kind: 'return-escalation',
        period,
        programmeId: null,
        recipient,
        subject: `OVERDUE: NHS England monthly return for ${period} missed its deadline of ${days.returnDeadline}`,
        body: [
          `The NHS England monthly return for ${period} was due by the end of ${days.returnDeadline} and no version of it is submitted.`,
          `Sign-off contacts: ${this.settings.signOffEmails.join(', ')}.`,
        ].join('\n\n'),
      })),
    );
  }

  private days(period: string): CycleDays {
    return cycleDays(period, this.settings.rule, this.status.workingCalendar());
  }

  /** A return made by a cycle and not yet submitted; a period whose cycle never ran has nothing to chase. */
  private async awaitingSubmission(period: string): Promise<boolean> {
    const versions = await this.returns.versions(period);
    return versions.length > 0 && !versions.some((version) => version.status === 'submitted');
  }

  /** Records each notification once and queues it; answers how many were recorded for the first time. */
  private async raise(notifications: NewNotification[]): Promise<number> {
    let raised = 0;
    for (const notification of notifications) {
      const { id, created } = await this.notifications.recordOnce(notification, this.clock.now());
      // Queued even when recorded before: an earlier attempt may have failed between the two steps.
      await this.queue.enqueueEmail(notification.dedupeKey, id);
      if (created) raised += 1;
    }
    if (raised > 0) this.logger.log(`raised ${raised} ${notifications[0].kind} notification(s) for ${notifications[0].period}`);
    return raised;
  }
}
