import { z } from 'zod';
import { londonDay, overlapProblems, PLAN_FIELDS, predecessorCycle, raidScoreProblems, trajectoryValueProblem } from '@pmo/domain';
import { instantSchema } from '../validation';

/**
 * The one description of a programme's plan, shared by the API's validation and the YAML templates:
 * phases, milestones, trajectories, RAID and funding. Days are `YYYY-MM-DD` (Europe/London), months
 * `YYYY-MM`, money integer pence; every trajectory names the basis of its figures.
 */

export const daySchema = z.iso.date({ message: 'must be a date as YYYY-MM-DD' });
export const monthSchema = z.string().regex(PLAN_FIELDS.month, 'must be a month as YYYY-MM');
export const financialYearSchema = z
  .string()
  .regex(/^\d{4}\/\d{2}$/, 'must be a financial year as YYYY/YY, such as 2018/19')
  .refine((year) => (Number(year.slice(0, 4)) + 1) % 100 === Number(year.slice(5)), 'must name consecutive years, such as 2018/19');
export const odsCodeSchema = z.string().regex(PLAN_FIELDS.odsCode, 'must be an ODS code: 3 to 10 capital letters and digits');
export const refSchema = z.string().regex(PLAN_FIELDS.ref, 'must be a short reference: letters, digits, _ . -, at most 40');
const text = (max: number) => z.string().trim().min(1, 'must not be empty').max(max, `must be at most ${max} characters`);
/** The name of a programme, phase, milestone, trajectory or funding line. */
export const nameSchema = text(PLAN_FIELDS.nameLength);
/** A trajectory's planned or actual figure, in its basis. */
export const trajectoryValueSchema = z
  .number()
  .min(0, 'must not be negative')
  .max(PLAN_FIELDS.mostTrajectoryValue, `must be at most ${PLAN_FIELDS.mostTrajectoryValue}`);
const slipWorkingDays = z.number().int('must be whole working days').max(PLAN_FIELDS.mostSlipWorkingDays, `must be at most ${PLAN_FIELDS.mostSlipWorkingDays} working days`);
// Kept as numeric(5, 2): a third decimal would be rounded away, and could round red down onto amber.
const belowPlanPercent = z.number().min(0).max(100).multipleOf(0.01, 'must have at most two decimal places');
const penceSchema = z.number().int('must be whole pence').min(0, 'must not be negative').max(Number.MAX_SAFE_INTEGER);

export const GPFV_AREAS = ['improving-access', 'care-redesign', 'investment', 'workforce', 'workload', 'practice-infrastructure'] as const;
export const MILESTONE_KINDS = ['delivery', 'governance-gate', 'decision'] as const;
export const TRAJECTORY_BASES = [
  'practices-count',
  'practices-percent',
  'registered-population-percent',
  'weighted-population-percent',
  'wte',
  'money-pence',
] as const;
export const RAID_TYPES = ['risk', 'issue', 'assumption', 'decision'] as const;

export const tolerancesSchema = z
  .strictObject({
    amberSlipWorkingDays: slipWorkingDays.min(0),
    redSlipWorkingDays: slipWorkingDays.min(1),
    amberBelowPlanPercent: belowPlanPercent,
    redBelowPlanPercent: belowPlanPercent,
  })
  .refine((t) => t.redSlipWorkingDays > t.amberSlipWorkingDays, { message: 'must be more than the Amber slip (amberSlipWorkingDays)', path: ['redSlipWorkingDays'] })
  .refine((t) => t.redBelowPlanPercent > t.amberBelowPlanPercent, { message: 'must be more than the Amber shortfall (amberBelowPlanPercent)', path: ['redBelowPlanPercent'] });

export const DEFAULT_TOLERANCES = { amberSlipWorkingDays: 5, redSlipWorkingDays: 15, amberBelowPlanPercent: 5, redBelowPlanPercent: 15 };

export const phaseDefinitionSchema = z.strictObject({
  ref: refSchema,
  name: nameSchema,
  /** ODS codes of the organisations (localities, PCNs, practices) the phase covers. */
  members: z.array(odsCodeSchema).default([]),
});

