import { z } from 'zod';
import { odsCodeSchema, programmePlanSchema } from '@pmo/application';

/** A template file: the plan as the source documents give it, with where it came from. */
export const programmeTemplateSchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9-]{3,80}$/, 'must be kebab-case'),
  version: z.number().int().min(1),
  title: z.string().trim().min(1).max(200),
  description: z.string().trim().min(1).max(2000),
  sources: z.array(z.string().trim().min(1)).min(1, 'name the documents the plan comes from'),
  organisation: odsCodeSchema,
  plan: programmePlanSchema,
});
