import { Controller, Get, Param, Query, Req, Res } from '@nestjs/common';
import type { Response } from 'express';
import {
  ApplicationError,
  ApplicationErrorCode,
  Clock,
  EscalationUseCases,
  GetProgrammePlanUseCase,
  GetProgrammeQuery,
  GetProgrammeUseCase,
  GPFV_AREAS,
  ListProgrammesUseCase,
  mayEver,
  milestoneSlip,
  PORTFOLIO_SORTS,
  ProgrammeAuditUseCase,
  ProgrammeStatusService,
  raidLog,
} from '@pmo/application';
import type { EscalationRow, MilestoneView } from '@pmo/application';
import type { EscalationState } from '@pmo/contracts';
import { londonDay } from '@pmo/domain';
import { renderMilestoneTimeline, renderTrajectoryChart } from '@pmo/reporting';
import { Access } from '../access/access.decorators';
import type { AuthenticatedRequest } from '../access/access.guard';
import { dateInputValue, dayOf } from './web-forms';
import type { DateInputValue } from './web-forms';
import { layoutContext } from './web-layout';
import { WebPages } from './web-page';
import { takeDone } from './web-session';
import { WebViews } from './web-views';

/** How many changes the programme page's history shows, newest first; the API has them all. */
const HISTORY_SHOWN = 20;

/** The portfolio and a programme's page: what a programme manager, lead or PMO reads first. */
@Controller('app')
@WebPages()
export class ProgrammePagesController {
  constructor(
    private readonly views: WebViews,
    private readonly portfolio: ListProgrammesUseCase,
    private readonly status: ProgrammeStatusService,
    private readonly plans: GetProgrammePlanUseCase,
    private readonly getProgramme: GetProgrammeUseCase,
    private readonly escalations: EscalationUseCases,
    private readonly audit: ProgrammeAuditUseCase,
    private readonly clock: Clock,
  ) {}

  /** Programmes for those who may read them; the return for NHS England's assessors, who may read nothing else. */
  @Get()
  @Access('use-catalogue', 'anywhere')
  home(@Req() request: AuthenticatedRequest, @Res() response: Response): void {
    response.redirect(303, mayEver(request.principal, 'read-programme') ? '/app/programmes' : '/app/returns');
  }

  @Get('programmes')
  @Access('read-programme', 'own-organisations')
  async programmes(@Query() query: Record<string, string>, @Req() request: AuthenticatedRequest, @Res() response: Response): Promise<void> {
    // An empty select means "any": the form sends it, the filter does not take it.
    const filter = Object.fromEntries(Object.entries(query).filter(([, value]) => value !== ''));
    const visible = await this.portfolio.visible(request.principal);
    const portfolio = await this.portfolio.page(visible, filter);
    const organisations = [...new Map(visible.flatMap((programme) => (programme.organisation === null ? [] : [[programme.organisation.odsCode, programme.organisation]]))).values()];
    response.send(
      this.views.render('programmes.njk', {
        ...layoutContext(request, response, 'programmes'),
        title: 'Programmes',
        portfolio,
        // Links keep the filters and the order: to another page, or to another order from the first page.
        hrefWith: (changes: Record<string, string | number>) => `/app/programmes?${new URLSearchParams({ ...definedOnly(portfolio.filter), sort: portfolio.sort, order: portfolio.order, page: String(portfolio.page), ...Object.fromEntries(Object.entries(changes).map(([key, value]) => [key, String(value)])) }).toString()}`,
        sorts: PORTFOLIO_SORTS,
        filter,
        organisations,
        areas: GPFV_AREAS,
        visibleCount: visible.length,
        mayCreate: mayEver(request.principal, 'manage-programme'),
      }),
    );
  }

