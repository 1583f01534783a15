import { Injectable } from '@nestjs/common';
import { OrganisationRepository } from '../ports/organisation.repository';
import { ProgrammeRepository } from '../ports/programme.repository';
import { ReportRepository } from '../ports/report.repository';
import { isUuid } from '../validation';
import type { ResourceScope } from './access-policy';

/** Where a programme, an organisation or a kept report sits; null for one that does not exist (the route answers 404). */
@Injectable()
export class ResourceScopes {
  constructor(
    private readonly programmes: ProgrammeRepository,
    private readonly organisations: OrganisationRepository,
    private readonly reports: ReportRepository,
  ) {}

  async programme(programmeId: string): Promise<ResourceScope | null> {
    if (!isUuid(programmeId)) return null;
    const lineage = await this.programmes.organisationLineage(programmeId);
    if (lineage === undefined) return null;
    return lineage === null ? { kind: 'every-organisation' } : { kind: 'organisation', lineage };
  }

  /** A programme or paper with no organisation concerns every organisation. */
  async organisation(odsCode: string | null): Promise<ResourceScope> {
    if (odsCode === null) return { kind: 'every-organisation' };
    return { kind: 'organisation', lineage: await this.organisations.lineage(odsCode) };
  }

  async report(reportId: string): Promise<ResourceScope | null> {
    const report = isUuid(reportId) ? await this.reports.find(reportId) : null;
    if (report === null) return null;
    return report.programmeId === null ? this.organisation(report.organisation) : this.programme(report.programmeId);
  }
}
