import { Injectable } from '@nestjs/common';
import { ApplicationError } from '../application.error';
import { Clock } from '../ports/clock';
import { ProgrammeRepository } from '../ports/programme.repository';
import { ProgrammeView, toProgrammeView } from '../programme-view';
import { GetProgrammeQuery } from './get-programme.query';

/** The programme as at now: statuses are worked out from the record at read time, never stale. */
@Injectable()
export class GetProgrammeUseCase {
  constructor(
    private readonly programmes: ProgrammeRepository,
    private readonly clock: Clock,
  ) {}

  async execute(query: GetProgrammeQuery): Promise<ProgrammeView> {
    const record = await this.programmes.findById(query.programmeId);
    if (record === null) throw ApplicationError.notFound(`no programme ${query.programmeId}`);
    return toProgrammeView(record, this.clock.now());
  }
}
