import { endOfLondonDay, londonDay } from '@pmo/domain';
import { ApplicationError, ApplicationErrorCode } from '../application.error';
import { daySchema } from '../programme-definition/programme-definition.schema';

/** The day a figure or a forecast was known, for history brought in after it happened: today when not given. */
export const recordedOnSchema = daySchema.optional();

/**
 * When an entry was known: now, or by the end of the `recordedOn` day in the past (as a completion on a past day
 * counts from that day), so that as-at views, reports and past returns rebuild as they would have been.
 */
export function knownAt(recordedOn: string | undefined, now: Date): Date {
  const today = londonDay(now);
  if (recordedOn === undefined || recordedOn === today) return now;
  if (recordedOn > today) throw new ApplicationError(ApplicationErrorCode.Unprocessable, 'an entry cannot be known after today', [{ field: 'recordedOn', reason: `is after today (${today})` }]);
  return endOfLondonDay(recordedOn);
}
