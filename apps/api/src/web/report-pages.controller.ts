import { Body, Controller, Get, Param, Post, Query, Req, Res } from '@nestjs/common';
import type { Response } from 'express';
import {
  ApplicationError,
  ApplicationErrorCode,
  Clock,
  GetMonthlyReturnUseCase,
  ListProgrammesUseCase,
  mayEver,
  monthSchema,
  OrganisationRepository,
  permits,
  ReportRepository,
  ResourceScopes,
  SignOffMonthlyReturnUseCase,
} from '@pmo/application';
import type { MonthlyReturnView, StoredReport } from '@pmo/application';
import { addMonths, londonDay } from '@pmo/domain';
import { PdfRenderer } from '@pmo/reporting';
import { Access } from '../access/access.decorators';
import type { AuthenticatedRequest } from '../access/access.guard';
import { sendReturnFile } from '../monthly-returns.controller';
import { ReportDownloads } from '../report-downloads';
import { FormRejected, rejected, textField } from './web-forms';
import { layoutContext } from './web-layout';
import { WebPages } from './web-page';
import { redirectDone, takeDone } from './web-session';
import { WebViews } from './web-views';

const KIND_NAMES: Record<StoredReport['kind'], string> = {
  'highlight-report': 'Highlight report',
  'portfolio-summary': 'Portfolio summary',
  'monthly-update-paper': 'Monthly update paper',
};

/** How many months back the returns page offers. */
const RETURN_MONTHS = 12;

/** The month-end's outputs: highlight reports and papers to read and download, and the return to sign off. */
@Controller('app')
@WebPages()
export class ReportPagesController extends ReportDownloads {
  constructor(
    private readonly views: WebViews,
    reports: ReportRepository,
    private readonly portfolio: ListProgrammesUseCase,
    private readonly scopes: ResourceScopes,
    private readonly organisations: OrganisationRepository,
    pdf: PdfRenderer,
    private readonly returns: GetMonthlyReturnUseCase,
    private readonly signOff: SignOffMonthlyReturnUseCase,
    private readonly clock: Clock,
  ) {
    super(reports, pdf);
  }

  @Get('reports')
  @Access('read-programme', 'own-organisations')
  async list(@Query('period') period: string | undefined, @Req() request: AuthenticatedRequest, @Res() response: Response): Promise<void> {
    const visible = new Map((await this.portfolio.visible(request.principal)).map((programme) => [programme.id, programme.name]));
    const all = await this.readable(request, await this.reports.list({}), visible);
    const periods = [...new Set(all.map((report) => report.period))].sort().reverse();
    const chosen = period !== undefined && periods.includes(period) ? period : periods[0];
    // One row per report, with its kept formats: the HTML (to read, or print to PDF) and the Markdown.
    const ofPeriod = all.filter((candidate) => candidate.period === chosen);
    // The papers' organisations, each named once, not once per report.
    const papers = [...new Set(ofPeriod.flatMap((report) => (report.programmeId === null ? [report.organisation] : [])))];
    const organisationNames = new Map(await Promise.all(papers.map(async (odsCode) => [odsCode, await this.organisationName(odsCode)] as const)));
    const rows = new Map<string, { kindName: string; about: string; html: string | null; markdown: string | null }>();
    for (const report of ofPeriod) {
      const key = `${report.kind}/${report.programmeId ?? report.organisation}`;
      const about = report.programmeId === null ? (organisationNames.get(report.organisation) as string) : (visible.get(report.programmeId) ?? report.programmeId);
      const row = rows.get(key) ?? { kindName: KIND_NAMES[report.kind], about, html: null, markdown: null };
      row[report.format] = report.id;
      rows.set(key, row);
    }
    const reports = [...rows.values()].sort((a, b) => `${a.kindName}${a.about}`.localeCompare(`${b.kindName}${b.about}`));
    response.send(this.views.render('reports.njk', { ...layoutContext(request, response, 'reports'), title: 'Reports', periods, period: chosen, reports }));
  }

