import { Body, Controller, Get, Param, Post, Query, Req, Res } from '@nestjs/common';
import type { Response } from 'express';
import {
  ApplicationError,
  Clock,
  GetProgrammePlanUseCase,
  monthSchema,
  OrganisationRepository,
  RecordTrajectoryActualsUseCase,
  SaveMonthlyUpdateUseCase,
} from '@pmo/application';
import type { PlanTrajectory, ProgrammePlanRecord } from '@pmo/application';
import { addMonths, lastDayOfMonth, londonDay } from '@pmo/domain';
import type { TrajectoryBasis } from '@pmo/domain';
import { Access } from '../access/access.decorators';
import type { AuthenticatedRequest } from '../access/access.guard';
import { dateInputValue, FormRejected, KNOWN_ON_FIELD, knownOnOf, rejected, textField } from './web-forms';
import type { FormProblem } from './web-forms';
import { layoutContext } from './web-layout';
import { WebPages } from './web-page';
import { redirectDone } from './web-session';
import { WebViews } from './web-views';

type Form = Record<string, unknown>;

/** How a practice's actual is typed on the page for each basis, and turned into the figure the engine keeps. */
interface ActualEntry {
  label: string;
  hint: string;
  /** From what was typed to the figure kept, or what is wrong with it. */
  parse(text: string): { value: number } | { problem: string };
  /** From the figure kept to what the field shows. */
  show(value: number): string;
}

const number = (text: string): number | null => (/^-?\d+(\.\d+)?$/.test(text) ? Number(text) : null);

const SHARE: ActualEntry = {
  label: 'Covered, %',
  hint: 'The share of the practice covered, from 0 to 100: 100 when it is live for all its patients',
  parse: (text) => {
    const value = number(text);
    if (value === null) return { problem: 'must be a number from 0 to 100' };
    if (value < 0 || value > 100) return { problem: 'must be from 0 to 100' };
    return { value: Math.round(value * 100) / 10_000 };
  },
  show: (value) => String(Math.round(value * 10_000) / 100),
};

const ENTRIES: Record<TrajectoryBasis, ActualEntry> = {
  'practices-count': SHARE,
  'practices-percent': SHARE,
  'registered-population-percent': SHARE,
  'weighted-population-percent': SHARE,
  wte: {
    label: 'Whole-time equivalents',
    hint: 'Staff in post at the practice, in whole-time equivalents (37.5 hours a week is 1)',
    parse: (text) => {
      const value = number(text);
      return value === null || value < 0 ? { problem: 'must be a number of whole-time equivalents, 0 or more' } : { value };
    },
    show: String,
  },
  'money-pence': {
    label: 'Spend, £',
    hint: 'Pounds and pence, for example 1250.50',
    parse: (text) => {
      const value = /^\d+(\.\d{1,2})?$/.test(text.replace(/,/g, '')) ? Number(text.replace(/,/g, '')) : null;
      // Kept in whole pence, as all money is.
      return value === null ? { problem: 'must be an amount in pounds and pence, 0 or more' } : { value: Math.round(value * 100) };
    },
    show: (value) => (value / 100).toFixed(2),
  },
};

/** The month's progress: each practice's actuals for a trajectory, and the programme manager's monthly update. */
@Controller('app/programmes/:programmeId')
@WebPages()
export class ProgressFormsController {
  constructor(
    private readonly views: WebViews,
    private readonly plans: GetProgrammePlanUseCase,
    private readonly organisations: OrganisationRepository,
    private readonly recordActuals: RecordTrajectoryActualsUseCase,
    private readonly saveMonthlyUpdate: SaveMonthlyUpdateUseCase,
    private readonly clock: Clock,
  ) {}

  @Get('trajectories/:trajectoryRef/actuals')
  @Access('manage-programme', 'programme')
  async actualsForm(
    @Param('programmeId') programmeId: string,
    @Param('trajectoryRef') trajectoryRef: string,
    @Query('month') month: string | undefined,
    @Req() request: AuthenticatedRequest,
    @Res() response: Response,
  ): Promise<void> {
    const context = await this.actualsContext(programmeId, trajectoryRef, month);
    const recorded = latestActuals(context.trajectory, context.month);
    const values = Object.fromEntries(context.practices.map((practice) => [practice.odsCode, recorded.has(practice.odsCode) ? context.entry.show(recorded.get(practice.odsCode) as number) : '']));
    response.send(this.views.render('actuals.njk', { ...layoutContext(request, response, 'programmes'), ...context, values, knownOn: { day: '', month: '', year: '' } }));
  }

