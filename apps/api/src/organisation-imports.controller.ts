import { Controller, Get, HttpCode, Param, Post, Req } from '@nestjs/common';
import { ApiBody, ApiConsumes } from '@nestjs/swagger';
import { OrganisationImportUseCases } from '@pmo/application';
import type { OrganisationImportView } from '@pmo/application';
import { Access } from './access/access.decorators';
import type { AuthenticatedRequest } from './access/access.guard';
import { PUBLISHED_FILE_FIELDS, publishedFilesOf } from './file-uploads';

const UPLOAD_SCHEMA = {
  type: 'object',
  required: ['practices', 'commissioners'],
  properties: Object.fromEntries(
    Object.entries(PUBLISHED_FILE_FIELDS).map(([field, most]) => [
      field,
      most === 1 ? { type: 'string', format: 'binary' } : { type: 'array', maxItems: most, items: { type: 'string', format: 'binary' } },
    ]),
  ),
};

/** Organisations from the published NHS files: upload and preview, then confirm (docs/organisations.md). */
@Controller('organisation-imports')
export class OrganisationImportsController {
  constructor(private readonly imports: OrganisationImportUseCases) {}

  @Post()
  @Access('manage-organisations', 'every-organisation')
  @ApiConsumes('multipart/form-data')
  @ApiBody({ schema: UPLOAD_SCHEMA })
  preview(@Req() request: AuthenticatedRequest): Promise<OrganisationImportView> {
    return this.imports.preview(publishedFilesOf(request), request.principal.subject);
  }

  @Get(':importId')
  @Access('manage-organisations', 'every-organisation')
  find(@Param('importId') importId: string): Promise<OrganisationImportView> {
    return this.imports.find(importId);
  }

  @Post(':importId/confirm')
  @Access('manage-organisations', 'every-organisation')
  @HttpCode(200)
  confirm(@Param('importId') importId: string, @Req() request: AuthenticatedRequest): Promise<OrganisationImportView> {
    return this.imports.confirm(importId, request.principal.subject);
  }
}
