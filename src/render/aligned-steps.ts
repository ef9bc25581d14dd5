/**
 * Several step series on one shared x axis, as uPlot wants them (one x array, one y array per series, null where a
 * series has no point). The race chart keeps every improvement of every racer this way; improvements arrive in
 * order per racer, and a racer that lags another within a frame is inserted near the end, so adding stays cheap.
 */
export class AlignedSteps {
  readonly x: number[] = [];
  readonly y: (number | null)[][];

  constructor(series: number) {
    this.y = Array.from({ length: series }, () => []);
  }

  /** Sets series `s` to `value` at `x` (a later value at the same x replaces the earlier one). */
  add(s: number, x: number, value: number | null): void {
    const xs = this.x;
    let i = xs.length;
    if (i && xs[i - 1] >= x) i = this.lowerBound(x);
    if (xs[i] === x) {
      this.y[s][i] = value;
      return;
    }
    if (i === xs.length) {
      xs.push(x);
      for (const [k, ys] of this.y.entries()) ys.push(k === s ? value : null);
      return;
    }
    xs.splice(i, 0, x);
    for (const [k, ys] of this.y.entries()) ys.splice(i, 0, k === s ? value : null);
  }

  /** The points of series `s`, as [x, value] pairs in order (nulls left out). */
  points(s: number): [number, number][] {
    const out: [number, number][] = [];
    this.y[s].forEach((v, i) => v !== null && out.push([this.x[i], v]));
    return out;
  }

  private lowerBound(x: number): number {
    let lo = 0;
    let hi = this.x.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.x[mid] < x) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}