export const milestoneDefinitionSchema = z.strictObject({
  /** Defaults to M01, M02... in the order given. */
  ref: refSchema.optional(),
  name: nameSchema,
  kind: z.enum(MILESTONE_KINDS).default('delivery'),
  /** The day it is planned for; or give `dueAt`, an exact instant, and the baseline is that instant's London day. */
  baselineDate: daySchema.optional(),
  dueAt: instantSchema.optional(),
  forecastDate: daySchema.optional(),
  actualDate: daySchema.optional(),
  /** Defaults to the programme lead when the plan does not name one. */
  ownerEmail: z.email('must be an email address').optional(),
  phase: refSchema.optional(),
  /** Finish-to-start: each named milestone must finish before this one starts. */
  predecessors: z.array(refSchema).default([]),
  /** True when the milestone may be baselined to finish before a predecessor does: an overlap the programme accepts. */
  acceptedOverlap: z.boolean().default(false),
  evidence: text(PLAN_FIELDS.evidenceLength).optional(),
});

export const trajectoryDefinitionSchema = z.strictObject({
  ref: refSchema,
  metric: z.string().regex(PLAN_FIELDS.metric, PLAN_FIELDS.metricRule),
  name: nameSchema,
  unit: text(PLAN_FIELDS.unitLength),
  basis: z.enum(TRAJECTORY_BASES),
  /** The planned value per month, in the trajectory's basis. */
  plan: z.record(monthSchema, trajectoryValueSchema),
});

export const raidDefinitionSchema = z.strictObject({
  ref: refSchema,
  type: z.enum(RAID_TYPES),
  title: text(PLAN_FIELDS.raidTitleLength),
  description: text(PLAN_FIELDS.raidTextLength).optional(),
  ownerEmail: z.email('must be an email address').optional(),
  /** Risks only: 1 (rare) to 5 (almost certain). */
  likelihood: z.number().int().min(1).max(5).optional(),
  /** Risks and issues: 1 (negligible) to 5 (severe). */
  impact: z.number().int().min(1).max(5).optional(),
  mitigation: text(PLAN_FIELDS.raidTextLength).optional(),
  reviewDate: daySchema.optional(),
  status: z.enum(['open', 'closed']).default('open'),
}).superRefine((item, context) => {
  for (const problem of raidScoreProblems(item.type, { likelihood: item.likelihood !== undefined, impact: item.impact !== undefined })) {
    context.addIssue({ code: 'custom', path: [problem.key], message: problem.reason });
  }
});

export const fundingLineDefinitionSchema = z.strictObject({
  ref: refSchema,
  name: nameSchema,
  financialYear: financialYearSchema,
  budgetPence: penceSchema,
  spendPence: penceSchema.default(0),
});

export const programmePlanBaseSchema = z.strictObject({
    name: nameSchema,
    gpfvArea: z.enum(GPFV_AREAS).optional(),
    /** Default to the earliest and latest milestone days. */
    startDate: daySchema.optional(),
    endDate: daySchema.optional(),
    tolerances: tolerancesSchema.default(DEFAULT_TOLERANCES),
    phases: z.array(phaseDefinitionSchema).default([]),
    milestones: z
      .array(milestoneDefinitionSchema)
      .min(2, 'a programme needs at least two milestones')
      .max(500, 'a programme takes at most 500 milestones'),
    trajectories: z.array(trajectoryDefinitionSchema).default([]),
    raid: z.array(raidDefinitionSchema).default([]),
    funding: z.array(fundingLineDefinitionSchema).default([]),
});

export const programmePlanSchema = programmePlanBaseSchema.superRefine((plan, context) => checkPlanConsistency(plan, context));

export type ProgrammePlan = z.output<typeof programmePlanSchema>;
export type MilestoneDefinition = z.output<typeof milestoneDefinitionSchema>;
export type TrajectoryDefinition = z.output<typeof trajectoryDefinitionSchema>;
export type RaidDefinition = z.output<typeof raidDefinitionSchema>;
export type FundingLineDefinition = z.output<typeof fundingLineDefinitionSchema>;
export type PhaseDefinition = z.output<typeof phaseDefinitionSchema>;
export type Tolerances = z.output<typeof tolerancesSchema>;
export type TrajectoryBasis = (typeof TRAJECTORY_BASES)[number];
export type GpfvArea = (typeof GPFV_AREAS)[number];

