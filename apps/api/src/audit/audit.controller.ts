import { Controller, Get, Param } from '@nestjs/common';
import { ProgrammeAuditUseCase } from '@pmo/application';
import type { AuditEvent } from '@pmo/application';
import { Access } from '../access/access.decorators';

@Controller('programmes/:programmeId/audit')
export class AuditController {
  constructor(private readonly audit: ProgrammeAuditUseCase) {}

  /** Who changed what and when, with the plan before and after each change, oldest first. */
  @Get()
  @Access('read-programme', 'programme')
  events(@Param('programmeId') programmeId: string): Promise<AuditEvent[]> {
    return this.audit.execute(programmeId);
  }
}
