import { Body, Controller, Get, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
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
} from '@pmo/application';
import type { ProgrammeView } from '@pmo/application';

@Controller('programmes')
export class ProgrammesController {
  constructor(
    private readonly createProgramme: CreateProgrammeUseCase,
    private readonly getProgramme: GetProgrammeUseCase,
    private readonly completeMilestone: CompleteMilestoneUseCase,
    private readonly instantiateTemplate: InstantiateTemplateUseCase,
  ) {}

  @Post()
  @HttpCode(201)
  async create(@Body() body: unknown, @Res({ passthrough: true }) response: Response): Promise<ProgrammeView> {
    const programme = await this.createProgramme.execute(CreateProgrammeCommand.from(body));
    response.location(`/programmes/${programme.id}`);
    return programme;
  }

  @Post('from-template')
  @HttpCode(201)
  async fromTemplate(@Body() body: unknown, @Res({ passthrough: true }) response: Response): Promise<ProgrammeView> {
    const programme = await this.instantiateTemplate.execute(InstantiateTemplateCommand.from(body));
    response.location(`/programmes/${programme.id}`);
    return programme;
  }

  @Get(':programmeId')
  get(@Param('programmeId') programmeId: string, @Query('asAt') asAt?: string): Promise<ProgrammeView> {
    return this.getProgramme.execute(GetProgrammeQuery.from(programmeId, asAt));
  }

  @Post(':programmeId/milestones/:milestoneId/complete')
  @HttpCode(200)
  complete(@Param('programmeId') programmeId: string, @Param('milestoneId') milestoneId: string, @Body() body: unknown): Promise<ProgrammeView> {
    return this.completeMilestone.execute(CompleteMilestoneCommand.from(programmeId, milestoneId, body));
  }
}
