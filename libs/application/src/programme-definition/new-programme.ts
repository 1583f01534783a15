import { endOfLondonDay, lastDayOfMonth, londonDay, overdueFrom } from '@pmo/domain';
import type { FundingLineDefinition, GpfvArea, MilestoneDefinition, ProgrammePlan, RaidDefinition, Tolerances, TrajectoryDefinition } from './programme-definition.schema';
import { DEFAULT_TOLERANCES, milestoneRef } from './programme-definition.schema';

/** The people a programme answers to; the lead also owns every milestone the plan gives no owner. */
export interface ProgrammePeople {
  leadEmail: string;
  managerEmail?: string;
  sroEmail?: string;
  pmoEmails?: string[];
  organisation?: string;
}

export interface NewMilestone {
  ref: string;
  name: string;
  kind: MilestoneDefinition['kind'];
  ownerEmail: string;
  baselineDate: string;
  forecastDate: string;
  actualDate: string | null;
  /** The instant it turns overdue: the start of the day after its forecast day in London, unless the plan gave one. */
  dueAt: string;
  completedAt: string | null;
  phase: string | null;
  predecessors: string[];
  acceptedOverlap: boolean;
  evidence: string | null;
}

/** A programme ready to record: every default applied, every milestone with its ref, dates and due instant. */
export interface NewProgramme {
  name: string;
  leadEmail: string;
  managerEmail: string | null;
  sroEmail: string | null;
  pmoEmails: string[];
  organisationOdsCode: string | null;
  gpfvArea: GpfvArea | null;
  startDate: string;
  endDate: string;
  tolerances: Tolerances;
  template: { id: string; version: number } | null;
  phases: { ref: string; name: string; members: string[] }[];
  milestones: NewMilestone[];
  trajectories: TrajectoryDefinition[];
  raid: RaidDefinition[];
  funding: FundingLineDefinition[];
}

export function newProgramme(
  plan: ProgrammePlan,
  people: ProgrammePeople,
  now: Date,
  template: NewProgramme['template'] = null,
): NewProgramme {
  const milestones = plan.milestones.map((milestone, index) => newMilestone(milestone, index, people.leadEmail, now));
  const days = milestones.flatMap((milestone) => [milestone.baselineDate, milestone.forecastDate]).sort();
  const months = plan.trajectories.flatMap((trajectory) => Object.keys(trajectory.plan));
  return {
    name: plan.name,
    leadEmail: people.leadEmail,
    managerEmail: people.managerEmail ?? null,
    sroEmail: people.sroEmail ?? null,
    pmoEmails: people.pmoEmails ?? [],
    organisationOdsCode: people.organisation ?? null,
    gpfvArea: plan.gpfvArea ?? null,
    startDate: plan.startDate ?? days[0],
    endDate: plan.endDate ?? lastPlannedDay(days, months),
    tolerances: plan.tolerances ?? DEFAULT_TOLERANCES,
    template,
    phases: plan.phases,
    milestones,
    trajectories: plan.trajectories,
    raid: plan.raid,
    funding: plan.funding,
  };
}

function newMilestone(milestone: MilestoneDefinition, index: number, leadEmail: string, now: Date): NewMilestone {
  const baselineDate = milestone.baselineDate ?? londonDay(new Date(milestone.dueAt as string));
  const forecastDate = milestone.forecastDate ?? baselineDate;
  const actualDate = milestone.actualDate ?? null;
  // Completed on a day means by the end of it, but never later than the moment it was recorded.
  const completedAt = actualDate === null ? null : new Date(Math.min(endOfLondonDay(actualDate).getTime(), now.getTime())).toISOString();
  return {
    ref: milestoneRef(milestone, index),
    name: milestone.name,
    kind: milestone.kind,
    ownerEmail: milestone.ownerEmail ?? leadEmail,
    baselineDate,
    forecastDate,
    actualDate,
    dueAt: milestone.dueAt ?? overdueFrom(forecastDate).toISOString(),
    completedAt,
    phase: milestone.phase ?? null,
    predecessors: milestone.predecessors,
    acceptedOverlap: milestone.acceptedOverlap,
    evidence: milestone.evidence ?? null,
  };
}

/**
 * The last day a plan holds anything for: its last milestone day or the end of its last planned trajectory month,
 * whichever is later. A programme runs to it at least, so that month ends go on reporting a trajectory that does.
 */
export function lastPlannedDay(milestoneDays: readonly string[], trajectoryMonths: readonly string[]): string {
  return [...milestoneDays, ...trajectoryMonths.map(lastDayOfMonth)].reduce((latest, day) => (day > latest ? day : latest));
}
