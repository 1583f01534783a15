import { Body, Controller, Get, HttpCode, Param, Post, Put, Query, Req } from '@nestjs/common';
import type { Request } from 'express';
import { EscalationLadderUseCases, EscalationUseCases } from '@pmo/application';
import type { EscalationState } from '@pmo/contracts';
import type { LadderRung } from '@pmo/domain';
import { Access, Public } from './access/access.decorators';

/** Escalation ladders: a programme's own ladder, and each overdue milestone's climb, acknowledged or snoozed. */
@Controller()
export class EscalationsController {
  constructor(
    private readonly ladders: EscalationLadderUseCases,
    private readonly escalations: EscalationUseCases,
  ) {}

  @Get('programmes/:programmeId/escalation-ladder')
  @Access('read-programme', 'programme')
  ladder(@Param('programmeId') programmeId: string): Promise<{ rungs: LadderRung[]; isDefault: boolean }> {
    return this.ladders.ladderOf(programmeId);
  }

  /** `{ rungs: [{ afterWorkingDays, to: ['owner' | 'lead' | 'sro' | 'pmo'] }], setBy }`; `rungs: null` for the default. */
  @Put('programmes/:programmeId/escalation-ladder')
  @Access('govern-programme', 'programme')
  setLadder(@Param('programmeId') programmeId: string, @Body() body: unknown): Promise<{ rungs: LadderRung[]; isDefault: boolean }> {
    return this.ladders.setLadder(programmeId, body);
  }

  @Get('programmes/:programmeId/milestones/:milestoneId/escalation')
  @Access('read-programme', 'programme')
  state(@Param('programmeId') programmeId: string, @Param('milestoneId') milestoneId: string): Promise<EscalationState> {
    return this.escalations.state(programmeId, milestoneId);
  }

  /** `{ by }`: the ladder goes no higher. */
  @Post('programmes/:programmeId/milestones/:milestoneId/escalation/acknowledge')
  @Access('respond-as-owner', 'programme')
  @HttpCode(200)
  acknowledge(@Param('programmeId') programmeId: string, @Param('milestoneId') milestoneId: string, @Body() body: unknown): Promise<EscalationState> {
    return this.escalations.acknowledge(programmeId, milestoneId, body);
  }

  /** `{ by, reason, until }`: no rung fires before the day after `until`. */
  @Post('programmes/:programmeId/milestones/:milestoneId/escalation/snooze')
  @Access('respond-as-owner', 'programme')
  @HttpCode(200)
  snooze(@Param('programmeId') programmeId: string, @Param('milestoneId') milestoneId: string, @Body() body: unknown): Promise<EscalationState> {
    return this.escalations.snooze(programmeId, milestoneId, body);
  }

  /** The signed link in an escalation message: one click acknowledges it as its recipient. */
  @Get('escalations/acknowledge')
  @Public()
  acknowledgeByLink(@Query('token') token = '', @Req() request: Request): Promise<EscalationState> {
    return this.escalations.acknowledgeByLink(token, String(request.id));
  }
}
