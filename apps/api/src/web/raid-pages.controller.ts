import { Body, Controller, Get, Param, Post, Req, Res } from '@nestjs/common';
import type { Response } from 'express';
import { ApplicationError, GetProgrammePlanUseCase, mayEver, RAID_TYPES, RaidAndFundingUseCases, raidLog } from '@pmo/application';
import type { PlanRaidItem, ProgrammePlanRecord } from '@pmo/application';
import { Access } from '../access/access.decorators';
import type { AuthenticatedRequest } from '../access/access.guard';
import { dateInputOf, dateInputValue, dayOf, FormRejected, rejected, textField } from './web-forms';
import type { DateInputValue, FormProblem } from './web-forms';
import { layoutContext } from './web-layout';
import { WebPages } from './web-page';
import { redirectDone, takeDone } from './web-session';
import { WebViews } from './web-views';

type Form = Record<string, unknown>;

interface RaidValues {
  type: string;
  title: string;
  description: string;
  ownerEmail: string;
  likelihood: string;
  impact: string;
  mitigation: string;
  reviewDate: DateInputValue;
  status: string;
}

const FIELDS = {
  type: { id: 'type', label: 'The type' },
  title: { id: 'title', label: 'The title' },
  description: { id: 'description', label: 'The description' },
  ownerEmail: { id: 'ownerEmail', label: 'The owner' },
  likelihood: { id: 'likelihood', label: 'The likelihood' },
  impact: { id: 'impact', label: 'The impact' },
  mitigation: { id: 'mitigation', label: 'The mitigation' },
  reviewDate: { id: 'reviewDate-day', label: 'The review date' },
  status: { id: 'status', label: 'The status' },
  ref: { id: 'title', label: 'The ref' },
};

/** A programme's RAID log: every item scored and sorted, one added or changed (and closed) at a time. */
@Controller('app/programmes/:programmeId/raid')
@WebPages()
export class RaidPagesController {
  constructor(
    private readonly views: WebViews,
    private readonly plans: GetProgrammePlanUseCase,
    private readonly raid: RaidAndFundingUseCases,
  ) {}

  @Get()
  @Access('read-programme', 'programme')
  async log(@Param('programmeId') programmeId: string, @Req() request: AuthenticatedRequest, @Res() response: Response): Promise<void> {
    const plan = await this.plans.execute(programmeId);
    response.send(
      this.views.render('raid.njk', {
        ...layoutContext(request, response, 'programmes'),
        title: 'RAID log',
        plan,
        items: raidLog(plan.raid),
        done: takeDone(request, response),
        mayChange: mayEver(request.principal, 'manage-programme'),
        back: { href: `/app/programmes/${programmeId}`, text: plan.name },
      }),
    );
  }

  @Get('new')
  @Access('manage-programme', 'programme')
  async newForm(@Param('programmeId') programmeId: string, @Req() request: AuthenticatedRequest, @Res() response: Response): Promise<void> {
    const values: RaidValues = { type: '', title: '', description: '', ownerEmail: '', likelihood: '', impact: '', mitigation: '', reviewDate: { day: '', month: '', year: '' }, status: 'open' };
    response.send(this.views.render('raid-item.njk', { ...layoutContext(request, response, 'programmes'), ...this.context(await this.plans.execute(programmeId), null), values }));
  }

  @Post()
  @Access('manage-programme', 'programme')
  async add(@Param('programmeId') programmeId: string, @Body() body: Form, @Req() request: AuthenticatedRequest, @Res() response: Response): Promise<void> {
    const plan = await this.plans.execute(programmeId);
    const item = await this.attempt(plan, null, body, (input) => this.raid.addRaidItem(programmeId, input));
    redirectDone(request, response, `/app/programmes/${programmeId}/raid`, `${item.ref} is added to the RAID log`);
  }

