import { Injectable } from '@nestjs/common';
import type { MilestoneSheetRow } from '@pmo/spreadsheets';
import type { z } from 'zod';
import { ApplicationError, ApplicationErrorCode } from '../application.error';
import { ProgrammeRepository } from '../ports/programme.repository';
import type { PlanMilestone, ProgrammePlanRecord } from '../ports/programme.repository';
import { milestoneDefinitionSchema } from '../programme-definition/programme-definition.schema';
import { ImportProgrammeWorkbookUseCase } from '../programme-workbook/programme-workbook.usecases';
import { parseOrThrow } from '../validation';
import { planOrNotFound } from './plan-or-not-found';
import { nextRef } from './raid-and-funding.usecases';

/** What a milestone's form changes: not its dates, which move by their own forms (forecast, rebaseline, complete). */
export const milestoneChangeSchema = milestoneDefinitionSchema.pick({ name: true, kind: true, ownerEmail: true, phase: true, predecessors: true, acceptedOverlap: true, evidence: true });

/**
 * A milestone added to a plan or changed, one at a time, by the rules a Milestones sheet's row is checked by (unique
 * names, known phase and predecessors, no cycle, finish-to-start order): the row goes through the same import.
 * A new milestone given no ref takes the next free one (M07 after M06); its forecast is its baseline.
 */
@Injectable()
export class MilestoneUseCases {
  constructor(
    private readonly programmes: ProgrammeRepository,
    private readonly rows: ImportProgrammeWorkbookUseCase,
  ) {}

  async add(programmeId: string, body: unknown): Promise<PlanMilestone> {
    const plan = await planOrNotFound(this.programmes, programmeId);
    const fields = parseOrThrow(milestoneDefinitionSchema, body);
    if (fields.baselineDate === undefined) throw ApplicationError.validationFailed([{ field: 'baselineDate', reason: 'is required: the day the milestone is planned for' }]);
    const ref = fields.ref ?? nextRef('M', plan.milestones);
    if (plan.milestones.some((milestone) => milestone.ref === ref)) {
      throw new ApplicationError(ApplicationErrorCode.Conflict, `the programme already has a milestone ${ref}`, [{ field: 'ref', reason: `is already the ref of a milestone: ${ref}` }]);
    }
    await this.write(plan, ref, fields, { baselineDate: fields.baselineDate, forecastDate: fields.forecastDate ?? fields.baselineDate, actualDate: fields.actualDate ?? null });
    return this.milestone(programmeId, ref);
  }

  /** The milestone's name, kind, owner, phase, predecessors, accepted overlap and evidence, whole; its dates stay. */
  async change(programmeId: string, ref: string, body: unknown): Promise<PlanMilestone> {
    const plan = await planOrNotFound(this.programmes, programmeId);
    const existing = plan.milestones.find((milestone) => milestone.ref === ref);
    if (existing === undefined) throw ApplicationError.notFound(`no milestone ${ref} in programme ${programmeId}`);
    const fields = parseOrThrow(milestoneChangeSchema, body);
    await this.write(plan, ref, fields, existing);
    return this.milestone(programmeId, ref);
  }

  /** The milestone as a one-row Milestones sheet, through the import's checks and its one transaction. */
  private async write(plan: ProgrammePlanRecord, ref: string, fields: z.output<typeof milestoneChangeSchema>, dates: Pick<MilestoneSheetRow, 'baselineDate' | 'forecastDate' | 'actualDate'>): Promise<void> {
    const row: MilestoneSheetRow = {
      ref,
      name: fields.name,
      kind: fields.kind,
      phase: fields.phase ?? null,
      baselineDate: dates.baselineDate,
      forecastDate: dates.forecastDate,
      actualDate: dates.actualDate,
      ownerEmail: fields.ownerEmail ?? plan.leadEmail,
      predecessors: fields.predecessors,
      acceptedOverlap: fields.acceptedOverlap,
      evidence: fields.evidence ?? null,
      rebaselineReason: null,
      rebaselineApprover: null,
    };
    await this.rows.applyRows(plan, { milestones: [{ rowNumber: 1, ...row }], trajectoryPlan: [], trajectoryActuals: [], raid: [] });
  }

  private async milestone(programmeId: string, ref: string): Promise<PlanMilestone> {
    return (await planOrNotFound(this.programmes, programmeId)).milestones.find((milestone) => milestone.ref === ref) as PlanMilestone;
  }
}
