/** Sphere: fitness −Σ xᵢ². Convex, one optimum at the origin; the baseline every method should solve. */
import { z } from 'zod';
import { type KernelExports, KernelHeap, kernelInstance } from '../kernels/wasm.ts';
import { type ContinuousLandscape, defineLandscape } from './landscape.ts';

const BOX = [-5.12, 5.12] as const;

export const sphere = defineLandscape({
  id: 'sphere',
  title: 'Sphere',
  space: 'continuous',
  summary: 'Convex bowl −Σxᵢ²; a single optimum at the origin.',
  box: BOX,
  minDim: 1,
  params: z.strictObject({}),
  memoryBytes: (dim) => 8 * dim,
  create(dim) {
    const landscape: ContinuousLandscape = {
      id: 'sphere',
      space: 'continuous',
      dim,
      reading: 'loss',
      gradientCost: 2,
      lower: BOX[0],
      upper: BOX[1],
      optimumFitness: 0,
      optimum: new Float64Array(dim),
      fitnessAt(x, offset) {
        return -sumOfSquares(x, offset, dim);
      },
      gradient(x, out) {
        // The sum in sumOfSquares's order, so the fitness is the same double as fitnessAt's.
        let s0 = 0;
        let s1 = 0;
        let s2 = 0;
        let s3 = 0;
        const quads = dim & ~3;
        let i = 0;
        for (; i < quads; i = (i + 4) | 0) {
          const p = x[i];
          const q = x[(i + 1) | 0];
          const r = x[(i + 2) | 0];
          const t = x[(i + 3) | 0];
          s0 += p * p;
          s1 += q * q;
          s2 += r * r;
          s3 += t * t;
          out[i] = -2 * p;
          out[(i + 1) | 0] = -2 * q;
          out[(i + 2) | 0] = -2 * r;
          out[(i + 3) | 0] = -2 * t;
        }
        let s = s0 + s2 + (s1 + s3);
        for (; i < dim; i++) {
          const xi = x[i];
          s += xi * xi;
          out[i] = -2 * xi;
        }
        return -s;
      },
      hessianVectorCost: 1,
      // Per coordinate: xᵢ², the running sum, −2xᵢ; the product −2vᵢ.
      flopsPerGradient: 3 * dim,
      flopsPerHessianVector: dim,
      hessianVector(_x, v, out) {
        for (let i = 0; i < dim; i++) out[i] = -2 * v[i];
      },
    };
    // Not enumerable: a copy made by spreading ({ ...sphere, gradient: … }, as wrappers and tests do) must not keep a
    // one-pass step that no longer matches its gradient; it falls back to the separate passes.
    Object.defineProperties(landscape, {
      gradientStep: {
        enumerable: false,
        value: (x: Float64Array, a: number, next: Float64Array) => gradientStep(dim, x, a, next),
      },
      stepBuffers: { enumerable: false, value: (count: number) => kernelPoints(dim, count) },
    });
    return landscape;
  },
});

/**
 * Σ xᵢ² over x[offset .. offset + dim) in the order of the kernel (kernels/sphere.ts): four partial sums s_j over
 * the indices ≡ j (mod 4) from offset, joined as (s0 + s2) + (s1 + s3), then the last dim mod 4 squares one by one.
 * One running sum would wait one floating-point add per element; four chains of adds overlap.
 */
function sumOfSquares(x: Float64Array, offset: number, dim: number): number {
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  const quadsEnd = offset + (dim & ~3);
  let i = offset;
  for (; i < quadsEnd; i = (i + 4) | 0) {
    const p = x[i];
    const q = x[(i + 1) | 0];
    const r = x[(i + 2) | 0];
    const t = x[(i + 3) | 0];
    s0 += p * p;
    s1 += q * q;
    s2 += r * r;
    s3 += t * t;
  }
  let s = s0 + s2 + (s1 + s3);
  for (const end = offset + dim; i < end; i++) s += x[i] * x[i];
  return s;
}

/** The kernel instance that owns each memory `stepBuffers` handed out, by that memory's buffer. */
const kernelsOfMemory = new WeakMap<ArrayBufferLike, KernelExports>();

/**
 * `count` points in the memory of a kernel instance of their own (`ContinuousLandscape.stepBuffers`), so that
 * `gradientStep` between two of them runs the SIMD kernel with no copy in or out; undefined where the kernels are off,
 * missing, or the points would not fit in a WebAssembly memory (then the caller's own arrays take the reference loop).
 */
function kernelPoints(dim: number, count: number): Float64Array[] | undefined {
  const kernels = kernelInstance();
  if (!kernels) return undefined;
  const heap = new KernelHeap(kernels);
  const offsets = Array.from({ length: count }, () => heap.reserve(dim));
  try {
    heap.commit();
  } catch {
    return undefined;
  }
  kernelsOfMemory.set(kernels.memory.buffer, kernels);
  return offsets.map((at) => heap.view(at, dim));
}

/**
 * x + a·∇f(x) into `next` and f(x) in one pass (`ContinuousLandscape.gradientStep`): the same sums and products as
 * `gradient` followed by the update, without the gradient's buffer. Between two points of one `stepBuffers` memory the
 * kernel takes the step, elsewhere this loop; both give the same bits.
 */
function gradientStep(dim: number, x: Float64Array, a: number, next: Float64Array): number {
  const kernels = kernelsOfMemory.get(x.buffer);
  if (kernels && next.buffer === x.buffer) return kernels.sphereStep(x.byteOffset, dim, a, next.byteOffset);
  // No separate non-finite scan: the gradient −2x can only be non-finite where Σx² already is (NaN, or
  // |x| > 1.3·10¹⁵⁴ overflows the sum first), and then the fitness is.
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  const quads = dim & ~3;
  let i = 0;
  for (; i < quads; i = (i + 4) | 0) {
    const p = x[i];
    const q = x[(i + 1) | 0];
    const r = x[(i + 2) | 0];
    const t = x[(i + 3) | 0];
    s0 += p * p;
    s1 += q * q;
    s2 += r * r;
    s3 += t * t;
    next[i] = p + a * (-2 * p);
    next[(i + 1) | 0] = q + a * (-2 * q);
    next[(i + 2) | 0] = r + a * (-2 * r);
    next[(i + 3) | 0] = t + a * (-2 * t);
  }
  let s = s0 + s2 + (s1 + s3);
  for (; i < dim; i++) {
    const xi = x[i];
    s += xi * xi;
    next[i] = xi + a * (-2 * xi);
  }
  return -s;
}
