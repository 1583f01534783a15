import { z } from 'zod';
import { instantSchema, parseOrThrow } from '../validation';

const MilestoneSchema = z.strictObject({
  name: z.string().trim().min(1, 'must not be empty').max(200, 'must be at most 200 characters'),
  ownerEmail: z.email('must be an email address'),
  dueAt: instantSchema,
});

const CreateProgrammeSchema = z
  .strictObject({
    name: z.string().trim().min(1, 'must not be empty').max(200, 'must be at most 200 characters'),
    leadEmail: z.email('must be an email address'),
    milestones: z
      .array(MilestoneSchema)
      .min(2, 'a programme needs at least two milestones')
      .max(500, 'a programme takes at most 500 milestones'),
  })
  .superRefine((programme, context) => {
    const firstIndexByName = new Map<string, number>();
    programme.milestones.forEach((milestone, index) => {
      const key = milestone.name.toLowerCase();
      const first = firstIndexByName.get(key);
      if (first === undefined) firstIndexByName.set(key, index);
      else context.addIssue({ code: 'custom', path: ['milestones', index, 'name'], message: `repeats the name of milestones.${first}` });
    });
  });

export type CreateProgrammeInput = z.output<typeof CreateProgrammeSchema>;

/** A new programme with its lead and at least two milestones; validated on creation. */
export class CreateProgrammeCommand {
  private constructor(readonly programme: CreateProgrammeInput) {}

  static from(body: unknown): CreateProgrammeCommand {
    return new CreateProgrammeCommand(parseOrThrow(CreateProgrammeSchema, body));
  }
}
