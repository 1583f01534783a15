import { Injectable } from '@nestjs/common';
import { ApplicationError } from '../application.error';
import { AuditTrail } from '../ports/audit-trail';
import type { AuditEvent } from '../ports/audit-trail';
import { ProgrammeRepository } from '../ports/programme.repository';
import { isUuid } from '../validation';

/** A programme's audit trail, oldest first: every change made to it through the API. */
@Injectable()
export class ProgrammeAuditUseCase {
  constructor(
    private readonly audit: AuditTrail,
    private readonly programmes: ProgrammeRepository,
  ) {}

  async execute(programmeId: string): Promise<AuditEvent[]> {
    if (!isUuid(programmeId) || (await this.programmes.organisationLineage(programmeId)) === undefined) throw ApplicationError.notFound(`no programme ${programmeId}`);
    return this.audit.ofProgramme(programmeId);
  }
}
