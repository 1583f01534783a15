import { Controller, Get, Param, Post, Query, Req, Res } from '@nestjs/common';
import type { Response } from 'express';
import { ApplicationError, GetOrganisationUseCase, mayEver, odsCodeSchema, OrganisationImportUseCases } from '@pmo/application';
import type { FieldProblem, PublishedOrganisationFiles } from '@pmo/application';
import { Access } from '../access/access.decorators';
import type { AuthenticatedRequest } from '../access/access.guard';
import { PUBLISHED_FILE_FIELDS, publishedFilesOf } from '../file-uploads';
import { FormRejected, sentence } from './web-forms';
import type { FormProblem } from './web-forms';
import { layoutContext } from './web-layout';
import { WebPages } from './web-page';
import { redirectDone, takeDone } from './web-session';
import { WebViews } from './web-views';

/** How many of a report's rows, and of a refusal's problems, a page lists; the counts say how many there are in all. */
const LISTED = 200;

/** The organisation tree: an organisation with its children and list sizes, and, for admins, the import of the published NHS files. */
@Controller('app/organisations')
@WebPages()
export class OrganisationPagesController {
  constructor(
    private readonly views: WebViews,
    private readonly organisations: GetOrganisationUseCase,
    private readonly imports: OrganisationImportUseCases,
  ) {}

  @Get()
  @Access('use-catalogue', 'anywhere')
  find(@Query('odsCode') odsCode: string | undefined, @Req() request: AuthenticatedRequest, @Res() response: Response): void {
    const wanted = odsCodeSchema.safeParse(odsCode?.trim().toUpperCase());
    if (odsCode !== undefined && wanted.success) return response.redirect(303, `/app/organisations/${wanted.data}`);
    const errors = odsCode === undefined ? [] : [{ field: 'odsCode', text: 'Enter an ODS code of 3 to 10 letters and digits, such as 11J or J81001' }];
    response.send(this.views.render('organisations.njk', { ...layoutContext(request, response, 'organisations'), title: 'Organisations', odsCode: odsCode ?? '', errors, mayImport: mayEver(request.principal, 'manage-organisations') }));
  }

  @Get('imports/new')
  @Access('manage-organisations', 'every-organisation')
  importForm(@Req() request: AuthenticatedRequest, @Res() response: Response): void {
    response.send(this.views.render('organisation-import.njk', { ...layoutContext(request, response, 'organisations'), ...IMPORT_PAGE }));
  }

  @Post('imports')
  @Access('manage-organisations', 'every-organisation')
  async upload(@Req() request: AuthenticatedRequest, @Res() response: Response): Promise<void> {
    let files: PublishedOrganisationFiles | null = null;
    try {
      files = publishedFilesOf(request);
      const staged = await this.imports.preview(files, request.principal.subject);
      response.redirect(303, `/app/organisations/imports/${staged.id}`);
    } catch (error) {
      if (!(error instanceof ApplicationError) || error.fieldProblems.length === 0) throw error;
      throw new FormRejected('organisation-import.njk', IMPORT_PAGE, formProblems(error.fieldProblems, files), 422);
    }
  }

  @Get('imports/:importId')
  @Access('manage-organisations', 'every-organisation')
  async importReport(@Param('importId') importId: string, @Req() request: AuthenticatedRequest, @Res() response: Response): Promise<void> {
    const view = await this.imports.find(importId);
    const done = takeDone(request, response);
    response.send(this.views.render('organisation-import-report.njk', { ...layoutContext(request, response, 'organisations'), title: 'Organisation import', view, done, listed: LISTED, back: { href: '/app/organisations/imports/new', text: 'Upload other files' } }));
  }

  @Post('imports/:importId/confirm')
  @Access('manage-organisations', 'every-organisation')
  async confirm(@Param('importId') importId: string, @Req() request: AuthenticatedRequest, @Res() response: Response): Promise<void> {
    const view = await this.imports.confirm(importId, request.principal.subject);
    const outcome = view.outcome;
    redirectDone(request, response, `/app/organisations/imports/${importId}`, outcome === null || outcome.unchanged ? 'The import is confirmed: the record already held these files' : 'The import is confirmed and written');
  }

  @Get(':odsCode')
  @Access('use-catalogue', 'anywhere')
  async organisation(@Param('odsCode') odsCode: string, @Req() request: AuthenticatedRequest, @Res() response: Response): Promise<void> {
    const organisation = await this.organisations.execute(odsCode);
    const back = organisation.parentOdsCode === null ? { href: '/app/organisations', text: 'Organisations' } : { href: `/app/organisations/${organisation.parentOdsCode}`, text: `Up to ${organisation.parentOdsCode}` };
    response.send(this.views.render('organisation.njk', { ...layoutContext(request, response, 'organisations'), title: organisation.name, organisation, back }));
  }
}

const IMPORT_PAGE = {
  title: 'Import organisations',
  fields: PUBLISHED_FILE_FIELDS,
  back: { href: '/app/organisations', text: 'Organisations' },
};

/** Each problem against the file input it came in by, in words: "epraccur.csv line 2: Organisation Code …". */
function formProblems(problems: FieldProblem[], files: PublishedOrganisationFiles | null): FormProblem[] {
  const roleOf = new Map<string, string>();
  if (files !== null) {
    for (const [role, given] of Object.entries(files) as [string, PublishedOrganisationFiles[keyof PublishedOrganisationFiles]][]) {
      for (const file of Array.isArray(given) ? given : given === null ? [] : [given]) roleOf.set(file.name, role);
    }
  }
  const listed = problems.slice(0, LISTED).map((problem) => ({
    field: (problem.file === undefined ? undefined : roleOf.get(problem.file)) ?? (problem.field in PUBLISHED_FILE_FIELDS ? problem.field : 'practices'),
    text: problem.file === undefined ? sentence(`${problem.field === '(body)' ? 'the upload' : problem.field} ${problem.reason}`) : `${problem.file} line ${problem.line ?? 1}: ${problem.field} ${problem.reason}`,
  }));
  const more = problems.length - listed.length;
  return more > 0 ? [...listed, { field: 'practices', text: `And ${more} more problems: mend these and upload again to see them` }] : listed;
}
