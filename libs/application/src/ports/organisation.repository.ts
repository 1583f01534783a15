import type { PracticePopulation } from '@pmo/domain';

export type OrganisationKind = 'region' | 'icb' | 'ccg' | 'cluster' | 'transformation-area' | 'locality' | 'pcn' | 'practice';

export interface Organisation {
  odsCode: string;
  name: string;
  kind: OrganisationKind;
  parentOdsCode: string | null;
  synthetic: boolean;
}

/** A practice's list size and weighted population as at a day; sizes change, so each day is kept. */
export interface PopulationRecord {
  odsCode: string;
  asAt: string;
  registeredListSize: number;
  weightedPopulation: number;
}

export abstract class OrganisationRepository {
  /** Adds or updates organisations (parents before children) and population records, in one transaction. */
  abstract upsert(organisations: Organisation[], populations: PopulationRecord[]): Promise<void>;
  abstract find(odsCode: string): Promise<Organisation | null>;
  /** The organisation's code, then each parent's up to the root; only the code itself for one not recorded. */
  abstract lineage(odsCode: string): Promise<string[]>;
  abstract children(odsCode: string): Promise<Organisation[]>;
  /** The codes, of those given, that name no organisation. */
  abstract unknown(odsCodes: string[]): Promise<string[]>;
  /** The codes, of those given, that are not the organisation itself or below it. */
  abstract outside(ancestorOdsCode: string, odsCodes: string[]): Promise<string[]>;
  /** Every practice at or below the organisation, with its latest list size on or before the day. */
  abstract practicesUnder(odsCode: string, asAt: string): Promise<PracticePopulation[]>;
  /** The same for several days in one read, keyed by day: a trajectory's months are sized at each month's end. */
  abstract practicesUnderEach(odsCode: string, days: readonly string[]): Promise<Map<string, PracticePopulation[]>>;
}
