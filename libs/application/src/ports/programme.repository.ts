import type { ConfidenceOverride, RollUp, TrajectoryBasis } from '@pmo/domain';
import type { NewProgramme } from '../programme-definition/new-programme';
import type { Tolerances } from '../programme-definition/programme-definition.schema';

/** A programme as recorded: instants are UTC ISO strings. */
export interface ProgrammeRecord {
  id: string;
  name: string;
  leadEmail: string;
  createdAt: string;
  /**
   * The programme's largest event id and its count of events: every write records one in its own transaction, so
   * this changes with every change, though transactions commit out of id order.
   */
  revision: string;
  milestones: MilestoneRow[];
  escalations: EscalationRow[];
}

/**
 * The record less its milestones: what a read needs when it keeps the rest. Its escalations' delivery changes
 * outside the programme's events; the revision says whether anything else has.
 */
export type ProgrammeHead = Omit<ProgrammeRecord, 'milestones'>;

export interface MilestoneRow {
  id: string;
  ref: string;
  name: string;
  kind: 'delivery' | 'governance-gate' | 'decision';
  ownerEmail: string;
  baselineDate: string;
  forecastDate: string;
  actualDate: string | null;
  dueAt: string;
  completedAt: string | null;
}

export type DeliveryStatus = 'queued' | 'sent' | 'failed';

export interface EscalationRow {
  id: string;
  milestoneId: string;
  rung: number;
  channel: 'email';
  recipient: string;
  status: DeliveryStatus;
  queuedAt: string;
  sentAt: string | null;
  attempts: number;
  lastError: string | null;
}

export type CompleteMilestoneOutcome =
  | { outcome: 'completed' }
  | { outcome: 'programme-not-found' }
  | { outcome: 'milestone-not-found' }
  | { outcome: 'already-completed'; completedAt: string };

/** One milestone with its programme's people: all an escalation rung or an owner's warning reads. */
/** A programme closed as completed or stopped, on a day, with a reason; archived once out of the portfolio and the month end. */
export interface ProgrammeClosure {
  as: 'completed' | 'stopped';
  on: string;
  reason: string;
  archived: boolean;
}

export interface MilestoneInProgramme {
  programme: Pick<ProgrammePlanRecord, 'id' | 'name' | 'leadEmail' | 'managerEmail' | 'sroEmail' | 'pmoEmails' | 'closure'>;
  milestone: Pick<MilestoneRow, 'id' | 'name' | 'ownerEmail' | 'forecastDate' | 'dueAt' | 'completedAt'>;
}

