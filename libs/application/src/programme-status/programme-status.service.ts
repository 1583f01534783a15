import { Injectable } from '@nestjs/common';
import { addDays, assessProgramme, computeTrajectoryActual, DEFAULT_RULE_SETTINGS, lastDayOfMonth, londonDay, startOfLondonDay, WorkingCalendar } from '@pmo/domain';
import type { AssessmentSettings, MilestoneRecord, PracticePopulation, ProgrammeAssessment, TrajectoryActual, TrajectoryBasis, TrajectoryRecord } from '@pmo/domain';
import { ApplicationError } from '../application.error';
import { Kept, REFERENCE_DATA_MS } from '../kept';
import { forEachProgramme } from '../plans-in-batches';
import { BankHolidays } from '../ports/bank-holidays';
import { Clock } from '../ports/clock';
import { OrganisationRepository } from '../ports/organisation.repository';
import { ProgrammeRepository } from '../ports/programme.repository';
import type { PlanMilestone, PlanTrajectory, ProgrammeHead, ProgrammePlanRecord } from '../ports/programme.repository';
import { assembleView, ProgrammeView, toProgrammeView, viewParts } from '../programme-view';
import type { ViewParts } from '../programme-view';

export interface TrajectoryMonthFigures {
  month: string;
  planned: number | null;
  actual: TrajectoryActual | null;
}

const BASIS_UNITS: Record<TrajectoryBasis, string> = {
  'practices-count': 'practices',
  'practices-percent': '% of practices',
  'registered-population-percent': '% of registered population',
  'weighted-population-percent': '% of weighted population',
  wte: 'WTE',
  'money-pence': 'pence',
};

/** A programme's current status as last worked out, with the parts of its view, and until when it holds. */
interface CurrentStatus {
  revision: string;
  computedAt: number;
  validUntil: number;
  assessment: ProgrammeAssessment;
  parts: ViewParts;
}

/** Current statuses kept per API or worker process: about 20 KB each, so the national 2,000 programmes fit. */
const CURRENT_STATUSES_KEPT = 2_000;

/**
 * Works out a programme's status as at an instant: reads the plan, computes each trajectory's monthly
 * actual from its organisations' actuals, and applies the domain's rules with the programme's settings
 * and the England and Wales working calendar.
 */
@Injectable()
export class ProgrammeStatusService {
  private calendar?: WorkingCalendar;
  private readonly current = new Kept<CurrentStatus>(CURRENT_STATUSES_KEPT);
  /** Views being worked out, by programme and the revision their readers saw: a reader of the same joins in. */
  private readonly workingOut = new Map<string, Promise<ProgrammeView | null>>();

  constructor(
    private readonly programmes: ProgrammeRepository,
    private readonly organisations: OrganisationRepository,
    private readonly bankHolidays: BankHolidays,
    private readonly clock: Clock,
  ) {}

  async assess(plan: ProgrammePlanRecord, asAt: Date): Promise<ProgrammeAssessment> {
    return (await this.assessWithFigures(plan, asAt)).assessment;
  }

  /** The status as at an instant with the trajectory figures it was judged on, for reports that show both. */
  async assessWithFigures(plan: ProgrammePlanRecord, asAt: Date): Promise<{ assessment: ProgrammeAssessment; trajectories: TrajectoryRecord[] }> {
    const trajectories = await Promise.all(
      plan.trajectories.map(async (trajectory) => ({
        ref: trajectory.ref,
        name: trajectory.name,
        unit: BASIS_UNITS[trajectory.basis],
        months: (await this.trajectoryMonths(plan, trajectory, asAt)).map(({ month, planned, actual }) => ({ month, planned, actual: actual?.value ?? null })),
      })),
    );
    const assessment = assessProgramme(
      { milestones: plan.milestones.map((milestone) => milestoneRecord(plan, milestone, asAt)), trajectories, confidenceOverride: plan.confidenceOverride },
      asAt,
      this.settings(plan),
    );
    return { assessment, trajectories };
  }

  /** The programme as its API and reports show it, as at an instant: record, statuses and escalations. */
  async view(programmeId: string, asAt: Date): Promise<ProgrammeView> {
    const [record, plan] = await Promise.all([this.programmes.findById(programmeId), this.programmes.loadPlan(programmeId)]);
    if (record === null || plan === null) throw ApplicationError.notFound(`no programme ${programmeId}`);
    return toProgrammeView(record, plan.trajectories, await this.assess(plan, asAt));
  }

  /**
   * The programme as at now. Most reads of a programme find nothing changed since the last, so its status and
   * the parts of its view are kept and used again while the record's revision is the same and time has
   * crossed no boundary: none of the rules' (`nextBoundaryAt`), no London midnight (the reasons count working
   * days from today). The record's head, with its escalations' delivery, is read every time.
   */
  async currentView(programmeId: string): Promise<ProgrammeView> {
    const [view] = await this.currentViews([programmeId]);
    if (view === undefined) throw ApplicationError.notFound(`no programme ${programmeId}`);
    return view;
  }

  /**
   * The programmes as at now, as `currentView` has each, in the order given; one that does not exist is left out.
   * Their heads are read in one statement, so that the statuses of a portfolio read again soon cost one read.
   */
  async currentViews(programmeIds: readonly string[]): Promise<ProgrammeView[]> {
    const heads = new Map((await this.programmes.findHeads(programmeIds)).map((head) => [head.id, head]));
    const now = this.clock.now();
    const views = await forEachProgramme(programmeIds, async (programmeId) => {
      const head = heads.get(programmeId);
      return head === undefined ? null : this.viewNow(head, now);
    });
    return views.filter((view) => view !== null);
  }

