import { Get, Param, Res } from '@nestjs/common';
import type { Response } from 'express';
import { ExportProgrammeWorkbookUseCase, sheetFromSlug } from '@pmo/application';
import { Access } from './access/access.decorators';

export const XLSX_MEDIA_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
export const CSV_MEDIA_TYPE = 'text/csv';

/**
 * A programme's workbook and its sheets as downloads: routes that the API's controller (signed in by bearer
 * token or API key) and the web pages' controller (signed in by session) each inherit under their own prefix.
 */
export abstract class WorkbookDownloads {
  constructor(protected readonly exportWorkbook: ExportProgrammeWorkbookUseCase) {}

  @Get('workbook')
  @Access('read-programme', 'programme')
  async downloadWorkbook(@Param('programmeId') programmeId: string, @Res() response: Response): Promise<void> {
    const { name, content } = await this.exportWorkbook.xlsx(programmeId);
    response.type(XLSX_MEDIA_TYPE).attachment(`${fileName(name)}.xlsx`).send(content);
  }

  @Get('sheets/:sheet')
  @Access('read-programme', 'programme')
  async downloadSheet(@Param('programmeId') programmeId: string, @Param('sheet') sheet: string, @Res() response: Response): Promise<void> {
    const { name, content } = await this.exportWorkbook.csv(programmeId, sheetFromSlug(sheet));
    response.type(`${CSV_MEDIA_TYPE}; charset=utf-8`).attachment(`${fileName(name)} - ${sheet}.csv`).send(content);
  }
}

/** A programme name as a file name: letters, digits, spaces and a few marks. */
function fileName(name: string): string {
  return name.replace(/[^A-Za-z0-9 ()_.,-]+/g, ' ').trim().slice(0, 100) || 'programme';
}
