import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put } from '@nestjs/common';
import {
  ChangeEndDateUseCase,
  ChangeProgrammeDetailsUseCase,
  ProgrammeClosureUseCases,
  RaidAndFundingUseCases,
  ConfirmMilestoneUseCase,
  GetProgrammePlanUseCase,
  GetTrajectoryProgressUseCase,
  MilestoneUseCases,
  RebaselineMilestoneUseCase,
  RecordGoLiveUseCase,
  RecordSpendUseCase,
  RecordTrajectoryActualsUseCase,
  ReforecastMilestoneUseCase,
  SaveMonthlyUpdateUseCase,
  SetConfidenceOverrideUseCase,
} from '@pmo/application';
import type { PlanFundingLine, PlanMilestone, PlanRaidItem, ProgrammePlanRecord, ProgrammeView, TrajectoryProgress } from '@pmo/application';
import { Access } from './access/access.decorators';

/** A programme's plan: baselines, trajectory actuals, monthly updates and spend. */
@Controller('programmes/:programmeId')
export class ProgrammePlansController {
  constructor(
    private readonly getPlan: GetProgrammePlanUseCase,
    private readonly rebaselineMilestone: RebaselineMilestoneUseCase,
    private readonly recordActuals: RecordTrajectoryActualsUseCase,
    private readonly getTrajectory: GetTrajectoryProgressUseCase,
    private readonly saveMonthlyUpdate: SaveMonthlyUpdateUseCase,
    private readonly recordSpend: RecordSpendUseCase,
    private readonly confirmMilestone: ConfirmMilestoneUseCase,
    private readonly setConfidenceOverride: SetConfidenceOverrideUseCase,
    private readonly recordGoLive: RecordGoLiveUseCase,
    private readonly reforecastMilestone: ReforecastMilestoneUseCase,
    private readonly changeEndDate: ChangeEndDateUseCase,
    private readonly closure: ProgrammeClosureUseCases,
    private readonly raidAndFunding: RaidAndFundingUseCases,
    private readonly changeDetails: ChangeProgrammeDetailsUseCase,
    private readonly milestones: MilestoneUseCases,
  ) {}

  @Post('milestones/:milestoneId/confirm')
  @Access('respond-as-owner', 'programme')
  @HttpCode(200)
  confirm(@Param('programmeId') programmeId: string, @Param('milestoneId') milestoneId: string, @Body() body: unknown): Promise<ProgrammeView> {
    return this.confirmMilestone.execute(programmeId, milestoneId, body);
  }

  /** `{ endDate, reason }`: the programme ends later (or earlier, but never before what its plan holds). */
  /** `{ leadEmail, managerEmail, sroEmail, tolerances, warningWorkingDays, rollUp }`, whole: the people and the rules' tolerances. */
  @Put('details')
  @Access('manage-programme', 'programme')
  details(@Param('programmeId') programmeId: string, @Body() body: unknown): Promise<ProgrammePlanRecord> {
    return this.changeDetails.execute(programmeId, body);
  }

  @Put('end-date')
  @Access('manage-programme', 'programme')
  @HttpCode(200)
  endDate(@Param('programmeId') programmeId: string, @Body() body: unknown): Promise<ProgrammePlanRecord> {
    return this.changeEndDate.execute(programmeId, body);
  }

  /** `{ as: completed | stopped, reason, closedOn? }`: it escalates no more, and month ends report it to its close. */
  @Post('close')
  @Access('manage-programme', 'programme')
  @HttpCode(200)
  close(@Param('programmeId') programmeId: string, @Body() body: unknown): Promise<ProgrammePlanRecord> {
    return this.closure.close(programmeId, body);
  }

  /** `{ reason }`: a closed programme leaves the portfolio and the month end. */
  @Post('archive')
  @Access('govern-programme', 'programme')
  @HttpCode(200)
  archive(@Param('programmeId') programmeId: string, @Body() body: unknown): Promise<ProgrammePlanRecord> {
    return this.closure.archive(programmeId, body);
  }

  /** `{ reason }`: a closed or archived programme runs again. */
  @Post('reopen')
  @Access('manage-programme', 'programme')
  @HttpCode(200)
  reopen(@Param('programmeId') programmeId: string, @Body() body: unknown): Promise<ProgrammePlanRecord> {
    return this.closure.reopen(programmeId, body);
  }

  @Put('delivery-confidence-override')
  @Access('govern-programme', 'programme')
  @HttpCode(200)
  override(@Param('programmeId') programmeId: string, @Body() body: unknown): Promise<ProgrammeView> {
    return this.setConfidenceOverride.execute(programmeId, body);
  }

