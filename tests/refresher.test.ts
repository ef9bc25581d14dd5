import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Refresher } from '../src/app/refresher.ts';

describe('a refresher', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('is pending while a fetch waits out its interval, runs, or is asked for again, and not after', async () => {
    const answers: (() => void)[] = [];
    const fetch = vi.fn(() => new Promise<undefined>((resolve) => answers.push(() => resolve(undefined))));
    const refresher = new Refresher(100, () => true, fetch);
    expect(refresher.pending).toBe(false);

    refresher.request();
    expect(refresher.pending).toBe(true); // waiting out its interval (0 ms after none)
    await vi.advanceTimersByTimeAsync(0);
    expect(fetch).toHaveBeenCalledTimes(1);
    expect(refresher.pending).toBe(true); // running

    refresher.request(); // asked during the fetch: folded into one later fetch
    answers.shift()!();
    await vi.advanceTimersByTimeAsync(0);
    expect(refresher.pending).toBe(true); // the folded request waits out the interval
    refresher.hurry();
    expect(fetch).toHaveBeenCalledTimes(2);
    answers.shift()!();
    await vi.advanceTimersByTimeAsync(0);
    expect(refresher.pending).toBe(false);
  });
});
