import { Injectable } from '@nestjs/common';
import { ApplicationError, Clock, forEachProgramme, monthSchema, parseOrThrow, ProgrammeRepository, ProgrammeStatusService, ReportRepository } from '@pmo/application';
import type { StoredReport } from '@pmo/application';
import { endOfLondonDay, financialPeriod, lastDayOfMonth } from '@pmo/domain';
import { renderHtml, renderMarkdown } from './document';
import { buildHighlightReport } from './highlight-report';
import type { HighlightReport } from './highlight-report';
import { highlightReportDocument } from './highlight-report.document';

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
   * Makes and keeps a programme's report for a period, once, in Markdown and HTML: a second call (a
   * retried activity, a re-run cycle) returns the reports already kept. The report is as at the
   * period's end, so its content and checksum are the same whenever it is made.
   */
  async storeOnce(programmeId: string, month: string): Promise<StoredReport[]> {
    const document = highlightReportDocument(await this.build(programmeId, month));
    const now = this.clock.now();
    const keep = (format: StoredReport['format'], content: string) =>
      this.reports.storeOnce({ kind: 'highlight-report', format, period: month, programmeId, organisation: null, content }, now);
    return [await keep('markdown', renderMarkdown(document)), await keep('html', renderHtml(document))];
  }

  async build(programmeId: string, month: string): Promise<HighlightReport> {
    const period = financialPeriod(parseOrThrow(monthSchema, month, 'month'));
    const plan = await this.programmes.loadPlan(programmeId);
    if (plan === null) throw ApplicationError.notFound(`no programme ${programmeId}`);
    const asAt = endOfLondonDay(lastDayOfMonth(period.month));
    const { assessment, trajectories } = await this.status.assessWithFigures(plan, asAt);
    return buildHighlightReport(plan, assessment, period, trajectories, this.status.workingCalendar());
  }

  /** Every report of a period, for the papers that collate them, in the order of the programmes' ids. */
  async buildAll(month: string): Promise<HighlightReport[]> {
    const programmeIds = await this.reports.programmesActiveIn(parseOrThrow(monthSchema, month, 'period'));
    return forEachProgramme(programmeIds, (programmeId) => this.build(programmeId, month));
  }
}