/** The record of programmes; each write is one transaction with its event. */
export abstract class ProgrammeRepository {
  abstract create(programme: NewProgramme, recordedAt: Date): Promise<ProgrammeRecord>;
  abstract findById(programmeId: string): Promise<ProgrammeRecord | null>;
  /** The heads of those of the programmes that exist, in no particular order. */
  abstract findHeads(programmeIds: readonly string[]): Promise<ProgrammeHead[]>;
  abstract completeMilestone(programmeId: string, milestoneId: string, completedAt: string, recordedAt: Date): Promise<CompleteMilestoneOutcome>;
  abstract loadPlan(programmeId: string): Promise<ProgrammePlanRecord | null>;
  /** One milestone and its programme's people in one read, for the many small activities that need no more. */
  abstract loadMilestone(programmeId: string, milestoneId: string): Promise<MilestoneInProgramme | null>;
  /** The refs of the programme's phases that have members, in plan order; null for no such programme. */
  abstract phasesWithMembers(programmeId: string): Promise<string[] | null>;
  /**
   * The programme's organisation and those above it, nearest first, in one read (every request about a
   * programme asks it); null when the programme names no organisation; undefined for no such programme.
   */
  abstract organisationLineage(programmeId: string): Promise<string[] | null | undefined>;
  abstract applyChanges(programmeId: string, changes: PlanChanges, recordedAt: Date): Promise<void>;
  /** Moves a milestone's baseline, keeping every earlier one; the forecast is left as the programme manager set it. */
  abstract rebaseline(
    programmeId: string,
    milestoneRef: string,
    change: { baselineDate: string; reason: string; approvedBy: string },
    recordedAt: Date,
  ): Promise<RebaselineOutcome>;
  /**
   * Moves a milestone's forecast, keeping every earlier one for as-at views; the reason goes on the programme's events.
   * `knownAt` is when the move was known (before `recordedAt` for history brought in late): complete and unchanged are
   * judged as at then.
   */
  abstract reforecast(
    programmeId: string,
    milestoneRef: string,
    change: { forecastDate: string; dueAt: string; reason: string },
    recordedAt: Date,
    knownAt: Date,
  ): Promise<ReforecastOutcome>;
  /**
   * Closes, archives or reopens a programme (closure null) and records the change as an event; 'programme-not-found'
   * for no such programme.
   */
  abstract setClosure(programmeId: string, closure: ProgrammeClosure | null, event: { type: string; reason: string }, recordedAt: Date): Promise<'saved' | 'programme-not-found'>;
  /** The programmes at the given organisations or below them (every programme for `every-organisation`), archived ones left out, by name. */
  abstract summaries(within: readonly string[] | 'every-organisation'): Promise<ProgrammeSummary[]>;
  /** Records the owner's confirmation that the milestone will land on its forecast. */
  abstract confirmMilestone(programmeId: string, milestoneId: string, confirmedAt: Date): Promise<'confirmed' | 'milestone-not-found' | 'already-complete'>;
  /** Moves the programme's end and records the move, with its reason, as an event. */
  abstract changeEndDate(programmeId: string, change: { from: string; to: string; reason: string }, recordedAt: Date): Promise<void>;
  abstract setConfidenceOverride(programmeId: string, override: ConfidenceOverride | null, recordedAt: Date): Promise<'saved' | 'programme-not-found'>;
  abstract recordGoLive(programmeId: string, phaseRef: string, odsCode: string, wentLiveOn: string, recordedAt: Date): Promise<'recorded' | 'member-not-found'>;
  abstract saveMonthlyUpdate(
    programmeId: string,
    update: { month: string; commentary: string; achievements: string; nextPeriodPlans: string; authorEmail: string },
    recordedAt: Date,
  ): Promise<'saved' | 'programme-not-found'>;
  abstract recordSpend(programmeId: string, fundingRef: string, spendPence: number, recordedAt: Date): Promise<'recorded' | 'funding-line-not-found'>;
  /** A new RAID item, or a change to the item of its ref: each refused when the ref says otherwise. */
  abstract saveRaidItem(programmeId: string, item: PlanRaidItem, as: 'new' | 'existing', recordedAt: Date): Promise<'saved' | 'ref-taken' | 'not-found'>;
  abstract addFundingLine(programmeId: string, line: PlanFundingLine, recordedAt: Date): Promise<'added' | 'ref-taken'>;
  abstract changeDetails(programmeId: string, details: ProgrammeDetails, recordedAt: Date): Promise<'saved' | 'programme-not-found'>;
  abstract recordActuals(
    programmeId: string,
    trajectoryRef: string,
    month: string,
    actuals: { odsCode: string; value: number }[],
    recordedAt: Date,
    knownAt: Date,
  ): Promise<'recorded' | 'trajectory-not-found'>;
}

export interface BaselineRecord {
  version: number;
  baselineDate: string;
  reason: string | null;
  approvedBy: string | null;
  recordedAt: string;
}

export interface PlanMilestone extends MilestoneRow {
  /** When the owner last confirmed it will land on its forecast. */
  confirmedAt: string | null;
  phase: string | null;
  predecessors: string[];
  /** Baselined to finish before a predecessor does, as the programme accepts. */
  acceptedOverlap: boolean;
  evidence: string | null;
  /** Every baseline the milestone has had, the first (the original plan) first. */
  baselines: BaselineRecord[];
  /**
   * Every forecast it has had, oldest knowledge first: the plan's own (known whenever: `knownAt` null), then each as
   * it was known. The status as at a past instant uses the one then in force.
   */
  forecasts: { forecastDate: string; dueAt: string; recordedAt: string; knownAt: string | null }[];
}

