import { Body, Controller, Get, Param, Post, Req, Res } from '@nestjs/common';
import type { Response } from 'express';
import { AssessPhaseUseCase, Clock, GetProgrammePlanUseCase, mayEver, RecordGoLiveUseCase } from '@pmo/application';
import { Access } from '../access/access.decorators';
import type { AuthenticatedRequest } from '../access/access.guard';
import { dateInputValue, dayOf, FormRejected, rejected, textField } from './web-forms';
import type { FormProblem } from './web-forms';
import { layoutContext } from './web-layout';
import { WebPages } from './web-page';
import { redirectDone, takeDone } from './web-session';
import { WebViews } from './web-views';

/** A phased rollout: each phase's members by name and code, when each went live, and a go-live recorded. */
@Controller('app/programmes/:programmeId/phases')
@WebPages()
export class PhasePagesController {
  constructor(
    private readonly views: WebViews,
    private readonly plans: GetProgrammePlanUseCase,
    private readonly phases: AssessPhaseUseCase,
    private readonly recordGoLive: RecordGoLiveUseCase,
    private readonly clock: Clock,
  ) {}

  @Get()
  @Access('read-programme', 'programme')
  async page(@Param('programmeId') programmeId: string, @Req() request: AuthenticatedRequest, @Res() response: Response): Promise<void> {
    response.send(this.views.render('phases.njk', { ...layoutContext(request, response, 'programmes'), ...(await this.context(programmeId, request)), done: takeDone(request, response), values: {} }));
  }

  /** The day defaults to today: most go-lives are recorded as they happen. */
  @Post(':phaseRef/go-lives')
  @Access('manage-programme', 'programme')
  async goLive(@Param('programmeId') programmeId: string, @Param('phaseRef') phaseRef: string, @Body() body: Record<string, unknown>, @Req() request: AuthenticatedRequest, @Res() response: Response): Promise<void> {
    const context = await this.context(programmeId, request);
    const value = { odsCode: textField(body, 'odsCode'), wentLiveOn: dateInputValue(body, `${phaseRef}-wentLiveOn`) };
    const reject = (problems: FormProblem[]) => new FormRejected('phases.njk', { ...context, values: { [phaseRef]: value } }, problems);
    const fields = { odsCode: { id: `${phaseRef}-odsCode`, label: 'The member' }, wentLiveOn: { id: `${phaseRef}-wentLiveOn-day`, label: 'The day it went live' } };
    const given = value.wentLiveOn.day === '' && value.wentLiveOn.month === '' && value.wentLiveOn.year === '' ? null : dayOf(value.wentLiveOn, 'the day it went live');
    const problems: FormProblem[] = [];
    if (value.odsCode === '') problems.push({ field: fields.odsCode.id, text: 'Select the member that went live' });
    if (given !== null && 'problem' in given) problems.push({ field: fields.wentLiveOn.id, text: given.problem });
    if (problems.length > 0) throw reject(problems);
    const wentLiveOn = given === null || 'problem' in given ? undefined : given.day;
    try {
      await this.recordGoLive.execute(programmeId, phaseRef, { odsCode: value.odsCode, ...(wentLiveOn === undefined ? {} : { wentLiveOn }) });
    } catch (error) {
      throw rejected(error, reject, fields, fields.odsCode);
    }
    const member = context.phases.find((phase) => phase.ref === phaseRef)?.members.find((candidate) => candidate.odsCode === value.odsCode);
    redirectDone(request, response, `/app/programmes/${programmeId}/phases`, `${member?.name ?? value.odsCode} (${value.odsCode}) is live`);
  }

  private async context(programmeId: string, request: AuthenticatedRequest) {
    const [plan, phases] = await Promise.all([this.plans.execute(programmeId), this.phases.all(programmeId, this.clock.now())]);
    return { title: 'Phases and go-lives', plan, phases, mayChange: mayEver(request.principal, 'manage-programme'), back: { href: `/app/programmes/${programmeId}`, text: plan.name } };
  }
}
