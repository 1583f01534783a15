/**
 * A cycle among finish-to-start predecessors, as the refs around it (the first repeated at the end), or null.
 * A milestone naming itself is not looked for here: each way a plan arrives says so at that milestone.
 */
export function predecessorCycle(predecessorsOf: ReadonlyMap<string, readonly string[]>): string[] | null {
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (ref: string, path: string[]): string[] | null => {
    if (state.get(ref) === 'done') return null;
    if (state.get(ref) === 'visiting') return [...path.slice(path.indexOf(ref)), ref];
    state.set(ref, 'visiting');
    for (const predecessor of predecessorsOf.get(ref) ?? []) {
      if (predecessor === ref) continue;
      const cycle = visit(predecessor, [...path, ref]);
      if (cycle) return cycle;
    }
    state.set(ref, 'done');
    return null;
  };
  for (const ref of predecessorsOf.keys()) {
    const cycle = visit(ref, []);
    if (cycle) return cycle;
  }
  return null;
}

/** A milestone as its order is checked: its baseline day, the refs that must finish first, and whether overlap is accepted. */
export interface OrderedMilestone {
  ref: string;
  baselineDate: string;
  predecessors: readonly string[];
  acceptedOverlap: boolean;
}

/**
 * Each milestone baselined to finish before one of its predecessors (finish-to-start), with why, unless the plan
 * marks its overlap as accepted. Predecessors the list does not hold are left to the check that names them.
 */
export function overlapProblems(milestones: readonly OrderedMilestone[]): { ref: string; reason: string }[] {
  const byRef = new Map(milestones.map((milestone) => [milestone.ref, milestone]));
  return milestones.flatMap((milestone) => {
    if (milestone.acceptedOverlap) return [];
    const early = milestone.predecessors.flatMap((ref) => {
      const predecessor = byRef.get(ref);
      return predecessor !== undefined && predecessor.ref !== milestone.ref && predecessor.baselineDate > milestone.baselineDate ? [predecessor] : [];
    });
    return early.map((predecessor) => ({
      ref: milestone.ref,
      reason: `is baselined for ${milestone.baselineDate}, before its predecessor ${predecessor.ref} (${predecessor.baselineDate}) finishes: baseline it later, or mark the overlap accepted`,
    }));
  });
}
