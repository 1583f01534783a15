/** Red, Amber, Green, as NHS programme boards read them; Red is the worst. */
export type RagStatus = 'Red' | 'Amber' | 'Green';

/** A milestone's status: a RAG, or Complete (shown blue on boards, counts as Green in a roll-up). */
export type MilestoneStatus = RagStatus | 'Complete';

const SEVERITY: Record<MilestoneStatus, number> = { Complete: 0, Green: 0, Amber: 1, Red: 2 };

/** How bad a status is, for comparisons: higher is worse; Complete ranks with Green. */
export function severity(status: MilestoneStatus): number {
  return SEVERITY[status];
}

/** The worst of some statuses, Complete counting as Green; Green when there are none. */
export function worstOf(statuses: readonly MilestoneStatus[]): RagStatus {
  let worst: RagStatus = 'Green';
  for (const status of statuses) {
    if (status !== 'Complete' && SEVERITY[status] > SEVERITY[worst]) worst = status;
  }
  return worst;
}