  @Delete('delivery-confidence-override')
  @Access('govern-programme', 'programme')
  @HttpCode(200)
  clearOverride(@Param('programmeId') programmeId: string): Promise<ProgrammeView> {
    return this.setConfidenceOverride.execute(programmeId, null);
  }

  @Post('phases/:phaseRef/go-lives')
  @Access('manage-programme', 'programme')
  @HttpCode(204)
  goLive(@Param('programmeId') programmeId: string, @Param('phaseRef') phaseRef: string, @Body() body: unknown): Promise<void> {
    return this.recordGoLive.execute(programmeId, phaseRef, body);
  }

  @Put('monthly-updates/:month')
  @Access('manage-programme', 'programme')
  @HttpCode(204)
  monthlyUpdate(@Param('programmeId') programmeId: string, @Param('month') month: string, @Body() body: unknown): Promise<void> {
    return this.saveMonthlyUpdate.execute(programmeId, month, body);
  }

  @Put('funding/:fundingRef/spend')
  @Access('manage-programme', 'programme')
  @HttpCode(204)
  spend(@Param('programmeId') programmeId: string, @Param('fundingRef') fundingRef: string, @Body() body: unknown): Promise<void> {
    return this.recordSpend.execute(programmeId, fundingRef, body);
  }

  /** A milestone added by the Milestones sheet's rules; one given no ref takes the next free one, M01 onwards. */
  @Post('milestones')
  @Access('manage-programme', 'programme')
  addMilestone(@Param('programmeId') programmeId: string, @Body() body: unknown): Promise<PlanMilestone> {
    return this.milestones.add(programmeId, body);
  }

  /** Its name, kind, owner, phase, predecessors, accepted overlap and evidence, whole; its dates move by their own routes. */
  @Put('milestones/:milestoneRef')
  @Access('manage-programme', 'programme')
  changeMilestone(@Param('programmeId') programmeId: string, @Param('milestoneRef') milestoneRef: string, @Body() body: unknown): Promise<PlanMilestone> {
    return this.milestones.change(programmeId, milestoneRef, body);
  }

  /** A funding line given no ref takes the next free one, F01 onwards. */
  @Post('funding')
  @Access('manage-programme', 'programme')
  addFundingLine(@Param('programmeId') programmeId: string, @Body() body: unknown): Promise<PlanFundingLine> {
    return this.raidAndFunding.addFundingLine(programmeId, body);
  }

  /** A risk, assumption, issue or decision; one given no ref takes the next free one, R01 onwards. */
  @Post('raid')
  @Access('manage-programme', 'programme')
  addRaidItem(@Param('programmeId') programmeId: string, @Body() body: unknown): Promise<PlanRaidItem> {
    return this.raidAndFunding.addRaidItem(programmeId, body);
  }

  /** The item as it now stands, whole: closing it is sending it with the status closed. */
  @Put('raid/:raidRef')
  @Access('manage-programme', 'programme')
  changeRaidItem(@Param('programmeId') programmeId: string, @Param('raidRef') raidRef: string, @Body() body: unknown): Promise<PlanRaidItem> {
    return this.raidAndFunding.changeRaidItem(programmeId, raidRef, body);
  }

  @Get('plan')
  @Access('read-programme', 'programme')
  plan(@Param('programmeId') programmeId: string): Promise<ProgrammePlanRecord> {
    return this.getPlan.execute(programmeId);
  }

  @Post('milestones/:milestoneRef/rebaseline')
  @Access('manage-programme', 'programme')
  @HttpCode(200)
  rebaseline(@Param('programmeId') programmeId: string, @Param('milestoneRef') milestoneRef: string, @Body() body: unknown): Promise<ProgrammePlanRecord> {
    return this.rebaselineMilestone.execute(programmeId, milestoneRef, body);
  }

  /** `{ forecastDate, reason }`: when the milestone is now expected; the baseline stays where it was. */
  @Post('milestones/:milestoneRef/forecast')
  @Access('manage-programme', 'programme')
  @HttpCode(200)
  reforecast(@Param('programmeId') programmeId: string, @Param('milestoneRef') milestoneRef: string, @Body() body: unknown): Promise<ProgrammeView> {
    return this.reforecastMilestone.execute(programmeId, milestoneRef, body);
  }

  @Put('trajectories/:trajectoryRef/actuals/:month')
  @Access('manage-programme', 'programme')
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
  @Access('read-programme', 'programme')
  trajectory(@Param('programmeId') programmeId: string, @Param('trajectoryRef') trajectoryRef: string): Promise<TrajectoryProgress> {
    return this.getTrajectory.execute(programmeId, trajectoryRef);
  }
}