  @Post('trajectories/:trajectoryRef/actuals')
  @Access('manage-programme', 'programme')
  async actuals(
    @Param('programmeId') programmeId: string,
    @Param('trajectoryRef') trajectoryRef: string,
    @Body() body: Form,
    @Req() request: AuthenticatedRequest,
    @Res() response: Response,
  ): Promise<void> {
    const context = await this.actualsContext(programmeId, trajectoryRef, textField(body, 'month'));
    const values = Object.fromEntries(context.practices.map((practice) => [practice.odsCode, textField(body, `actual-${practice.odsCode}`)]));
    const knownOn = dateInputValue(body, 'knownOn');
    const reject = (problems: FormProblem[]) => new FormRejected('actuals.njk', { ...context, values, knownOn }, problems);
    const known = knownOnOf(knownOn);
    const problems: FormProblem[] = 'problem' in known ? [known.problem] : [];
    const actuals: { odsCode: string; value: number }[] = [];
    for (const practice of context.practices) {
      const text = values[practice.odsCode];
      if (text === '') continue;
      const parsed = context.entry.parse(text);
      if ('problem' in parsed) problems.push({ field: `actual-${practice.odsCode}`, text: `${context.entry.label} for ${practice.name} (${practice.odsCode}) ${parsed.problem}` });
      else actuals.push({ odsCode: practice.odsCode, value: parsed.value });
    }
    if (problems.length === 0 && actuals.length === 0) problems.push({ field: `actual-${context.practices[0]?.odsCode ?? 'month'}`, text: 'Enter at least one practice’s actual' });
    // Nothing is saved while any field is wrong: the form comes back with every problem at once.
    if (problems.length > 0 || 'problem' in known) throw reject(problems);
    const first = { id: `actual-${actuals[0].odsCode}`, label: 'The actuals' };
    const fields = {
      ...Object.fromEntries(actuals.map((actual, index) => [`actuals.${index}.value`, { id: `actual-${actual.odsCode}`, label: `${context.entry.label} for ${actual.odsCode}` }])),
      recordedOn: KNOWN_ON_FIELD,
    };
    try {
      await this.recordActuals.execute(programmeId, trajectoryRef, context.month, { actuals, recordedOn: known.recordedOn });
    } catch (error) {
      throw rejected(error, reject, fields, first);
    }
    redirectDone(request, response, `/app/programmes/${programmeId}#trajectories`, `Actuals for ${context.trajectory.name}, ${context.month}, are saved for ${actuals.length} practices`);
  }

  @Get('monthly-update')
  @Access('manage-programme', 'programme')
  async updateForm(@Param('programmeId') programmeId: string, @Query('month') month: string | undefined, @Req() request: AuthenticatedRequest, @Res() response: Response): Promise<void> {
    const context = await this.updateContext(programmeId, month);
    const existing = context.plan.monthlyUpdates.find((update) => update.month === context.month);
    response.send(
      this.views.render('monthly-update.njk', {
        ...layoutContext(request, response, 'programmes'),
        ...context,
        values: { commentary: existing?.commentary ?? '', achievements: existing?.achievements ?? '', nextPeriodPlans: existing?.nextPeriodPlans ?? '' },
      }),
    );
  }

  @Post('monthly-update')
  @Access('manage-programme', 'programme')
  async update(@Param('programmeId') programmeId: string, @Body() body: Form, @Req() request: AuthenticatedRequest, @Res() response: Response): Promise<void> {
    const context = await this.updateContext(programmeId, textField(body, 'month'));
    const values = { commentary: textField(body, 'commentary'), achievements: textField(body, 'achievements'), nextPeriodPlans: textField(body, 'nextPeriodPlans') };
    const reject = (problems: FormProblem[]) => new FormRejected('monthly-update.njk', { ...context, values }, problems);
    if (values.commentary === '') throw reject([{ field: 'commentary', text: 'Enter a summary of the month' }]);
    const fields = {
      commentary: { id: 'commentary', label: 'The summary' },
      achievements: { id: 'achievements', label: 'The achievements' },
      nextPeriodPlans: { id: 'nextPeriodPlans', label: 'The plans for next period' },
    };
    try {
      await this.saveMonthlyUpdate.execute(programmeId, context.month, { ...values, authorEmail: request.principal.subject });
    } catch (error) {
      throw rejected(error, reject, fields, fields.commentary);
    }
    redirectDone(request, response, `/app/programmes/${programmeId}#update`, `The update for ${context.month} is saved`);
  }

  private async actualsContext(programmeId: string, trajectoryRef: string, month: string | undefined) {
    const plan = await this.plans.execute(programmeId);
    const trajectory = plan.trajectories.find((candidate) => candidate.ref === trajectoryRef);
    if (trajectory === undefined) throw ApplicationError.notFound(`no trajectory ${trajectoryRef} in programme ${programmeId}`);
    const thisMonth = londonDay(this.clock.now()).slice(0, 7);
    const months = [...new Set([...trajectory.plan.map((row) => row.month), addMonths(thisMonth, -1), thisMonth])].filter((candidate) => candidate <= thisMonth).sort().reverse();
    const chosen = month !== undefined && monthSchema.safeParse(month).success && months.includes(month) ? month : months.find((candidate) => candidate < thisMonth) ?? thisMonth;
    const practices = plan.organisationOdsCode === null ? [] : await this.organisations.practicesUnder(plan.organisationOdsCode, lastDayOfMonth(chosen));
    return {
      title: `Actuals for ${trajectory.name}`,
      plan,
      trajectory,
      month: chosen,
      months,
      planned: trajectory.plan.find((row) => row.month === chosen)?.plannedValue ?? null,
      practices,
      entry: ENTRIES[trajectory.basis],
      back: { href: `/app/programmes/${programmeId}#trajectories`, text: plan.name },
    };
  }

  private async updateContext(programmeId: string, month: string | undefined): Promise<{ title: string; plan: ProgrammePlanRecord; month: string; months: string[]; back: { href: string; text: string } }> {
    const plan = await this.plans.execute(programmeId);
    const thisMonth = londonDay(this.clock.now()).slice(0, 7);
    // The month ending now, or the one just ended while its cycle is still to run.
    const months = [thisMonth, addMonths(thisMonth, -1)];
    const chosen = month !== undefined && months.includes(month) ? month : thisMonth;
    return { title: 'Monthly update', plan, month: chosen, months, back: { href: `/app/programmes/${programmeId}#update`, text: plan.name } };
  }
}

/** Each organisation's latest actual for the month. */
function latestActuals(trajectory: PlanTrajectory, month: string): Map<string, number> {
  const rows = trajectory.actuals.filter((actual) => actual.month === month).sort((a, b) => a.recordedAt.localeCompare(b.recordedAt));
  return new Map(rows.map((row) => [row.odsCode, row.value]));
}
