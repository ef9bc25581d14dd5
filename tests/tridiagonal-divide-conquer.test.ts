/**
 * The divide-and-conquer tridiagonal eigensolver (linalg/tridiagonal-divide-conquer.ts) against QL (the solver
 * symmetricEigen uses today) on random tridiagonals, on the classic hard cases for deflation (Wilkinson's matrices
 * with their nearly equal pairs, glued Wilkinson blocks, the 1-2-1 matrix whose halves mirror each other so that
 * merges meet equal eigenvalues, graded and nearly diagonal matrices) and on the tridiagonal forms of CMA-ES-like
 * covariances; the merge counts show that each deflation path and the secular equation actually ran.
 *
 * Tolerances, as ratios to n·ε (ε = 2⁻⁵²) the way LAPACK's own tests state them: |λ_DC − λ_QL| / ‖T‖∞,
 * max |T·v − λ·v| / ‖T‖∞ and max |VᵀV − I| must each stay below c·n·ε with c = 4. Both methods are backward
 * stable, so the ratios are O(1): on these matrices at most 1.0 (orthogonality of QL's own leaf at n = 3) and at
 * most 0.37 wherever a merge ran, so c = 4 leaves room for other matrices. Wrong merges land well beyond it
 * (mutations tried): eigenvectors from the given z instead of Gu–Eisenstat's recomputed one lose orthogonality on
 * Wilkinson's matrix by a ratio of 39; a deflating rotation with the wrong sign gives ratios of 10² to 10¹².
 */
import { describe, expect, it } from 'vitest';
import { diagonalize, tridiagonalize } from '../src/core/linalg/symmetric-eigen.ts';
import { DIVIDE_AND_CONQUER_MIN, type DivideAndConquerStats, tridiagonalEigen } from '../src/core/linalg/tridiagonal-divide-conquer.ts';
import { Rng } from '../src/core/rng.ts';

const C = 4;
const EPS = Math.pow(2, -52);

interface Tridiagonal {
  d: Float64Array;
  e: Float64Array;
}

/** ‖T‖∞, the largest absolute row sum. */
function norm({ d, e }: Tridiagonal): number {
  let most = 0;
  for (let i = 0; i < d.length; i++) {
    const row = Math.abs(d[i]) + (i > 0 ? Math.abs(e[i - 1]) : 0) + (i < d.length - 1 ? Math.abs(e[i]) : 0);
    most = Math.max(most, row);
  }
  return most;
}

function noMerges(): DivideAndConquerStats {
  return { merges: 0, deflatedSmall: 0, deflatedClose: 0, secular: 0, secularEvaluations: 0, productMultiplies: 0 };
}

function divideAndConquer(t: Tridiagonal, stats?: DivideAndConquerStats): { values: Float64Array; vectors: Float64Array } {
  const n = t.d.length;
  const values = t.d.slice();
  const vectors = new Float64Array(n * n);
  const e = t.e.slice();
  tridiagonalEigen(n, values, e, vectors, stats);
  expect(e).toEqual(t.e);
  return { values, vectors };
}

function qlValues({ d, e }: Tridiagonal): Float64Array {
  const n = d.length;
  const W = new Float64Array(n * n);
  for (let i = 0; i < n; i++) W[i * n + i] = 1;
  const values = d.slice();
  const coupling = new Float64Array(n);
  for (let i = 1; i < n; i++) coupling[i] = e[i - 1];
  diagonalize(n, W, values, coupling);
  return values;
}

