import { z } from 'zod';
import { checkPlanConsistency, odsCodeSchema, programmePlanBaseSchema } from '../programme-definition/programme-definition.schema';
import type { ProgrammePlan } from '../programme-definition/programme-definition.schema';
import type { ProgrammePeople } from '../programme-definition/new-programme';
import { parseOrThrow } from '../validation';

const email = z.email('must be an email address');

/** The people a programme answers to, as a new programme names them. */
export const programmePeopleShape = {
  leadEmail: email,
  /** Records the monthly update; the lead does when none is named. */
  managerEmail: email.optional(),
  sroEmail: email.optional(),
  pmoEmails: z.array(email).max(20).optional(),
};

/** A programme's plan with the people it answers to: the body of POST /programmes. */
export const createProgrammeSchema = programmePlanBaseSchema
  .extend({ ...programmePeopleShape, organisation: odsCodeSchema.optional() })
  .superRefine((programme, context) => checkPlanConsistency(programme, context));

export class CreateProgrammeCommand {
  private constructor(
    readonly plan: ProgrammePlan,
    readonly people: ProgrammePeople,
  ) {}

  static from(body: unknown): CreateProgrammeCommand {
    const { leadEmail, managerEmail, sroEmail, pmoEmails, organisation, ...plan } = parseOrThrow(createProgrammeSchema, body);
    return new CreateProgrammeCommand(plan, { leadEmail, managerEmail, sroEmail, pmoEmails, organisation });
  }
}
