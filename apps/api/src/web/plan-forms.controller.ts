import { Body, Controller, Get, Param, Post, Req, Res } from '@nestjs/common';
import type { Response } from 'express';
import { ChangeEndDateUseCase, ChangeProgrammeDetailsUseCase, GetProgrammePlanUseCase, mayEver, ProgrammeClosureUseCases, ProgrammeStatusService, ROLL_UPS, SetConfidenceOverrideUseCase } from '@pmo/application';
import { DELIVERY_CONFIDENCE_LEVELS } from '@pmo/domain';
import type { ProgrammePlanRecord } from '@pmo/application';
import { Access } from '../access/access.decorators';
import type { AuthenticatedRequest } from '../access/access.guard';
import { dateInputOf, dateInputValue, dayOf, FormRejected, rejected, textField } from './web-forms';
import type { FormField, FormProblem } from './web-forms';
import { layoutContext } from './web-layout';
import { WebPages } from './web-page';
import { redirectDone } from './web-session';
import { WebViews } from './web-views';

type Form = Record<string, unknown>;

/** The details form's fields, each named as its problems begin. */
const DETAIL_FIELDS: Record<string, FormField> = {
  leadEmail: { id: 'leadEmail', label: 'The programme lead' },
  managerEmail: { id: 'managerEmail', label: 'The programme manager' },
  sroEmail: { id: 'sroEmail', label: 'The senior responsible owner' },
  amberSlipWorkingDays: { id: 'amberSlipWorkingDays', label: 'The Amber slip' },
  redSlipWorkingDays: { id: 'redSlipWorkingDays', label: 'The Red slip' },
  amberBelowPlanPercent: { id: 'amberBelowPlanPercent', label: 'The Amber shortfall' },
  redBelowPlanPercent: { id: 'redBelowPlanPercent', label: 'The Red shortfall' },
  warningWorkingDays: { id: 'warningWorkingDays', label: 'The warning window' },
  rollUp: { id: 'rollUp', label: 'The roll-up' },
};

