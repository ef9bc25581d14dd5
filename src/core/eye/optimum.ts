/**
 * The sharpest eye the optics allow within the trait box, found numerically (the acuity has no closed-form maximum):
 * a grid over [0, 1]³, then projected Newton steps from the best grid points, with the Hessian from central
 * differences of the analytic gradient. Deterministic: the same optics give the same optimum to the last bit.
 */
import { eyeAcuity, type EyeOptics } from './optics.ts';

export interface EyeOptimum {
  /** Traits (x₀ invagination, x₁ constriction, x₂ lens) of the sharpest eye. */
  readonly x: Float64Array;
  /** Its acuity, cycles per radian. */
  readonly acuity: number;
}

const GRID = 24;
const STARTS = 4;

/** Maximises the acuity over the box by projected Newton from the best grid points (box-constrained). */
export function eyeOptimum(o: EyeOptics): EyeOptimum {
  const candidates: { x: Float64Array; f: number }[] = [];
  const x = new Float64Array(3);
  for (let i = 0; i <= GRID; i++) {
    for (let j = 0; j <= GRID; j++) {
      for (let k = 0; k <= GRID; k++) {
        x[0] = i / GRID;
        x[1] = j / GRID;
        x[2] = k / GRID;
        const f = eyeAcuity(o, x);
        if (candidates.length < STARTS || f > candidates[candidates.length - 1].f) {
          candidates.push({ x: x.slice(), f });
          candidates.sort((a, b) => b.f - a.f);
          if (candidates.length > STARTS) candidates.pop();
        }
      }
    }
  }
  let best = { x: candidates[0].x, f: candidates[0].f };
  for (const c of candidates) {
    const polished = polish(o, c.x);
    if (polished.f > best.f) best = polished;
  }
  return { x: best.x, acuity: best.f };
}

/** Projected Newton ascent with backtracking; coordinates at a bound whose gradient points outward stay fixed. */
function polish(o: EyeOptics, start: Float64Array): { x: Float64Array; f: number } {
  const x = start.slice();
  const g = new Float64Array(3);
  let f = eyeAcuity(o, x, 0, g);
  const gp = new Float64Array(3);
  const gm = new Float64Array(3);
  for (let iter = 0; iter < 200; iter++) {
    const free: number[] = [];
    for (let i = 0; i < 3; i++) if (!((x[i] <= 0 && g[i] <= 0) || (x[i] >= 1 && g[i] >= 0))) free.push(i);
    if (free.length === 0) break;
    // Hessian on the free coordinates by central differences of the gradient.
    const n = free.length;
    const H: number[][] = free.map(() => new Array<number>(n).fill(0));
    for (let a = 0; a < n; a++) {
      const i = free[a];
      const h = 1e-6;
      const xp = x.slice();
      const xm = x.slice();
      xp[i] += h;
      xm[i] -= h;
      eyeAcuity(o, xp, 0, gp);
      eyeAcuity(o, xm, 0, gm);
      for (let b = 0; b < n; b++) H[b][a] = (gp[free[b]] - gm[free[b]]) / (2 * h);
    }
    const grad = free.map((i) => g[i]);
    let step = solveNegDefinite(H, grad);
    if (!step) step = grad.map((v) => v * 1e-3 / Math.max(1e-300, Math.hypot(...grad)));
    let t = 1;
    let improved = false;
    for (let tries = 0; tries < 60; tries++) {
      const y = x.slice();
      for (let a = 0; a < n; a++) y[free[a]] = Math.min(1, Math.max(0, x[free[a]] + t * step[a]));
      const fy = eyeAcuity(o, y);
      if (fy > f) {
        x.set(y);
        f = eyeAcuity(o, x, 0, g);
        improved = true;
        break;
      }
      t /= 2;
    }
    if (!improved) break;
  }
  return { x, f };
}

/** The Newton step −H⁻¹g when H is negative definite (a maximum's neighbourhood), else undefined. */
function solveNegDefinite(H: number[][], g: number[]): number[] | undefined {
  const n = g.length;
  // Cholesky of −H.
  const Lm: number[][] = H.map(() => new Array<number>(n).fill(0));
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      let s = -H[i][j];
      for (let k = 0; k < j; k++) s -= Lm[i][k] * Lm[j][k];
      if (i === j) {
        if (!(s > 0)) return undefined;
        Lm[i][i] = Math.sqrt(s);
      } else Lm[i][j] = s / Lm[j][j];
    }
  }
  const y = new Array<number>(n).fill(0);
  for (let i = 0; i < n; i++) {
    let s = g[i];
    for (let k = 0; k < i; k++) s -= Lm[i][k] * y[k];
    y[i] = s / Lm[i][i];
  }
  const step = new Array<number>(n).fill(0);
  for (let i = n - 1; i >= 0; i--) {
    let s = y[i];
    for (let k = i + 1; k < n; k++) s -= Lm[k][i] * step[k];
    step[i] = s / Lm[i][i];
  }
  return step;
}
