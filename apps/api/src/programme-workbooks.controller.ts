import { Body, Controller, Get, HttpCode, Param, Post, Res } from '@nestjs/common';
import type { Response } from 'express';
import { ApplicationError, ExportProgrammeWorkbookUseCase, ImportProgrammeWorkbookUseCase, sheetFromSlug } from '@pmo/application';
import type { ImportSummary } from '@pmo/application';
import { Access } from './access/access.decorators';

export const XLSX_MEDIA_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
export const CSV_MEDIA_TYPE = 'text/csv';

/** A programme's milestones, trajectories and RAID in and out of spreadsheets: XLSX whole, or one CSV per sheet. */
@Controller('programmes/:programmeId')
export class ProgrammeWorkbooksController {
  constructor(
    private readonly exportWorkbook: ExportProgrammeWorkbookUseCase,
    private readonly importWorkbook: ImportProgrammeWorkbookUseCase,
  ) {}

  @Get('workbook')
  @Access('read-programme', 'programme')
  async downloadWorkbook(@Param('programmeId') programmeId: string, @Res() response: Response): Promise<void> {
    const { name, content } = await this.exportWorkbook.xlsx(programmeId);
    response.type(XLSX_MEDIA_TYPE).attachment(`${fileName(name)}.xlsx`).send(content);
  }

  @Post('workbook')
  @Access('manage-programme', 'programme')
  @HttpCode(200)
  uploadWorkbook(@Param('programmeId') programmeId: string, @Body() body: unknown): Promise<ImportSummary> {
    if (!Buffer.isBuffer(body)) throw bodyMustBe(XLSX_MEDIA_TYPE, 'an XLSX workbook');
    return this.importWorkbook.xlsx(programmeId, body);
  }

  @Get('sheets/:sheet')
  @Access('read-programme', 'programme')
  async downloadSheet(@Param('programmeId') programmeId: string, @Param('sheet') sheet: string, @Res() response: Response): Promise<void> {
    const { name, content } = await this.exportWorkbook.csv(programmeId, sheetFromSlug(sheet));
    response.type(`${CSV_MEDIA_TYPE}; charset=utf-8`).attachment(`${fileName(name)} - ${sheet}.csv`).send(content);
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

/** A programme name as a file name: letters, digits, spaces and a few marks. */
function fileName(name: string): string {
  return name.replace(/[^A-Za-z0-9 ()_.,-]+/g, ' ').trim().slice(0, 100) || 'programme';
}
