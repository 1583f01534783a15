import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { z } from 'zod';
import { daySchema, monthSchema, odsCodeSchema, refSchema } from '@pmo/application';

const updateSchema = z.union([
  z.strictObject({ on: daySchema, complete: refSchema }),
  z.strictObject({ on: daySchema, confirm: refSchema }),
  z.strictObject({
    on: daySchema,
    /** The first `practices` practices of the organisation, by ODS code, are covered in `month`. */
    actuals: z.strictObject({ trajectory: refSchema, month: monthSchema, practices: z.number().int().min(0) }),
  }),
]);

/**
 * A plan rehearsal: a template, where it starts, and what happens when. Dates in `updates` are in the
 * template's own calendar; the rehearsal moves them with the plan to `startDate`.
 */
export const rehearsalScriptSchema = z.strictObject({
  templateId: z.string().min(1),
  organisation: odsCodeSchema,
  leadEmail: z.email().default('rehearsal.lead@nhs.example'),
  /** The day the rehearsed plan starts; it must not be before today. */
  startDate: daySchema,
  updates: z.array(updateSchema).default([]),
});

export type RehearsalScript = z.output<typeof rehearsalScriptSchema>;
export type RehearsalUpdate = RehearsalScript['updates'][number];

export function readRehearsalScript(path: string): RehearsalScript {
  const parsed = rehearsalScriptSchema.safeParse(parse(readFileSync(path, 'utf8')));
  if (!parsed.success) {
    throw new Error(`rehearsal script ${path} is invalid:\n  ${parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('\n  ')}`);
  }
  return parsed.data;
}
