import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApplicationError, ExportProgrammeWorkbookUseCase, ImportProgrammeWorkbookUseCase, sheetFromSlug } from '@pmo/application';
import type { ImportSummary } from '@pmo/application';
import { Access } from './access/access.decorators';
import { CSV_MEDIA_TYPE, WorkbookDownloads, XLSX_MEDIA_TYPE } from './workbook-downloads';

/** A programme's milestones, trajectories and RAID in and out of spreadsheets: XLSX whole, or one CSV per sheet. */
@Controller('programmes/:programmeId')
export class ProgrammeWorkbooksController extends WorkbookDownloads {
  constructor(
    exportWorkbook: ExportProgrammeWorkbookUseCase,
    private readonly importWorkbook: ImportProgrammeWorkbookUseCase,
  ) {
    super(exportWorkbook);
  }

  @Post('workbook')
  @Access('manage-programme', 'programme')
  @HttpCode(200)
  uploadWorkbook(@Param('programmeId') programmeId: string, @Body() body: unknown): Promise<ImportSummary> {
    if (!Buffer.isBuffer(body)) throw bodyMustBe(XLSX_MEDIA_TYPE, 'an XLSX workbook');
    return this.importWorkbook.xlsx(programmeId, body);
  }

  @Post('sheets/:sheet')
  @Access('manage-programme', 'programme')
  @HttpCode(200)
  uploadSheet(@Param('programmeId') programmeId: string, @Param('sheet') sheet: string, @Body() body: unknown): Promise<ImportSummary> {
    if (typeof body !== 'string') throw bodyMustBe(CSV_MEDIA_TYPE, 'a CSV file');
    return this.importWorkbook.csv(programmeId, sheetFromSlug(sheet), body);
  }
}

function bodyMustBe(mediaType: string, what: string): ApplicationError {
  return ApplicationError.validationFailed([{ field: '(body)', reason: `must be ${what}, sent with Content-Type ${mediaType}` }]);
}
