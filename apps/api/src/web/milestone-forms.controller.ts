import { Body, Controller, Get, Param, Post, Req, Res } from '@nestjs/common';
import type { Response } from 'express';
import {
  ApplicationError,
  ApplicationErrorCode,
  Clock,
  CompleteMilestoneCommand,
  CompleteMilestoneUseCase,
  ConfirmMilestoneUseCase,
  EscalationUseCases,
  GetProgrammePlanUseCase,
  mayEver,
  ProgrammeStatusService,
  RebaselineMilestoneUseCase,
  ReforecastMilestoneUseCase,
} from '@pmo/application';
import type { PlanMilestone, ProgrammePlanRecord } from '@pmo/application';
import { addDays, endOfLondonDay, londonDay } from '@pmo/domain';
import { Access } from '../access/access.decorators';
import type { AuthenticatedRequest } from '../access/access.guard';
import { dateInputOf, dateInputValue, dayOf, FormRejected, KNOWN_ON_FIELD, knownOnOf, rejected, textField } from './web-forms';
import type { FormProblem } from './web-forms';
import { layoutContext } from './web-layout';
import { WebPages } from './web-page';
import { redirectDone, takeDone } from './web-session';
import { WebViews } from './web-views';

type Form = Record<string, unknown>;

/** A milestone's page and forms: complete it, move its forecast or its baseline, confirm it, acknowledge or snooze its escalation. */
@Controller('app/programmes/:programmeId/milestones/:milestoneId')
@WebPages()
export class MilestoneFormsController {
  constructor(
    private readonly views: WebViews,
    private readonly plans: GetProgrammePlanUseCase,
    private readonly completeMilestone: CompleteMilestoneUseCase,
    private readonly reforecastMilestone: ReforecastMilestoneUseCase,
    private readonly rebaselineMilestone: RebaselineMilestoneUseCase,
    private readonly confirmMilestone: ConfirmMilestoneUseCase,
    private readonly escalations: EscalationUseCases,
    private readonly status: ProgrammeStatusService,
    private readonly clock: Clock,
  ) {}

  /** The milestone with every baseline and forecast it has had, and what the person may do with it. */
  @Get()
  @Access('read-programme', 'programme')
  async page(@Param('programmeId') programmeId: string, @Param('milestoneId') milestoneId: string, @Req() request: AuthenticatedRequest, @Res() response: Response): Promise<void> {
    const context = await this.context(programmeId, milestoneId, '');
    const view = (await this.status.currentView(programmeId)).milestones.find((candidate) => candidate.id === milestoneId);
    const escalation = await this.escalations.state(programmeId, milestoneId).catch((error: unknown) => {
      // A milestone never escalated has no ladder.
      if (error instanceof ApplicationError && error.code === ApplicationErrorCode.NotFound) return null;
      throw error;
    });
    response.send(
      this.views.render('milestone.njk', {
        ...layoutContext(request, response, 'programmes'),
        ...context,
        title: context.milestone.name,
        view,
        escalation,
        done: takeDone(request, response),
        may: { manage: mayEver(request.principal, 'manage-programme'), respond: mayEver(request.principal, 'respond-as-owner') },
      }),
    );
  }

  @Get('rebaseline')
  @Access('manage-programme', 'programme')
  async rebaselineForm(@Param('programmeId') programmeId: string, @Param('milestoneId') milestoneId: string, @Req() request: AuthenticatedRequest, @Res() response: Response): Promise<void> {
    const context = await this.context(programmeId, milestoneId, 'Rebaseline the milestone');
    response.send(this.views.render('rebaseline.njk', { ...layoutContext(request, response, 'programmes'), ...context, values: { baseline: dateInputOf(context.milestone.forecastDate), reason: '', approvedBy: '' } }));
  }

  @Post('rebaseline')
  @Access('manage-programme', 'programme')
  async rebaseline(@Param('programmeId') programmeId: string, @Param('milestoneId') milestoneId: string, @Body() body: Form, @Req() request: AuthenticatedRequest, @Res() response: Response): Promise<void> {
    const context = await this.context(programmeId, milestoneId, 'Rebaseline the milestone');
    const values = { baseline: dateInputValue(body, 'baseline'), reason: textField(body, 'reason'), approvedBy: textField(body, 'approvedBy') };
    const reject = (problems: FormProblem[]) => new FormRejected('rebaseline.njk', { ...context, values }, problems);
    const fields = { baselineDate: { id: 'baseline-day', label: 'The new baseline' }, reason: { id: 'reason', label: 'The reason' }, approvedBy: { id: 'approvedBy', label: 'The approver' } };
    const parsed = dayOf(values.baseline, 'the new baseline');
    const problems: FormProblem[] = [];
    if ('problem' in parsed) problems.push({ field: fields.baselineDate.id, text: parsed.problem });
    if (values.reason === '') problems.push({ field: fields.reason.id, text: 'Enter why the baseline moves' });
    if (values.approvedBy === '') problems.push({ field: fields.approvedBy.id, text: 'Enter the email address of whoever approved it' });
    if (problems.length > 0 || 'problem' in parsed) throw reject(problems);
    try {
      await this.rebaselineMilestone.execute(programmeId, context.milestone.ref, { baselineDate: parsed.day, reason: values.reason, approvedBy: values.approvedBy });
    } catch (error) {
      throw rejected(error, reject, fields, fields.baselineDate);
    }
    redirectDone(request, response, `/app/programmes/${programmeId}/milestones/${milestoneId}`, `${context.milestone.name} is rebaselined to ${parsed.day}`);
  }

