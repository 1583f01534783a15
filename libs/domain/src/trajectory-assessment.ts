import { endOfLondonDay, lastDayOfMonth, londonDay, startOfLondonDay } from './london-time';
import type { RagStatus } from './rag-status';
import type { AssessmentSettings } from './assessment-settings';

export interface TrajectoryMonthRecord {
  month: string;
  planned: number | null;
  /** The programme-level actual, already computed from organisations' actuals; null when none is recorded. */
  actual: number | null;
}

export interface TrajectoryRecord {
  ref: string;
  name: string;
  /** The basis in words, for reasons: "% of registered population". */
  unit: string;
  months: TrajectoryMonthRecord[];
}

export interface TrajectoryMonthAssessment {
  month: string;
  /** Pending: the month has not ended, or its data is not yet due. */
  status: RagStatus | 'Pending';
  reasons: string[];
}

export interface TrajectoryAssessment {
  ref: string;
  /** The status of the latest month that could be judged; Pending when none could. */
  status: RagStatus | 'Pending';
  reasons: string[];
  months: TrajectoryMonthAssessment[];
}

/**
 * A trajectory month by month (see docs/rules.md): an actual is judged against plan by the programme's
 * tolerances for shortfall; a missing actual is Amber "no data" after the data deadline and Red after
 * the second deadline; a month that has not ended, or whose data is not yet due, is Pending.
 */
export function assessTrajectory(trajectory: TrajectoryRecord, asAt: Date, settings: AssessmentSettings): TrajectoryAssessment {
  const months = trajectory.months.map((month) => assessMonth(trajectory, month, asAt, settings));
  const judged = months.filter((month) => month.status !== 'Pending');
  const latest = judged[judged.length - 1];
  return {
    ref: trajectory.ref,
    status: latest?.status ?? 'Pending',
    reasons: latest?.reasons ?? [`trajectory '${trajectory.name}' has no month to judge yet`],
    months,
  };
}

function assessMonth(trajectory: TrajectoryRecord, record: TrajectoryMonthRecord, asAt: Date, settings: AssessmentSettings): TrajectoryMonthAssessment {
  const { month, planned, actual } = record;
  const label = `trajectory '${trajectory.name}' ${month}`;
  const today = londonDay(asAt);
  if (lastDayOfMonth(month) >= today) return { month, status: 'Pending', reasons: [`${label} has not ended`] };
  if (actual === null && (planned === null || planned === 0)) return { month, status: 'Pending', reasons: [`${label}: nothing planned, no data`] };
  if (actual === null) {
    const { amberFrom, redFrom } = noDataDeadlines(month, settings);
    if (today >= redFrom) return { month, status: 'Red', reasons: [`${label}: no data, due by ${settings.calendar.addWorkingDays(lastDayOfMonth(month), settings.dataDeadlineWorkingDays)}`] };
    if (today >= amberFrom) return { month, status: 'Amber', reasons: [`${label}: no data, due by ${settings.calendar.addWorkingDays(lastDayOfMonth(month), settings.dataDeadlineWorkingDays)}`] };
    return { month, status: 'Pending', reasons: [`${label}: data due by ${settings.calendar.addWorkingDays(lastDayOfMonth(month), settings.dataDeadlineWorkingDays)}`] };
  }
  if (planned === null || planned === 0) return { month, status: 'Green', reasons: [`${label}: ${actual} ${trajectory.unit}, nothing planned`] };
  const shortfall = Math.max(0, ((planned - actual) / planned) * 100);
  const { amberBelowPlanPercent, redBelowPlanPercent } = settings.tolerances;
  const status: RagStatus = shortfall > redBelowPlanPercent ? 'Red' : shortfall > amberBelowPlanPercent ? 'Amber' : 'Green';
  const against = `${actual} ${trajectory.unit} against a plan of ${planned}`;
  const detail = shortfall > 0 ? ` (${shortfall.toFixed(1)}% below plan)` : '';
  return { month, status, reasons: [`${label}: ${against}${detail}`] };
}

/** The first days on which a missing actual counts as Amber, then Red: the day after each deadline. */
function noDataDeadlines(month: string, settings: AssessmentSettings): { amberFrom: string; redFrom: string } {
  const monthEnd = lastDayOfMonth(month);
  return {
    amberFrom: settings.calendar.addWorkingDays(monthEnd, settings.dataDeadlineWorkingDays + 1),
    redFrom: settings.calendar.addWorkingDays(monthEnd, settings.noDataRedWorkingDays + 1),
  };
}

/** The instants after `asAt` at which a month's status can change by time passing alone. */
export function trajectoryBoundaries(trajectory: TrajectoryRecord, asAt: Date, settings: AssessmentSettings): number[] {
  return trajectory.months.flatMap((month) => {
    const { amberFrom, redFrom } = noDataDeadlines(month.month, settings);
    const instants = [endOfLondonDay(lastDayOfMonth(month.month)).getTime() + 1];
    if (month.actual === null) instants.push(startOfLondonDay(amberFrom).getTime(), startOfLondonDay(redFrom).getTime());
    return instants.filter((instant) => instant > asAt.getTime());
  });
}

