import { Injectable } from '@nestjs/common';
import { endOfLondonDay, londonDay, overdueFrom, overlapProblems, predecessorCycle, trajectoryValueProblem } from '@pmo/domain';
import type { OrderedMilestone } from '@pmo/domain';
import { readProgrammeCsv, readProgrammeXlsx, SHEETS, SpreadsheetError, writeProgrammeCsv, writeProgrammeXlsx } from '@pmo/spreadsheets';
import type { ParsedWorkbook, ParseResult, ProgrammeWorkbook, SheetName, SheetProblem } from '@pmo/spreadsheets';
import { ApplicationError, ApplicationErrorCode } from '../application.error';
import type { FieldProblem } from '../application.error';
import { Clock } from '../ports/clock';
import { OrganisationRepository } from '../ports/organisation.repository';
import { ProgrammeRepository } from '../ports/programme.repository';
import type { MilestoneChange, PlanChanges, ProgrammePlanRecord } from '../ports/programme.repository';
import { ProgrammeScheduler } from '../ports/programme.scheduler';
import { planOrNotFound } from '../programme-plan/plan-or-not-found';
import { startOrSignal } from '../programme-signalling';

/** Each sheet of the workbook with its name in a URL: `milestones`, `trajectory-plan`, `trajectory-actuals`, `raid`. */
export const SHEET_SLUGS: readonly { sheet: SheetName; slug: string }[] = SHEETS.map((sheet) => ({ sheet, slug: sheet.toLowerCase().replace(/ /g, '-') }));

/** The sheet a CSV file stands for, from its name in a URL. */
export function sheetFromSlug(slug: string): SheetName {
  const found = SHEET_SLUGS.find((candidate) => candidate.slug === slug);
  if (found === undefined) throw ApplicationError.notFound(`no sheet ${slug}: use one of ${SHEET_SLUGS.map((candidate) => candidate.slug).join(', ')}`);
  return found.sheet;
}

export interface ImportSummary {
  milestones: number;
  trajectoryPlanRows: number;
  trajectoryActuals: number;
  raid: number;
}

/** The spreadsheet view of a programme's plan. */
export function toWorkbook(plan: ProgrammePlanRecord): ProgrammeWorkbook {
  return {
    milestones: plan.milestones.map((milestone) => ({
      ref: milestone.ref,
      name: milestone.name,
      kind: milestone.kind,
      phase: milestone.phase,
      baselineDate: milestone.baselineDate,
      forecastDate: milestone.forecastDate,
      actualDate: milestone.actualDate,
      ownerEmail: milestone.ownerEmail,
      predecessors: milestone.predecessors,
      acceptedOverlap: milestone.acceptedOverlap,
      evidence: milestone.evidence,
      rebaselineReason: null,
      rebaselineApprover: null,
    })),
    trajectoryPlan: plan.trajectories.flatMap((trajectory) =>
      trajectory.plan.map((row) => ({
        trajectoryRef: trajectory.ref,
        metric: trajectory.metric,
        name: trajectory.name,
        unit: trajectory.unit,
        basis: trajectory.basis,
        month: row.month,
        plannedValue: row.plannedValue,
      })),
    ),
    trajectoryActuals: plan.trajectories.flatMap((trajectory) =>
      trajectory.actuals.map((row) => ({ trajectoryRef: trajectory.ref, month: row.month, odsCode: row.odsCode, value: row.value })),
    ),
    raid: plan.raid,
  };
}

@Injectable()
export class ExportProgrammeWorkbookUseCase {
  constructor(private readonly programmes: ProgrammeRepository) {}

  async xlsx(programmeId: string): Promise<{ name: string; content: Buffer }> {
    const plan = await planOrNotFound(this.programmes, programmeId);
    return { name: plan.name, content: await writeProgrammeXlsx(toWorkbook(plan)) };
  }

  async csv(programmeId: string, sheet: SheetName): Promise<{ name: string; content: string }> {
    const plan = await planOrNotFound(this.programmes, programmeId);
    return { name: plan.name, content: writeProgrammeCsv(sheet, toWorkbook(plan)) };
  }
}

/**
 * Takes a plan in from a spreadsheet: everything is checked first, against the sheet and against the
 * record, and every problem is reported with its sheet, row and column; any problem and nothing is written.
 * Rows are matched by ref and added or updated; rows missing from the sheet are left as they are.
 */
@Injectable()
export class ImportProgrammeWorkbookUseCase {
  constructor(
    private readonly programmes: ProgrammeRepository,
    private readonly organisations: OrganisationRepository,
    private readonly scheduler: ProgrammeScheduler,
    private readonly clock: Clock,
  ) {}

  async xlsx(programmeId: string, content: Buffer): Promise<ImportSummary> {
    const plan = await planOrNotFound(this.programmes, programmeId);
    return this.apply(plan, await unreadableAsBadInput(() => readProgrammeXlsx(content)));
  }

