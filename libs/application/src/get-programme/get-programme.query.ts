import { ApplicationError } from '../application.error';
import { isUuid } from '../validation';

export class GetProgrammeQuery {
  private constructor(readonly programmeId: string) {}

  static from(programmeId: string): GetProgrammeQuery {
    if (!isUuid(programmeId)) throw ApplicationError.notFound(`no programme ${programmeId}`);
    return new GetProgrammeQuery(programmeId);
  }
}
