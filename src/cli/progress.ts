/**
 * A progress bar on stderr when it is a terminal. Piped or redirected it is silent, or with `piped: 'lines'` writes
 * one line at each tenth of the work (for long commands whose log would otherwise say nothing for minutes).
 */

export class Progress {
  private readonly started = Date.now();
  private lastDraw = 0;
  private lastTenth = 0;
  private finished = false;

  constructor(
    private readonly stream: NodeJS.WriteStream,
    private readonly total: number,
    private readonly unit: string,
    private readonly piped: 'silent' | 'lines' = 'silent',
  ) {}

  private get enabled(): boolean {
    return Boolean(this.stream.isTTY);
  }

  update(done: number): void {
    if (!this.enabled) return this.line(done);
    const now = Date.now();
    if (now - this.lastDraw < 100 && done < this.total) return;
    this.lastDraw = now;
    const width = 30;
    const filled = this.total ? Math.round((done / this.total) * width) : width;
    const seconds = ((now - this.started) / 1000).toFixed(1);
    this.stream.write(`\r[${'#'.repeat(filled)}${' '.repeat(width - filled)}] ${done}/${this.total} ${this.unit} · ${seconds} s`);
  }

  private line(done: number): void {
    const tenth = this.total ? Math.floor((10 * done) / this.total) : 10;
    if (this.piped !== 'lines' || tenth <= this.lastTenth) return;
    this.lastTenth = tenth;
    this.stream.write(`${done}/${this.total} ${this.unit} · ${((Date.now() - this.started) / 1000).toFixed(1)} s\n`);
  }

  /** Ends the progress line; later calls do nothing. */
  finish(): void {
    if (this.enabled && !this.finished) this.stream.write('\n');
    this.finished = true;
  }
}
