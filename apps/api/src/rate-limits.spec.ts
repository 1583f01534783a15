import { RateLimitWindows } from './rate-limits';

describe('rate limits over a sliding window', () => {
  const MINUTE = 60_000;
  let now: number;
  let windows: RateLimitWindows;
  const hit = (key = 'client', limit = 3) => windows.increment(key, MINUTE, limit, MINUTE);

  beforeEach(() => {
    // Half a second into a second, so that "a second later" and "a minute later" fall in whole buckets.
    now = Date.parse('2026-11-02T09:00:00.500Z');
    windows = new RateLimitWindows(() => now);
  });

  it('counts a client’s hits up to its limit, then blocks it for the block’s length, counting no refused hit', async () => {
    expect(await hit()).toEqual({ totalHits: 1, timeToExpire: 60, isBlocked: false, timeToBlockExpire: 0 });
    now += 1_000;
    expect(await hit()).toMatchObject({ totalHits: 2, isBlocked: false });
    expect(await hit()).toMatchObject({ totalHits: 3, isBlocked: false });
    expect(await hit()).toEqual({ totalHits: 4, timeToExpire: 59, isBlocked: true, timeToBlockExpire: 60 });
    now += 30_000;
    expect(await hit()).toEqual({ totalHits: 4, timeToExpire: 29, isBlocked: true, timeToBlockExpire: 30 });
  });

  it('lets hits leave the window a minute after they came, so a blocked client is let in again once its block ends', async () => {
    for (let index = 0; index < 4; index += 1) await hit();
    now += MINUTE;
    expect(await hit()).toEqual({ totalHits: 1, timeToExpire: 60, isBlocked: false, timeToBlockExpire: 0 });
  });

  it('slides: a hit from 59 seconds ago still counts, one from 60 seconds ago does not', async () => {
    await hit();
    now += 1_000;
    await hit();
    now += 59_000;
    // The first hit has left; the second, 59 s old, is the oldest counted and leaves in a second.
    expect(await hit()).toEqual({ totalHits: 2, timeToExpire: 1, isBlocked: false, timeToBlockExpire: 0 });
  });

  it('keeps each client’s hits apart', async () => {
    for (let index = 0; index < 4; index += 1) await hit('blocked');
    expect(await hit('other')).toMatchObject({ totalHits: 1, isBlocked: false });
  });

  it('holds the same figures however many hits a busy client has made', async () => {
    for (let index = 0; index < 100_000; index += 1) {
      if (index % 2_000 === 0) now += 1_000;
      await windows.increment('busy', MINUTE, 1_000_000, MINUTE);
    }
    // 50 seconds of 2,000 hits each, all within the minute.
    expect(await windows.increment('busy', MINUTE, 1_000_000, MINUTE)).toMatchObject({ totalHits: 100_001, isBlocked: false });
    now += 11_000;
    // The first second's 2,000 have left; the rest are still within the minute.
    expect(await windows.increment('busy', MINUTE, 1_000_000, MINUTE)).toMatchObject({ totalHits: 100_002 - 2_000 });
  });
});