/** A programme's own details: who it answers to and its tolerances, when it ends, whether it runs (close, archive, reopen), and the programme office's delivery confidence. */
@Controller('app/programmes/:programmeId')
@WebPages()
export class PlanFormsController {
  constructor(
    private readonly views: WebViews,
    private readonly plans: GetProgrammePlanUseCase,
    private readonly changeEndDate: ChangeEndDateUseCase,
    private readonly closure: ProgrammeClosureUseCases,
    private readonly setConfidence: SetConfidenceOverrideUseCase,
    private readonly changeDetails: ChangeProgrammeDetailsUseCase,
    private readonly status: ProgrammeStatusService,
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

  @Get('closure')
  @Access('manage-programme', 'programme')
  async closureForm(@Param('programmeId') programmeId: string, @Req() request: AuthenticatedRequest, @Res() response: Response): Promise<void> {
    const context = await this.closureContext(programmeId, request);
    response.send(this.views.render('closure.njk', { ...layoutContext(request, response, 'programmes'), ...context, values: { as: '', reason: '', archiveReason: '', closedOn: { day: '', month: '', year: '' } } }));
  }

  @Post('close')
  @Access('manage-programme', 'programme')
  async close(@Param('programmeId') programmeId: string, @Body() body: Form, @Req() request: AuthenticatedRequest, @Res() response: Response): Promise<void> {
    const context = await this.closureContext(programmeId, request);
    const values = { as: textField(body, 'as'), reason: textField(body, 'reason'), archiveReason: '', closedOn: dateInputValue(body, 'closedOn') };
    const reject = (problems: FormProblem[]) => new FormRejected('closure.njk', { ...context, values }, problems);
    const fields = { as: { id: 'as', label: 'How it ended' }, reason: { id: 'reason', label: 'The reason' }, closedOn: { id: 'closedOn-day', label: 'The day it closed' } };
    const problems: FormProblem[] = [];
    if (values.as === '') problems.push({ field: fields.as.id, text: 'Select how the programme ended' });
    if (values.reason === '') problems.push({ field: fields.reason.id, text: 'Enter why the programme closes' });
    const { closedOn } = values;
    const day = closedOn.day === '' && closedOn.month === '' && closedOn.year === '' ? { day: undefined } : dayOf(closedOn, 'the day it closed');
    if ('problem' in day) problems.push({ field: fields.closedOn.id, text: day.problem });
    if (problems.length > 0 || 'problem' in day) throw reject(problems);
    try {
      await this.closure.close(programmeId, { as: values.as, reason: values.reason, ...(day.day === undefined ? {} : { closedOn: day.day }) });
    } catch (error) {
      throw rejected(error, reject, fields, fields.reason);
    }
    redirectDone(request, response, `/app/programmes/${programmeId}`, `${context.plan.name} is closed`);
  }

  @Post('reopen')
  @Access('manage-programme', 'programme')
  async reopen(@Param('programmeId') programmeId: string, @Body() body: Form, @Req() request: AuthenticatedRequest, @Res() response: Response): Promise<void> {
    await this.withReason(programmeId, textField(body, 'reason'), 'reason', 'Enter why the programme reopens', request, response, (reason) => this.closure.reopen(programmeId, { reason }), 'runs again');
  }

  @Post('archive')
  @Access('govern-programme', 'programme')
  async archive(@Param('programmeId') programmeId: string, @Body() body: Form, @Req() request: AuthenticatedRequest, @Res() response: Response): Promise<void> {
    const reason = textField(body, 'archiveReason');
    await this.withReason(programmeId, reason, 'archiveReason', 'Enter why the programme is archived', request, response, () => this.closure.archive(programmeId, { reason }), 'is archived: it has left the portfolio and the month end');
  }

  @Get('details')
  @Access('manage-programme', 'programme')
  async detailsForm(@Param('programmeId') programmeId: string, @Req() request: AuthenticatedRequest, @Res() response: Response): Promise<void> {
    const context = await this.detailsContext(programmeId);
    const { plan } = context;
    const values: Record<string, string> = {
      leadEmail: plan.leadEmail,
      managerEmail: plan.managerEmail ?? '',
      sroEmail: plan.sroEmail ?? '',
      ...Object.fromEntries(Object.entries(plan.tolerances).map(([key, value]) => [key, String(value)])),
      warningWorkingDays: String(plan.rules.warningWorkingDays),
      rollUp: plan.rules.rollUp,
    };
    response.send(this.views.render('programme-details.njk', { ...layoutContext(request, response, 'programmes'), ...context, values }));
  }

  /** Every field at once, as the use case takes them: a number typed wrong is the form's to say, the rest the schema's. */
  @Post('details')
  @Access('manage-programme', 'programme')
  async details(@Param('programmeId') programmeId: string, @Body() body: Form, @Req() request: AuthenticatedRequest, @Res() response: Response): Promise<void> {
    const context = await this.detailsContext(programmeId);
    const values = Object.fromEntries(Object.keys(DETAIL_FIELDS).map((key) => [key, textField(body, key)]));
    const reject = (problems: FormProblem[]) => new FormRejected('programme-details.njk', { ...context, values }, problems);
    const problems: FormProblem[] = [];
    const number = (key: string) => {
      if (/^\d+(\.\d+)?$/.test(values[key])) return Number(values[key]);
      problems.push({ field: key, text: `${DETAIL_FIELDS[key].label} must be a number, such as ${key.endsWith('Percent') ? '5 or 7.5' : '5'}` });
      return 0;
    };
    const tolerances = { amberSlipWorkingDays: number('amberSlipWorkingDays'), redSlipWorkingDays: number('redSlipWorkingDays'), amberBelowPlanPercent: number('amberBelowPlanPercent'), redBelowPlanPercent: number('redBelowPlanPercent') };
    const warningWorkingDays = number('warningWorkingDays');
    if (values.leadEmail === '') problems.push({ field: 'leadEmail', text: 'Enter the programme lead’s email address' });
    if (values.rollUp === '') problems.push({ field: 'rollUp', text: 'Select what the programme’s status is made of' });
    if (problems.length > 0) throw reject(problems);
    const fields = { ...DETAIL_FIELDS, ...Object.fromEntries(Object.keys(tolerances).map((key) => [`tolerances.${key}`, DETAIL_FIELDS[key]])) };
    try {
      await this.changeDetails.execute(programmeId, {
        leadEmail: values.leadEmail,
        managerEmail: values.managerEmail === '' ? null : values.managerEmail,
        sroEmail: values.sroEmail === '' ? null : values.sroEmail,
        tolerances,
        warningWorkingDays,
        rollUp: values.rollUp,
      });
    } catch (error) {
      throw rejected(error, reject, fields, DETAIL_FIELDS.leadEmail);
    }
    redirectDone(request, response, `/app/programmes/${programmeId}`, `The details of ${context.plan.name} are saved`);
  }

  @Get('delivery-confidence')
  @Access('govern-programme', 'programme')
  async confidenceForm(@Param('programmeId') programmeId: string, @Req() request: AuthenticatedRequest, @Res() response: Response): Promise<void> {
    const context = await this.confidenceContext(programmeId);
    const override = context.plan.confidenceOverride;
    const values = { confidence: override?.confidence ?? '', reason: override?.reason ?? '', expiresOn: override === null ? { day: '', month: '', year: '' } : dateInputOf(override.expiresOn) };
    response.send(this.views.render('delivery-confidence.njk', { ...layoutContext(request, response, 'programmes'), ...context, values }));
  }

  /** The programme office's judgement in place of the suggestion, set by the signed-in person, until a day. */
  @Post('delivery-confidence')
  @Access('govern-programme', 'programme')
  async overrideConfidence(@Param('programmeId') programmeId: string, @Body() body: Form, @Req() request: AuthenticatedRequest, @Res() response: Response): Promise<void> {
    const context = await this.confidenceContext(programmeId);
    const values = { confidence: textField(body, 'confidence'), reason: textField(body, 'reason'), expiresOn: dateInputValue(body, 'expiresOn') };
    const reject = (problems: FormProblem[]) => new FormRejected('delivery-confidence.njk', { ...context, values }, problems);
    const fields = { confidence: { id: 'confidence', label: 'The confidence' }, reason: { id: 'reason', label: 'The reason' }, expiresOn: { id: 'expiresOn-day', label: 'The last day' } };
    const expires = dayOf(values.expiresOn, 'the last day it stands');
    const problems: FormProblem[] = [];
    if (values.confidence === '') problems.push({ field: fields.confidence.id, text: 'Select the delivery confidence' });
    if (values.reason === '') problems.push({ field: fields.reason.id, text: 'Enter why the suggestion is overridden' });
    if ('problem' in expires) problems.push({ field: fields.expiresOn.id, text: expires.problem });
    if (problems.length > 0 || 'problem' in expires) throw reject(problems);
    try {
      await this.setConfidence.execute(programmeId, { confidence: values.confidence, reason: values.reason, setBy: request.principal.subject, expiresOn: expires.day });
    } catch (error) {
      throw rejected(error, reject, fields, fields.confidence);
    }
    redirectDone(request, response, `/app/programmes/${programmeId}`, `The delivery confidence is ${values.confidence} until ${expires.day}`);
  }

  @Post('delivery-confidence/clear')
  @Access('govern-programme', 'programme')
  async clearConfidence(@Param('programmeId') programmeId: string, @Req() request: AuthenticatedRequest, @Res() response: Response): Promise<void> {
    const view = await this.setConfidence.execute(programmeId, null);
    redirectDone(request, response, `/app/programmes/${programmeId}`, `The override is cleared: the delivery confidence is the suggested ${view.deliveryConfidence.suggested}`);
  }

  /** Reopening and archiving: one reason, in the field of the closure page's form it came from. */
  private async withReason(
    programmeId: string,
    reason: string,
    field: 'reason' | 'archiveReason',
    missing: string,
    request: AuthenticatedRequest,
    response: Response,
    act: (reason: string) => Promise<unknown>,
    done: string,
  ): Promise<void> {
    const context = await this.closureContext(programmeId, request);
    const values = { as: '', reason: '', archiveReason: '', closedOn: { day: '', month: '', year: '' }, [field]: reason };
    const reject = (problems: FormProblem[]) => new FormRejected('closure.njk', { ...context, values }, problems);
    const input = { id: field, label: 'The reason' };
    if (reason === '') throw reject([{ field, text: missing }]);
    try {
      await act(reason);
    } catch (error) {
      throw rejected(error, reject, { reason: input }, input);
    }
    redirectDone(request, response, `/app/programmes/${programmeId}`, `${context.plan.name} ${done}`);
  }

  private async closureContext(programmeId: string, request: AuthenticatedRequest): Promise<{ title: string; plan: ProgrammePlanRecord; back: { href: string; text: string }; mayArchive: boolean }> {
    const plan = await this.plans.execute(programmeId);
    return { title: plan.closure === null ? 'Close the programme' : 'Reopen or archive the programme', plan, back: { href: `/app/programmes/${programmeId}`, text: plan.name }, mayArchive: mayEver(request.principal, 'govern-programme') };
  }

  private async detailsContext(programmeId: string) {
    const plan = await this.plans.execute(programmeId);
    return { title: 'Programme details', plan, rollUps: ROLL_UPS, back: { href: `/app/programmes/${programmeId}`, text: plan.name } };
  }

  private async confidenceContext(programmeId: string) {
    const [plan, view] = await Promise.all([this.plans.execute(programmeId), this.status.currentView(programmeId)]);
    return { title: 'Delivery confidence', plan, assessment: view.deliveryConfidence, levels: DELIVERY_CONFIDENCE_LEVELS, back: { href: `/app/programmes/${programmeId}`, text: plan.name } };
  }

  private async context(programmeId: string) {
    const plan = await this.plans.execute(programmeId);
    return { title: 'Change the end date', plan, back: { href: `/app/programmes/${programmeId}`, text: plan.name } };
  }
}
