import { Controller, Get, Param, Res } from '@nestjs/common';
import type { Response } from 'express';
import { ApplicationError, isUuid } from '@pmo/application';
import { HighlightReportService, highlightReportDocument, PdfRenderer, renderHtml, renderMarkdown, reportStylesheetPath } from '@pmo/reporting';
import type { HighlightReport } from '@pmo/reporting';
import { Access } from './access/access.decorators';

/** Highlight reports, built as at the end of the month they report on, in any of their forms. */
@Controller('programmes/:programmeId/highlight-reports')
export class HighlightReportsController {
  constructor(
    private readonly reports: HighlightReportService,
    private readonly pdf: PdfRenderer,
  ) {}

  @Get(':month')
  @Access('read-programme', 'programme')
  report(@Param('programmeId') programmeId: string, @Param('month') month: string): Promise<HighlightReport> {
    return this.reports.build(programmeOrNotFound(programmeId), month);
  }

  @Get(':month/markdown')
  @Access('read-programme', 'programme')
  async markdown(@Param('programmeId') programmeId: string, @Param('month') month: string, @Res() response: Response): Promise<void> {
    const report = await this.reports.build(programmeOrNotFound(programmeId), month);
    response.type('text/markdown; charset=utf-8').send(renderMarkdown(highlightReportDocument(report)));
  }

  @Get(':month/pdf')
  @Access('read-programme', 'programme')
  async printed(@Param('programmeId') programmeId: string, @Param('month') month: string, @Res() response: Response): Promise<void> {
    const report = await this.reports.build(programmeOrNotFound(programmeId), month);
    const pdf = await this.pdf.render(renderHtml(highlightReportDocument(report)), { stylesheets: [reportStylesheetPath()] });
    response.type('application/pdf').attachment(`highlight-report-${month}-${programmeId}.pdf`).send(pdf);
  }
}

function programmeOrNotFound(programmeId: string): string {
  if (!isUuid(programmeId)) throw ApplicationError.notFound(`no programme ${programmeId}`);
  return programmeId;
}