  /** The owner's word that it will land on its forecast; the page it was sent from says so. */
  @Post('confirm')
  @Access('respond-as-owner', 'programme')
  async confirm(@Param('programmeId') programmeId: string, @Param('milestoneId') milestoneId: string, @Req() request: AuthenticatedRequest, @Res() response: Response): Promise<void> {
    const context = await this.context(programmeId, milestoneId, 'Confirm the forecast');
    await this.confirmMilestone.execute(programmeId, milestoneId, {});
    redirectDone(request, response, `/app/programmes/${programmeId}/milestones/${milestoneId}`, `${context.milestone.name} is confirmed for ${context.milestone.forecastDate}`);
  }

  @Get('snooze')
  @Access('respond-as-owner', 'programme')
  async snoozeForm(@Param('programmeId') programmeId: string, @Param('milestoneId') milestoneId: string, @Req() request: AuthenticatedRequest, @Res() response: Response): Promise<void> {
    const context = await this.snoozeContext(programmeId, milestoneId);
    response.send(this.views.render('snooze.njk', { ...layoutContext(request, response, 'programmes'), ...context, values: { until: { day: '', month: '', year: '' }, reason: '' } }));
  }

  /** Recorded against the signed-in person, whatever the form sends. */
  @Post('snooze')
  @Access('respond-as-owner', 'programme')
  async snooze(@Param('programmeId') programmeId: string, @Param('milestoneId') milestoneId: string, @Body() body: Form, @Req() request: AuthenticatedRequest, @Res() response: Response): Promise<void> {
    const context = await this.snoozeContext(programmeId, milestoneId);
    const values = { until: dateInputValue(body, 'until'), reason: textField(body, 'reason') };
    const reject = (problems: FormProblem[]) => new FormRejected('snooze.njk', { ...context, values }, problems);
    const fields = { until: { id: 'until-day', label: 'The day' }, reason: { id: 'reason', label: 'The reason' } };
    const parsed = dayOf(values.until, 'the day it waits until');
    const problems: FormProblem[] = [];
    if ('problem' in parsed) problems.push({ field: fields.until.id, text: parsed.problem });
    if (values.reason === '') problems.push({ field: fields.reason.id, text: 'Enter why the escalation should wait' });
    if (problems.length > 0 || 'problem' in parsed) throw reject(problems);
    try {
      await this.escalations.snooze(programmeId, milestoneId, { by: request.principal.subject, reason: values.reason, until: parsed.day });
    } catch (error) {
      throw rejected(error, reject, fields, fields.until);
    }
    redirectDone(request, response, `/app/programmes/${programmeId}/milestones/${milestoneId}`, `The escalation of ${context.milestone.name} waits until ${parsed.day}`);
  }

  @Get('complete')
  @Access('manage-programme', 'programme')
  async completeForm(@Param('programmeId') programmeId: string, @Param('milestoneId') milestoneId: string, @Req() request: AuthenticatedRequest, @Res() response: Response): Promise<void> {
    const context = await this.context(programmeId, milestoneId, 'Complete milestone');
    response.send(this.views.render('complete-milestone.njk', { ...layoutContext(request, response, 'programmes'), ...context, completedOn: dateInputOf(londonDay(this.clock.now())) }));
  }

  @Post('complete')
  @Access('manage-programme', 'programme')
  async complete(@Param('programmeId') programmeId: string, @Param('milestoneId') milestoneId: string, @Body() body: Form, @Req() request: AuthenticatedRequest, @Res() response: Response): Promise<void> {
    const context = await this.context(programmeId, milestoneId, 'Complete milestone');
    const completedOn = dateInputValue(body, 'completedOn');
    const reject = (problems: FormProblem[]) => new FormRejected('complete-milestone.njk', { ...context, completedOn }, problems);
    const field = { id: 'completedOn-day', label: 'The completion date' };
    const parsed = dayOf(completedOn, 'the date it was completed');
    if ('problem' in parsed) throw reject([{ field: field.id, text: parsed.problem }]);
    const now = this.clock.now();
    const today = londonDay(now);
    if (parsed.day > today) throw reject([{ field: field.id, text: 'The date it was completed must be today or in the past' }]);
    // Completed today is completed now; an earlier day, by its end, so that it counts as on that day.
    const completedAt = parsed.day === today ? now.toISOString() : endOfLondonDay(parsed.day).toISOString();
    try {
      await this.completeMilestone.execute(CompleteMilestoneCommand.from(programmeId, milestoneId, { completedAt }));
    } catch (error) {
      throw rejected(error, reject, { completedAt: field }, field);
    }
    redirectDone(request, response, `/app/programmes/${programmeId}#milestones`, `${context.milestone.name} is complete`);
  }

