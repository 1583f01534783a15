import { z } from 'zod';
import { endOfLondonDay } from '@pmo/domain';
import { ApplicationError } from '../application.error';
import { instantSchema, isUuid, parseOrThrow } from '../validation';

/** An instant, or a day (`2026-03-31`) read as the end of that London day: how a person asks "as it stood that day". */
const asAtSchema = z.union([z.iso.date().transform((day) => endOfLondonDay(day).toISOString()), instantSchema], {
  error: 'must be a day as YYYY-MM-DD, or an ISO 8601 date-time with an offset, such as 2018-01-15T09:00:00Z',
});

export class GetProgrammeQuery {
  private constructor(
    readonly programmeId: string,
    /** The instant to see the programme as at; now when not given; a London day is its end. */
    readonly asAt: Date | undefined,
  ) {}

  static from(programmeId: string, asAt?: string): GetProgrammeQuery {
    if (!isUuid(programmeId)) throw ApplicationError.notFound(`no programme ${programmeId}`);
    const instant = asAt === undefined ? undefined : new Date(parseOrThrow(asAtSchema, asAt, 'asAt'));
    return new GetProgrammeQuery(programmeId, instant);
  }
}
