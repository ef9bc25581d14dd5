/**
 * A fetch from the worker that views ask for often but that should run rarely: at most once per `interval` ms, one
 * at a time, and a request made during the wait or during a fetch is folded into one later fetch, which reads the
 * race as it is then. `ready` says whether a fetch is wanted at all (e.g. the view is in front). With `share`, a
 * fetch that took d ms is followed by the next no sooner than d / share ms after it began, so costly fetches (a
 * large network's decision surface) take at most that share of the worker's time from the race. d is the worker's
 * own time when the fetch reports it: a fetch queued behind frames of a busy race has not cost the race that wait.
 */
export class Refresher {
  private at = -Infinity;
  /** How long the last fetch took, ms. */
  private took = 0;
  private timer?: ReturnType<typeof setTimeout>;
  private busy = false;
  private again = false;

  constructor(
    private readonly interval: number,
    private readonly ready: () => boolean,
    /** Resolves to the worker's own time for the fetch where it is known (else the round trip counts). */
    private readonly fetch: () => Promise<number | void | undefined>,
    private readonly share = 1,
  ) {}

  request(): void {
    if (!this.ready() || this.timer !== undefined) return;
    if (this.busy) {
      this.again = true;
      return;
    }
    const wait = Math.max(0, this.at + Math.max(this.interval, this.took / this.share) - performance.now());
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.run();
    }, wait);
  }

  /** Whether a fetch is running or waiting out its interval (one asked for during a fetch is scheduled when it ends). */
  get pending(): boolean {
    return this.busy || this.timer !== undefined;
  }

  /** A fetch waiting out its interval runs now (the race paused: the worker is free, and the view should settle). */
  hurry(): void {
    if (this.timer === undefined) return;
    clearTimeout(this.timer);
    this.timer = undefined;
    void this.run();
  }

  private async run(): Promise<void> {
    if (!this.ready()) return;
    this.busy = true;
    this.at = performance.now();
    let computeMs: number | void | undefined;
    try {
      computeMs = await this.fetch();
    } finally {
      this.took = typeof computeMs === 'number' ? computeMs : performance.now() - this.at;
      this.busy = false;
      if (this.again) {
        this.again = false;
        this.request();
      }
    }
  }
}
