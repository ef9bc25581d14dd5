/**
 * The WebAssembly SIMD kernels (kernels/*.ts, AssemblyScript, built by kernels/build.mjs): the MLP's matrix products
 * and tanh, the symmetric eigensolver and its divide-and-conquer tridiagonal stage, CMA-ES's sampling and covariance update, and the sphere's gradient step. Each caller gets its own
 * instance, with its own memory laid out once by a `KernelHeap`, so no state is shared between networks, runs or
 * workers. The kernels compute what the typed-array reference computes, in the same order, bit for bit
 * (tests/kernels.test.ts); the reference runs wherever
 * WebAssembly is missing or refuses to compile (a browser's main thread allows synchronous compilation of small
 * modules only) and when `useKernels(false)` asks for it.
 */
import { KERNELS_WASM_BASE64 } from './kernels-wasm.generated.ts';

/** The little of a WebAssembly.Memory the callers use (the library build's lib has no WebAssembly types). */
export interface KernelMemory {
  readonly buffer: ArrayBuffer;
  grow(pages: number): number;
}

/** The WebAssembly API as this module uses it, looked up on globalThis (absent in some engines). */
interface WasmApi {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { exports: unknown };
}

export interface KernelExports {
  readonly memory: KernelMemory;
  forwardLayer(w: number, b: number, nin: number, nout: number, a: number, z: number, count: number): void;
  weightGradient(a: number, g: number, out: number, bias: number, nin: number, nout: number, count: number): void;
  inputGradient(wT: number, g: number, dIn: number, nin: number, nout: number, count: number): void;
  /** z ← tanh(z) over `size` numbers at byte offset z; with deriv ≠ 0, deriv ← 1 − tanh². */
  tanhInPlace(z: number, deriv: number, size: number): void;
  eigenFixedBytes(n: number): number;
  symmetricEigen(n: number, base: number): void;
  /** symmetricEigen without the back-transformation, n > 25: values in d, reflectors in W (kernels/eigen.ts). */
  symmetricEigenFactored(n: number, base: number): void;
  /** Byte offsets, in symmetricEigen's layout from `base`, of the reflectors' scalars and of T's eigenvectors (rows). */
  factoredScalesAt(n: number, base: number): number;
  factoredVectorsAt(n: number, base: number): number;
  tridiagonalFixedBytes(n: number): number;
  /** Divide and conquer on the tridiagonal (d, e) at `base` (kernels/tridiagonal-dc.ts): values into d, vectors as rows after e. */
  tridiagonalEigen(n: number, base: number): void;
  /**
   * The blocked Householder reduction alone, leaving the reflectors in W and their scalars in h
   * (kernels/tridiagonal-reduction.ts); scratch of reductionScratchBytes(n).
   */
  reduceToTridiagonal(n: number, W: number, d: number, e: number, h: number, scratch: number): void;
  reductionScratchBytes(n: number): number;
  /** tred2's unblocked reduction alone, in symmetricEigen's layout (kernels/eigen.ts; for the benches). */
  reduceUnblocked(n: number, base: number): void;
  /** The reduction and the accumulation that forms Q, in symmetricEigen's layout (kernels/eigen.ts). */
  tridiagonalize(n: number, base: number): void;
  /** Z ← Z·Qᵀ from those reflectors, in blocks (kernels/back-transform.ts); scratch of backTransformScratchBytes(n). */
  backTransform(n: number, W: number, h: number, Z: number, scratch: number): void;
  backTransformScratchBytes(n: number): number;
  /** backTransform's blocks (Y and T·Yᵀ) packed once into backTransformPreparedBytes(n) bytes at `prepared`. */
  prepareBackTransform(n: number, W: number, h: number, prepared: number, scratch: number): void;
  /** rows[k] ← rows[k]·Qᵀ for `count` rows `stride` numbers apart, from prepareBackTransform's blocks. */
  applyBackTransform(n: number, prepared: number, rows: number, count: number, stride: number, scratch: number): void;
  backTransformPreparedBytes(n: number): number;
  /** Scratch bytes of prepareBackTransform and applyBackTransform. */
  backTransformApplyScratchBytes(): number;
  /** out[k][i] = Σ_j a[k][j]·v[j][i] (j ascending) for `rows` rows of a, v n × n. */
  multiplyThroughRows(a: number, rows: number, v: number, n: number, out: number): void;
  /** The same products with v packed in panels of four columns; out's rows are 4·⌈n/4⌉ wide (kernels/cma.ts). */
  multiplyThroughPanels(a: number, rows: number, panels: number, n: number, out: number): void;
  /** v (n × n) packed into multiplyThroughPanels's panels (kernels/cma.ts). */
  packPanels(v: number, n: number, panels: number): void;
  /** a[k][j] ← a[k][j]·d[j] for `rows` rows of n: CMA-ES's D ∘ z (kernels/cma.ts). */
  scaleColumns(a: number, rows: number, n: number, d: number): void;
  /** out[k][i] = mean[i] + sigma·y[k][i], y's rows yWidth apart: CMA-ES's m + σ·y (kernels/cma.ts). */
  offsetRows(y: number, rows: number, n: number, yWidth: number, mean: number, sigma: number, out: number): void;
  /** CMA-ES's rank-one plus rank-μ update of C's upper triangle (kernels/cma.ts). */
  updateCovariance(C: number, n: number, decay: number, c1: number, pc: number, sel: number, mu: number, cmuWeights: number, coefficients: number): void;
  /** The sphere's one-pass gradient step (kernels/sphere.ts): x + a·(−2x) into next, returns −Σx². */
  sphereStep(x: number, n: number, a: number, next: number): number;
  // Measuring kernels for bench/arithmetic-ceiling.ts (kernels/ceiling.ts); optional, since no run needs them.
  /** Twelve f64x2 chains of acc·half + one on registers, 48 flops per round; returns 48 for (0.5, 1). */
  multiplyAddPeak?(rounds: number, half: number, one: number): number;
  /** y = A·x from A's lower triangle (dsymv's work), n even. */
  symmetricMultiply?(a: number, n: number, x: number, y: number): void;
}

