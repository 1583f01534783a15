import type { ThrottlerStorage } from '@nestjs/throttler';

/** What the guard reads back: hits counted, and the seconds until the oldest leaves the window and until a block ends. */
type Counted = Awaited<ReturnType<ThrottlerStorage['increment']>>;

/** A client's hits, counted per second of the window: a ring of counters with their running total. */
interface Window {
  readonly seconds: Uint32Array;
  /** The second (since the epoch) that the newest counter stands for. */
  newest: number;
  total: number;
  blockedUntil: number;
}

/**
 * Rate limits over a sliding window, to the second, for @nestjs/throttler's guard. Its own in-memory store
 * keeps every hit's expiry in an array, copies it on every request and spreads it into Math.min, so a
 * client's request costs time and memory in proportion to its hits in the last minute: 12,000 numbers at
 * 200 requests a second behind one address. Here a request costs at most one pass over the window's
 * seconds (60), whatever the client's rate. A client over its limit is refused until its block ends, and
 * refused requests are not counted, as the guard's own store does.
 */
export class RateLimitWindows implements ThrottlerStorage {
  private readonly windows = new Map<string, Window>();
  private sweptAt: number;

  constructor(private readonly now: () => number = Date.now) {
    this.sweptAt = now();
  }

  /** ttl and blockDuration in milliseconds, as the guard gives them; the times answered in whole seconds, as it sends them. */
  async increment(key: string, ttl: number, limit: number, blockDuration: number): Promise<Counted> {
    const now = this.now();
    this.sweep(now, ttl);
    const second = Math.floor(now / 1000);
    const window = this.windowOf(key, ttl, second);
    this.advance(window, second);
    const blocked = window.blockedUntil > now;
    if (!blocked) {
      window.seconds[second % window.seconds.length] += 1;
      window.total += 1;
      if (window.total > limit) window.blockedUntil = now + blockDuration;
    }
    const isBlocked = window.blockedUntil > now;
    return {
      totalHits: window.total,
      timeToExpire: Math.max(0, Math.ceil(this.oldestCounted(window) + window.seconds.length - now / 1000)),
      isBlocked,
      timeToBlockExpire: isBlocked ? Math.ceil((window.blockedUntil - now) / 1000) : 0,
    };
  }

  private windowOf(key: string, ttl: number, second: number): Window {
    let window = this.windows.get(key);
    if (window === undefined) {
      window = { seconds: new Uint32Array(Math.max(1, Math.ceil(ttl / 1000))), newest: second, total: 0, blockedUntil: 0 };
      this.windows.set(key, window);
    }
    return window;
  }

  /** Empties the counters of the seconds that have left the window since it was last used. */
  private advance(window: Window, second: number): void {
    const size = window.seconds.length;
    for (let passed = window.newest + 1; passed <= Math.min(second, window.newest + size); passed += 1) {
      window.total -= window.seconds[passed % size];
      window.seconds[passed % size] = 0;
    }
    window.newest = Math.max(window.newest, second);
  }

  /** The second of the oldest hit still counted (the window's newest second when it has none): X-RateLimit-Reset counts from it. */
  private oldestCounted(window: Window): number {
    const size = window.seconds.length;
    for (let second = window.newest - size + 1; second < window.newest; second += 1) {
      if (window.seconds[second % size] > 0) return second;
    }
    return window.newest;
  }

  /** Once a window's length, forgets the clients with nothing counted and no block, so that memory follows the clients seen lately. */
  private sweep(now: number, ttl: number): void {
    if (now - this.sweptAt < ttl) return;
    this.sweptAt = now;
    const second = Math.floor(now / 1000);
    for (const [key, window] of this.windows) {
      this.advance(window, second);
      if (window.total === 0 && window.blockedUntil <= now) this.windows.delete(key);
    }
  }
}
