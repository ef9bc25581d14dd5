/**
 * The kernels give the same bits in Chromium's workers as in Node: the module the page's workers import is compiled
 * in a Worker of Debian's Chromium (the browser the end-to-end tests drive), every kernel runs on the same inputs
 * there and here, and the outputs are compared as raw 64-bit patterns (so −0 and NaN payloads count too). This is
 * the check that no machine- or engine-dependent instruction (relaxed SIMD, fused multiply–add) crept into the build.
 */
import { existsSync } from 'node:fs';
import { chromium } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { KERNELS_WASM_BASE64 } from '../src/core/kernels/kernels-wasm.generated.ts';
import { kernelInstance, type KernelExports } from '../src/core/kernels/wasm.ts';
import { CHROMIUM, CHROMIUM_ARGS } from './e2e/browser.ts';

/**
 * Runs every kernel on inputs made by a fixed integer generator and returns the outputs' bit patterns in hex. Plain
 * JavaScript without imports: the browser runs it from its source text.
 */
function exercise(k: KernelExports): string[] {
  let seed = 12345;
  const next = () => {
    seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
    return seed / 4294967296 - 0.5;
  };
  const nin = 7;
  const nout = 10;
  const rows = 13;
  const n = 23;
  const samples = 5;
  const mu = 3;
  const width = (n + 3) & ~3;
  const cma = 8 * (2 * n * n + 3 * samples * n + (mu + 5) * n + 5 * mu + (2 * n + samples) * width) + 320;
  const back = 8 * (2 * n * n + 3 * n) + Math.max(k.backTransformScratchBytes(n), k.reductionScratchBytes(n)) + 256;
  k.memory.grow(Math.ceil((4096 + 8 * (4 * nin * nout + 6 * rows * nout + 2 * rows * nin) + k.eigenFixedBytes(n) + cma + back) / 65536) + 1);
  let end = 64;
  const array = (count: number, fill: boolean) => {
    const view = new Float64Array(k.memory.buffer, end, count);
    end += 8 * count + 8;
    if (fill) for (let i = 0; i < count; i++) view[i] = 3 * next();
    return view;
  };
  const w = array(nin * nout, true);
  const b = array(nout, true);
  const a = array(rows * nin, true);
  const z = array(rows * nout, false);
  const deriv = array(rows * nout, false);
  const g = array(rows * nout, true);
  const out = array(nin * nout, true);
  const bias = array(nout, true);
  const wT = array(nout * nin, true);
  const dIn = array(rows * nin, false);
  k.forwardLayer(w.byteOffset, b.byteOffset, nin, nout, a.byteOffset, z.byteOffset, rows);
  k.tanhInPlace(z.byteOffset, deriv.byteOffset, rows * nout);
  k.weightGradient(a.byteOffset, g.byteOffset, out.byteOffset, bias.byteOffset, nin, nout, rows);
  k.inputGradient(wT.byteOffset, g.byteOffset, dIn.byteOffset, nin, nout, rows);
  const results = [z, deriv, out, bias, dIn].map((v) => Array.from(v));
  const base = (end + 15) & ~15;
  const matrix = new Float64Array(k.memory.buffer, base, n * n);
  for (let i = 0; i < n; i++) for (let j = 0; j <= i; j++) matrix[i * n + j] = matrix[j * n + i] = next();
  k.symmetricEigen(n, base);
  results.push(Array.from(new Float64Array(k.memory.buffer, base, n * n + n)));
  // CMA-ES's kernels, after the eigensolver's memory: samples through its eigenvectors (as rows and packed in
  // panels), then a covariance update.
  end = base + k.eigenFixedBytes(n) + 16;
  end = (end + 15) & ~15;
  const scaled = array(samples * n, true);
  const y = array(samples * n, false);
  k.multiplyThroughRows(scaled.byteOffset, samples, base, n, y.byteOffset);
  const panels = array(n * width, true);
  const throughPanels = array(samples * width, false);
  k.multiplyThroughPanels(scaled.byteOffset, samples, panels.byteOffset, n, throughPanels.byteOffset);
  // The eigenvectors packed into panels (n = 23: a last panel padded with zeros), and the samples' D ∘ z and m + σ·y.
  const packed = array(n * width, false);
  k.packPanels(base, n, packed.byteOffset);
  const scales = array(n, true);
  k.scaleColumns(scaled.byteOffset, samples, n, scales.byteOffset);
  const mean = array(n, true);
  const points = array(samples * n, false);
  k.offsetRows(throughPanels.byteOffset, samples, n, width, mean.byteOffset, 0.7, points.byteOffset);
  results.push(Array.from(packed), Array.from(scaled), Array.from(points));
  const c = array(n * n, true);
  const pc = array(n, true);
  const selected = array(mu * n, true);
  const cmuWeights = array(mu, true);
  const coefficients = array(4 * mu, false);
  k.updateCovariance(c.byteOffset, n, 0.9, 0.01, pc.byteOffset, selected.byteOffset, mu, cmuWeights.byteOffset, coefficients.byteOffset);
  results.push(Array.from(y), Array.from(throughPanels), Array.from(c));
  // The sphere's step, whose lanes split one sum: its order must hold in both engines too.
  const point = array(n, true);
  const stepped = array(n, false);
  results.push([k.sphereStep(point.byteOffset, n, 0.3, stepped.byteOffset)], Array.from(stepped));
  // The reduction's reflectors, applied to the rows of a Z in blocks through the 4 × 4 block's subtracting form.
  const reflectors = array(n * n, false);
  for (let i = 0; i < n; i++) for (let j = 0; j <= i; j++) reflectors[i * n + j] = reflectors[j * n + i] = next();
  const diagonal = array(n, false);
  const offDiagonal = array(n, false);
  const scalars = array(n, false);
  const zRows = array(n * n, true);
  k.reduceToTridiagonal(n, reflectors.byteOffset, diagonal.byteOffset, offDiagonal.byteOffset, scalars.byteOffset, end);
  k.backTransform(n, reflectors.byteOffset, scalars.byteOffset, zRows.byteOffset, end);
  results.push(Array.from(reflectors), Array.from(diagonal), Array.from(offDiagonal), Array.from(scalars), Array.from(zRows));
  // Divide and conquer on a tridiagonal large enough to merge, half random and half Wilkinson-like (nearly equal
  // pairs, so the merges deflate by rotation and solve secular equations alike).
  const t = 61;
  const dc = (end + 15) & ~15;
  const missing = dc + k.tridiagonalFixedBytes(t) - k.memory.buffer.byteLength;
  if (missing > 0) k.memory.grow(Math.ceil(missing / 65536));
  const tridiagonal = new Float64Array(k.memory.buffer, dc, 2 * t);
  for (let i = 0; i < t; i++) tridiagonal[i] = i < 30 ? next() : Math.abs(i - 45);
  for (let i = 0; i < t - 1; i++) tridiagonal[t + i] = i < 30 ? next() : 1;
  k.tridiagonalEigen(t, dc);
  results.push(Array.from(new Float64Array(k.memory.buffer, dc, 2 * t + t * t)));
  const bits = new DataView(new ArrayBuffer(8));
  return results.flat().map((v) => {
    bits.setFloat64(0, v);
    return bits.getBigUint64(0).toString(16);
  });
}

describe.skipIf(!existsSync(CHROMIUM))('kernels in the browser', () => {
  it("give Node's bits in a Chromium worker", async () => {
    const here = exercise(kernelInstance()!);
    const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
    try {
      const page = await browser.newPage();
      const there = await page.evaluate(
        ([source, base64]) =>
          new Promise<string[] | string>((resolve) => {
            const body = `const exercise = ${source};
              onmessage = (e) => {
                try {
                  const text = atob(e.data);
                  const bytes = new Uint8Array(text.length);
                  for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
                  const instance = new WebAssembly.Instance(new WebAssembly.Module(bytes), {});
                  postMessage(exercise(instance.exports));
                } catch (error) {
                  postMessage(String(error));
                }
              };`;
            const worker = new Worker(URL.createObjectURL(new Blob([body], { type: 'text/javascript' })));
            worker.onmessage = (e) => resolve(e.data);
            worker.onerror = (e) => resolve(`worker error: ${e.message}`);
            worker.postMessage(base64);
          }),
        [exercise.toString(), KERNELS_WASM_BASE64] as const,
      );
      expect(there).toEqual(here);
      expect(here.length).toBeGreaterThan(500);
    } finally {
      await browser.close();
    }
  });
});
