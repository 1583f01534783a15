import { ApplicationError } from '../application.error';
import type { ProgrammePlanRecord, ProgrammeRepository } from '../ports/programme.repository';
import { isUuid } from '../validation';

/** A programme's whole plan, or a 404 for an id that is no UUID or names no programme. */
export async function planOrNotFound(programmes: ProgrammeRepository, programmeId: string): Promise<ProgrammePlanRecord> {
  const plan = isUuid(programmeId) ? await programmes.loadPlan(programmeId) : null;
  if (plan === null) throw ApplicationError.notFound(`no programme ${programmeId}`);
  return plan;
}
