/**
 * The organisations and their list sizes change by `seed-organisations`, in another process, not through any
 * event this one sees: whatever a process keeps that was worked out from them is worked out again within this.
 */
export const REFERENCE_DATA_MS = 5 * 60_000;

/** Values a process keeps between requests, at most `capacity` of them: when full, the one kept longest ago goes. */
export class Kept<Value> {
  private readonly entries = new Map<string, Value>();

  constructor(private readonly capacity: number) {}

  get(key: string): Value | undefined {
    return this.entries.get(key);
  }

  set(key: string, value: Value): void {
    // A Map iterates in insertion order, so its first key is the one kept longest ago.
    this.entries.delete(key);
    this.entries.set(key, value);
    if (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value as string);
  }
}