  @Get(':ref')
  @Access('manage-programme', 'programme')
  async changeForm(@Param('programmeId') programmeId: string, @Param('ref') ref: string, @Req() request: AuthenticatedRequest, @Res() response: Response): Promise<void> {
    const plan = await this.plans.execute(programmeId);
    const item = itemOf(plan, ref);
    const values: RaidValues = {
      type: item.type,
      title: item.title,
      description: item.description ?? '',
      ownerEmail: item.ownerEmail ?? '',
      likelihood: item.likelihood === null ? '' : String(item.likelihood),
      impact: item.impact === null ? '' : String(item.impact),
      mitigation: item.mitigation ?? '',
      reviewDate: item.reviewDate === null ? { day: '', month: '', year: '' } : dateInputOf(item.reviewDate),
      status: item.status,
    };
    response.send(this.views.render('raid-item.njk', { ...layoutContext(request, response, 'programmes'), ...this.context(plan, item), values }));
  }

  @Post(':ref')
  @Access('manage-programme', 'programme')
  async change(@Param('programmeId') programmeId: string, @Param('ref') ref: string, @Body() body: Form, @Req() request: AuthenticatedRequest, @Res() response: Response): Promise<void> {
    const plan = await this.plans.execute(programmeId);
    const existing = itemOf(plan, ref);
    const item = await this.attempt(plan, existing, body, (input) => this.raid.changeRaidItem(programmeId, ref, input));
    redirectDone(request, response, `/app/programmes/${programmeId}/raid`, item.status === 'closed' && existing.status === 'open' ? `${item.ref} is closed` : `${item.ref} is changed`);
  }

  /** The form's values put to the use case, blanks left out; its refusal comes back as the form with its problems. */
  private async attempt(plan: ProgrammePlanRecord, item: PlanRaidItem | null, body: Form, work: (input: Record<string, unknown>) => Promise<PlanRaidItem>): Promise<PlanRaidItem> {
    const values = valuesOf(body, item === null);
    const reject = (problems: FormProblem[]) => new FormRejected('raid-item.njk', { ...this.context(plan, item), values }, problems);
    const review = values.reviewDate.day === '' && values.reviewDate.month === '' && values.reviewDate.year === '' ? null : dayOf(values.reviewDate, 'the review date');
    // What the form must say in its own words (nothing chosen or typed); the rest is the schema's.
    const problems: FormProblem[] = [];
    if (values.type === '') problems.push({ field: FIELDS.type.id, text: 'Select whether it is a risk, an assumption, an issue or a decision' });
    if (values.title === '') problems.push({ field: FIELDS.title.id, text: 'Enter a title' });
    if (review !== null && 'problem' in review) problems.push({ field: FIELDS.reviewDate.id, text: review.problem });
    if (problems.length > 0) throw reject(problems);
    const given = (value: string) => (value === '' ? undefined : value);
    const input = {
      type: given(values.type),
      title: given(values.title),
      description: given(values.description),
      ownerEmail: given(values.ownerEmail),
      likelihood: values.likelihood === '' ? undefined : Number(values.likelihood),
      impact: values.impact === '' ? undefined : Number(values.impact),
      mitigation: given(values.mitigation),
      reviewDate: review === null || 'problem' in review ? undefined : review.day,
      status: values.status,
    };
    try {
      return await work(Object.fromEntries(Object.entries(input).filter(([, value]) => value !== undefined)));
    } catch (error) {
      throw rejected(error, reject, FIELDS, FIELDS.title);
    }
  }

  private context(plan: ProgrammePlanRecord, item: PlanRaidItem | null) {
    return {
      title: item === null ? 'Add to the RAID log' : `Change ${item.ref}`,
      plan,
      item,
      types: RAID_TYPES,
      back: { href: `/app/programmes/${plan.id}/raid`, text: 'RAID log' },
    };
  }
}

function itemOf(plan: ProgrammePlanRecord, ref: string): PlanRaidItem {
  const item = plan.raid.find((candidate) => candidate.ref === ref);
  if (item === undefined) throw ApplicationError.notFound(`no RAID item ${ref} in programme ${plan.id}`);
  return item;
}

function valuesOf(body: Form, adding: boolean): RaidValues {
  return {
    type: textField(body, 'type'),
    title: textField(body, 'title'),
    description: textField(body, 'description'),
    ownerEmail: textField(body, 'ownerEmail'),
    likelihood: textField(body, 'likelihood'),
    impact: textField(body, 'impact'),
    mitigation: textField(body, 'mitigation'),
    reviewDate: dateInputValue(body, 'reviewDate'),
    // A new item is open; the status is chosen only when changing one.
    status: adding ? 'open' : textField(body, 'status'),
  };
}
