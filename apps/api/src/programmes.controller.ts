import { Body, Controller, Get, HttpCode, Param, Post, Query, Req, Res } from '@nestjs/common';
import type { Response } from 'express';
import {
  CompleteMilestoneCommand,
  CompleteMilestoneUseCase,
  CreateProgrammeCommand,
  CreateProgrammeUseCase,
  GetProgrammeQuery,
  GetProgrammeUseCase,
  InstantiateTemplateCommand,
  InstantiateTemplateUseCase,
  ListProgrammesUseCase,
} from '@pmo/application';
import type { PortfolioEntry, ProgrammeView } from '@pmo/application';
import { Access } from './access/access.decorators';
import type { AuthenticatedRequest } from './access/access.guard';

@Controller('programmes')
export class ProgrammesController {
  constructor(
    private readonly createProgramme: CreateProgrammeUseCase,
    private readonly getProgramme: GetProgrammeUseCase,
    private readonly completeMilestone: CompleteMilestoneUseCase,
    private readonly instantiateTemplate: InstantiateTemplateUseCase,
    private readonly listProgrammes: ListProgrammesUseCase,
  ) {}

  /** The portfolio: every programme the caller may read, with its status now; `organisation`, `gpfvArea` and `status` filter it. */
  @Get()
  @Access('read-programme', 'own-organisations')
  list(@Query() query: Record<string, unknown>, @Req() request: AuthenticatedRequest): Promise<PortfolioEntry[]> {
    return this.listProgrammes.execute(request.principal, query);
  }

  @Post()
  @Access('manage-programme', 'new-programme')
  @HttpCode(201)
  async create(@Body() body: unknown, @Res({ passthrough: true }) response: Response): Promise<ProgrammeView> {
    const programme = await this.createProgramme.execute(CreateProgrammeCommand.from(body));
    response.location(`/programmes/${programme.id}`);
    return programme;
  }

  @Post('from-template')
  @Access('manage-programme', 'new-programme')
  @HttpCode(201)
  async fromTemplate(@Body() body: unknown, @Res({ passthrough: true }) response: Response): Promise<ProgrammeView> {
    const programme = await this.instantiateTemplate.execute(InstantiateTemplateCommand.from(body));
    response.location(`/programmes/${programme.id}`);
    return programme;
  }

  @Get(':programmeId')
  @Access('read-programme', 'programme')
  get(@Param('programmeId') programmeId: string, @Query('asAt') asAt?: string): Promise<ProgrammeView> {
    return this.getProgramme.execute(GetProgrammeQuery.from(programmeId, asAt));
  }

  @Post(':programmeId/milestones/:milestoneId/complete')
  @Access('manage-programme', 'programme')
  @HttpCode(200)
  complete(@Param('programmeId') programmeId: string, @Param('milestoneId') milestoneId: string, @Body() body: unknown): Promise<ProgrammeView> {
    return this.completeMilestone.execute(CompleteMilestoneCommand.from(programmeId, milestoneId, body));
  }
}