  @Get('forecast')
  @Access('manage-programme', 'programme')
  async forecastForm(@Param('programmeId') programmeId: string, @Param('milestoneId') milestoneId: string, @Req() request: AuthenticatedRequest, @Res() response: Response): Promise<void> {
    const context = await this.context(programmeId, milestoneId, 'Change the forecast');
    const knownOn = { day: '', month: '', year: '' };
    response.send(this.views.render('forecast-milestone.njk', { ...layoutContext(request, response, 'programmes'), ...context, forecast: dateInputOf(context.milestone.forecastDate), reason: '', knownOn }));
  }

  @Post('forecast')
  @Access('manage-programme', 'programme')
  async forecast(@Param('programmeId') programmeId: string, @Param('milestoneId') milestoneId: string, @Body() body: Form, @Req() request: AuthenticatedRequest, @Res() response: Response): Promise<void> {
    const context = await this.context(programmeId, milestoneId, 'Change the forecast');
    const forecast = dateInputValue(body, 'forecast');
    const reason = textField(body, 'reason');
    const knownOn = dateInputValue(body, 'knownOn');
    const reject = (problems: FormProblem[]) => new FormRejected('forecast-milestone.njk', { ...context, forecast, reason, knownOn }, problems);
    const fields = { forecastDate: { id: 'forecast-day', label: 'The new forecast date' }, reason: { id: 'reason', label: 'The reason' }, recordedOn: KNOWN_ON_FIELD };
    const parsed = dayOf(forecast, 'the new forecast date');
    const known = knownOnOf(knownOn);
    const problems: FormProblem[] = [];
    if ('problem' in parsed) problems.push({ field: fields.forecastDate.id, text: parsed.problem });
    if (reason === '') problems.push({ field: fields.reason.id, text: 'Enter why the forecast moves' });
    if ('problem' in known) problems.push(known.problem);
    if (problems.length > 0 || 'problem' in parsed || 'problem' in known) throw reject(problems);
    try {
      await this.reforecastMilestone.execute(programmeId, context.milestone.ref, { forecastDate: parsed.day, reason, recordedOn: known.recordedOn });
    } catch (error) {
      throw rejected(error, reject, fields, fields.forecastDate);
    }
    redirectDone(request, response, `/app/programmes/${programmeId}#milestones`, `${context.milestone.name} is now forecast for ${parsed.day}`);
  }

  @Get('acknowledge')
  @Access('respond-as-owner', 'programme')
  async acknowledgeForm(@Param('programmeId') programmeId: string, @Param('milestoneId') milestoneId: string, @Req() request: AuthenticatedRequest, @Res() response: Response): Promise<void> {
    const context = await this.context(programmeId, milestoneId, 'Acknowledge the escalation');
    const state = await this.escalations.state(programmeId, milestoneId);
    response.send(this.views.render('acknowledge-escalation.njk', { ...layoutContext(request, response, 'programmes'), ...context, state }));
  }

  @Post('acknowledge')
  @Access('respond-as-owner', 'programme')
  async acknowledge(@Param('programmeId') programmeId: string, @Param('milestoneId') milestoneId: string, @Req() request: AuthenticatedRequest, @Res() response: Response): Promise<void> {
    const context = await this.context(programmeId, milestoneId, 'Acknowledge the escalation');
    const field = { id: 'acknowledge', label: 'The acknowledgement' };
    try {
      await this.escalations.acknowledge(programmeId, milestoneId, { by: request.principal.subject });
    } catch (error) {
      const state = await this.escalations.state(programmeId, milestoneId);
      throw rejected(error, (problems) => new FormRejected('acknowledge-escalation.njk', { ...context, state }, problems), {}, field);
    }
    redirectDone(request, response, `/app/programmes/${programmeId}#escalations`, `The escalation of ${context.milestone.name} is acknowledged: it goes no higher`);
  }

  private async snoozeContext(programmeId: string, milestoneId: string) {
    const context = await this.context(programmeId, milestoneId, 'Snooze the escalation');
    return { ...context, example: addDays(londonDay(this.clock.now()), 7), back: { href: `/app/programmes/${programmeId}/milestones/${milestoneId}`, text: context.milestone.name } };
  }

  private async context(programmeId: string, milestoneId: string, title: string): Promise<{ title: string; plan: ProgrammePlanRecord; milestone: PlanMilestone; back: { href: string; text: string } }> {
    const plan = await this.plans.execute(programmeId);
    const milestone = plan.milestones.find((candidate) => candidate.id === milestoneId);
    if (milestone === undefined) throw ApplicationError.notFound(`no milestone ${milestoneId} in programme ${programmeId}`);
    return { title, plan, milestone, back: { href: `/app/programmes/${programmeId}#milestones`, text: plan.name } };
  }
}
