import { Injectable } from '@nestjs/common';
import { ProgrammeStatusService } from '../programme-status/programme-status.service';
import type { ProgrammeView } from '../programme-view';
import { GetProgrammeQuery } from './get-programme.query';

/** The programme as at now, or as at a past instant: statuses are worked out from the record (now's kept while nothing changes). */
@Injectable()
export class GetProgrammeUseCase {
  constructor(private readonly status: ProgrammeStatusService) {}

  execute(query: GetProgrammeQuery): Promise<ProgrammeView> {
    return query.asAt === undefined ? this.status.currentView(query.programmeId) : this.status.view(query.programmeId, query.asAt);
  }
}
