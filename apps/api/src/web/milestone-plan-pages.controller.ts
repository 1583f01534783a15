import { Body, Controller, Get, Param, Post, Req, Res } from '@nestjs/common';
import type { Response } from 'express';
import { ApplicationError, GetProgrammePlanUseCase, MILESTONE_KINDS, MilestoneUseCases } from '@pmo/application';
import type { PlanMilestone, ProgrammePlanRecord } from '@pmo/application';
import { Access } from '../access/access.decorators';
import type { AuthenticatedRequest } from '../access/access.guard';
import { dateInputValue, dayOf, FormRejected, rejected, textField } from './web-forms';
import type { DateInputValue, FormField, FormProblem } from './web-forms';
import { layoutContext } from './web-layout';
import { WebPages } from './web-page';
import { redirectDone, takeDone } from './web-session';
import { WebViews } from './web-views';

type Form = Record<string, unknown>;

interface MilestoneValues {
  name: string;
  kind: string;
  ownerEmail: string;
  phase: string;
  predecessors: string[];
  acceptedOverlap: boolean;
  evidence: string;
  baseline: DateInputValue;
}

const NAME: FormField = { id: 'name', label: 'The name' };
const PREDECESSORS: FormField = { id: 'predecessors', label: 'The predecessors' };
const BASELINE: FormField = { id: 'baseline-day', label: 'The baseline' };
/** Each field by the schema's path and by the Milestones sheet's column, as a one-row sheet's problems name it. */
const FIELDS: Record<string, FormField> = {
  name: NAME,
  kind: { id: 'kind', label: 'The kind' },
  ownerEmail: { id: 'ownerEmail', label: 'The owner' },
  phase: { id: 'phase', label: 'The phase' },
  predecessors: PREDECESSORS,
  evidence: { id: 'evidence', label: 'The evidence' },
  baselineDate: BASELINE,
  ref: NAME,
  'Milestones row 1, Milestone': NAME,
  'Milestones row 1, Phase': { id: 'phase', label: 'The phase' },
  'Milestones row 1, Predecessors': PREDECESSORS,
  'Milestones row 1, Baseline date': { id: 'baseline-day', label: 'The dates' },
};

/** A plan's milestones kept in the pages: one added (and another after it), or one's name, kind, owner, phase, order and evidence changed. */
@Controller('app/programmes/:programmeId')
@WebPages()
export class MilestonePlanPagesController {
  constructor(
    private readonly views: WebViews,
    private readonly plans: GetProgrammePlanUseCase,
    private readonly milestones: MilestoneUseCases,
  ) {}

  @Get('new-milestone')
  @Access('manage-programme', 'programme')
  async newForm(@Param('programmeId') programmeId: string, @Req() request: AuthenticatedRequest, @Res() response: Response): Promise<void> {
    const plan = await this.plans.execute(programmeId);
    const values: MilestoneValues = { name: '', kind: 'delivery', ownerEmail: '', phase: '', predecessors: [], acceptedOverlap: false, evidence: '', baseline: { day: '', month: '', year: '' } };
    response.send(this.views.render('milestone-form.njk', { ...layoutContext(request, response, 'programmes'), ...context(plan, null), values, done: takeDone(request, response) }));
  }

  /** Added, it is shown with the form again empty: the NHS.UK "add another" pattern, the programme a link away. */
  @Post('new-milestone')
  @Access('manage-programme', 'programme')
  async add(@Param('programmeId') programmeId: string, @Body() body: Form, @Req() request: AuthenticatedRequest, @Res() response: Response): Promise<void> {
    const plan = await this.plans.execute(programmeId);
    const values = valuesOf(body);
    const reject = (problems: FormProblem[]) => new FormRejected('milestone-form.njk', { ...context(plan, null), values }, problems);
    const baseline = dayOf(values.baseline, 'the baseline');
    const problems = required(values);
    if ('problem' in baseline) problems.push({ field: BASELINE.id, text: baseline.problem });
    if (problems.length > 0 || 'problem' in baseline) throw reject(problems);
    const added = await this.milestones.add(programmeId, { ...inputOf(values), baselineDate: baseline.day }).catch((error: unknown) => {
      throw rejected(error, reject, FIELDS, NAME);
    });
    redirectDone(request, response, `/app/programmes/${programmeId}/new-milestone`, `${added.ref} ${added.name} is added, baselined for ${added.baselineDate}: add another, or go back to the programme`);
  }