  async csv(programmeId: string, sheet: SheetName, content: string): Promise<ImportSummary> {
    const plan = await planOrNotFound(this.programmes, programmeId);
    return this.apply(plan, await unreadableAsBadInput(async () => readProgrammeCsv(sheet, content)));
  }

  private async apply(plan: ProgrammePlanRecord, parsed: ParseResult): Promise<ImportSummary> {
    if (!parsed.ok) throw importRefused(parsed.problems);
    return this.applyRows(plan, parsed.workbook);
  }

  /**
   * Rows already read, checked against the record as a sheet's are and written in one transaction, or every problem
   * by sheet, row and column: a milestone added or changed in a form is a one-row Milestones sheet.
   */
  async applyRows(plan: ProgrammePlanRecord, workbook: ParsedWorkbook): Promise<ImportSummary> {
    const problems = await this.checkAgainstRecord(plan, workbook);
    if (problems.length > 0) throw importRefused(problems);
    await this.programmes.applyChanges(plan.id, this.changes(plan, workbook), this.clock.now());
    await startOrSignal(this.scheduler, plan.id, { kind: 'plan-changed', what: 'spreadsheet import' });
    return {
      milestones: workbook.milestones.length,
      trajectoryPlanRows: workbook.trajectoryPlan.length,
      trajectoryActuals: workbook.trajectoryActuals.length,
      raid: workbook.raid.length,
    };
  }

  private async checkAgainstRecord(plan: ProgrammePlanRecord, workbook: ParsedWorkbook): Promise<SheetProblem[]> {
    const problems: SheetProblem[] = [];
    const today = londonDay(this.clock.now());
    const phases = new Set(plan.phases.map((phase) => phase.ref));
    const milestoneRefs = new Set([...plan.milestones.map((milestone) => milestone.ref), ...workbook.milestones.map((row) => row.ref)]);
    // No two milestones of a programme share a name, whatever its case: the sheet's rows name theirs, the rest keep their own.
    const sheetRefs = new Set(workbook.milestones.map((row) => row.ref));
    const namedBy = new Map(
      plan.milestones.filter((milestone) => !sheetRefs.has(milestone.ref)).map((milestone) => [milestone.name.toLowerCase(), `milestone ${milestone.ref}, not in this sheet`]),
    );
    for (const row of workbook.milestones) {
      const at = (column: string, reason: string) => problems.push({ sheet: 'Milestones', row: row.rowNumber, column, reason });
      const name = row.name.toLowerCase();
      const holder = namedBy.get(name);
      if (holder === undefined) namedBy.set(name, `row ${row.rowNumber}`);
      else at('Milestone', `is already the name of ${holder}`);
      if (row.phase !== null && !phases.has(row.phase)) at('Phase', `names no phase of this programme: ${row.phase}`);
      for (const predecessor of row.predecessors) {
        if (!milestoneRefs.has(predecessor)) at('Predecessors', `names no milestone of this programme: ${predecessor}`);
        else if (predecessor === row.ref) at('Predecessors', 'a milestone cannot precede itself');
      }
      if (row.actualDate !== null && row.actualDate > today) at('Actual date', `is after today (${today})`);
      const existing = plan.milestones.find((milestone) => milestone.ref === row.ref);
      if (existing !== undefined && existing.baselineDate !== row.baselineDate && row.rebaselineReason === null) {
        at('Baseline date', `differs from the current baseline (${existing.baselineDate}): rebaselining needs a Rebaseline reason and a Rebaseline approver`);
      }
    }
    // The order the programme will have: the record's milestones, each replaced by its row where the sheet has one.
    const cycle = predecessorCycle(
      new Map([...plan.milestones.map((milestone) => [milestone.ref, milestone.predecessors] as const), ...workbook.milestones.map((row) => [row.ref, row.predecessors] as const)]),
    );
    const cycleRow = cycle === null ? undefined : workbook.milestones.find((row) => cycle.includes(row.ref));
    if (cycle !== null) {
      problems.push({ sheet: 'Milestones', row: cycleRow?.rowNumber ?? 1, column: 'Predecessors', reason: `the predecessors form a cycle: ${cycle.join(' -> ')}` });
    }
    // Finish-to-start over the same programme-to-be: a successor baselined before a predecessor finishes, unless accepted.
    const ordered = new Map<string, OrderedMilestone>(plan.milestones.map((milestone) => [milestone.ref, milestone]));
    for (const row of workbook.milestones) {
      ordered.set(row.ref, { ...row, acceptedOverlap: row.acceptedOverlap ?? ordered.get(row.ref)?.acceptedOverlap ?? false });
    }
    for (const overlap of cycle === null ? overlapProblems([...ordered.values()]) : []) {
      const row = workbook.milestones.find((candidate) => candidate.ref === overlap.ref) ?? workbook.milestones.find((candidate) => ordered.get(overlap.ref)?.predecessors.includes(candidate.ref));
      problems.push({ sheet: 'Milestones', row: row?.rowNumber ?? 1, column: 'Baseline date', reason: `${overlap.ref} ${overlap.reason}` });
    }
    const trajectories = new Map([
      ...plan.trajectories.map((trajectory) => [trajectory.ref, trajectory.basis] as const),
      ...workbook.trajectoryPlan.map((row) => [row.trajectoryRef, row.basis] as const),
    ]);
    const codes = [...new Set(workbook.trajectoryActuals.map((row) => row.odsCode))];
    const unknown = new Set(await this.organisations.unknown(codes));
    const outside = new Set(plan.organisationOdsCode === null ? [] : await this.organisations.outside(plan.organisationOdsCode, codes));
    for (const row of workbook.trajectoryActuals) {
      const at = (column: string, reason: string) => problems.push({ sheet: 'Trajectory actuals', row: row.rowNumber, column, reason });
      const basis = trajectories.get(row.trajectoryRef);
      if (basis === undefined) at('Trajectory ref', `names no trajectory of this programme: ${row.trajectoryRef}`);
      else {
        const problem = trajectoryValueProblem(basis, 'actual', row.value);
        if (problem !== null) at('Actual value', problem);
      }
      if (unknown.has(row.odsCode)) at('ODS code', `names no known organisation: ${row.odsCode}`);
      else if (outside.has(row.odsCode)) at('ODS code', `is not part of the programme's organisation ${plan.organisationOdsCode}`);
    }
    return problems;
  }

