import { ApplicationError } from '../application.error';
import { instantSchema, isUuid, parseOrThrow } from '../validation';

export class GetProgrammeQuery {
  private constructor(
    readonly programmeId: string,
    /** The instant to see the programme as at; now when not given. */
    readonly asAt: Date | undefined,
  ) {}

  static from(programmeId: string, asAt?: string): GetProgrammeQuery {
    if (!isUuid(programmeId)) throw ApplicationError.notFound(`no programme ${programmeId}`);
    const instant = asAt === undefined ? undefined : new Date(parseOrThrow(instantSchema, asAt, 'asAt'));
    return new GetProgrammeQuery(programmeId, instant);
  }
}
