/** Timing helpers shared by the benchmarks: wall and process CPU time of one call, medians, number formats. */

export interface Timed<T> {
  readonly result: T;
  /** Wall-clock seconds. */
  readonly wall: number;
  /** Process CPU seconds (all threads, including V8's GC and compiler helpers). */
  readonly cpu: number;
}

const now = (): number => Number(process.hrtime.bigint()) / 1e9;

export function timed<T>(fn: () => T): Timed<T> {
  const c0 = process.cpuUsage();
  const t0 = now();
  const result = fn();
  const wall = now() - t0;
  const c = process.cpuUsage(c0);
  return { result, wall, cpu: (c.user + c.system) / 1e6 };
}

export function median(values: readonly number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const n = s.length;
  if (n === 0) return NaN;
  return n % 2 ? s[(n - 1) / 2] : 0.5 * (s[n / 2 - 1] + s[n / 2]);
}

/** A rate over repetitions: `work / seconds` per rep, aggregated by median (or max = best, for limits). */
export function rate(work: number, seconds: readonly number[], agg: 'median' | 'max' = 'median'): number {
  const rates = seconds.map((s) => work / s);
  return agg === 'median' ? median(rates) : Math.max(...rates);
}

/** Three significant digits with thousands separators for big numbers, e.g. 1,630,000 or 0.0472. */
export function fmt(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  const abs = Math.abs(value);
  if (abs >= 1000) return Math.round(Number(value.toPrecision(3))).toLocaleString('en-US');
  return Number(value.toPrecision(3)).toString();
}

export function fmtRatio(value: number): string {
  if (!Number.isFinite(value)) return '–';
  return `${value >= 10 ? value.toFixed(1) : value >= 0.1 ? value.toFixed(2) : value.toPrecision(2)}×`;
}
