import { Body, Controller, Get, HttpCode, Param, Post, Put } from '@nestjs/common';
import {
  GetProgrammePlanUseCase,
  GetTrajectoryProgressUseCase,
  RebaselineMilestoneUseCase,
  RecordTrajectoryActualsUseCase,
} from '@pmo/application';
import type { ProgrammePlanRecord, TrajectoryProgress } from '@pmo/application';

/** A programme's plan: its milestones' baselines, its trajectories and their actuals. */
@Controller('programmes/:programmeId')
export class ProgrammePlansController {
  constructor(
    private readonly getPlan: GetProgrammePlanUseCase,
    private readonly rebaselineMilestone: RebaselineMilestoneUseCase,
    private readonly recordActuals: RecordTrajectoryActualsUseCase,
    private readonly getTrajectory: GetTrajectoryProgressUseCase,
  ) {}

  @Get('plan')
  plan(@Param('programmeId') programmeId: string): Promise<ProgrammePlanRecord> {
    return this.getPlan.execute(programmeId);
  }

  @Post('milestones/:milestoneRef/rebaseline')
  @HttpCode(200)
  rebaseline(@Param('programmeId') programmeId: string, @Param('milestoneRef') milestoneRef: string, @Body() body: unknown): Promise<ProgrammePlanRecord> {
    return this.rebaselineMilestone.execute(programmeId, milestoneRef, body);
  }

  @Put('trajectories/:trajectoryRef/actuals/:month')
  @HttpCode(204)
  actuals(
    @Param('programmeId') programmeId: string,
    @Param('trajectoryRef') trajectoryRef: string,
    @Param('month') month: string,
    @Body() body: unknown,
  ): Promise<void> {
    return this.recordActuals.execute(programmeId, trajectoryRef, month, body);
  }

  @Get('trajectories/:trajectoryRef')
  trajectory(@Param('programmeId') programmeId: string, @Param('trajectoryRef') trajectoryRef: string): Promise<TrajectoryProgress> {
    return this.getTrajectory.execute(programmeId, trajectoryRef);
  }
}
