import { Controller, Get, Param } from '@nestjs/common';
import { ApplicationError, GetOrganisationUseCase, ProgrammeTemplates } from '@pmo/application';
import type { OrganisationView, ProgrammeTemplate, ProgrammeTemplateSummary } from '@pmo/application';
import { Access } from './access/access.decorators';

/** The reference data programmes are built from: shipped templates and the organisation tree. */
@Controller()
export class CatalogueController {
  constructor(
    private readonly templates: ProgrammeTemplates,
    private readonly organisations: GetOrganisationUseCase,
  ) {}

  @Get('templates')
  @Access('use-catalogue', 'anywhere')
  listTemplates(): ProgrammeTemplateSummary[] {
    return this.templates.list();
  }

  @Get('templates/:templateId')
  @Access('use-catalogue', 'anywhere')
  getTemplate(@Param('templateId') templateId: string): ProgrammeTemplate {
    const template = this.templates.get(templateId);
    if (template === null) throw ApplicationError.notFound(`no template ${templateId}`);
    return template;
  }

  @Get('organisations/:odsCode')
  @Access('use-catalogue', 'anywhere')
  getOrganisation(@Param('odsCode') odsCode: string): Promise<OrganisationView> {
    return this.organisations.execute(odsCode);
  }
}