  @Get('milestones/:milestoneId/edit')
  @Access('manage-programme', 'programme')
  async editForm(@Param('programmeId') programmeId: string, @Param('milestoneId') milestoneId: string, @Req() request: AuthenticatedRequest, @Res() response: Response): Promise<void> {
    const plan = await this.plans.execute(programmeId);
    const milestone = milestoneOf(plan, milestoneId);
    const values: MilestoneValues = {
      name: milestone.name,
      kind: milestone.kind,
      ownerEmail: milestone.ownerEmail,
      phase: milestone.phase ?? '',
      predecessors: milestone.predecessors,
      acceptedOverlap: milestone.acceptedOverlap,
      evidence: milestone.evidence ?? '',
      baseline: { day: '', month: '', year: '' },
    };
    response.send(this.views.render('milestone-form.njk', { ...layoutContext(request, response, 'programmes'), ...context(plan, milestone), values }));
  }

  @Post('milestones/:milestoneId/edit')
  @Access('manage-programme', 'programme')
  async edit(@Param('programmeId') programmeId: string, @Param('milestoneId') milestoneId: string, @Body() body: Form, @Req() request: AuthenticatedRequest, @Res() response: Response): Promise<void> {
    const plan = await this.plans.execute(programmeId);
    const milestone = milestoneOf(plan, milestoneId);
    const values = valuesOf(body);
    const reject = (problems: FormProblem[]) => new FormRejected('milestone-form.njk', { ...context(plan, milestone), values }, problems);
    const problems = required(values);
    if (problems.length > 0) throw reject(problems);
    await this.milestones.change(programmeId, milestone.ref, inputOf(values)).catch((error: unknown) => {
      throw rejected(error, reject, FIELDS, NAME);
    });
    redirectDone(request, response, `/app/programmes/${programmeId}/milestones/${milestoneId}`, `${values.name} is saved`);
  }
}

function context(plan: ProgrammePlanRecord, milestone: PlanMilestone | null) {
  return {
    title: milestone === null ? 'Add a milestone' : `Change ${milestone.name}`,
    plan,
    milestone,
    kinds: MILESTONE_KINDS,
    // A milestone cannot come after itself; the rest, and the programme's phases, are the choices.
    others: plan.milestones.filter((candidate) => candidate.ref !== milestone?.ref),
    back: milestone === null ? { href: `/app/programmes/${plan.id}#milestones`, text: plan.name } : { href: `/app/programmes/${plan.id}/milestones/${milestone.id}`, text: milestone.name },
  };
}

function milestoneOf(plan: ProgrammePlanRecord, milestoneId: string): PlanMilestone {
  const milestone = plan.milestones.find((candidate) => candidate.id === milestoneId);
  if (milestone === undefined) throw ApplicationError.notFound(`no milestone ${milestoneId} in programme ${plan.id}`);
  return milestone;
}

function valuesOf(body: Form): MilestoneValues {
  const ticked = body.predecessors;
  return {
    name: textField(body, 'name'),
    kind: textField(body, 'kind'),
    ownerEmail: textField(body, 'ownerEmail'),
    phase: textField(body, 'phase'),
    // One ticked box comes as a string, several as an array.
    predecessors: (Array.isArray(ticked) ? ticked : typeof ticked === 'string' ? [ticked] : []).filter((ref): ref is string => typeof ref === 'string'),
    acceptedOverlap: textField(body, 'acceptedOverlap') === 'yes',
    evidence: textField(body, 'evidence'),
    baseline: dateInputValue(body, 'baseline'),
  };
}

function required(values: MilestoneValues): FormProblem[] {
  return values.name === '' ? [{ field: NAME.id, text: 'Enter the milestone’s name' }] : [];
}

/** The form as the use case's body: blanks left out, so that the schema's defaults (the lead as owner) apply. */
function inputOf(values: MilestoneValues): Record<string, unknown> {
  return {
    name: values.name,
    ...(values.kind === '' ? {} : { kind: values.kind }),
    ...(values.ownerEmail === '' ? {} : { ownerEmail: values.ownerEmail }),
    ...(values.phase === '' ? {} : { phase: values.phase }),
    predecessors: values.predecessors,
    acceptedOverlap: values.acceptedOverlap,
    ...(values.evidence === '' ? {} : { evidence: values.evidence }),
  };
}
