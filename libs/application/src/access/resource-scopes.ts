import { Injectable } from '@nestjs/common';
import { Kept, REFERENCE_DATA_MS } from '../kept';
import { Clock } from '../ports/clock';
import { OrganisationRepository } from '../ports/organisation.repository';
import { ProgrammeRepository } from '../ports/programme.repository';
import { ReportRepository } from '../ports/report.repository';
import { isUuid } from '../validation';
import type { ResourceScope } from './access-policy';

/** Programmes whose scope is kept: every programme in England, several times over. */
const PROGRAMME_SCOPES_KEPT = 10_000;

/** Where a programme, an organisation or a kept report sits; null for one that does not exist (the route answers 404). */
@Injectable()
export class ResourceScopes {
  /**
   * A programme's organisation is set when it is made, and the organisations above it change only when they are
   * seeded again; so a programme's scope, asked for by every request about it, is kept for a while.
   */
  private readonly programmeScopes = new Kept<{ scope: ResourceScope; until: number }>(PROGRAMME_SCOPES_KEPT);

  constructor(
    private readonly programmes: ProgrammeRepository,
    private readonly organisations: OrganisationRepository,
    private readonly reports: ReportRepository,
    private readonly clock: Clock,
  ) {}

  async programme(programmeId: string): Promise<ResourceScope | null> {
    if (!isUuid(programmeId)) return null;
    const now = this.clock.now().getTime();
    const kept = this.programmeScopes.get(programmeId);
    if (kept !== undefined && now < kept.until) return kept.scope;
    const lineage = await this.programmes.organisationLineage(programmeId);
    // Not kept when there is no such programme: one made a moment later is found at once.
    if (lineage === undefined) return null;
    const scope: ResourceScope = lineage === null ? { kind: 'every-organisation' } : { kind: 'organisation', lineage };
    this.programmeScopes.set(programmeId, { scope, until: now + REFERENCE_DATA_MS });
    return scope;
  }

  /** A programme or paper with no organisation concerns every organisation. */
  async organisation(odsCode: string | null): Promise<ResourceScope> {
    if (odsCode === null) return { kind: 'every-organisation' };
    return { kind: 'organisation', lineage: await this.organisations.lineage(odsCode) };
  }

  /** An organisation a request names: null when none such is recorded, for the use case to refuse as it would for anyone. */
  async recordedOrganisation(odsCode: string): Promise<ResourceScope | null> {
    return (await this.organisations.find(odsCode)) === null ? null : this.organisation(odsCode);
  }

  async report(reportId: string): Promise<ResourceScope | null> {
    const report = isUuid(reportId) ? await this.reports.find(reportId) : null;
    if (report === null) return null;
    return report.programmeId === null ? this.organisation(report.organisation) : this.programme(report.programmeId);
  }
}
