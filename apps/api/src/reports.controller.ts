import { Controller, Get, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import { ApplicationError, ApplicationErrorCode, isUuid, monthSchema, parseOrThrow, ProgrammeScheduler, ReportRepository } from '@pmo/application';
import type { ReportKind, StoredReport } from '@pmo/application';
import type { MonthEndSummary } from '@pmo/contracts';
import { PdfRenderer, reportStylesheetPath } from '@pmo/reporting';
import { z } from 'zod';
import { Access, Public } from './access/access.decorators';

const KINDS = ['highlight-report', 'portfolio-summary', 'monthly-update-paper'] as const satisfies readonly ReportKind[];
const kindSchema = z.enum(KINDS, { message: `must be one of ${KINDS.join(', ')}` });

const MEDIA_TYPES: Record<StoredReport['format'], string> = { markdown: 'text/markdown; charset=utf-8', html: 'text/html; charset=utf-8' };
const EXTENSIONS: Record<StoredReport['format'], string> = { markdown: 'md', html: 'html' };

/** The month-end cycle and the reports it keeps, each with its checksum. */
@Controller()
export class ReportsController {
  constructor(
    private readonly scheduler: ProgrammeScheduler,
    private readonly reports: ReportRepository,
    private readonly pdf: PdfRenderer,
  ) {}

  /** Runs the cycle for a period now; running it again makes nothing twice. */
  @Post('month-ends/:period')
  @Access('run-month-end', 'every-organisation')
  @HttpCode(200)
  runMonthEnd(@Param('period') period: string): Promise<MonthEndSummary> {
    return this.scheduler.runMonthEnd(parseOrThrow(monthSchema, period));
  }

  @Get('reports')
  @Access('read-programme', 'programme')
  list(@Query('period') period?: string, @Query('programmeId') programmeId?: string, @Query('kind') kind?: string): Promise<StoredReport[]> {
    if (programmeId !== undefined && !isUuid(programmeId)) throw ApplicationError.validationFailed([{ field: 'programmeId', reason: 'must be a UUID' }]);
    return this.reports.list({
      ...(period === undefined ? {} : { period: parseOrThrow(monthSchema, period) }),
      ...(programmeId === undefined ? {} : { programmeId }),
      ...(kind === undefined ? {} : { kind: parseOrThrow(kindSchema, kind) }),
    });
  }

  /** The NHS.UK stylesheet that every HTML report links to, relative to /reports/{reportId}. */
  @Get('reports/assets/nhsuk-frontend.min.css')
  @Public()
  stylesheet(@Res() response: Response): void {
    response.type('text/css; charset=utf-8').setHeader('cache-control', 'public, max-age=86400').sendFile(reportStylesheetPath());
  }

  @Get('reports/:reportId')
  @Access('read-programme', 'report')
  async download(@Param('reportId') reportId: string, @Res() response: Response): Promise<void> {
    const report = await this.found(reportId);
    response.type(MEDIA_TYPES[report.format]).setHeader('x-checksum-sha256', report.sha256);
    // HTML opens in the browser, where its relative stylesheet link resolves; Markdown is a file to keep.
    if (report.format === 'markdown') response.attachment(`${fileStem(report)}.${EXTENSIONS[report.format]}`);
    response.send(report.content);
  }

  /** An HTML report printed to PDF with the NHS.UK styles, on demand: the kept HTML is the record. */
  @Get('reports/:reportId/pdf')
  @Access('read-programme', 'report')
  async downloadPdf(@Param('reportId') reportId: string, @Res() response: Response): Promise<void> {
    const report = await this.found(reportId);
    if (report.format !== 'html') throw new ApplicationError(ApplicationErrorCode.Conflict, `report ${reportId} is ${report.format}; only an HTML report prints to PDF`);
    const pdf = await this.pdf.render(report.content, { stylesheets: [reportStylesheetPath()] });
    response.type('application/pdf').attachment(`${fileStem(report)}.pdf`).send(pdf);
  }

  private async found(reportId: string): Promise<StoredReport & { content: string }> {
    const report = isUuid(reportId) ? await this.reports.content(reportId) : null;
    if (report === null) throw ApplicationError.notFound(`no report ${reportId}`);
    return report;
  }
}

function fileStem(report: StoredReport): string {
  return [report.kind, report.period, report.organisation ?? report.programmeId].filter((part) => part !== null).join('-');
}
