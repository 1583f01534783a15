import { z } from 'zod';
import { programmePeopleShape } from '../create-programme/create-programme.command';
import { daySchema, nameSchema, odsCodeSchema } from '../programme-definition/programme-definition.schema';
import { parseOrThrow } from '../validation';

export const instantiateTemplateSchema = z.strictObject({
  templateId: z.string().min(1),
  organisation: odsCodeSchema,
  ...programmePeopleShape,
  /** Defaults to the template's own name. */
  name: nameSchema.optional(),
  /** Omit to keep the template's historical dates; give a day to move the whole plan to start then. */
  startDate: daySchema.optional(),
});

export type InstantiateTemplateInput = z.output<typeof instantiateTemplateSchema>;

export class InstantiateTemplateCommand {
  private constructor(readonly input: InstantiateTemplateInput) {}

  static from(body: unknown): InstantiateTemplateCommand {
    return new InstantiateTemplateCommand(parseOrThrow(instantiateTemplateSchema, body));
  }
}
