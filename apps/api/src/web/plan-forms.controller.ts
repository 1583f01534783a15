import { Body, Controller, Get, Param, Post, Req, Res } from '@nestjs/common';
import type { Response } from 'express';
import { ChangeEndDateUseCase, GetProgrammePlanUseCase } from '@pmo/application';
import { Access } from '../access/access.decorators';
import type { AuthenticatedRequest } from '../access/access.guard';
import { dateInputOf, dateInputValue, dayOf, FormRejected, rejected, textField } from './web-forms';
import type { FormProblem } from './web-forms';
import { layoutContext } from './web-layout';
import { WebPages } from './web-page';
import { redirectDone } from './web-session';
import { WebViews } from './web-views';

type Form = Record<string, unknown>;

/** A programme's own details: when it ends. */
@Controller('app/programmes/:programmeId')
@WebPages()
export class PlanFormsController {
  constructor(
    private readonly views: WebViews,
    private readonly plans: GetProgrammePlanUseCase,
    private readonly changeEndDate: ChangeEndDateUseCase,
  ) {}

  @Get('end-date')
  @Access('manage-programme', 'programme')
  async endDateForm(@Param('programmeId') programmeId: string, @Req() request: AuthenticatedRequest, @Res() response: Response): Promise<void> {
    const context = await this.context(programmeId);
    response.send(this.views.render('end-date.njk', { ...layoutContext(request, response, 'programmes'), ...context, endDate: dateInputOf(context.plan.endDate), reason: '' }));
  }

  @Post('end-date')
  @Access('manage-programme', 'programme')
  async endDate(@Param('programmeId') programmeId: string, @Body() body: Form, @Req() request: AuthenticatedRequest, @Res() response: Response): Promise<void> {
    const context = await this.context(programmeId);
    const endDate = dateInputValue(body, 'endDate');
    const reason = textField(body, 'reason');
    const reject = (problems: FormProblem[]) => new FormRejected('end-date.njk', { ...context, endDate, reason }, problems);
    const fields = { endDate: { id: 'endDate-day', label: 'The end date' }, reason: { id: 'reason', label: 'The reason' } };
    const parsed = dayOf(endDate, 'the end date');
    const problems: FormProblem[] = [];
    if ('problem' in parsed) problems.push({ field: fields.endDate.id, text: parsed.problem });
    if (reason === '') problems.push({ field: fields.reason.id, text: 'Enter why the end date moves' });
    if (problems.length > 0 || 'problem' in parsed) throw reject(problems);
    try {
      await this.changeEndDate.execute(programmeId, { endDate: parsed.day, reason });
    } catch (error) {
      throw rejected(error, reject, fields, fields.endDate);
    }
    redirectDone(request, response, `/app/programmes/${programmeId}`, `${context.plan.name} now ends on ${parsed.day}`);
  }

  private async context(programmeId: string) {
    const plan = await this.plans.execute(programmeId);
    return { title: 'Change the end date', plan, back: { href: `/app/programmes/${programmeId}`, text: plan.name } };
  }
}
