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