  private changes(plan: ProgrammePlanRecord, workbook: ParsedWorkbook): PlanChanges {
    const now = this.clock.now();
    const milestones = workbook.milestones.map((row): MilestoneChange => {
      const existing = plan.milestones.find((milestone) => milestone.ref === row.ref);
      // An unchanged forecast or actual keeps its exact instant (a milestone may be due at a time of day).
      const dueAt = existing !== undefined && existing.forecastDate === row.forecastDate ? existing.dueAt : overdueFrom(row.forecastDate).toISOString();
      const completedAt =
        row.actualDate === null
          ? null
          : existing !== undefined && existing.actualDate === row.actualDate
            ? existing.completedAt
            : new Date(Math.min(endOfLondonDay(row.actualDate).getTime(), now.getTime())).toISOString();
      const rebaselined = existing !== undefined && existing.baselineDate !== row.baselineDate;
      return {
        ref: row.ref,
        name: row.name,
        kind: row.kind,
        phase: row.phase,
        baselineDate: row.baselineDate,
        forecastDate: row.forecastDate,
        actualDate: row.actualDate,
        dueAt,
        completedAt,
        ownerEmail: row.ownerEmail,
        predecessors: row.predecessors,
        // A workbook kept before the column existed leaves the milestone's acceptance as it is.
        acceptedOverlap: row.acceptedOverlap ?? existing?.acceptedOverlap ?? false,
        evidence: row.evidence,
        rebaseline:
          rebaselined && row.rebaselineReason !== null && row.rebaselineApprover !== null
            ? { reason: row.rebaselineReason, approvedBy: row.rebaselineApprover }
            : null,
      };
    });
    const trajectoryRefs = [...new Set(workbook.trajectoryPlan.map((row) => row.trajectoryRef))];
    return {
      milestones,
      trajectories: trajectoryRefs.map((ref) => {
        const rows = workbook.trajectoryPlan.filter((row) => row.trajectoryRef === ref);
        const { metric, name, unit, basis } = rows[0];
        return { ref, metric, name, unit, basis, plan: rows.map((row) => ({ month: row.month, plannedValue: row.plannedValue })) };
      }),
      actuals: workbook.trajectoryActuals.map(({ trajectoryRef, month, odsCode, value }) => ({ trajectoryRef, month, odsCode, value })),
      raid: workbook.raid.map(({ rowNumber: _rowNumber, ...item }) => item),
    };
  }
}

/** A file that is not a spreadsheet at all is the caller's mistake, not the server's. */
async function unreadableAsBadInput(read: () => Promise<ParseResult>): Promise<ParseResult> {
  try {
    return await read();
  } catch (error) {
    if (error instanceof SpreadsheetError) throw ApplicationError.validationFailed([{ field: '(body)', reason: error.message }]);
    throw error;
  }
}

function importRefused(problems: SheetProblem[]): ApplicationError {
  const located: FieldProblem[] = problems.map((problem) => ({ field: `${problem.sheet} row ${problem.row}, ${problem.column}`, ...problem }));
  return new ApplicationError(ApplicationErrorCode.Unprocessable, `the import has ${problems.length} problem(s); nothing was written`, located);
}
