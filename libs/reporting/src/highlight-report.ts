import type { ProgrammePlanRecord } from '@pmo/application';
import type {
  DeliveryConfidence,
  DirectionOfTravel,
  FinancialPeriod,
  MilestoneStatus,
  ProgrammeAssessment,
  RagStatus,
  WorkingCalendar,
} from '@pmo/domain';

/** A PRINCE2/MSP-style highlight report for one programme and one month, as at the month's end. */
export interface HighlightReport {
  period: FinancialPeriod;
  asAt: string;
  programme: { id: string; name: string; gpfvArea: string | null; organisation: string | null; leadEmail: string; managerEmail: string | null; sroEmail: string | null };
  overall: { status: RagStatus; deliveryConfidence: DeliveryConfidence; overridden: boolean; direction: DirectionOfTravel; reasons: string[] };
  /** The programme manager's update for the month; null when it is missing. */
  update: { commentary: string; achievements: string; nextPeriodPlans: string; authorEmail: string } | null;
  milestones: {
    ref: string;
    name: string;
    baselineDate: string;
    forecastDate: string;
    actualDate: string | null;
    /** Working days from baseline to actual (or forecast, while open); positive is late. */
    varianceWorkingDays: number;
    status: MilestoneStatus;
  }[];
  trajectories: { ref: string; name: string; basis: string; status: string; months: { month: string; planned: number | null; actual: number | null }[] }[];
  /** Open risks and issues, highest score (likelihood × impact; an issue's impact alone) first, at most five. */
  topRisksAndIssues: { ref: string; type: 'risk' | 'issue'; title: string; score: number; ownerEmail: string | null; mitigation: string | null }[];
  decisionsNeeded: { ref: string; title: string; ownerEmail: string | null }[];
  finance: { name: string; financialYear: string; budgetPence: number; spendPence: number }[];
}

export interface TrajectoryFigures {
  ref: string;
  months: { month: string; planned: number | null; actual: number | null }[];
}

const TOP_RAID = 5;

/** Builds the report from the plan as recorded, its status as at the period's end and its trajectory figures. */
export function buildHighlightReport(
  plan: ProgrammePlanRecord,
  assessment: ProgrammeAssessment,
  period: FinancialPeriod,
  trajectories: readonly TrajectoryFigures[],
  calendar: WorkingCalendar,
): HighlightReport {
  const update = plan.monthlyUpdates.find((candidate) => candidate.month === period.month) ?? null;
  const open = plan.raid.filter((item) => item.status === 'open');
  return {
    period,
    asAt: assessment.asAt,
    programme: {
      id: plan.id,
      name: plan.name,
      gpfvArea: plan.gpfvArea,
      organisation: plan.organisationOdsCode,
      leadEmail: plan.leadEmail,
      managerEmail: plan.managerEmail,
      sroEmail: plan.sroEmail,
    },
    overall: {
      status: assessment.status,
      deliveryConfidence: assessment.deliveryConfidence.value,
      overridden: assessment.deliveryConfidence.overridden,
      direction: assessment.directionOfTravel.direction,
      reasons: assessment.reasons,
    },
    update: update === null ? null : { commentary: update.commentary, achievements: update.achievements, nextPeriodPlans: update.nextPeriodPlans, authorEmail: update.authorEmail },
    milestones: plan.milestones.map((milestone, index) => ({
      ref: milestone.ref,
      name: milestone.name,
      baselineDate: milestone.baselineDate,
      forecastDate: milestone.forecastDate,
      actualDate: milestone.actualDate !== null && milestone.actualDate <= assessment.asAt.slice(0, 10) ? milestone.actualDate : null,
      varianceWorkingDays: calendar.workingDaysBetween(milestone.baselineDate, milestone.actualDate ?? milestone.forecastDate),
      status: assessment.milestones[index].status,
    })),
    trajectories: plan.trajectories.map((trajectory, index) => ({
      ref: trajectory.ref,
      name: trajectory.name,
      basis: trajectory.basis,
      status: assessment.trajectories[index].status,
      months: trajectories.find((figures) => figures.ref === trajectory.ref)?.months.filter((month) => month.month <= period.month) ?? [],
    })),
    topRisksAndIssues: open
      .flatMap((item) =>
        item.type === 'risk' || item.type === 'issue'
          ? [{ ref: item.ref, type: item.type, title: item.title, score: (item.likelihood ?? 1) * (item.impact ?? 1), ownerEmail: item.ownerEmail, mitigation: item.mitigation }]
          : [],
      )
      .sort((a, b) => b.score - a.score || a.ref.localeCompare(b.ref))
      .slice(0, TOP_RAID),
    decisionsNeeded: open.filter((item) => item.type === 'decision').map((item) => ({ ref: item.ref, title: item.title, ownerEmail: item.ownerEmail })),
    finance: plan.funding.map(({ name, financialYear, budgetPence, spendPence }) => ({ name, financialYear, budgetPence, spendPence })),
  };
}
