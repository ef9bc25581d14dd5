/**
 * Power laws y ∝ x^a measured the way the network experiments need them (docs/networks.md, "Lazy training"): a
 * least-squares line through (log x, log y), and the exponent fitted within each replicate and then averaged, so
 * that its standard error comes from the spread between independent replicates rather than from the residuals of
 * one pooled fit (points of one replicate share a data set and are not independent).
 */

export interface LineFit {
  readonly slope: number;
  readonly intercept: number;
  /** Ordinary least-squares standard error of the slope; null with fewer than three points (no residual freedom). */
  readonly slopeSe: number | null;
  readonly points: number;
}

/** Least squares of log y on log x; points with a non-positive or non-finite x or y are left out. */
export function logLogFit(x: readonly number[], y: readonly number[]): LineFit {
  const u: number[] = [];
  const v: number[] = [];
  for (let i = 0; i < x.length; i++) {
    if (x[i] > 0 && y[i] > 0 && Number.isFinite(x[i]) && Number.isFinite(y[i])) {
      u.push(Math.log(x[i]));
      v.push(Math.log(y[i]));
    }
  }
  const n = u.length;
  if (n < 2) return { slope: NaN, intercept: NaN, slopeSe: null, points: n };
  const mu = u.reduce((a, b) => a + b, 0) / n;
  const mv = v.reduce((a, b) => a + b, 0) / n;
  let suu = 0;
  let suv = 0;
  for (let i = 0; i < n; i++) {
    suu += (u[i] - mu) ** 2;
    suv += (u[i] - mu) * (v[i] - mv);
  }
  const slope = suv / suu;
  const intercept = mv - slope * mu;
  if (n < 3) return { slope, intercept, slopeSe: null, points: n };
  let residuals = 0;
  for (let i = 0; i < n; i++) residuals += (v[i] - intercept - slope * u[i]) ** 2;
  return { slope, intercept, slopeSe: Math.sqrt(residuals / (n - 2) / suu), points: n };
}

/**
 * The exponent of y ∝ x^a fitted in each replicate (each a set of (x, y) points), with the mean over replicates and
 * its standard error (sample standard deviation / √replicates; null with fewer than two replicates).
 */
export function exponentOverReplicates(replicates: readonly { x: readonly number[]; y: readonly number[] }[]): {
  mean: number;
  se: number | null;
  slopes: number[];
} {
  const slopes = replicates.map((r) => logLogFit(r.x, r.y).slope).filter(Number.isFinite);
  const n = slopes.length;
  const mean = n ? slopes.reduce((a, b) => a + b, 0) / n : NaN;
  const se = n >= 2 ? Math.sqrt(slopes.reduce((a, b) => a + (b - mean) ** 2, 0) / (n - 1) / n) : null;
  return { mean, se, slopes };
}
