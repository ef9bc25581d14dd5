/**
 * Extreme eigenvalues of a symmetric operator known only through matrix–vector products, by the Lanczos process
 * with full reorthogonalisation (Lanczos 1950; Golub & Van Loan, Matrix Computations §10.1). k steps give the
 * extreme eigenvalues of the k × k tridiagonal projection, which converge to the operator's extremes first.
 */
import type { Rng } from '../rng.ts';
import { symmetricEigen } from './symmetric-eigen.ts';

/** y ← A·v for the operator A. */
export type Operator = (v: Float64Array, y: Float64Array) => void;

/** The smallest and largest Ritz values after at most `steps` Lanczos steps from a random start vector. */
export function extremeEigenvalues(
  n: number,
  apply: Operator,
  steps: number,
  rng: Rng,
): { min: number; max: number } {
  const k = Math.max(1, Math.min(n, steps));
  const basis = new Float64Array(k * n);
  const alpha = new Float64Array(k);
  const beta = new Float64Array(k);
  const w = new Float64Array(n);
  let norm = 0;
  for (let i = 0; i < n; i++) {
    basis[i] = rng.normal();
    norm += basis[i] * basis[i];
  }
  norm = Math.sqrt(norm);
  for (let i = 0; i < n; i++) basis[i] /= norm;
  let used = k;
  for (let j = 0; j < k; j++) {
    const v = basis.subarray(j * n, (j + 1) * n);
    apply(v, w);
    let a = 0;
    for (let i = 0; i < n; i++) a += w[i] * v[i];
    alpha[j] = a;
    // Full reorthogonalisation against every earlier basis vector (twice is enough, Parlett's rule).
    for (let pass = 0; pass < 2; pass++) {
      for (let q = 0; q <= j; q++) {
        const u = q * n;
        let dot = 0;
        for (let i = 0; i < n; i++) dot += w[i] * basis[u + i];
        for (let i = 0; i < n; i++) w[i] -= dot * basis[u + i];
      }
    }
    if (j === k - 1) break;
    let b = 0;
    for (let i = 0; i < n; i++) b += w[i] * w[i];
    b = Math.sqrt(b);
    if (b < 1e-12 * (Math.abs(a) + 1)) {
      used = j + 1;
      break;
    }
    beta[j] = b;
    const next = (j + 1) * n;
    for (let i = 0; i < n; i++) basis[next + i] = w[i] / b;
  }
  const T = new Float64Array(used * used);
  for (let j = 0; j < used; j++) {
    T[j * used + j] = alpha[j];
    if (j + 1 < used) {
      T[(j + 1) * used + j] = beta[j];
      T[j * used + j + 1] = beta[j];
    }
  }
  const values = new Float64Array(used);
  symmetricEigen(used, T, values, new Float64Array(used * used), new Float64Array(used * used), new Float64Array(used));
  return { min: values[0], max: values[used - 1] };
}
