import { Controller, Get, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import { ApplicationError, isUuid, monthSchema, parseOrThrow, ProgrammeScheduler, ReportRepository } from '@pmo/application';
import type { StoredReport } from '@pmo/application';
import type { MonthEndSummary } from '@pmo/contracts';

/** The month-end cycle and the reports it keeps, each with its checksum. */
@Controller()
export class ReportsController {
  constructor(
    private readonly scheduler: ProgrammeScheduler,
    private readonly reports: ReportRepository,
  ) {}

  /** Runs the cycle for a period now; running it again makes nothing twice. */
  @Post('month-ends/:period')
  @HttpCode(200)
  runMonthEnd(@Param('period') period: string): Promise<MonthEndSummary> {
    return this.scheduler.runMonthEnd(parseOrThrow(monthSchema, period));
  }

  @Get('reports')
  list(@Query('period') period?: string, @Query('programmeId') programmeId?: string): Promise<StoredReport[]> {
    if (programmeId !== undefined && !isUuid(programmeId)) throw ApplicationError.validationFailed([{ field: 'programmeId', reason: 'must be a UUID' }]);
    return this.reports.list({
      ...(period === undefined ? {} : { period: parseOrThrow(monthSchema, period) }),
      ...(programmeId === undefined ? {} : { programmeId }),
    });
  }

  @Get('reports/:reportId')
  async download(@Param('reportId') reportId: string, @Res() response: Response): Promise<void> {
    const report = isUuid(reportId) ? await this.reports.content(reportId) : null;
    if (report === null) throw ApplicationError.notFound(`no report ${reportId}`);
    response
      .type('text/markdown; charset=utf-8')
      .setHeader('x-checksum-sha256', report.sha256)
      .attachment(`highlight-report-${report.period}-${report.programmeId}.md`)
      .send(report.content);
  }
}