  @Get('programmes/:programmeId')
  @Access('read-programme', 'programme')
  async programme(@Param('programmeId') programmeId: string, @Query() query: Record<string, string>, @Req() request: AuthenticatedRequest, @Res() response: Response): Promise<void> {
    const plan = await this.plans.execute(programmeId);
    // As the API does: `?asAt=` a day or an instant; the form's three fields make the day.
    const typed = dateInputValue(query, 'asAt');
    const asAt = typed.day !== '' || typed.month !== '' || typed.year !== '' ? asAtDay(typed) : query.asAt;
    const view = await this.getProgramme.execute(GetProgrammeQuery.from(programmeId, asAt));
    const now = asAt === undefined ? this.clock.now() : new Date(view.asAt);
    const today = londonDay(now);
    const calendar = this.status.workingCalendar();
    const milestones = view.milestones.map((milestone) => ({ ...milestone, ...milestoneSlip(milestone, calendar, today) }));
    const trajectories = await Promise.all(
      plan.trajectories.map(async (trajectory) => {
        // From the plan already read, not read again per trajectory.
        const progress = await this.status.trajectoryMonths(plan, trajectory, now);
        const months = progress.map((month) => ({ month: month.month, planned: month.planned, actual: month.actual?.value ?? null }));
        const assessed = view.trajectories.find((candidate) => candidate.ref === trajectory.ref);
        return {
          ...trajectory,
          status: assessed?.status ?? 'Pending',
          reasons: assessed?.reasons ?? [],
          chart: renderTrajectoryChart(trajectory.name, months, trajectory.basis.endsWith('-percent')),
          latest: [...progress].reverse().find((month) => month.actual !== null) ?? null,
        };
      }),
    );
    const history = (await this.audit.execute(programmeId))
      .slice(-HISTORY_SHOWN)
      .reverse()
      .map((event) => ({ ...event, what: changeName(event.action), throughPages: event.action.includes(' /app/') }));
    response.send(
      this.views.render('programme.njk', {
        ...layoutContext(request, response, 'programmes'),
        title: plan.name,
        back: { href: '/app/programmes', text: 'All programmes' },
        done: takeDone(request, response),
        plan,
        view,
        today,
        milestones,
        timeline: renderMilestoneTimeline(plan.name, view.milestones, today),
        asAt: asAt === undefined ? null : today,
        trajectories,
        raid: raidLog(plan.raid),
        escalations: await this.escalationsOf(programmeId, view.milestones, view.escalations),
        latestUpdate: plan.monthlyUpdates.at(-1) ?? null,
        history,
        // A past day's page is for reading: what it offers to change would change today's record.
        may: {
          manage: asAt === undefined && mayEver(request.principal, 'manage-programme'),
          respond: asAt === undefined && mayEver(request.principal, 'respond-as-owner'),
          govern: asAt === undefined && mayEver(request.principal, 'govern-programme'),
        },
      }),
    );
  }

  /** Each escalated milestone's ladder as its workflow has it: rungs raised, acknowledgement, snooze. */
  private async escalationsOf(programmeId: string, milestones: MilestoneView[], rows: EscalationRow[]): Promise<{ milestone: MilestoneView; state: EscalationState | null; messages: EscalationRow[] }[]> {
    const escalated = milestones.filter((milestone) => rows.some((row) => row.milestoneId === milestone.id));
    return Promise.all(
      escalated.map(async (milestone) => ({
        milestone,
        state: await this.escalations.state(programmeId, milestone.id).catch((error: unknown) => {
          // A milestone escalated before ladders existed has messages but no ladder to show.
          if (error instanceof ApplicationError && error.code === ApplicationErrorCode.NotFound) return null;
          throw error;
        }),
        messages: rows.filter((row) => row.milestoneId === milestone.id),
      })),
    );
  }
}

/** What each kind of change is called on the page; anything else is shown as its route. */
const CHANGE_NAMES: [RegExp, string][] = [
  [/^POST \/programmes(\/from-template)?$/, 'Created the programme'],
  [/\/complete$/, 'Completed a milestone'],
  [/\/forecast$/, 'Changed a milestone’s forecast'],
  [/\/rebaseline$/, 'Rebaselined a milestone'],
  [/\/confirm$/, 'Confirmed a milestone will land on its forecast'],
  [/\/acknowledge$/, 'Acknowledged an escalation'],
  [/\/snooze$/, 'Snoozed an escalation'],
  [/\/actuals/, 'Entered trajectory actuals'],
  [/\/monthly-update/, 'Wrote the monthly update'],
  [/\/go-lives$/, 'Recorded a go-live'],
  [/\/spend$/, 'Recorded spend'],
  [/^POST .*\/raid$/, 'Added to the RAID log'],
  [/^(PUT|POST) .*\/raid\/[^/]+$/, 'Changed a RAID item'],
  [/^POST .*\/funding$/, 'Added a funding line'],
  [/\/escalation-ladder$/, 'Set the escalation ladder'],
  [/^PUT .*\/delivery-confidence-override$/, 'Overrode the delivery confidence'],
  [/^DELETE .*\/delivery-confidence-override$/, 'Cleared the delivery confidence override'],
  [/\/workbook$|\/sheets\/|\/spreadsheets$/, 'Imported a spreadsheet'],
  [/\/end-date$/, 'Changed the end date'],
  [/\/details$/, 'Changed its people or tolerances'],
  [/^POST .*\/milestones$|\/new-milestone$/, 'Added a milestone'],
  [/^PUT .*\/milestones\/[^/]+$|\/milestones\/[^/]+\/edit$/, 'Changed a milestone'],
  [/\/close$/, 'Closed the programme'],
  [/\/archive$/, 'Archived the programme'],
  [/\/reopen$/, 'Reopened the programme'],
];

function changeName(action: string): string {
  return CHANGE_NAMES.find(([pattern]) => pattern.test(action))?.[1] ?? action;
}


/** The day the page's "as at" fields make, or what was typed, for the query to refuse in its own words. */
function asAtDay(typed: DateInputValue): string {
  const parsed = dayOf(typed, 'the day');
  return 'problem' in parsed ? `${typed.year}-${typed.month}-${typed.day}` : parsed.day;
}

/** An object's fields that hold a value, for a query string. */
function definedOnly(fields: Record<string, string | undefined>): Record<string, string> {
  return Object.fromEntries(Object.entries(fields).filter((entry): entry is [string, string] => entry[1] !== undefined));
}
