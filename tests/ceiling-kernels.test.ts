/**
 * The measuring kernels of bench/arithmetic-ceiling.ts (kernels/ceiling.ts) compute what they claim, so that the
 * GFlop/s the bench prints count real work: dsymv's product from the lower triangle only, and the register loop's
 * chains run to their fixed point.
 */
import { describe, expect, it } from 'vitest';
import { KernelHeap, kernelInstance } from '../src/core/kernels/wasm.ts';
import { Rng } from '../src/core/rng.ts';

describe('measuring kernels (kernels/ceiling.ts)', () => {
  it('symmetricMultiply gives A·x reading only the lower triangle', () => {
    const kernels = kernelInstance()!;
    const n = 10;
    const heap = new KernelHeap(kernels);
    const a = heap.reserve(n * n);
    const x = heap.reserve(n);
    const y = heap.reserve(n);
    heap.commit();
    const rng = new Rng('ceiling-kernels');
    const A = heap.view(a, n * n);
    const full = new Float64Array(n * n);
    for (let i = 0; i < n; i++) {
      for (let j = 0; j <= i; j++) full[i * n + j] = full[j * n + i] = A[i * n + j] = rng.uniform() - 0.5;
      // The upper triangle holds garbage that must not be read.
      for (let j = i + 1; j < n; j++) A[i * n + j] = Number.NaN;
    }
    const X = heap.view(x, n);
    for (let i = 0; i < n; i++) X[i] = rng.uniform() - 0.5;
    heap.view(y, n).fill(Number.NaN);
    kernels.symmetricMultiply!(a, n, x, y);
    const Y = heap.view(y, n);
    for (let i = 0; i < n; i++) {
      let s = 0;
      for (let j = 0; j < n; j++) s += full[i * n + j] * X[j];
      expect(Y[i]).toBeCloseTo(s, 14);
    }
  });

  it('multiplyAddPeak runs its twelve two-lane chains to 2 each', () => {
    const kernels = kernelInstance()!;
    expect(kernels.multiplyAddPeak!(100, 0.5, 1)).toBe(48);
    expect(kernels.multiplyAddPeak!(0, 0.5, 1)).toBe(2 * (0 + 1 + 2 + 3 + 4 + 5 + 6 + 7 + 8 + 9 + 10 + 11));
  });
});
