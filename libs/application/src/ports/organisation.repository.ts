import type { PracticePopulation } from '@pmo/domain';

export type OrganisationKind = 'region' | 'icb' | 'ccg' | 'cluster' | 'transformation-area' | 'locality' | 'pcn' | 'practice';

export interface Organisation {
  odsCode: string;
  name: string;
  kind: OrganisationKind;
  parentOdsCode: string | null;
  synthetic: boolean;
  /** The days it opened and closed, as its publisher gives them; a closed practice drops out of counts after its close day. */
  openedOn: string | null;
  closedOn: string | null;
}

/**
 * A practice's list sizes as counted on a day (an extract's date). Registered and weighted figures come from
 * different files, so either may be missing; a missing one leaves what is recorded for that day as it is.
 */
export interface PopulationRecord {
  odsCode: string;
  asAt: string;
  registeredListSize: number | null;
  weightedPopulation: number | null;
}

/** What one load writes, in one transaction. */
export interface OrganisationWrite {
  /** Added or replaced whole. */
  organisations: Organisation[];
  /** Known only by the code another row names (a region, an ICB, a commissioner): added when absent, never changed. */
  placeholders?: Organisation[];
  /** At most one record per practice and day. */
  populations: PopulationRecord[];
}

/** A practice as a page lists it: by name and code, with the list sizes the rules count. */
export interface PracticeListing extends PracticePopulation {
  name: string;
}

export abstract class OrganisationRepository {
  abstract upsert(write: OrganisationWrite): Promise<void>;
  abstract find(odsCode: string): Promise<Organisation | null>;
  /** Every organisation recorded, for an import to compare against. */
  abstract all(): Promise<Organisation[]>;
  /** The list sizes recorded on any of the days, for an import to compare against. */
  abstract populationsOn(days: readonly string[]): Promise<PopulationRecord[]>;
  /** A practice's list sizes, oldest first. */
  abstract populationHistory(odsCode: string): Promise<PopulationRecord[]>;
  /** The organisation's code, then each parent's up to the root; only the code itself for one not recorded. */
  abstract lineage(odsCode: string): Promise<string[]>;
  abstract children(odsCode: string): Promise<Organisation[]>;
  /** The codes, of those given, that name no organisation. */
  abstract unknown(odsCodes: string[]): Promise<string[]>;
  /** The codes, of those given, that are not the organisation itself or below it. */
  abstract outside(ancestorOdsCode: string, odsCodes: string[]): Promise<string[]>;
  /** Every practice at or below the organisation that is open on the day, with its name and its list sizes as the day counts them. */
  abstract practicesUnder(odsCode: string, asAt: string): Promise<PracticeListing[]>;
  /** The same for several days in one read, keyed by day: a trajectory's months are sized at each month's end. */
  abstract practicesUnderEach(odsCode: string, days: readonly string[]): Promise<Map<string, PracticeListing[]>>;
}
