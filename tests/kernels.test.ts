/**
 * The WebAssembly kernels against the typed-array reference they replace: the same numbers, bit for bit (the SIMD
 * lanes run over independent outputs, never over the terms of one sum, except the sphere's, whose reference sums in
 * the lanes' order; and there is no fused multiply–add), on shapes that reach every remainder loop (widths not
 * multiples of four, row counts not multiples of four or of the chunk).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { completeKernels, KernelHeap, kernelInstance, useKernels } from '../src/core/kernels/wasm.ts';
import { applyBackTransform, backTransform, prepareBackTransform, preparedBackTransformLength } from '../src/core/linalg/householder-back-transform.ts';
import { reduceToTridiagonal, symmetricEigen, symmetricEigenFactored, tridiagonalize } from '../src/core/linalg/symmetric-eigen.ts';
import { DIVIDE_AND_CONQUER_MIN, tridiagonalEigen } from '../src/core/linalg/tridiagonal-divide-conquer.ts';
import { fastTanh } from '../src/core/nets/fast-math.ts';
import { cmaEs } from '../src/core/optimizers/cma-es.ts';
import { optimizerParams, problemOf } from '../src/core/run/instance.ts';
import { type Architecture, Network } from '../src/core/nets/mlp-net.ts';
import type { ContinuousLandscape } from '../src/core/landscapes/landscape.ts';
import { sphere } from '../src/core/landscapes/sphere.ts';
import { deriveRng, Rng } from '../src/core/rng.ts';

afterEach(() => {
  useKernels(true);
});

function randomArray(length: number, seed: string): Float64Array {
  const rng = deriveRng(1, 'kernels-test', seed);
  return Float64Array.from({ length }, () => 2 * rng.uniform() - 1);
}

function network(arch: Architecture, rows: number, kernels: boolean): Network {
  const previous = useKernels(kernels);
  try {
    const x = randomArray(rows * arch.inputs, 'x');
    const y = arch.loss === 'mse' ? randomArray(rows, 'y') : randomArray(rows, 'y').map((v) => (v > 0 ? 1 : -1));
    return new Network(arch, x, y);
  } finally {
    useKernels(previous);
  }
}

describe('WebAssembly kernels', () => {
  it('load in Node, with a memory that starts empty (callers lay it out from byte 64 on)', () => {
    const kernels = kernelInstance();
    expect(kernels).not.toBeNull();
    expect(kernels!.memory.buffer.byteLength).toBe(0);
  });

  it('are refused, for the reference, when the build lacks a function this code calls (a stale generated module)', () => {
    const full = kernelInstance()!;
    expect(completeKernels(full)).toBe(full);
    // A build from before CMA-ES's kernels: its instance has no updateCovariance, and no caller may be handed it.
    const { updateCovariance: _dropped, ...older } = full as unknown as Record<string, unknown>;
    expect(completeKernels({ ...older, memory: full.memory })).toBeNull();
  });

  it("compute fastTanh's bits, and 1 − tanh², at the edges of its ranges and two at a time", () => {
    const kernels = kernelInstance()!;
    kernels.memory.grow(1);
    const edges = [0, -0, 1e-300, -5e-324, 0.1733, -0.3466, 0.3467, 19.0614, -19.0614, 19.0615, -19.0616, 700, Infinity, -Infinity, NaN];
    const values = [...edges, ...randomArray(301, 't').map((v) => 25 * v)];
    const z = new Float64Array(kernels.memory.buffer, 64, values.length);
    const deriv = new Float64Array(kernels.memory.buffer, 64 + 8 * 320, values.length);
    z.set(values);
    kernels.tanhInPlace(z.byteOffset, deriv.byteOffset, values.length);
    expect(Array.from(z)).toEqual(values.map(fastTanh));
    expect(Array.from(deriv)).toEqual(values.map((v) => 1 - fastTanh(v) * fastTanh(v)));
    z.set(values);
    kernels.tanhInPlace(z.byteOffset, 0, values.length);
    expect(Array.from(z)).toEqual(values.map(fastTanh));
  });

  const shapes: [string, Architecture, number][] = [
    ['the benchmark network, 20-64-1 tanh', { inputs: 20, hidden: [64], activation: 'tanh', residual: false, loss: 'mse' }, 300],
    ['odd widths 7-5-6-1 relu', { inputs: 7, hidden: [5, 6], activation: 'relu', residual: false, loss: 'mse' }, 131],
    ['residual 6-8-8-3-1 sigmoid, cross-entropy', { inputs: 6, hidden: [8, 8, 3], activation: 'sigmoid', residual: true, loss: 'cross-entropy' }, 67],
    ['one input, one unit', { inputs: 1, hidden: [1], activation: 'tanh', residual: false, loss: 'mse' }, 3],
  ];
  for (const [name, arch, rows] of shapes) {
    it(`give the reference's loss, gradient and predictions bit for bit: ${name}`, () => {
      const fast = network(arch, rows, true);
      const reference = network(arch, rows, false);
      const w = randomArray(fast.dim, 'w');
      const indices = Int32Array.from({ length: rows }, (_, i) => (i * 7) % rows);
      const gFast = new Float64Array(fast.dim);
      const gReference = new Float64Array(fast.dim);
      const lossFast = fast.lossGradient(w, indices, 0, rows, gFast, -1);
      const lossReference = reference.lossGradient(w, indices, 0, rows, gReference, -1);
      expect(lossFast).toBe(lossReference);
      expect(Array.from(gFast)).toEqual(Array.from(gReference));
      expect(gReference.some((v) => v !== 0)).toBe(true);
      const padded = new Float64Array(3 + fast.dim);
      padded.set(w, 3);
      expect(fast.loss(padded, 3, 1, rows)).toBe(reference.loss(padded, 3, 1, rows));
      const inputs = randomArray(5 * arch.inputs, 'p');
      const [pFast, pReference] = [new Float64Array(5), new Float64Array(5)];
      fast.predict(w, 0, inputs, 5, pFast);
      reference.predict(w, 0, inputs, 5, pReference);
      expect(Array.from(pFast)).toEqual(Array.from(pReference));
    });
  }
});

describe('the eigensolver kernel', () => {
  function decompose(n: number, a: Float64Array, kernels: boolean) {
    const values = new Float64Array(n);
    const vectors = new Float64Array(n * n);
    const previous = useKernels(kernels);
    try {
      symmetricEigen(n, a, values, vectors);
    } finally {
      useKernels(previous);
    }
    return { values: Array.from(values), vectors: Array.from(vectors) };
  }

  function symmetric(n: number, seed: string): Float64Array {
    const r = randomArray(n * n, seed);
    const a = new Float64Array(n * n);
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) a[i * n + j] = r[Math.min(i, j) * n + Math.max(i, j)];
    return a;
  }

  // Sizes around the rotation block (16 columns), the accumulation's blocks of eight rows and the two-lane loops; matrices that take tred2's zero-scale branch
  // (zero rows), repeated eigenvalues (identity plus rank one) and an already diagonal matrix.
  const cases: [string, number, (n: number) => Float64Array][] = [
    ['random', 1, (n) => symmetric(n, 'r1')],
    ['random', 2, (n) => symmetric(n, 'r2')],
    ['random', 3, (n) => symmetric(n, 'r3')],
    ['random', 16, (n) => symmetric(n, 'r16')],
    ['random', 17, (n) => symmetric(n, 'r17')],
    ['random', 45, (n) => symmetric(n, 'r45')],
    ['random', 67, (n) => symmetric(n, 'r67')],
    ['random', 26, (n) => symmetric(n, 'r26')],
    ['random', 130, (n) => symmetric(n, 'r130')],
    ['zero', 9, (n) => new Float64Array(n * n)],
    ['zero', 30, (n) => new Float64Array(n * n)],
    ['diagonal', 12, (n) => Float64Array.from({ length: n * n }, (_, k) => (k % (n + 1) === 0 ? (k % 7) - 3 : 0))],
    [
      'identity plus rank one',
      20,
      (n) => {
        const u = randomArray(n, 'u');
        return Float64Array.from({ length: n * n }, (_, k) => (k % (n + 1) === 0 ? 2 : 0) + u[Math.floor(k / n)] * u[k % n]);
      },
    ],
  ];
  for (const [name, n, make] of cases) {
    it(`gives the reference's eigenvalues and eigenvectors bit for bit (${name}, n = ${n})`, () => {
      const a = make(n);
      const fast = decompose(n, a, true);
      expect(fast).toEqual(decompose(n, a, false));
      expect(fast.values.every(Number.isFinite)).toBe(true);
    });
  }

  function factored(n: number, a: Float64Array, kernels: boolean) {
    const [values, h, Z, W] = [new Float64Array(n), new Float64Array(n), new Float64Array(n * n), new Float64Array(n * n)];
    const previous = useKernels(kernels);
    try {
      symmetricEigenFactored(n, a, values, Z, W, h);
    } finally {
      useKernels(previous);
    }
    return { values, h, Z, W };
  }
  for (const [name, n, make] of cases.filter(([, n]) => n > DIVIDE_AND_CONQUER_MIN)) {
    it(`stops before the back-transformation with the reference's bits, and Z·Qᵀ is symmetricEigen's (${name}, n = ${n})`, () => {
      const a = make(n);
      const fast = factored(n, a, true);
      const reference = factored(n, a, false);
      expect([fast.values, fast.h, fast.Z, fast.W].map((v) => Array.from(v))).toEqual([reference.values, reference.h, reference.Z, reference.W].map((v) => Array.from(v)));
      const prepared = new Float64Array(preparedBackTransformLength(n));
      prepareBackTransform(n, reference.W, reference.h, prepared);
      applyBackTransform(n, reference.W, prepared, reference.Z, n, n);
      expect({ values: Array.from(reference.values), vectors: Array.from(reference.Z) }).toEqual(decompose(n, a, false));
    });
  }
});

describe('the divide-and-conquer tridiagonal kernel', () => {
  interface Tridiagonal {
    d: Float64Array;
    e: Float64Array;
  }

  function kernel({ d, e }: Tridiagonal) {
    const n = d.length;
    const k = kernelInstance()!;
    const base = 64;
    const missing = base + k.tridiagonalFixedBytes(n) - k.memory.buffer.byteLength;
    if (missing > 0) k.memory.grow(Math.ceil(missing / 65536));
    new Float64Array(k.memory.buffer, base, n).set(d);
    new Float64Array(k.memory.buffer, base + 8 * n, n).set(e);
    k.tridiagonalEigen(n, base);
    // A QL leaf may have grown the memory: views only from here on.
    const out = new Float64Array(k.memory.buffer, base, 2 * n + n * n);
    expect(Array.from(out.subarray(n, n + e.length))).toEqual(Array.from(e));
    return { values: Array.from(out.subarray(0, n)), vectors: Array.from(out.subarray(2 * n)) };
  }

  function reference({ d, e }: Tridiagonal) {
    const n = d.length;
    const values = d.slice();
    const vectors = new Float64Array(n * n);
    tridiagonalEigen(n, values, e.slice(), vectors);
    return { values: Array.from(values), vectors: Array.from(vectors) };
  }

  function random(n: number, seed: string): Tridiagonal {
    return { d: randomArray(n, `${seed}-d`), e: randomArray(Math.max(0, n - 1), `${seed}-e`) };
  }

  /** The tridiagonal form of a CMA-ES-like covariance: I plus small rank-one steps, whose merges deflate heavily. */
  function cmaLike(n: number, rank: number): Tridiagonal {
    const a = new Float64Array(n * n);
    for (let i = 0; i < n; i++) a[i * n + i] = 1;
    for (let r = 0; r < rank; r++) {
      const y = randomArray(n, `cma-step-${r}`);
      for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) a[i * n + j] += 0.01 * y[i] * y[j];
    }
    const d = new Float64Array(n);
    const e = new Float64Array(n);
    tridiagonalize(n, a, d, e);
    return { d, e: e.slice(1) };
  }

  const M = DIVIDE_AND_CONQUER_MIN;
  // Sizes below, at and above the QL leaf size, odd and even halves, widths not multiples of four in the products;
  // repeated eigenvalues (glued Wilkinson blocks: nearly equal pairs, deflated by rotation; a zero coupling splits
  // the matrix; the 1-2-1 matrix's mirrored halves), a diagonal one (every z negligible) and the zero matrix.
  const cases: [string, Tridiagonal][] = [
    ['random', random(1, 'r1')],
    ['random', random(7, 'r7')],
    ['random', random(M, 'rM')],
    ['random', random(M + 1, 'rM1')],
    ['random', random(61, 'r61')],
    ['random', random(203, 'r203')],
    [
      'glued Wilkinson blocks',
      (() => {
        const block = 21;
        const d = Float64Array.from({ length: 5 * block }, (_, i) => Math.abs((i % block) - (block - 1) / 2));
        const e = Float64Array.from({ length: 5 * block - 1 }, (_, i) => ((i + 1) % block === 0 ? 1e-8 : 1));
        return { d, e };
      })(),
    ],
    ['split by a zero coupling', { d: randomArray(80, 'split-d'), e: randomArray(79, 'split-e').map((v, i) => (i === 39 ? 0 : v)) }],
    ['1-2-1', { d: new Float64Array(96).fill(2), e: new Float64Array(95).fill(1) }],
    ['diagonal with repeats', { d: Float64Array.from({ length: 70 }, (_, i) => i % 3), e: new Float64Array(69) }],
    ['zero', { d: new Float64Array(40), e: new Float64Array(39) }],
    ['CMA-like covariance', cmaLike(150, 6)],
  ];
  for (const [name, t] of cases) {
    it(`gives the reference's eigenvalues and eigenvectors bit for bit (${name}, n = ${t.d.length})`, () => {
      const fast = kernel(t);
      expect(fast).toEqual(reference(t));
      expect(fast.values.every(Number.isFinite)).toBe(true);
    });
  }
});

