import { addDays, addMonths, daysBetween, londonDay, monthsBetween } from '@pmo/domain';
import type { ProgrammePlan } from '../programme-definition/programme-definition.schema';

/**
 * Moves a plan to a new start day: every day moves by the same number of days, so intervals hold;
 * trajectory months and financial years move by whole months from the old start month.
 */
export function shiftPlan(plan: ProgrammePlan, startDate: string): ProgrammePlan {
  const from = plan.startDate ?? firstDay(plan);
  const days = daysBetween(from, startDate);
  const months = monthsBetween(from.slice(0, 7), startDate.slice(0, 7));
  const day = (value: string | undefined) => (value === undefined ? undefined : addDays(value, days));
  return {
    ...plan,
    startDate,
    endDate: day(plan.endDate),
    milestones: plan.milestones.map((milestone) => ({
      ...milestone,
      baselineDate: day(milestone.baselineDate),
      forecastDate: day(milestone.forecastDate),
      actualDate: day(milestone.actualDate),
      dueAt: milestone.dueAt === undefined ? undefined : new Date(Date.parse(milestone.dueAt) + days * 86_400_000).toISOString(),
    })),
    trajectories: plan.trajectories.map((trajectory) => ({
      ...trajectory,
      plan: Object.fromEntries(Object.entries(trajectory.plan).map(([month, value]) => [addMonths(month, months), value])),
    })),
    raid: plan.raid.map((item) => ({ ...item, reviewDate: day(item.reviewDate) })),
    funding: plan.funding.map((line) => ({ ...line, financialYear: shiftFinancialYear(line.financialYear, Math.round(months / 12)) })),
  };
}

function firstDay(plan: ProgrammePlan): string {
  return plan.milestones.map((milestone) => milestone.baselineDate ?? londonDay(new Date(milestone.dueAt as string))).sort()[0];
}

function shiftFinancialYear(year: string, years: number): string {
  const start = Number(year.slice(0, 4)) + years;
  return `${start}/${String((start + 1) % 100).padStart(2, '0')}`;
}
