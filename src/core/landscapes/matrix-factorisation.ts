/**
 * Symmetric low-rank matrix factorisation: fitness −¼‖UUᵀ − ZZᵀ‖²_F over U ∈ R^{n×r} (dim = n·r, row-major), for a
 * planted Z with N(0, 1/n) entries drawn from the instance's stream. Non-convex (U and −U, and UQ for any orthogonal
 * Q, fit equally well), yet every local optimum is global and every other critical point is a strict saddle (Ge, Jin
 * & Zheng 2017, ICML, "No spurious local minima in nonconvex low rank problems", fully observed case; Baldi & Hornik
 * 1989 for the linear autoencoder). For r = 1 it is short: ∇ = ‖u‖²u − (zᵀu)z vanishes only at u = 0 or u = ±z, and
 * at u = 0 the loss Hessian −zzᵀ has a descent direction. The origin is the saddle every method can be started on.
 *
 * Everything is computed through r × r Gram matrices (UᵀU, ZᵀU, ZᵀZ), never the n × n matrix, so a gradient costs
 * O(n r²): ‖UUᵀ − ZZᵀ‖² = ‖UᵀU‖² − 2‖ZᵀU‖² + ‖ZᵀZ‖², and the loss gradient is (UUᵀ − ZZᵀ)U = U(UᵀU) − Z(ZᵀU).
 */
import { z } from 'zod';
import { defineLandscape } from './landscape.ts';

// Wide enough to hold Z (entries of standard deviation 1/√n ≤ 1) for views; starts come from `initScale`.
const BOX = [-5, 5] as const;

const params = z.strictObject({
  rank: z.int().min(1).max(64).default(1).describe('Rank r of the planted matrix ZZᵀ and of the factor U; dim = n·r (default 1).'),
});

/** C = XᵀY for row-major n × r matrices X, Y (r × r, row-major). */
function gram(x: Float64Array, y: Float64Array, n: number, r: number, out: Float64Array): void {
  out.fill(0);
  for (let a = 0; a < n; a++) {
    const row = a * r;
    for (let k = 0; k < r; k++) {
      const xk = x[row + k];
      for (let l = 0; l < r; l++) out[k * r + l] += xk * y[row + l];
    }
  }
}

export const matrixFactorisation = defineLandscape({
  id: 'matrix-factorisation',
  title: 'Low-rank matrix factorisation',
  space: 'continuous',
  summary: 'Fit UUᵀ to a planted rank-r matrix ZZᵀ: non-convex, yet every local optimum is global (all other critical points are strict saddles).',
  box: BOX,
  minDim: 1,
  params,
  // Initial entries on Z's scale (1/√n), as a small random factor: from the box, UUᵀ would start n/3 times too large.
  initScale: (dim, p) => new Float64Array(dim).fill(Math.sqrt(3 / (dim / p.rank))),
  check: (dim, p) => (dim % p.rank === 0 ? [] : [{ path: ['rank'], message: `dim ${dim} must be a multiple of the rank ${p.rank} (dim = n·r)` }]),
  memoryBytes: (dim, p) => 8 * (dim + 5 * p.rank * p.rank),
  create(dim, p, rng) {
    const r = p.rank;
    const n = dim / r;
    const zf = new Float64Array(dim);
    rng.fillNormal(zf);
    const scale = 1 / Math.sqrt(n);
    for (let i = 0; i < dim; i++) zf[i] *= scale;
    const zz = new Float64Array(r * r);
    gram(zf, zf, n, r, zz);
    let zzNorm2 = 0;
    for (let k = 0; k < r * r; k++) zzNorm2 += zz[k] * zz[k];
    const uu = new Float64Array(r * r);
    const zu = new Float64Array(r * r);
    const vu = new Float64Array(r * r);
    const zv = new Float64Array(r * r);

    /** ¼‖UUᵀ − ZZᵀ‖² from the Gram matrices uu = UᵀU and zu = ZᵀU (rounding can take it below 0 by ~10⁻¹⁶: clamped). */
    const loss = () => {
      let s = zzNorm2;
      for (let k = 0; k < r * r; k++) s += uu[k] * uu[k] - 2 * zu[k] * zu[k];
      return 0.25 * Math.max(0, s);
    };

    return {
      id: 'matrix-factorisation',
      space: 'continuous',
      dim,
      reading: 'loss',
      gradientCost: 2,
      hessianVectorCost: 1,
      // Two r × r Gram matrices (2nr² each) and the n × r product (4nr²); the product: three Grams and 7nr².
      flopsPerGradient: 8 * n * r * r + 4 * r * r,
      flopsPerHessianVector: 13 * n * r * r,
      lower: BOX[0],
      upper: BOX[1],
      optimumFitness: 0,
      optimum: zf.slice(),
      fitnessAt(x, offset) {
        const u = offset === 0 && x.length === dim ? x : x.subarray(offset, offset + dim);
        gram(u, u, n, r, uu);
        gram(zf, u, n, r, zu);
        return -loss();
      },
      gradient(u, out) {
        gram(u, u, n, r, uu);
        gram(zf, u, n, r, zu);
        // −[U(UᵀU) − Z(ZᵀU)], row by row.
        for (let a = 0; a < n; a++) {
          const row = a * r;
          for (let l = 0; l < r; l++) {
            let s = 0;
            for (let k = 0; k < r; k++) s += u[row + k] * uu[k * r + l] - zf[row + k] * zu[k * r + l];
            out[row + l] = -s;
          }
        }
        return -loss();
      },
      // Loss Hessian along V: V(UᵀU) + U(VᵀU + UᵀV) − Z(ZᵀV).
      hessianVector(u, v, out) {
        gram(u, u, n, r, uu);
        gram(v, u, n, r, vu);
        gram(zf, v, n, r, zv);
        for (let a = 0; a < n; a++) {
          const row = a * r;
          for (let l = 0; l < r; l++) {
            let s = 0;
            for (let k = 0; k < r; k++) {
              s += v[row + k] * uu[k * r + l] + u[row + k] * (vu[k * r + l] + vu[l * r + k]) - zf[row + k] * zv[k * r + l];
            }
            out[row + l] = -s;
          }
        }
      },
    };
  },
});
