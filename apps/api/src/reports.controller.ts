import { Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApplicationError, isUuid, monthSchema, parseOrThrow, ReportRepository, RunMonthEndUseCase } from '@pmo/application';
import type { ReportKind, StoredReport } from '@pmo/application';
import type { MonthEndSummary } from '@pmo/contracts';
import { PdfRenderer } from '@pmo/reporting';
import { z } from 'zod';
import { Access } from './access/access.decorators';
import { ReportDownloads } from './report-downloads';

const KINDS = ['highlight-report', 'portfolio-summary', 'monthly-update-paper'] as const satisfies readonly ReportKind[];
const kindSchema = z.enum(KINDS, { message: `must be one of ${KINDS.join(', ')}` });


/** The month-end cycle and the reports it keeps, each with its checksum. */
@Controller()
export class ReportsController extends ReportDownloads {
  constructor(
    private readonly monthEnd: RunMonthEndUseCase,
    reports: ReportRepository,
    pdf: PdfRenderer,
  ) {
    super(reports, pdf);
  }

  /** Runs the cycle for a period now; running it again makes nothing twice. */
  @Post('month-ends/:period')
  @Access('run-month-end', 'every-organisation')
  @HttpCode(200)
  runMonthEnd(@Param('period') period: string): Promise<MonthEndSummary> {
    return this.monthEnd.execute(period);
  }

  @Get('reports')
  @Access('read-programme', 'programme')
  list(@Query('period') period?: string, @Query('programmeId') programmeId?: string, @Query('kind') kind?: string): Promise<StoredReport[]> {
    if (programmeId !== undefined && !isUuid(programmeId)) throw ApplicationError.validationFailed([{ field: 'programmeId', reason: 'must be a UUID' }]);
    return this.reports.list({
      ...(period === undefined ? {} : { period: parseOrThrow(monthSchema, period, 'period') }),
      ...(programmeId === undefined ? {} : { programmeId }),
      ...(kind === undefined ? {} : { kind: parseOrThrow(kindSchema, kind, 'kind') }),
    });
  }
}