const wasm = (globalThis as { WebAssembly?: WasmApi }).WebAssembly;
let compiled: object | null | undefined;
let enabled = true;

/** Turns the kernels off (the typed-array reference everywhere) or back on; returns the previous setting. */
export function useKernels(on: boolean): boolean {
  const previous = enabled;
  enabled = on;
  return previous;
}

/** Whether callers that keep an instance across calls may use it now. */
export function kernelsEnabled(): boolean {
  return enabled;
}

function kernelModule(): object | null {
  if (compiled !== undefined) return compiled;
  if (!wasm) return (compiled = null);
  try {
    const text = atob(KERNELS_WASM_BASE64);
    const bytes = new Uint8Array(text.length);
    for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
    compiled = new wasm.Module(bytes);
  } catch {
    compiled = null;
  }
  return compiled;
}

/** Every function a caller may use; a build without one of them is older than this code. */
const KERNEL_FUNCTIONS = ['forwardLayer', 'weightGradient', 'inputGradient', 'tanhInPlace', 'eigenFixedBytes', 'symmetricEigen', 'symmetricEigenFactored', 'factoredScalesAt', 'factoredVectorsAt', 'tridiagonalFixedBytes', 'tridiagonalEigen', 'reduceToTridiagonal', 'reductionScratchBytes', 'reduceUnblocked', 'tridiagonalize', 'backTransform', 'backTransformScratchBytes', 'prepareBackTransform', 'applyBackTransform', 'backTransformPreparedBytes', 'backTransformApplyScratchBytes', 'multiplyThroughRows', 'multiplyThroughPanels', 'packPanels', 'scaleColumns', 'offsetRows', 'updateCovariance', 'sphereStep'] as const;

/**
 * The exports as kernels, or null when they lack one of KERNEL_FUNCTIONS: the generated module is rebuilt by
 * `npm ci` and `npm test`, so a checkout updated without either still holds an older build, and the reference
 * (same bits) must run rather than a call to a function the build does not have.
 */
export function completeKernels(exports: unknown): KernelExports | null {
  const found = exports as Record<string, unknown> | null;
  if (!found || typeof found !== 'object' || !found.memory) return null;
  return KERNEL_FUNCTIONS.every((name) => typeof found[name] === 'function') ? (found as unknown as KernelExports) : null;
}

/** A fresh instance of the kernels, or null when they are off, WebAssembly cannot run them here, or the build is stale. */
export function kernelInstance(): KernelExports | null {
  if (!enabled) return null;
  const module = kernelModule();
  if (!module || !wasm) return null;
  try {
    return completeKernels(new wasm.Instance(module, {}).exports);
  } catch {
    return null;
  }
}

/** Float64 arrays laid out one after another in an instance's memory (16-byte aligned), grown once by `commit`. */
export class KernelHeap {
  private end = 64;

  constructor(readonly kernels: KernelExports) {}

  /** Reserves `count` numbers; returns their byte offset. */
  reserve(count: number): number {
    const at = this.end;
    this.end += (8 * count + 15) & ~15;
    return at;
  }

  /** Grows the memory to hold everything reserved so far; views made before this call may be detached by it. */
  commit(): void {
    const memory = this.kernels.memory;
    const missing = this.end - memory.buffer.byteLength;
    if (missing > 0) memory.grow(Math.ceil(missing / 65536));
  }

  /** A view of `count` numbers at byte offset `at` (valid until the memory grows). */
  view(at: number, count: number): Float64Array {
    return new Float64Array(this.kernels.memory.buffer, at, count);
  }
}
