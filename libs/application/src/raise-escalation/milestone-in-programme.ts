import type { EscalationInput } from '@pmo/contracts';
import { ApplicationError } from '../application.error';
import { ProgrammeRepository } from '../ports/programme.repository';
import type { MilestoneInProgramme } from '../ports/programme.repository';

/** The milestone a ladder or warning is about, with its programme's people; a cause that names none is not found. */
export async function milestoneInProgrammeOrNotFound(programmes: ProgrammeRepository, input: EscalationInput): Promise<MilestoneInProgramme> {
  const found = await programmes.loadMilestone(input.programmeId, input.milestoneId);
  if (found === null) throw ApplicationError.notFound(`no milestone ${input.milestoneId} in programme ${input.programmeId}`);
  return found;
}