describe('the Householder reduction and back-transformation kernels', () => {
  // The reduction's reflectors and their application to a random Z, in the kernel and in the reference. Sizes reach
  // every remainder: rows and the last block's columns not multiples of four (n = 6, 7, 37), one full block of 32
  // reflectors (33) and one more (34), a partial third block (70), and steps without a reflector (h = 0: zeros off
  // the diagonal in the last half). The reduction's panels of 16 columns: one short panel (n ≤ 7), leading blocks
  // to update of 17 and 1 rows (33), 21, 5 and 1 (37: 4 × 4 blocks and one row and column past them), 54, 38, 22
  // and 6 (70: two rows and columns past them) and 84, 68, …, 4 (100: whole blocks only).
  const cases: [string, number][] = [
    ['random', 1],
    ['random', 2],
    ['random', 6],
    ['random', 7],
    ['random', 33],
    ['random', 34],
    ['random', 37],
    ['random', 70],
    ['random', 100],
    ['with identity steps', 41],
  ];
  for (const [name, n] of cases) {
    it(`gives the reference's reflectors and Z·Qᵀ bit for bit (${name}, n = ${n})`, () => {
      const r = randomArray(n * n, `bt-${n}`);
      const a = new Float64Array(n * n);
      for (let i = 0; i < n; i++) {
        for (let j = 0; j < n; j++) {
          const zeroed = name !== 'random' && i !== j && Math.max(i, j) >= n >> 1;
          a[i * n + j] = zeroed ? 0 : r[Math.min(i, j) * n + Math.max(i, j)];
        }
      }
      const Z = randomArray(n * n, `bt-z-${n}`);
      const W = a.slice();
      const [d, e, h] = [new Float64Array(n), new Float64Array(n), new Float64Array(n)];
      reduceToTridiagonal(n, W, d, e, h);
      backTransform(n, W, h, Z);

      const kernels = kernelInstance()!;
      const heap = new KernelHeap(kernels);
      const [kW, kd, ke, kh, kZ] = [heap.reserve(n * n), heap.reserve(n), heap.reserve(n), heap.reserve(n), heap.reserve(n * n)];
      const scratch = heap.reserve(Math.ceil(Math.max(kernels.backTransformScratchBytes(n), kernels.reductionScratchBytes(n)) / 8));
      const count = Math.min(n, 5);
      const stride = n + 3;
      const kPrepared = heap.reserve(Math.ceil(kernels.backTransformPreparedBytes(n) / 8));
      const kRows = heap.reserve(count * stride);
      const kScratch = heap.reserve(Math.ceil(kernels.backTransformApplyScratchBytes() / 8));
      heap.commit();
      heap.view(kW, n * n).set(a);
      heap.view(kZ, n * n).set(randomArray(n * n, `bt-z-${n}`));
      kernels.reduceToTridiagonal(n, kW, kd, ke, kh, scratch);
      expect([kd, ke, kh].map((at) => Array.from(heap.view(at, n)))).toEqual([d, e, h].map((v) => Array.from(v)));
      expect(Array.from(heap.view(kW, n * n))).toEqual(Array.from(W));
      if (name !== 'random') expect(h.filter((v) => v === 0).length).toBeGreaterThan(n >> 2);
      kernels.backTransform(n, kW, kh, kZ, scratch);
      expect(Array.from(heap.view(kZ, n * n))).toEqual(Array.from(Z));

      // Prepared once and applied to a few rows a stride apart wider than n, as CMA-ES applies Qᵀ to its samples:
      // five rows (a block of four and a single one) get the bits of the same rows of Z·Qᵀ, and the padding stays.
      const fromZ = randomArray(n * n, `bt-z-${n}`);
      const padded = (rows: Float64Array) => {
        for (let k = 0; k < count; k++) rows.set(fromZ.subarray(k * n, k * n + n), k * stride);
        for (let k = 0; k < count; k++) rows.fill(-7, k * stride + n, k * stride + stride);
        return rows;
      };
      const expected = Array.from(padded(new Float64Array(count * stride)));
      for (let k = 0; k < count; k++) for (let j = 0; j < n; j++) expected[k * stride + j] = Z[k * n + j];
      const prepared = new Float64Array(preparedBackTransformLength(n));
      prepareBackTransform(n, W, h, prepared);
      const rows = padded(new Float64Array(count * stride));
      applyBackTransform(n, W, prepared, rows, count, stride);
      expect(Array.from(rows)).toEqual(expected);

      kernels.prepareBackTransform(n, kW, kh, kPrepared, kScratch);
      heap.view(kRows, count * stride).set(padded(new Float64Array(count * stride)));
      kernels.applyBackTransform(n, kPrepared, kRows, count, stride, kScratch);
      expect(Array.from(heap.view(kRows, count * stride))).toEqual(expected);
    });
  }
});