/** Rules across fields: unique refs, known phase and predecessor refs, no dependency cycle, dates in order. */
export function checkPlanConsistency(plan: z.output<typeof programmePlanBaseSchema>, context: z.RefinementCtx): void {
  if (plan.startDate !== undefined && plan.endDate !== undefined && plan.endDate < plan.startDate) {
    context.addIssue({ code: 'custom', path: ['endDate'], message: 'must not be before startDate' });
  }
  for (const [collection, items] of [
    ['phases', plan.phases],
    ['milestones', plan.milestones],
    ['trajectories', plan.trajectories],
    ['raid', plan.raid],
    ['funding', plan.funding],
  ] as const) {
    const seen = new Map<string, number>();
    items.forEach((item, index) => {
      if (item.ref === undefined) return;
      const first = seen.get(item.ref.toLowerCase());
      if (first === undefined) seen.set(item.ref.toLowerCase(), index);
      else context.addIssue({ code: 'custom', path: [collection, index, 'ref'], message: `repeats the ref of ${collection}.${first}` });
    });
  }
  plan.trajectories.forEach((trajectory, index) => {
    for (const [month, value] of Object.entries(trajectory.plan)) {
      const problem = trajectoryValueProblem(trajectory.basis, 'planned', value);
      if (problem !== null) context.addIssue({ code: 'custom', path: ['trajectories', index, 'plan', month], message: problem });
    }
  });
  const names = new Map<string, number>();
  plan.milestones.forEach((milestone, index) => {
    const first = names.get(milestone.name.toLowerCase());
    if (first === undefined) names.set(milestone.name.toLowerCase(), index);
    else context.addIssue({ code: 'custom', path: ['milestones', index, 'name'], message: `repeats the name of milestones.${first}` });
    if (milestone.baselineDate === undefined && milestone.dueAt === undefined) {
      context.addIssue({ code: 'custom', path: ['milestones', index, 'baselineDate'], message: 'give baselineDate or dueAt' });
    }
  });
  const phases = new Set(plan.phases.map((phase) => phase.ref));
  const milestones = new Set(plan.milestones.map((milestone, index) => milestoneRef(milestone, index)));
  plan.milestones.forEach((milestone, index) => {
    const ref = milestoneRef(milestone, index);
    if (milestone.phase !== undefined && !phases.has(milestone.phase)) {
      context.addIssue({ code: 'custom', path: ['milestones', index, 'phase'], message: `names no phase of this plan: ${milestone.phase}` });
    }
    milestone.predecessors.forEach((predecessor, position) => {
      if (!milestones.has(predecessor)) {
        context.addIssue({ code: 'custom', path: ['milestones', index, 'predecessors', position], message: `names no milestone of this plan: ${predecessor}` });
      } else if (predecessor === ref) {
        context.addIssue({ code: 'custom', path: ['milestones', index, 'predecessors', position], message: 'a milestone cannot precede itself' });
      }
    });
  });
  const cycle = predecessorCycle(new Map(plan.milestones.map((milestone, index) => [milestoneRef(milestone, index), milestone.predecessors])));
  if (cycle) context.addIssue({ code: 'custom', path: ['milestones'], message: `predecessors form a cycle: ${cycle.join(' -> ')}` });
  // Order is checked among milestones with a day to compare, and only once there is an order: no cycle.
  const ordered = plan.milestones.flatMap((milestone, index) => {
    const due = milestone.dueAt === undefined || Number.isNaN(Date.parse(milestone.dueAt)) ? null : londonDay(new Date(milestone.dueAt));
    const baselineDate = milestone.baselineDate ?? due;
    return baselineDate === null ? [] : [{ index, ref: milestoneRef(milestone, index), baselineDate, predecessors: milestone.predecessors, acceptedOverlap: milestone.acceptedOverlap }];
  });
  for (const problem of cycle ? [] : overlapProblems(ordered)) {
    const index = ordered.find((milestone) => milestone.ref === problem.ref)?.index;
    context.addIssue({ code: 'custom', path: ['milestones', index ?? 0, 'baselineDate'], message: problem.reason });
  }
  plan.raid.forEach((item, index) => {
    if (item.type === 'risk' && (item.likelihood === undefined || item.impact === undefined)) {
      context.addIssue({ code: 'custom', path: ['raid', index], message: 'a risk needs likelihood and impact (1 to 5)' });
    }
    if (item.type !== 'risk' && item.likelihood !== undefined) {
      context.addIssue({ code: 'custom', path: ['raid', index, 'likelihood'], message: 'only risks have a likelihood' });
    }
  });
}

/** A milestone's ref, or the one it gets by default from its position. */
export function milestoneRef(milestone: Pick<MilestoneDefinition, 'ref'>, index: number): string {
  return milestone.ref ?? `M${String(index + 1).padStart(2, '0')}`;
}

