import { Injectable } from '@nestjs/common';
import { assessProgramme } from '@pmo/domain';
import type { ProgrammeAssessment } from '@pmo/domain';
import type { EvaluateProgrammeInput } from '@pmo/contracts';
import { ApplicationError } from '../application.error';
import { ProgrammeRepository } from '../ports/programme.repository';

/** The programme's status as at the instant the workflow gives: the record read, the rules applied. */
@Injectable()
export class EvaluateProgrammeUseCase {
  constructor(private readonly programmes: ProgrammeRepository) {}

  async execute(input: EvaluateProgrammeInput): Promise<ProgrammeAssessment> {
    const record = await this.programmes.findById(input.programmeId);
    if (record === null) throw ApplicationError.notFound(`no programme ${input.programmeId}`);
    return assessProgramme(record.milestones, new Date(input.asAt));
  }
}
