import { z } from 'zod';
import { ApplicationError } from '../application.error';
import { instantSchema, isUuid, parseOrThrow } from '../validation';

export const completeMilestoneSchema = z.strictObject({
  /** When the milestone was achieved; defaults to now. May be in the past (recorded late), never in the future. */
  completedAt: instantSchema.optional(),
});

export class CompleteMilestoneCommand {
  private constructor(
    readonly programmeId: string,
    readonly milestoneId: string,
    readonly completedAt: string | undefined,
  ) {}

  static from(programmeId: string, milestoneId: string, body: unknown): CompleteMilestoneCommand {
    if (!isUuid(programmeId)) throw ApplicationError.notFound(`no programme ${programmeId}`);
    if (!isUuid(milestoneId)) throw ApplicationError.notFound(`no milestone ${milestoneId} in programme ${programmeId}`);
    const parsed = parseOrThrow(completeMilestoneSchema, body ?? {});
    return new CompleteMilestoneCommand(programmeId, milestoneId, parsed.completedAt);
  }
}