describe("CMA-ES's sampling and covariance kernels", () => {
  // Generations of ask/tell with the kernels and with the typed-array reference, from the same seed: every sample
  // and the final mean, step size and covariance must agree bit for bit. The shapes reach the kernels' remainders:
  // odd and even N, λ not a multiple of four (a single leftover row), and N = 1; N = 30 and 37 keep the eigenvectors
  // factored (above DIVIDE_AND_CONQUER_MIN), with rows of Qᵀ's blocks not multiples of four.
  function begin(n: number, lambda: number) {
    const problem = problemOf({ id: 'rastrigin', dim: n, params: {} });
    const params = optimizerParams(cmaEs, problem, { id: 'cma-es', label: 'cma-es', params: { lambda } }) as ReturnType<typeof cmaEs.defaults>;
    const rng = deriveRng(7, 'cma-kernels', n);
    const start = { x0: randomArray(n, `x0-${n}`), fitness0: 0, rng: deriveRng(7, 'start') };
    return { n, lambda, params, rng, state: cmaEs.init(rng, problem, start, params), fitness: new Float64Array(lambda) };
  }
  type Racer = ReturnType<typeof begin>;
  function ask(racer: Racer): Float64Array {
    const batch = cmaEs.ask(racer.rng, racer.state, racer.params);
    if (batch.kind !== 'points') throw new Error('cma-es asks for points');
    return batch.genes as Float64Array;
  }
  function tell(racer: Racer, genes: Float64Array): void {
    const { n, lambda, fitness } = racer;
    // A tilted quadratic, so that the ranking (and so every rank-μ term) depends on all coordinates.
    for (let c = 0; c < lambda; c++) {
      let sum = 0;
      for (let i = 0; i < n; i++) sum -= (i + 1) * (genes[c * n + i] - 0.3) ** 2;
      fitness[c] = sum;
    }
    cmaEs.tell(racer.rng, { kind: 'points', genes, count: lambda }, { fitness }, racer.state, racer.params);
  }
  const outcome = ({ state }: Racer) => ({ decompositions: state.eigeneval, mean: Array.from(state.mean), sigma: state.sigma, C: Array.from(state.C) });
  function race(n: number, lambda: number, kernels: boolean) {
    const previous = useKernels(kernels);
    try {
      const racer = begin(n, lambda);
      const samples: number[] = [];
      for (let generation = 0; generation < 12; generation++) {
        const genes = ask(racer);
        samples.push(...genes);
        tell(racer, genes);
      }
      return { samples, ...outcome(racer) };
    } finally {
      useKernels(previous);
    }
  }
  for (const [n, lambda] of [[23, 10], [16, 8], [1, 5], [6, 13], [30, 10], [37, 9]]) {
    it(`give the reference's samples, mean, step size and covariance bit for bit (N = ${n}, λ = ${lambda})`, () => {
      const fast = race(n, lambda, true);
      const reference = race(n, lambda, false);
      // The samples after the first decomposition go through the eigenvectors.
      expect(fast.decompositions).toBeGreaterThan(0);
      expect(fast).toEqual(reference);
    });
  }
  for (const n of [23, 30]) it(`keep two runs of one shape apart when they take turns in the thread (an original and its diverging clone, N = ${n})`, () => {
    // The kernels keep the last run's covariance and eigenvectors (at N = 30 those of T and the prepared blocks of
    // Qᵀ) between calls; a run must never be handed another's, even at the same generation and decomposition count.
    const cloneOf = (racer: Racer): Racer => ({ ...racer, state: structuredClone(racer.state), rng: deriveRng(7, 'clone'), fitness: new Float64Array(10) });
    const first = begin(n, 10);
    for (let generation = 0; generation < 3; generation++) tell(first, ask(first));
    const cloneAlone = cloneOf(first);
    for (let generation = 3; generation < 12; generation++) tell(cloneAlone, ask(cloneAlone));
    const { samples: _samples, ...originalAlone } = race(n, 10, true);

    const original = begin(n, 10);
    for (let generation = 0; generation < 3; generation++) tell(original, ask(original));
    const clone = cloneOf(original);
    for (let generation = 3; generation < 12; generation++) {
      const ours = ask(original);
      const theirs = ask(clone);
      tell(original, ours);
      tell(clone, theirs);
    }
    expect(outcome(clone).C).not.toEqual(outcome(original).C);
    expect(outcome(original)).toEqual(originalAlone);
    expect(outcome(clone)).toEqual(outcome(cloneAlone));
  });
  it('resume a run cloned after a decomposition, with the kernels off, on the same numbers (N = 30)', () => {
    // The reference transposes T's eigenvectors and prepares Qᵀ's blocks on first use, so a state that only the
    // kernels sampled from so far carries neither and still continues bit for bit.
    const first = begin(30, 10);
    for (let generation = 0; generation < 4; generation++) tell(first, ask(first));
    expect([first.state.prepared.length, first.state.transposedAt]).toEqual([0, -1]);
    const clone: Racer = { ...first, state: structuredClone(first.state), rng: new Rng('unused', first.rng.state()), fitness: new Float64Array(10) };
    const previous = useKernels(false);
    try {
      for (let generation = 4; generation < 8; generation++) tell(clone, ask(clone));
    } finally {
      useKernels(previous);
    }
    for (let generation = 4; generation < 8; generation++) tell(first, ask(first));
    expect(outcome(clone)).toEqual(outcome(first));
  });
});

