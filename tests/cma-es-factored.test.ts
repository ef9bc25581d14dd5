/**
 * CMA-ES above DIVIDE_AND_CONQUER_MIN keeps the eigenvectors of C factored, V = Z·Qᵀ (T's eigenvectors, then the
 * reduction's reflectors, src/core/optimizers/cma-es.ts), and never forms V. Applied to vectors they must still be
 * C's eigenvectors, and sampling through them must agree with sampling through the formed V (symmetricEigen's) to
 * rounding. Bit-for-bit agreement of the kernels and the reference is tests/kernels.test.ts's.
 */
import { describe, expect, it } from 'vitest';
import { symmetricEigen } from '../src/core/linalg/symmetric-eigen.ts';
import { DIVIDE_AND_CONQUER_MIN } from '../src/core/linalg/tridiagonal-divide-conquer.ts';
import { cmaEs, throughEigenvectors } from '../src/core/optimizers/cma-es.ts';
import { deriveRng } from '../src/core/rng.ts';
import { optimizerParams, problemOf } from '../src/core/run/instance.ts';

const EPS = Math.pow(2, -52);
const N = 40;
const LAMBDA = 12;

/**
 * A run on a tilted quadratic, stopped right after a decomposition. Its C is replaced early on by one whose
 * eigenvalues spread over three orders of magnitude with random eigenvectors (a fresh array, so that the kernels copy
 * it in), which 30 generations of learning at N = 40 would not reach.
 */
function decomposedRun() {
  const problem = problemOf({ id: 'rastrigin', dim: N, params: {} });
  const params = optimizerParams(cmaEs, problem, { id: 'cma-es', label: 'cma-es', params: { lambda: LAMBDA } }) as ReturnType<typeof cmaEs.defaults>;
  const rng = deriveRng(3, 'cma-factored');
  const x0 = Float64Array.from({ length: N }, (_, i) => Math.sin(i));
  const state = cmaEs.init(rng, problem, { x0, fitness0: 0, rng: deriveRng(3, 'start') }, params);
  const fitness = new Float64Array(LAMBDA);
  for (let generation = 0; generation < 30 || state.eigeneval !== state.counteval; generation++) {
    const batch = cmaEs.ask(rng, state, params);
    if (batch.kind !== 'points') throw new Error('cma-es asks for points');
    const genes = batch.genes as Float64Array;
    for (let c = 0; c < LAMBDA; c++) {
      let sum = 0;
      for (let i = 0; i < N; i++) sum -= (i + 1) ** 2 * (genes[c * N + i] - 0.3) ** 2;
      fitness[c] = sum;
    }
    cmaEs.tell(rng, batch, { fitness }, state, params);
    if (generation === 2) state.C = anisotropic();
  }
  return state;
}

/** G·diag(10^(3i/N))·Gᵀ/N, G Gaussian. */
function anisotropic(): Float64Array {
  const G = new Float64Array(N * N);
  deriveRng(3, 'cma-factored-C').fillNormal(G);
  const C = new Float64Array(N * N);
  for (let i = 0; i < N; i++) {
    for (let j = 0; j < N; j++) {
      let c = 0;
      for (let q = 0; q < N; q++) c += (G[i * N + q] * 10 ** ((3 * q) / N) * G[j * N + q]) / N;
      C[i * N + j] = c;
    }
  }
  return C;
}

/** Rows `count` × N through the run's eigenvectors, λ rows at a time. */
function through(state: ReturnType<typeof decomposedRun>, rows: Float64Array, count: number): Float64Array {
  const out = new Float64Array(count * N);
  const chunk = new Float64Array(LAMBDA * N);
  for (let k0 = 0; k0 < count; k0 += LAMBDA) {
    const k = Math.min(LAMBDA, count - k0);
    throughEigenvectors(state, rows.subarray(k0 * N, (k0 + k) * N), k, chunk);
    out.set(chunk.subarray(0, k * N), k0 * N);
  }
  return out;
}

describe('CMA-ES with its eigenvectors factored (N = 40, above DIVIDE_AND_CONQUER_MIN)', () => {
  const state = decomposedRun();

  it('keeps the reflectors, decomposes a C far from the identity', () => {
    expect(N).toBeGreaterThan(DIVIDE_AND_CONQUER_MIN);
    expect(state.reflectors.length).toBe(N * N);
    expect(state.identityB).toBe(false);
    // Eigenvalues spread over orders of magnitude (D holds their square roots): a factored V that missed a reflector
    // would not diagonalise C.
    expect(state.D[N - 1] / state.D[0]).toBeGreaterThan(10);
  });

  it('gives, applied to the unit vectors, V with V·Vᵀ = I and Vᵀ·D²·V = C, to c·n·ε (·‖C‖)', () => {
    const identity = new Float64Array(N * N);
    for (let i = 0; i < N; i++) identity[i * N + i] = 1;
    const V = through(state, identity, N);
    let norm = 0;
    for (let i = 0; i < N; i++) for (let j = i; j < N; j++) norm = Math.max(norm, Math.abs(state.C[i * N + j]));
    let orthogonality = 0;
    let reconstruction = 0;
    for (let i = 0; i < N; i++) {
      for (let j = i; j < N; j++) {
        let vv = 0;
        let c = 0;
        for (let q = 0; q < N; q++) {
          vv += V[i * N + q] * V[j * N + q];
          c += V[q * N + i] * state.D[q] * state.D[q] * V[q * N + j];
        }
        orthogonality = Math.max(orthogonality, Math.abs(vv - (i === j ? 1 : 0)));
        reconstruction = Math.max(reconstruction, Math.abs(c - state.C[i * N + j]));
      }
    }
    // Backward stable steps (reduction, divide and conquer, reflectors applied to rows) each add O(n)·ε. Observed:
    // 0.20·n·ε and 0.17·n·ε·‖C‖_max; c = 1. V = Z without Qᵀ misses by orders of magnitude.
    expect(orthogonality).toBeLessThanOrEqual(1 * N * EPS);
    expect(reconstruction).toBeLessThanOrEqual(1 * N * EPS * norm);
  });

  it('samples through the factored form as through the formed V, to c·n·ε·‖x‖', () => {
    const values = new Float64Array(N);
    const V = new Float64Array(N * N);
    symmetricEigen(N, state.C, values, V);
    const rng = deriveRng(3, 'rows');
    const x = new Float64Array(LAMBDA * N);
    rng.fillNormal(x);
    const factored = through(state, x, LAMBDA);
    let worst = 0;
    for (let k = 0; k < LAMBDA; k++) {
      let length = 0;
      for (let j = 0; j < N; j++) length += x[k * N + j] ** 2;
      for (let i = 0; i < N; i++) {
        let y = 0;
        for (let j = 0; j < N; j++) y += x[k * N + j] * V[j * N + i];
        worst = Math.max(worst, Math.abs(y - factored[k * N + i]) / Math.sqrt(length));
      }
    }
    // (x·Z)·Qᵀ and x·(Z·Qᵀ) round differently, each within O(n)·ε·‖x‖. Observed: 0.04·n·ε; c = 1.
    expect(worst).toBeLessThanOrEqual(1 * N * EPS);
  });
});
