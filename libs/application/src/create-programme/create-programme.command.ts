import { z } from 'zod';
import { checkPlanConsistency, odsCodeSchema, programmePlanBaseSchema } from '../programme-definition/programme-definition.schema';
import type { ProgrammePlan } from '../programme-definition/programme-definition.schema';
import type { ProgrammePeople } from '../programme-definition/new-programme';
import { parseOrThrow } from '../validation';

const email = z.email('must be an email address');

/** A programme's plan with the people it answers to: the body of POST /programmes. */
export const createProgrammeSchema = programmePlanBaseSchema
  .extend({
    leadEmail: email,
    sroEmail: email.optional(),
    pmoEmails: z.array(email).max(20).optional(),
    organisation: odsCodeSchema.optional(),
  })
  .superRefine((programme, context) => checkPlanConsistency(programme, context));

export class CreateProgrammeCommand {
  private constructor(
    readonly plan: ProgrammePlan,
    readonly people: ProgrammePeople,
  ) {}

  static from(body: unknown): CreateProgrammeCommand {
    const { leadEmail, sroEmail, pmoEmails, organisation, ...plan } = parseOrThrow(createProgrammeSchema, body);
    return new CreateProgrammeCommand(plan, { leadEmail, sroEmail, pmoEmails, organisation });
  }
}
