import { Body, Controller, Get, Param, Post, Req, Res } from '@nestjs/common';
import type { Response } from 'express';
import { ApplicationError, ExportProgrammeWorkbookUseCase, GetProgrammePlanUseCase, ImportProgrammeWorkbookUseCase, mayEver, SHEET_SLUGS, sheetFromSlug } from '@pmo/application';
import type { FieldProblem, ImportSummary } from '@pmo/application';
import { Access } from '../access/access.decorators';
import type { AuthenticatedRequest } from '../access/access.guard';
import { WORKBOOK_FILE_FIELD, workbookFileOf } from '../file-uploads';
import { WorkbookDownloads } from '../workbook-downloads';
import { FormRejected, sentence, textField } from './web-forms';
import type { FormProblem } from './web-forms';
import { layoutContext } from './web-layout';
import { WebPages } from './web-page';
import { redirectDone } from './web-session';
import { WebViews } from './web-views';

/** How many of a refused file's problems the error summary lists; the count says how many there are in all. */
const LISTED = 100;

/** A programme's plan as spreadsheets: the workbook and its CSV sheets to download, and one to upload in their place. */
@Controller('app/programmes/:programmeId')
@WebPages()
export class SpreadsheetPagesController extends WorkbookDownloads {
  constructor(
    exportWorkbook: ExportProgrammeWorkbookUseCase,
    private readonly views: WebViews,
    private readonly plans: GetProgrammePlanUseCase,
    private readonly importWorkbook: ImportProgrammeWorkbookUseCase,
  ) {
    super(exportWorkbook);
  }

  @Get('spreadsheets')
  @Access('read-programme', 'programme')
  async page(@Param('programmeId') programmeId: string, @Req() request: AuthenticatedRequest, @Res() response: Response): Promise<void> {
    response.send(this.views.render('spreadsheets.njk', { ...layoutContext(request, response, 'programmes'), ...(await this.context(programmeId, request)), sheet: '' }));
  }

  /** A whole XLSX workbook, or one CSV sheet: every problem listed by sheet, row and column, and nothing saved unless there are none. */
  @Post('spreadsheets')
  @Access('manage-programme', 'programme')
  async upload(@Param('programmeId') programmeId: string, @Body() body: Record<string, unknown>, @Req() request: AuthenticatedRequest, @Res() response: Response): Promise<void> {
    const context = await this.context(programmeId, request);
    const sheet = textField(body, 'sheet');
    const reject = (problems: FormProblem[], status = 400) => new FormRejected('spreadsheets.njk', { ...context, sheet, refused: problems.length }, problems, status);
    const file = workbookFileOf(request);
    if (file === null) throw reject([{ field: WORKBOOK_FILE_FIELD, text: 'Select an XLSX workbook or a CSV sheet' }]);
    const csv = /\.csv$/i.test(file.name);
    if (csv && !SHEET_SLUGS.some((candidate) => candidate.slug === sheet)) throw reject([{ field: 'sheet', text: 'Select which sheet the CSV file is' }]);
    let summary: ImportSummary;
    try {
      summary = csv ? await this.importWorkbook.csv(programmeId, sheetFromSlug(sheet), file.content.toString('utf8')) : await this.importWorkbook.xlsx(programmeId, file.content);
    } catch (error) {
      if (!(error instanceof ApplicationError) || error.fieldProblems.length === 0) throw error;
      throw reject(listed(error.fieldProblems, file.name), 422);
    }
    const counts = [`${summary.milestones} milestones`, `${summary.trajectoryPlanRows} trajectory plan rows`, `${summary.trajectoryActuals} actuals`, `${summary.raid} RAID items`];
    redirectDone(request, response, `/app/programmes/${programmeId}`, `${file.name} is imported: ${counts.join(', ')}`);
  }

  private async context(programmeId: string, request: AuthenticatedRequest) {
    const plan = await this.plans.execute(programmeId);
    return { title: 'Spreadsheets', plan, sheets: SHEET_SLUGS, mayImport: mayEver(request.principal, 'manage-programme'), back: { href: `/app/programmes/${programmeId}`, text: plan.name } };
  }
}

/** A refused file's problems against its input, each in the words of the sheet: "Milestones, row 4, Baseline date: …". */
function listed(problems: FieldProblem[], fileName: string): FormProblem[] {
  const shown = problems.slice(0, LISTED).map((problem) => ({
    field: WORKBOOK_FILE_FIELD,
    text: problem.sheet === undefined ? `${fileName}: ${problem.reason}` : `${problem.sheet}, row ${problem.row ?? 1}, ${problem.column ?? ''}: ${problem.reason}`,
  }));
  const more = problems.length - shown.length;
  return more > 0 ? [...shown, { field: WORKBOOK_FILE_FIELD, text: sentence(`and ${more} more problems: mend these and upload it again to see them`) }] : shown;
}
