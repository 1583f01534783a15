import { Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { ApplicationError, Clock, monthSchema, parseOrThrow, ProgrammeRepository, ProgrammeStatusService, ReportRepository } from '@pmo/application';
import type { StoredReport } from '@pmo/application';
import { endOfLondonDay, financialPeriod, lastDayOfMonth } from '@pmo/domain';
import { buildHighlightReport } from './highlight-report';
import type { HighlightReport } from './highlight-report';
import { renderHighlightReportMarkdown } from './markdown.renderer';

/** A programme's highlight report for a month, as at the month's end: the same report whatever day it is made. */
@Injectable()
export class HighlightReportService {
  constructor(
    private readonly programmes: ProgrammeRepository,
    private readonly status: ProgrammeStatusService,
    private readonly reports: ReportRepository,
    private readonly clock: Clock,
  ) {}

  /**
   * Makes and keeps a programme's report for a period, once: a second call (a retried activity, a
   * re-run cycle) returns the report already kept. The report is as at the period's end, so its
   * content and checksum are the same whenever it is made.
   */
  async storeOnce(programmeId: string, month: string): Promise<StoredReport> {
    const content = renderHighlightReportMarkdown(await this.build(programmeId, month));
    const sha256 = createHash('sha256').update(content).digest('hex');
    return this.reports.storeOnce({ programmeId, period: month, kind: 'highlight-report', format: 'markdown', content, sha256 }, this.clock.now());
  }

  async build(programmeId: string, month: string): Promise<HighlightReport> {
    const period = financialPeriod(parseOrThrow(monthSchema, month));
    const plan = await this.programmes.loadPlan(programmeId);
    if (plan === null) throw ApplicationError.notFound(`no programme ${programmeId}`);
    const asAt = endOfLondonDay(lastDayOfMonth(period.month));
    const assessment = await this.status.assess(plan, asAt);
    const trajectories = await Promise.all(
      plan.trajectories.map(async (trajectory) => ({
        ref: trajectory.ref,
        months: (await this.status.trajectoryMonths(plan, trajectory, asAt)).map(({ month: figureMonth, planned, actual }) => ({
          month: figureMonth,
          planned,
          actual: actual?.value ?? null,
        })),
      })),
    );
    return buildHighlightReport(plan, assessment, period, trajectories, this.status.workingCalendar());
  }
}
