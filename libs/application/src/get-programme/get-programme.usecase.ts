import { Injectable } from '@nestjs/common';
import { Clock } from '../ports/clock';
import { ProgrammeStatusService } from '../programme-status/programme-status.service';
import type { ProgrammeView } from '../programme-view';
import { GetProgrammeQuery } from './get-programme.query';

/** The programme as at now: statuses are worked out from the record at read time, never stale. */
@Injectable()
export class GetProgrammeUseCase {
  constructor(
    private readonly status: ProgrammeStatusService,
    private readonly clock: Clock,
  ) {}

  execute(query: GetProgrammeQuery): Promise<ProgrammeView> {
    return this.status.view(query.programmeId, this.clock.now());
  }
}
