import { Injectable } from '@nestjs/common';
import type { ProgrammeAssessment } from '@pmo/domain';
import type { EvaluateProgrammeInput } from '@pmo/contracts';
import { ApplicationError } from '../application.error';
import { ProgrammeRepository } from '../ports/programme.repository';
import { ProgrammeStatusService } from '../programme-status/programme-status.service';

/** The programme's status as at the instant the workflow gives: the record read, the rules applied. */
@Injectable()
export class EvaluateProgrammeUseCase {
  constructor(
    private readonly programmes: ProgrammeRepository,
    private readonly status: ProgrammeStatusService,
  ) {}

  async execute(input: EvaluateProgrammeInput): Promise<ProgrammeAssessment> {
    const plan = await this.programmes.loadPlan(input.programmeId);
    if (plan === null) throw ApplicationError.notFound(`no programme ${input.programmeId}`);
    return this.status.assess(plan, new Date(input.asAt));
  }
}
