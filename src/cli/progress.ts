/** A progress bar on stderr when it is a terminal; silent when piped or redirected. */

export class Progress {
  private readonly started = Date.now();
  private lastDraw = 0;
  private finished = false;

  constructor(
    private readonly stream: NodeJS.WriteStream,
    private readonly total: number,
    private readonly unit: string,
  ) {}

  private get enabled(): boolean {
    return Boolean(this.stream.isTTY);
  }

  update(done: number): void {
    if (!this.enabled) return;
    const now = Date.now();
    if (now - this.lastDraw < 100 && done < this.total) return;
    this.lastDraw = now;
    const width = 30;
    const filled = this.total ? Math.round((done / this.total) * width) : width;
    const seconds = ((now - this.started) / 1000).toFixed(1);
    this.stream.write(`\r[${'#'.repeat(filled)}${' '.repeat(width - filled)}] ${done}/${this.total} ${this.unit} · ${seconds} s`);
  }

  /** Ends the progress line; later calls do nothing. */
  finish(): void {
    if (this.enabled && !this.finished) this.stream.write('\n');
    this.finished = true;
  }
}
