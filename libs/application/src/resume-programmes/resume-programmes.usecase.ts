import { Injectable } from '@nestjs/common';
import { forEachProgramme } from '../plans-in-batches';
import { ProgrammeRepository } from '../ports/programme.repository';
import { ProgrammeScheduler } from '../ports/programme.scheduler';

/**
 * Every programme's workflow, started where it is missing and nudged where it runs: for an installation
 * moved to another Temporal, whose programmes' sleeping workflows stayed behind. Signal-with-start is
 * idempotent, the workflow reads the record afresh, and escalations keep their own exactly-once keys,
 * so running it twice, or on a Temporal that has every workflow, sends nobody anything twice.
 */
@Injectable()
export class ResumeProgrammesUseCase {
  constructor(
    private readonly programmes: ProgrammeRepository,
    private readonly scheduler: ProgrammeScheduler,
  ) {}

  async execute(): Promise<{ programmes: number }> {
    const summaries = await this.programmes.summaries('every-organisation');
    await forEachProgramme(
      summaries.map((summary) => summary.id),
      (programmeId) => this.scheduler.programmeChanged(programmeId, { kind: 'plan-changed', what: 'workflow resumed' }),
    );
    return { programmes: summaries.length };
  }
}
