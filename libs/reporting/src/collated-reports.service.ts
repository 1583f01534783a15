import { Injectable } from '@nestjs/common';
import { Clock, OrganisationRepository, ReportRepository } from '@pmo/application';
import type { StoredReport } from '@pmo/application';
import { endOfLondonDay, financialPeriod, lastDayOfMonth } from '@pmo/domain';
import { monthlyUpdatePaperDocument, portfolioSummaryDocument } from './collated-reports';
import { renderHtml, renderMarkdown } from './document';
import type { ReportDocument } from './document';
import { HighlightReportService } from './highlight-report.service';

/** The papers that collate a period's highlight reports: the portfolio summary and each organisation's committee paper. */
@Injectable()
export class CollatedReportsService {
  constructor(
    private readonly highlightReports: HighlightReportService,
    private readonly organisations: OrganisationRepository,
    private readonly reports: ReportRepository,
    private readonly clock: Clock,
  ) {}

  /** Makes and keeps them once, in Markdown and HTML, as at the period's end like the reports they collate. */
  async storeOnce(month: string): Promise<StoredReport[]> {
    const reports = await this.highlightReports.buildAll(month);
    const period = financialPeriod(month);
    const asAt = endOfLondonDay(lastDayOfMonth(month)).toISOString();
    const odsCodes = [...new Set(reports.flatMap((report) => report.programme.organisation ?? []))].sort();
    const organisations = await Promise.all(odsCodes.map(async (odsCode) => ({ odsCode, name: (await this.organisations.find(odsCode))?.name ?? odsCode })));
    const names = new Map(organisations.map((organisation) => [organisation.odsCode, organisation.name]));
    const now = this.clock.now();
    const keep = async (kind: StoredReport['kind'], organisation: string | null, document: ReportDocument) => [
      await this.reports.storeOnce({ kind, format: 'markdown', period: month, programmeId: null, organisation, content: renderMarkdown(document) }, now),
      await this.reports.storeOnce({ kind, format: 'html', period: month, programmeId: null, organisation, content: renderHtml(document) }, now),
    ];
    const kept = await keep('portfolio-summary', null, portfolioSummaryDocument(period, asAt, reports, names));
    for (const organisation of organisations) {
      const own = reports.filter((report) => report.programme.organisation === organisation.odsCode);
      kept.push(...(await keep('monthly-update-paper', organisation.odsCode, monthlyUpdatePaperDocument(period, asAt, organisation, own))));
    }
    return kept;
  }
}
