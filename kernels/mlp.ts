// AssemblyScript: the MLP's three matrix products on row-major float64 matrices in the module's memory (byte
// offsets). Every output is summed in the same order as the typed-array reference (src/core/nets/mlp-net.ts), one
// IEEE multiply then one add per term (WebAssembly has no fused multiply–add outside relaxed SIMD): the SIMD lanes
// run over independent outputs, never over the terms of one sum, so the results equal the reference's bit for bit.

import { multiplyBlock4x4, multiplyBlock4x4From } from './block';
import { at } from './memory';

/**
 * z[s, j] = b[j] + Σ_k a[s, k]·w[k, j] in k order, for `count` rows: blocks of four rows × four outputs (eight
 * two-lane accumulators), each pair of weights loaded once per four rows.
 */
export function forwardLayer(w: usize, b: usize, nin: i32, nout: i32, a: usize, z: usize, count: i32): void {
  let s = 0;
  const quads = nout & ~3;
  for (; s + 3 < count; s += 4) {
    const a0 = at(a, s * nin);
    for (let j = 0; j < quads; j += 4) multiplyBlock4x4From(v128.load(at(b, j)), v128.load(at(b, j), 16), a0, <usize>nin << 3, at(w, j), <usize>nout << 3, nin, at(z, s * nout + j), <usize>nout << 3);
    for (let r = 0; r < 4; r++) forwardRow(w, b, nin, nout, a, z, s + r, quads);
  }
  for (; s < count; s++) forwardRow(w, b, nin, nout, a, z, s, 0);
}

/** Outputs j ≥ `from` of row s, one at a time. */
function forwardRow(w: usize, b: usize, nin: i32, nout: i32, a: usize, z: usize, s: i32, from: i32): void {
  const ar = at(a, s * nin);
  for (let j = from; j < nout; j++) {
    let p = load<f64>(at(b, j));
    for (let k = 0; k < nin; k++) p += load<f64>(at(ar, k)) * load<f64>(at(w, k * nout + j));
    store<f64>(at(z, s * nout + j), p);
  }
}

/**
 * out[k, j] += Σ_s a[s, k]·g[s, j] (the sum over the rows in s order first, then added), and bias[j] += g[s, j] row
 * by row. Blocks of four inputs × four outputs.
 */
export function weightGradient(a: usize, g: usize, out: usize, bias: usize, nin: i32, nout: i32, count: i32): void {
  const quads = nout & ~3;
  const aStride = <usize>nin << 3;
  const gStride = <usize>nout << 3;
  let k = 0;
  for (; k + 3 < nin; k += 4) {
    for (let j = 0; j < quads; j += 4) {
      let p0 = f64x2.splat(0);
      let p1 = p0;
      let q0 = p0;
      let q1 = p0;
      let r0 = p0;
      let r1 = p0;
      let t0 = p0;
      let t1 = p0;
      let as = at(a, k);
      let gs = at(g, j);
      for (let s = 0; s < count; s++) {
        const h0 = v128.load(gs);
        const h1 = v128.load(gs, 16);
        let x = v128.load64_splat(as);
        p0 = f64x2.add(p0, f64x2.mul(x, h0));
        p1 = f64x2.add(p1, f64x2.mul(x, h1));
        x = v128.load64_splat(as, 8);
        q0 = f64x2.add(q0, f64x2.mul(x, h0));
        q1 = f64x2.add(q1, f64x2.mul(x, h1));
        x = v128.load64_splat(as, 16);
        r0 = f64x2.add(r0, f64x2.mul(x, h0));
        r1 = f64x2.add(r1, f64x2.mul(x, h1));
        x = v128.load64_splat(as, 24);
        t0 = f64x2.add(t0, f64x2.mul(x, h0));
        t1 = f64x2.add(t1, f64x2.mul(x, h1));
        as += aStride;
        gs += gStride;
      }
      let o = at(out, k * nout + j);
      v128.store(o, f64x2.add(v128.load(o), p0));
      v128.store(o, f64x2.add(v128.load(o, 16), p1), 16);
      o += gStride;
      v128.store(o, f64x2.add(v128.load(o), q0));
      v128.store(o, f64x2.add(v128.load(o, 16), q1), 16);
      o += gStride;
      v128.store(o, f64x2.add(v128.load(o), r0));
      v128.store(o, f64x2.add(v128.load(o, 16), r1), 16);
      o += gStride;
      v128.store(o, f64x2.add(v128.load(o), t0));
      v128.store(o, f64x2.add(v128.load(o, 16), t1), 16);
    }
    for (let r = 0; r < 4; r++) weightGradientRow(a, g, out, nin, nout, count, k + r, quads);
  }
  for (; k < nin; k++) weightGradientRow(a, g, out, nin, nout, count, k, 0);
  for (let s = 0; s < count; s++) {
    const g0 = at(g, s * nout);
    let j = 0;
    for (; j + 1 < nout; j += 2) {
      const o = at(bias, j);
      v128.store(o, f64x2.add(v128.load(o), v128.load(at(g0, j))));
    }
    if (j < nout) store<f64>(at(bias, j), load<f64>(at(bias, j)) + load<f64>(at(g0, j)));
  }
}

/** Entries j ≥ `from` of row k of the weight gradient, one at a time. */
function weightGradientRow(a: usize, g: usize, out: usize, nin: i32, nout: i32, count: i32, k: i32, from: i32): void {
  for (let j = from; j < nout; j++) {
    let p: f64 = 0;
    for (let s = 0; s < count; s++) p += load<f64>(at(a, s * nin + k)) * load<f64>(at(g, s * nout + j));
    const o = at(out, k * nout + j);
    store<f64>(o, load<f64>(o) + p);
  }
}

/**
 * dIn[s, k] = Σ_j g[s, j]·w[k, j] in j order, from the transposed weights wT (nout × nin, wT[j, k] = w[k, j]) so
 * that the lanes run over inputs k. Blocks of four rows × four inputs.
 */
export function inputGradient(wT: usize, g: usize, dIn: usize, nin: i32, nout: i32, count: i32): void {
  const quads = nin & ~3;
  const wStride = <usize>nin << 3;
  const gStride = <usize>nout << 3;
  let s = 0;
  for (; s + 3 < count; s += 4) {
    const g0 = at(g, s * nout);
    for (let k = 0; k < quads; k += 4) multiplyBlock4x4(g0, gStride, at(wT, k), wStride, nout, at(dIn, s * nin + k), wStride);
    for (let r = 0; r < 4; r++) inputGradientRow(wT, g, dIn, nin, nout, s + r, quads);
  }
  for (; s < count; s++) inputGradientRow(wT, g, dIn, nin, nout, s, 0);
}

/** Entries k ≥ `from` of row s of the input gradient, one at a time. */
function inputGradientRow(wT: usize, g: usize, dIn: usize, nin: i32, nout: i32, s: i32, from: i32): void {
  const gs = at(g, s * nout);
  for (let k = from; k < nin; k++) {
    let p: f64 = 0;
    for (let j = 0; j < nout; j++) p += load<f64>(at(wT, j * nin + k)) * load<f64>(at(gs, j));
    store<f64>(at(dIn, s * nin + k), p);
  }
}