/** The three error ratios, each divided by n·ε (and the first two by ‖T‖). */
function errorRatios(t: Tridiagonal) {
  const n = t.d.length;
  const { d, e } = t;
  const { values, vectors: V } = divideAndConquer(t);
  const scale = Math.max(norm(t), Number.MIN_VALUE) * n * EPS;
  const ql = qlValues(t);
  let values_ = 0;
  for (let i = 0; i < n; i++) values_ = Math.max(values_, Math.abs(values[i] - ql[i]));
  let residual = 0;
  for (let q = 0; q < n; q++) {
    const v = q * n;
    for (let i = 0; i < n; i++) {
      let s = d[i] * V[v + i];
      if (i > 0) s += e[i - 1] * V[v + i - 1];
      if (i < n - 1) s += e[i] * V[v + i + 1];
      residual = Math.max(residual, Math.abs(s - values[q] * V[v + i]));
    }
  }
  let orthogonality = 0;
  for (let p = 0; p < n; p++) {
    for (let q = p; q < n; q++) {
      let s = 0;
      for (let i = 0; i < n; i++) s += V[p * n + i] * V[q * n + i];
      orthogonality = Math.max(orthogonality, Math.abs(s - (p === q ? 1 : 0)));
    }
  }
  let ascending = true;
  for (let i = 1; i < n; i++) if (values[i] < values[i - 1]) ascending = false;
  return { values: values_ / scale, residual: residual / scale, orthogonality: orthogonality / (n * EPS), ascending };
}

function expectAccurate(t: Tridiagonal): void {
  const r = errorRatios(t);
  expect(r.ascending).toBe(true);
  expect(r.values).toBeLessThan(C);
  expect(r.residual).toBeLessThan(C);
  expect(r.orthogonality).toBeLessThan(C);
}

function randomTridiagonal(n: number, rng: Rng): Tridiagonal {
  return {
    d: Float64Array.from({ length: n }, () => rng.normal()),
    e: Float64Array.from({ length: Math.max(0, n - 1) }, () => rng.normal()),
  };
}

/** Wilkinson's W⁺: diagonal |i − m|, unit off-diagonal; its largest eigenvalues come in pairs equal to ~n digits. */
function wilkinson(n: number): Tridiagonal {
  const m = (n - 1) / 2;
  return { d: Float64Array.from({ length: n }, (_, i) => Math.abs(i - m)), e: new Float64Array(n - 1).fill(1) };
}

/** The tridiagonal form (Householder, as symmetricEigen reduces) of the symmetric n × n matrix a. */
function tridiagonalOf(n: number, a: Float64Array): Tridiagonal {
  const W = a.slice();
  const d = new Float64Array(n);
  const offDiagonal = new Float64Array(n);
  tridiagonalize(n, W, d, offDiagonal);
  return { d, e: offDiagonal.slice(1) };
}

/** A covariance as CMA-ES builds it: a diagonal plus `rank` weighted outer products of Gaussian steps. */
function cmaCovariance(n: number, diagonal: (i: number) => number, rank: number, rng: Rng): Float64Array {
  const a = new Float64Array(n * n);
  for (let i = 0; i < n; i++) a[i * n + i] = diagonal(i);
  for (let r = 0; r < rank; r++) {
    const y = Array.from({ length: n }, () => rng.normal());
    const w = 0.01 * rng.uniform();
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) a[i * n + j] += w * y[i] * y[j];
  }
  return a;
}