describe("the sphere's gradient step kernel", () => {
  // Lengths around the eight- and four-wide loops (1 to 17), long ones, and ones around the page touches' reach (the
  // kernel touches x 8192 numbers ahead of each 512: none at 8192, the last number at 8193 and 8705, many at 20013), with
  // values that make each partial sum differ, and points whose sum is NaN or overflows (the fitness must say so, as the
  // reference's does).
  const points: [string, (n: number) => Float64Array][] = [
    ['random', (n) => randomArray(n, `sphere-${n}`).map((v, i) => v * (1 + (i % 5)) * 1e3)],
    ['with a NaN', (n) => randomArray(n, 'nan').map((v, i) => (i === n - 1 ? NaN : v))],
    ['overflowing', (n) => randomArray(n, 'big').map((v) => v * 1e160)],
  ];
  for (const [name, make] of points) {
    it(`steps and sums as the typed-array loop does, bit for bit (${name})`, () => {
      for (const n of [...Array.from({ length: 17 }, (_, i) => i + 1), 1001, 1004, 8192, 8193, 8705, 20013]) {
        const landscape = sphere.create(n, {}, new Rng('s')) as ContinuousLandscape;
        const x = make(n);
        const [inKernel, nextInKernel] = landscape.stepBuffers!(2)!;
        // Both in one kernel memory: the kernel's path; plain arrays: the reference loop.
        expect(inKernel.buffer).toBe(nextInKernel.buffer);
        inKernel.set(x);
        const next = new Float64Array(n);
        const fitness = landscape.gradientStep!(x, 0.37, next);
        expect(landscape.gradientStep!(inKernel, 0.37, nextInKernel)).toBe(fitness);
        expect(Array.from(nextInKernel)).toEqual(Array.from(next));
        // In place, as the run steps.
        inKernel.set(x);
        expect(landscape.gradientStep!(inKernel, 0.37, inKernel)).toBe(fitness);
        expect(Array.from(inKernel)).toEqual(Array.from(next));
        // The one-pass step's fitness is fitnessAt's and gradient's, and its point x + a·gradient.
        const gradient = new Float64Array(n);
        expect(landscape.gradient!(x, gradient)).toBe(fitness);
        expect(landscape.fitnessAt(Float64Array.of(9, 9, ...x), 2)).toBe(fitness);
        expect(Array.from(next)).toEqual(Array.from(x, (v, i) => v + 0.37 * gradient[i]));
        if (name === 'random') expect(Number.isFinite(fitness)).toBe(true);
        else expect(Number.isFinite(fitness)).toBe(false);
      }
    });
  }

  it("reads nothing past x's last number when touching pages ahead (x at the very end of the memory)", () => {
    // 8704: a block starts exactly 8192 numbers before x's end, where one more touch would read past it.
    for (const n of [8193, 8704, 8705, 20013]) {
      const kernels = kernelInstance()!;
      kernels.memory.grow(Math.ceil((8 * n + 64) / 65536));
      const at = kernels.memory.buffer.byteLength - 8 * n;
      const x = randomArray(n, `end-${n}`);
      new Float64Array(kernels.memory.buffer, at, n).set(x);
      const next = new Float64Array(n);
      const fitness = (sphere.create(n, {}, new Rng('s')) as ContinuousLandscape).gradientStep!(x, 0.37, next);
      expect(kernels.sphereStep(at, n, 0.37, at)).toBe(fitness);
      expect(Array.from(new Float64Array(kernels.memory.buffer, at, n))).toEqual(Array.from(next));
    }
  });

  it('gets no step buffers with the kernels off, so the reference loop runs', () => {
    useKernels(false);
    expect((sphere.create(8, {}, new Rng('s')) as ContinuousLandscape).stepBuffers!(3)).toBeUndefined();
  });
});