  private async viewNow(head: ProgrammeHead, now: Date): Promise<ProgrammeView | null> {
    const kept = this.keptView(head, now);
    if (kept !== null) return kept;
    // Reads that find the same change at once (a portfolio opened twice, a page and its refresh) work it out once;
    // one that joins takes the status kept as at its own instant, or works it out itself if a boundary came between.
    const key = `${head.id} ${head.revision}`;
    const joined = this.workingOut.get(key);
    if (joined !== undefined) {
      await joined;
      return this.keptView(head, now) ?? this.workedOut(head.id, now);
    }
    const working = this.workedOut(head.id, now).finally(() => this.workingOut.delete(key));
    this.workingOut.set(key, working);
    return working;
  }

  /** The view from the kept status, if it is of the head's revision and holds at `now`. */
  private keptView(head: ProgrammeHead, now: Date): ProgrammeView | null {
    const kept = this.current.get(head.id);
    if (kept === undefined || kept.revision !== head.revision || kept.computedAt > now.getTime() || now.getTime() >= kept.validUntil) return null;
    return assembleView(head, { ...kept.assessment, asAt: now.toISOString() }, kept.parts);
  }

  /** The view worked out from the record and the plan, and its status kept. */
  private async workedOut(programmeId: string, now: Date): Promise<ProgrammeView | null> {
    // The record before the plan: a change landing between them is then seen by the next read, as a new revision.
    const record = await this.programmes.findById(programmeId);
    const plan = record === null ? null : await this.programmes.loadPlan(programmeId);
    if (record === null || plan === null) return null;
    const assessment = await this.assess(plan, now);
    const parts = frozen(viewParts(record.milestones, plan.trajectories, assessment));
    this.current.set(programmeId, {
      revision: record.revision,
      computedAt: now.getTime(),
      validUntil: Math.min(
        assessment.nextBoundaryAt === null ? Infinity : Date.parse(assessment.nextBoundaryAt),
        startOfLondonDay(addDays(londonDay(now), 1)).getTime(),
        // List sizes, for percentages of practices or population.
        now.getTime() + REFERENCE_DATA_MS,
      ),
      assessment,
      parts,
    });
    return assembleView(record, assessment, parts);
  }

  /** Plan and computed actual per month; actuals recorded after `asAt` are left out. */
  async trajectoryMonths(plan: ProgrammePlanRecord, trajectory: PlanTrajectory, asAt: Date): Promise<TrajectoryMonthFigures[]> {
    const actuals = trajectory.actuals.filter((actual) => Date.parse(actual.recordedAt) <= asAt.getTime());
    const months = [...new Set([...trajectory.plan.map((row) => row.month), ...actuals.map((row) => row.month)])].sort();
    const measured = [...new Set(actuals.map((row) => lastDayOfMonth(row.month)))];
    // Percentages count out of the practices of the programme's organisation, sized as at each month's end: one read for every month.
    const practices =
      plan.organisationOdsCode === null || measured.length === 0 ? new Map<string, PracticePopulation[]>() : await this.organisations.practicesUnderEach(plan.organisationOdsCode, measured);
    return months.map((month) => {
      const planned = trajectory.plan.find((row) => row.month === month)?.plannedValue ?? null;
      const recorded = actuals.filter((row) => row.month === month);
      if (recorded.length === 0) return { month, planned, actual: null };
      const day = lastDayOfMonth(month);
      return { month, planned, actual: computeTrajectoryActual(trajectory.basis, recorded, practices.get(day) ?? [], day) };
    });
  }

  /** England's working days: weekends and England and Wales bank holidays left out. */
  workingCalendar(): WorkingCalendar {
    this.calendar ??= new WorkingCalendar(this.bankHolidays.englandAndWales());
    return this.calendar;
  }

  private settings(plan: ProgrammePlanRecord): AssessmentSettings {
    return { ...DEFAULT_RULE_SETTINGS, ...plan.rules, calendar: this.workingCalendar(), tolerances: plan.tolerances };
  }
}

/** Kept parts are shared by every read until they lapse: frozen, so that no reader can change them for the others. */
function frozen(parts: ViewParts): ViewParts {
  for (const part of [...parts.milestones, ...parts.trajectories]) Object.freeze(part);
  Object.freeze(parts.milestones);
  Object.freeze(parts.trajectories);
  return parts;
}

/** A milestone as the rules see it as at an instant: the baseline and forecast then in force, predecessors by id. */
function milestoneRecord(plan: ProgrammePlanRecord, milestone: PlanMilestone, asAt: Date): MilestoneRecord {
  const baselines = milestone.baselines.filter((baseline) => baseline.version === 1 || Date.parse(baseline.recordedAt) <= asAt.getTime());
  const forecasts = milestone.forecasts.filter((forecast) => forecast.knownAt === null || Date.parse(forecast.knownAt) <= asAt.getTime());
  const forecast = forecasts[forecasts.length - 1] ?? { forecastDate: milestone.forecastDate, dueAt: milestone.dueAt };
  const refToId = new Map(plan.milestones.map((candidate) => [candidate.ref, candidate.id]));
  return {
    id: milestone.id,
    name: milestone.name,
    baselineDate: baselines.length === 0 ? milestone.baselineDate : baselines[baselines.length - 1].baselineDate,
    forecastDate: forecast.forecastDate,
    dueAt: forecast.dueAt,
    completedAt: milestone.completedAt,
    confirmedAt: milestone.confirmedAt,
    predecessorIds: milestone.predecessors.flatMap((ref) => refToId.get(ref) ?? []),
  };
}
