import type { Clock } from '../ports/clock';
import type { OrganisationRepository } from '../ports/organisation.repository';
import type { ProgrammeRepository } from '../ports/programme.repository';
import type { ReportRepository } from '../ports/report.repository';
import { ResourceScopes } from './resource-scopes';

const PROGRAMME_ID = '0b7f6f2e-1c4a-4d3b-9a51-6f1d0c520001';
const NOT_YET_MADE = '0b7f6f2e-1c4a-4d3b-9a51-6f1d0c520002';

describe("a programme's scope, asked for by every request about the programme", () => {
  let now: number;
  let lineageReads: string[];
  let made: Set<string>;
  let scopes: ResourceScopes;

  beforeEach(() => {
    now = Date.parse('2026-12-03T10:00:00.000Z');
    lineageReads = [];
    made = new Set([PROGRAMME_ID]);
    const programmes = {
      organisationLineage: async (programmeId: string) => {
        lineageReads.push(programmeId);
        return made.has(programmeId) ? ['QVV', 'Y58'] : undefined;
      },
    } as unknown as ProgrammeRepository;
    const clock = { now: () => new Date(now) } as Clock;
    scopes = new ResourceScopes(programmes, {} as OrganisationRepository, {} as ReportRepository, clock);
  });

  it('is read once and kept for five minutes, so that organisations seeded again are seen within them', async () => {
    await expect(scopes.programme(PROGRAMME_ID)).resolves.toEqual({ kind: 'organisation', lineage: ['QVV', 'Y58'] });
    now += 5 * 60_000 - 1;
    await expect(scopes.programme(PROGRAMME_ID)).resolves.toEqual({ kind: 'organisation', lineage: ['QVV', 'Y58'] });
    expect(lineageReads).toEqual([PROGRAMME_ID]);

    now += 1;
    await scopes.programme(PROGRAMME_ID);
    expect(lineageReads).toEqual([PROGRAMME_ID, PROGRAMME_ID]);
  });

  it('is not kept for a programme that does not exist, so that one made a moment later is found at once', async () => {
    await expect(scopes.programme(NOT_YET_MADE)).resolves.toBeNull();
    made.add(NOT_YET_MADE);
    await expect(scopes.programme(NOT_YET_MADE)).resolves.toEqual({ kind: 'organisation', lineage: ['QVV', 'Y58'] });
  });

  it('is not asked for an id that is not a UUID', async () => {
    await expect(scopes.programme('not-a-programme')).resolves.toBeNull();
    expect(lineageReads).toEqual([]);
  });
});
