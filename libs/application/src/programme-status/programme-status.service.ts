import { Injectable } from '@nestjs/common';
import { assessProgramme, computeTrajectoryActual, DEFAULT_RULE_SETTINGS, lastDayOfMonth, WorkingCalendar } from '@pmo/domain';
import type { AssessmentSettings, MilestoneRecord, PracticePopulation, ProgrammeAssessment, TrajectoryActual, TrajectoryBasis, TrajectoryRecord } from '@pmo/domain';
import { ApplicationError } from '../application.error';
import { BankHolidays } from '../ports/bank-holidays';
import { OrganisationRepository } from '../ports/organisation.repository';
import { ProgrammeRepository } from '../ports/programme.repository';
import type { PlanMilestone, PlanTrajectory, ProgrammePlanRecord } from '../ports/programme.repository';
import { ProgrammeView, toProgrammeView } from '../programme-view';

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

/**
 * Works out a programme's status as at an instant: reads the plan, computes each trajectory's monthly
 * actual from its organisations' actuals, and applies the domain's rules with the programme's settings
 * and the England and Wales working calendar.
 */
@Injectable()
export class ProgrammeStatusService {
  private calendar?: WorkingCalendar;

  constructor(
    private readonly programmes: ProgrammeRepository,
    private readonly organisations: OrganisationRepository,
    private readonly bankHolidays: BankHolidays,
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

  /** The programme as its API and reports show it: record, statuses and escalations. */
  async view(programmeId: string, asAt: Date): Promise<ProgrammeView> {
    const [record, plan] = await Promise.all([this.programmes.findById(programmeId), this.programmes.loadPlan(programmeId)]);
    if (record === null || plan === null) throw ApplicationError.notFound(`no programme ${programmeId}`);
    return toProgrammeView(record, plan, await this.assess(plan, asAt));
  }

  /** Plan and computed actual per month; actuals recorded after `asAt` are left out. */
  async trajectoryMonths(plan: ProgrammePlanRecord, trajectory: PlanTrajectory, asAt: Date): Promise<TrajectoryMonthFigures[]> {
    const actuals = trajectory.actuals.filter((actual) => Date.parse(actual.recordedAt) <= asAt.getTime());
    const months = [...new Set([...trajectory.plan.map((row) => row.month), ...actuals.map((row) => row.month)])].sort();
    return Promise.all(
      months.map(async (month) => {
        const planned = trajectory.plan.find((row) => row.month === month)?.plannedValue ?? null;
        const recorded = actuals.filter((row) => row.month === month);
        if (recorded.length === 0) return { month, planned, actual: null };
        // Percentages count out of the practices of the programme's organisation, sized as at the month's end.
        const practices: PracticePopulation[] =
          plan.organisationOdsCode === null ? [] : await this.organisations.practicesUnder(plan.organisationOdsCode, lastDayOfMonth(month));
        return { month, planned, actual: computeTrajectoryActual(trajectory.basis, recorded, practices) };
      }),
    );
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

/** A milestone as the rules see it as at an instant: the baseline and forecast then in force, predecessors by id. */
function milestoneRecord(plan: ProgrammePlanRecord, milestone: PlanMilestone, asAt: Date): MilestoneRecord {
  const baselines = milestone.baselines.filter((baseline) => baseline.version === 1 || Date.parse(baseline.recordedAt) <= asAt.getTime());
  const forecasts = milestone.forecasts.filter((forecast, index) => index === 0 || Date.parse(forecast.recordedAt) <= asAt.getTime());
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