export interface PlanTrajectory {
  ref: string;
  metric: string;
  name: string;
  unit: string;
  basis: TrajectoryBasis;
  plan: { month: string; plannedValue: number }[];
  actuals: { month: string; odsCode: string; value: number; recordedAt: string }[];
}

export interface PlanRaidItem {
  ref: string;
  type: 'risk' | 'issue' | 'assumption' | 'decision';
  title: string;
  description: string | null;
  ownerEmail: string | null;
  likelihood: number | null;
  impact: number | null;
  mitigation: string | null;
  reviewDate: string | null;
  status: 'open' | 'closed';
}

/** Who a programme answers to and the tolerances it is judged by, as they are changed together. */
export interface ProgrammeDetails {
  leadEmail: string;
  managerEmail: string | null;
  sroEmail: string | null;
  tolerances: Tolerances;
  warningWorkingDays: number;
  rollUp: RollUp;
}

export interface PlanFundingLine {
  ref: string;
  name: string;
  financialYear: string;
  budgetPence: number;
  spendPence: number;
}

/** Everything a programme holds: what reports, returns and spreadsheets are made from. */
export interface ProgrammePlanRecord {
  id: string;
  name: string;
  leadEmail: string;
  managerEmail: string | null;
  sroEmail: string | null;
  pmoEmails: string[];
  organisationOdsCode: string | null;
  gpfvArea: string | null;
  startDate: string;
  endDate: string;
  tolerances: Tolerances;
  rules: { warningWorkingDays: number; dataDeadlineWorkingDays: number; noDataRedWorkingDays: number; rollUp: RollUp };
  confidenceOverride: ConfidenceOverride | null;
  /** Null while the programme runs. */
  closure: ProgrammeClosure | null;
  template: { id: string; version: number } | null;
  phases: { ref: string; name: string; members: string[]; goLives: { odsCode: string; wentLiveOn: string }[] }[];
  milestones: PlanMilestone[];
  trajectories: PlanTrajectory[];
  raid: PlanRaidItem[];
  funding: PlanFundingLine[];
  monthlyUpdates: { month: string; commentary: string; achievements: string; nextPeriodPlans: string; authorEmail: string; updatedAt: string }[];
}

/** A milestone as an import leaves it; `rebaseline` is set when its baseline moves. */
export interface MilestoneChange {
  ref: string;
  name: string;
  kind: MilestoneRow['kind'];
  phase: string | null;
  baselineDate: string;
  forecastDate: string;
  actualDate: string | null;
  dueAt: string;
  completedAt: string | null;
  ownerEmail: string;
  predecessors: string[];
  acceptedOverlap: boolean;
  evidence: string | null;
  rebaseline: { reason: string; approvedBy: string } | null;
}

/** What an import writes, all in one transaction: rows are matched by ref and added or updated, never deleted. */
export interface PlanChanges {
  milestones: MilestoneChange[];
  trajectories: Omit<PlanTrajectory, 'actuals'>[];
  actuals: { trajectoryRef: string; month: string; odsCode: string; value: number }[];
  raid: PlanRaidItem[];
}

export type ReforecastOutcome =
  | { outcome: 'reforecast'; previousForecastDate: string }
  | { outcome: 'milestone-not-found' }
  | { outcome: 'already-complete' }
  | { outcome: 'unchanged' };

/** What a portfolio lists before anything is assessed. */
export interface ProgrammeSummary {
  id: string;
  name: string;
  gpfvArea: string | null;
  organisation: { odsCode: string; name: string } | null;
  closure: ProgrammeClosure | null;
}

export type RebaselineOutcome = { outcome: 'rebaselined'; version: number } | { outcome: 'milestone-not-found' } | { outcome: 'unchanged' };