describe('tridiagonalEigen (divide and conquer)', () => {
  it.each([1, 2, 3, DIVIDE_AND_CONQUER_MIN, DIVIDE_AND_CONQUER_MIN + 1, 60, 257])(
    'matches QL on random tridiagonals (n = %i)',
    (n) => {
      const rng = new Rng(`dc-random-${n}`);
      for (let trial = 0; trial < (n <= 3 ? 5 : 1); trial++) expectAccurate(randomTridiagonal(n, rng));
    },
  );

  it("keeps Wilkinson's nearly equal pairs apart, alone and glued into blocks", () => {
    expectAccurate(wilkinson(201));
    const stats = noMerges();
    divideAndConquer(wilkinson(201), stats);
    expect(stats.deflatedClose).toBeGreaterThan(0);
    expect(stats.deflatedSmall).toBeGreaterThan(0);
    expect(stats.secular).toBeGreaterThan(0);
    const blocks = 8;
    const size = 21;
    const glued = { d: new Float64Array(blocks * size), e: new Float64Array(blocks * size - 1) };
    for (let b = 0; b < blocks; b++) {
      const w = wilkinson(size);
      glued.d.set(w.d, b * size);
      glued.e.set(w.e, b * size);
      if (b < blocks - 1) glued.e[b * size + size - 1] = 1e-10;
    }
    expectAccurate(glued);
  });

  it('solves the 1-2-1 matrix, whose merges meet equal eigenvalues, to its known spectrum', () => {
    const n = 200;
    const t = { d: new Float64Array(n).fill(2), e: new Float64Array(n - 1).fill(1) };
    expectAccurate(t);
    const stats = noMerges();
    const { values } = divideAndConquer(t, stats);
    expect(stats.deflatedClose).toBeGreaterThan(0);
    // The rational model's steps converge in about five evaluations a root (4.9 here); bisection alone takes 46.
    expect(stats.secularEvaluations / stats.secular).toBeLessThan(10);
    for (let q = 0; q < n; q++) {
      const exact = 2 - 2 * Math.cos((Math.PI * (q + 1)) / (n + 1));
      expect(Math.abs(values[q] - exact)).toBeLessThan(C * n * EPS * norm(t));
    }
  });

  it('handles split, graded, nearly diagonal and zero matrices', () => {
    const n = 90;
    const rng = new Rng('dc-special');
    const split = randomTridiagonal(n, rng);
    for (let i = 0; i < n - 1; i += 7) split.e[i] = 0;
    expectAccurate(split);
    expectAccurate({
      d: Float64Array.from({ length: n }, (_, i) => Math.pow(10, -i / 8)),
      e: Float64Array.from({ length: n - 1 }, (_, i) => Math.pow(10, -i / 8 - 0.5)),
    });
    expectAccurate({ d: new Float64Array(n).fill(1), e: Float64Array.from({ length: n - 1 }, () => 1e-15 * rng.normal()) });
    const diagonal = { d: Float64Array.from({ length: n }, (_, i) => (i * 7) % 13), e: new Float64Array(n - 1) };
    expect(Array.from(divideAndConquer(diagonal).values)).toEqual(Array.from(diagonal.d).sort((a, b) => a - b));
    const zero = divideAndConquer({ d: new Float64Array(n), e: new Float64Array(n - 1) });
    expect(Array.from(zero.values)).toEqual(new Array(n).fill(0));
    for (let i = 0; i < n; i++) expect(zero.vectors[i * n + i]).toBe(1);
  });

  it('scales exactly: T·2^k gives 2^k times the eigenvalues and the same eigenvectors, near overflow and underflow', () => {
    const t = randomTridiagonal(70, new Rng('dc-scale'));
    const base = divideAndConquer(t);
    for (const k of [900, -900, 1]) {
      const f = 2 ** k;
      const scaled = divideAndConquer({ d: t.d.map((x) => x * f), e: t.e.map((x) => x * f) });
      expect(scaled.values).toEqual(base.values.map((x) => x * f));
      expect(scaled.vectors).toEqual(base.vectors);
    }
  });

  it('decomposes the tridiagonal forms of CMA-ES-like covariances', () => {
    const rng = new Rng('dc-cma');
    const n = 160;
    // Early in a run: 0.97·I plus a low-rank update, so most merges deflate almost everything.
    const early = tridiagonalOf(n, cmaCovariance(n, () => 0.97, 25, rng));
    expectAccurate(early);
    const { values } = divideAndConquer(early);
    expect(values.filter((v) => Math.abs(v - 0.97) < 1e-12).length).toBe(n - 25);
    // Late: axis scales spread over six decades.
    expectAccurate(tridiagonalOf(n, cmaCovariance(n, (i) => Math.pow(10, (-6 * i) / n), 40, rng)));
  });
});
