import { Get, Param, Res } from '@nestjs/common';
import type { Response } from 'express';
import { ApplicationError, ApplicationErrorCode, isUuid, ReportRepository } from '@pmo/application';
import type { StoredReport } from '@pmo/application';
import { PdfRenderer, reportStylesheetPath } from '@pmo/reporting';
import { Access, Public } from './access/access.decorators';

const MEDIA_TYPES: Record<StoredReport['format'], string> = { markdown: 'text/markdown; charset=utf-8', html: 'text/html; charset=utf-8' };
const EXTENSIONS: Record<StoredReport['format'], string> = { markdown: 'md', html: 'html' };

/**
 * A kept report's downloads: routes that the API's controller (signed in by bearer token or API key)
 * and the web pages' controller (signed in by session) each inherit under their own prefix.
 */
export abstract class ReportDownloads {
  constructor(
    protected readonly reports: ReportRepository,
    private readonly pdf: PdfRenderer,
  ) {}

  /** The NHS.UK stylesheet that every HTML report links to, relative to the report: `assets/...` beside `{reportId}`. */
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
    const printed = await this.pdf.render(report.content, { stylesheets: [reportStylesheetPath()] });
    response.type('application/pdf').attachment(`${fileStem(report)}.pdf`).send(printed);
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
