/**
 * Data a view fetches from the worker while the race runs (the decision surface, the eye): at most once every
 * `interval` ms and only while `wanted()` says so. Requests during the wait or during a fetch fold into one later
 * fetch, which reads the race as it is then, so a fast race never queues work in the worker.
 */
export class ThrottledFetch {
  private at = -Infinity;
  private timer?: ReturnType<typeof setTimeout>;
  private busy = false;
  private again = false;

  constructor(
    private readonly interval: number,
    private readonly wanted: () => boolean,
    private readonly fetch: () => Promise<void>,
  ) {}

  request(): void {
    if (!this.wanted() || this.timer !== undefined) return;
    if (this.busy) {
      this.again = true;
      return;
    }
    const wait = Math.max(0, this.at + this.interval - performance.now());
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.run();
    }, wait);
  }

  private async run(): Promise<void> {
    if (!this.wanted()) return;
    this.busy = true;
    this.at = performance.now();
    try {
      await this.fetch();
    } finally {
      this.busy = false;
      if (this.again) {
        this.again = false;
        this.request();
      }
    }
  }
}
