/** Plans read and assessed at once when a duty covers a whole period: PostgreSQL's pool is ten connections. */
const PARALLEL_PLANS = 8;

/** `work` for every programme, a few at a time, results in the programmes' order. */
export async function forEachProgramme<T>(programmeIds: readonly string[], work: (programmeId: string) => Promise<T>): Promise<T[]> {
  const results: T[] = [];
  for (let start = 0; start < programmeIds.length; start += PARALLEL_PLANS) {
    results.push(...(await Promise.all(programmeIds.slice(start, start + PARALLEL_PLANS).map(work))));
  }
  return results;
}
