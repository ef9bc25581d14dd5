/**
 * The blocked Householder back-transformation (linalg/householder-back-transform.ts): the reflectors that
 * reduceToTridiagonal leaves, applied in compact WY blocks, against Q formed by tridiagonalize's accumulation, and
 * behind divide and conquer as an eigensolver. Sizes straddle the blocks of 32 reflectors (1, 33, 65, … start one):
 * n = 33 is exactly one block, 34 one and a single reflector, 70 two and a partial third; the reduction's panels of
 * 16 columns (n − 1, n − 17, … start one) leave leading blocks of 17 and 1 rows (n = 33), 18, 2 and 1 (34) and
 * 84, 68, …, 4 and 1 (100) to update, and n = 5 is one short panel.
 */
import { describe, expect, it } from 'vitest';
import { backTransform, REFLECTOR_BLOCK } from '../src/core/linalg/householder-back-transform.ts';
import { diagonalize, REDUCTION_BLOCK, reduceToTridiagonal, tridiagonalize } from '../src/core/linalg/symmetric-eigen.ts';
import { tridiagonalEigen } from '../src/core/linalg/tridiagonal-divide-conquer.ts';
import { Rng } from '../src/core/rng.ts';

const EPS = Math.pow(2, -52);

function randomSymmetric(n: number, seed: string): Float64Array {
  const rng = new Rng(seed);
  const a = new Float64Array(n * n);
  for (let i = 0; i < n; i++) for (let j = 0; j <= i; j++) a[i * n + j] = a[j * n + i] = rng.normal();
  return a;
}

/** Two diagonal blocks, the second all zero but its diagonal: the reduction's steps there have h = 0 (no reflector). */
function withIdentitySteps(n: number, seed: string): Float64Array {
  const a = randomSymmetric(n, seed);
  const split = n >> 1;
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) if ((i >= split || j >= split) && i !== j) a[i * n + j] = 0;
  return a;
}

function reduced(n: number, a: Float64Array) {
  const W = a.slice();
  const d = new Float64Array(n);
  const e = new Float64Array(n);
  const h = new Float64Array(n);
  reduceToTridiagonal(n, W, d, e, h);
  return { W, d, e, h };
}

const matrices: [string, number, (n: number) => Float64Array][] = [
  ['random', 1, (n) => randomSymmetric(n, 'bt-1')],
  ['random', 2, (n) => randomSymmetric(n, 'bt-2')],
  ['random', 5, (n) => randomSymmetric(n, 'bt-5')],
  ['random', 33, (n) => randomSymmetric(n, 'bt-33')],
  ['random', 34, (n) => randomSymmetric(n, 'bt-34')],
  ['random', 70, (n) => randomSymmetric(n, 'bt-70')],
  ['random', 100, (n) => randomSymmetric(n, 'bt-100')],
  ['with identity steps', 40, (n) => withIdentitySteps(n, 'bt-id')],
];

describe('the blocked Householder back-transformation', () => {
  it('blocks 32 reflectors and reduces 16 columns per panel, as the sizes below assume', () => {
    expect(REFLECTOR_BLOCK).toBe(32);
    expect(REDUCTION_BLOCK).toBe(16);
  });

  for (const [name, n, make] of matrices) {
    it(`reduces in panels to a T with the unblocked reduction's eigenvalues, Qᵀ·A·Q = T (${name}, n = ${n})`, () => {
      const a = make(n);
      const norm = a.reduce((m, v) => Math.max(m, Math.abs(v)), 0);
      const old = a.slice();
      const [oldD, oldE] = [new Float64Array(n), new Float64Array(n)];
      tridiagonalize(n, old, oldD, oldE);
      diagonalize(n, old, oldD, oldE);
      const r = reduced(n, a);
      const [d, e] = [r.d.slice(), r.e.slice()];
      diagonalize(n, new Float64Array(n * n), d, e);
      // Both reductions are backward stable, each T similar to A + δA with ‖δA‖ = O(n)·ε·‖A‖, and QL adds as much
      // again, so the eigenvalues agree to a small multiple of n·ε·‖A‖. Observed: at most 1.76·n·ε·‖A‖_max (n = 100);
      // c = 4, symmetric-eigen.ts's bound against QL.
      let worst = 0;
      for (let i = 0; i < n; i++) worst = Math.max(worst, Math.abs(d[i] - oldD[i]));
      // The reflectors applied to I give B = Qᵀ: B·Bᵀ = I and B·A·Bᵀ = T, each to a small multiple of n·ε (·‖A‖).
      // Observed: at most 0.39·n·ε·‖A‖_max and 0.40·n·ε (n = 5); c = 1. A column or product A·u missing part of the
      // panel's corrections misses by orders of magnitude more.
      const B = new Float64Array(n * n);
      for (let i = 0; i < n; i++) B[i * n + i] = 1;
      backTransform(n, r.W, r.h, B);
      const BA = new Float64Array(n * n);
      for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) for (let k = 0; k < n; k++) BA[i * n + j] += B[i * n + k] * a[k * n + j];
      let similarity = 0;
      let orthogonality = 0;
      for (let i = 0; i < n; i++) {
        for (let j = 0; j < n; j++) {
          let t = 0;
          let bb = 0;
          for (let k = 0; k < n; k++) {
            t += BA[i * n + k] * B[j * n + k];
            bb += B[i * n + k] * B[j * n + k];
          }
          const expected = i === j ? r.d[i] : Math.abs(i - j) === 1 ? r.e[Math.max(i, j)] : 0;
          similarity = Math.max(similarity, Math.abs(t - expected));
          orthogonality = Math.max(orthogonality, Math.abs(bb - (i === j ? 1 : 0)));
        }
      }
      expect(worst).toBeLessThanOrEqual(4 * n * EPS * Math.max(norm, 1));
      expect(similarity).toBeLessThanOrEqual(1 * n * EPS * Math.max(norm, 1));
      expect(orthogonality).toBeLessThanOrEqual(1 * n * EPS);
    });
  }

  for (const [name, n, make] of matrices) {
    it(`turns divide and conquer's eigenvectors of T into A's (${name}, n = ${n})`, () => {
      const a = make(n);
      const { W, d, e, h } = reduced(n, a);
      const values = d.slice();
      const V = new Float64Array(n * n);
      tridiagonalEigen(n, values, e.slice(1), V);
      backTransform(n, W, h, V);
      let norm = 0;
      for (let i = 0; i < n * n; i++) norm = Math.max(norm, Math.abs(a[i]));
      let residual = 0;
      let orthogonality = 0;
      for (let q = 0; q < n; q++) {
        for (let i = 0; i < n; i++) {
          let av = 0;
          let vv = 0;
          for (let j = 0; j < n; j++) {
            av += a[i * n + j] * V[q * n + j];
            vv += V[q * n + j] * V[i * n + j];
          }
          residual = Math.max(residual, Math.abs(av - values[q] * V[q * n + i]));
          orthogonality = Math.max(orthogonality, Math.abs(vv - (q === i ? 1 : 0)));
        }
      }
      // Backward stable steps (reduction, divide and conquer, reflectors) each add O(n)·ε·‖A‖. Observed: at most
      // 0.98·n·ε·‖A‖_max and 0.67·n·ε (n = 3), falling with n; c = 2.
      expect(residual).toBeLessThanOrEqual(2 * n * EPS * norm);
      expect(orthogonality).toBeLessThanOrEqual(2 * n * EPS);
    });
  }
});
