import { z } from 'zod';
import { ApplicationError } from './application.error';

/**
 * Parses input with a schema; every issue becomes a field problem, and the caller gets them all at once. `field`
 * names the input itself, for an issue about the whole of it: a path or query parameter's name, else the body.
 */
export function parseOrThrow<Schema extends z.ZodType>(schema: Schema, input: unknown, field = '(body)'): z.output<Schema> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  throw ApplicationError.validationFailed(parsed.error.issues.map((issue) => ({ field: issue.path.length > 0 ? issue.path.join('.') : field, reason: issue.message })));
}

/** A UTC instant: ISO 8601 with an explicit offset, normalised to `...Z`. */
export const instantSchema = z.iso
  .datetime({ offset: true, message: 'must be an ISO 8601 date-time with an offset, such as 2018-01-15T09:00:00Z' })
  .transform((value) => new Date(value).toISOString());

const UUID = z.uuid();

/** Ids are UUIDs; anything else cannot name a record, so it is reported as not found. */
export function isUuid(value: string): boolean {
  return UUID.safeParse(value).success;
}
