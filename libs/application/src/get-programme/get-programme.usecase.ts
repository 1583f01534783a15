import { Injectable } from '@nestjs/common';
import { Clock } from '../ports/clock';
import { ProgrammeStatusService } from '../programme-status/programme-status.service';
import type { ProgrammeView } from '../programme-view';
import { GetProgrammeQuery } from './get-programme.query';

/** The programme as at now, or as at a past instant: statuses are worked out from the record at read time. */
@Injectable()
export class GetProgrammeUseCase {
  constructor(
    private readonly status: ProgrammeStatusService,
    private readonly clock: Clock,
  ) {}

  execute(query: GetProgrammeQuery): Promise<ProgrammeView> {
    return this.status.view(query.programmeId, query.asAt ?? this.clock.now());
  }
}