  /** The return of the month just ended, the one being signed off. */
  @Get('returns')
  @Access('read-return', 'every-organisation')
  latestReturn(@Res() response: Response): void {
    response.redirect(303, `/app/returns/${addMonths(londonDay(this.clock.now()).slice(0, 7), -1)}`);
  }

  @Get('returns/:period')
  @Access('read-return', 'every-organisation')
  async returnPage(@Param('period') period: string, @Req() request: AuthenticatedRequest, @Res() response: Response): Promise<void> {
    const month = monthOrNotFound(period);
    response.send(this.views.render('return.njk', { ...(await this.returnContext(request, response, month)), done: takeDone(request, response) }));
  }

  @Get('returns/:period/versions/:version/:format')
  @Access('read-return', 'every-organisation')
  downloadReturn(@Param('period') period: string, @Param('version') version: string, @Param('format') format: string, @Res() response: Response): Promise<void> {
    return sendReturnFile(this.returns, period, version, format, response);
  }

  @Post('returns/:period/versions/:version/sign-off')
  @Access('sign-off-return', 'every-organisation')
  async sign(@Param('period') period: string, @Param('version') version: string, @Body() body: Record<string, unknown>, @Req() request: AuthenticatedRequest, @Res() response: Response): Promise<void> {
    const month = monthOrNotFound(period);
    const step = textField(body, 'step');
    const field = { id: 'step', label: 'The step' };
    const form = () => this.returnContext(request, response, month);
    if (step === '') throw new FormRejected('return.njk', await form(), [{ field: field.id, text: 'Select the step you are taking' }]);
    try {
      await this.signOff.execute(month, version, { step }, request.principal.via === 'token' ? request.principal.subject : null);
    } catch (error) {
      const context = await form();
      throw rejected(error, (problems) => new FormRejected('return.njk', context, problems), { step: field }, field);
    }
    redirectDone(request, response, `/app/returns/${month}`, `Version ${version} of the ${month} return: ${step} recorded against your name`);
  }

  private async returnContext(request: AuthenticatedRequest, response: Response, month: string): Promise<Record<string, unknown>> {
    const thisMonth = londonDay(this.clock.now()).slice(0, 7);
    const periods = Array.from({ length: RETURN_MONTHS }, (_, index) => addMonths(thisMonth, -1 - index));
    const view: MonthlyReturnView | null = await this.returns.execute(month).catch((error: unknown) => {
      // A month whose cycle has not run has no return yet: the page says so.
      if (error instanceof ApplicationError && error.code === ApplicationErrorCode.NotFound) return null;
      throw error;
    });
    return {
      ...layoutContext(request, response, 'returns'),
      title: `NHS England monthly return, ${month}`,
      period: month,
      periods,
      view,
      current: view?.versions.at(-1) ?? null,
      maySignOff: mayEver(request.principal, 'sign-off-return'),
    };
  }

  private async organisationName(odsCode: string | null): Promise<string> {
    if (odsCode === null) return 'Every organisation';
    const organisation = await this.organisations.find(odsCode);
    return organisation === null ? odsCode : `${organisation.name} (${odsCode})`;
  }

  /** The reports whose programme (or, for papers, organisation) the person may read. */
  private async readable(request: AuthenticatedRequest, reports: StoredReport[], visible: Map<string, string>): Promise<StoredReport[]> {
    const organisations = new Map<string | null, boolean>();
    const kept: StoredReport[] = [];
    for (const report of reports) {
      if (report.programmeId !== null) {
        if (visible.has(report.programmeId)) kept.push(report);
        continue;
      }
      if (!organisations.has(report.organisation)) {
        organisations.set(report.organisation, permits(request.principal, 'read-programme', await this.scopes.organisation(report.organisation)));
      }
      if (organisations.get(report.organisation) === true) kept.push(report);
    }
    return kept;
  }
}

function monthOrNotFound(period: string): string {
  if (!monthSchema.safeParse(period).success) throw ApplicationError.notFound(`no monthly return for ${period}`);
  return period;
}
