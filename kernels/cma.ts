// AssemblyScript: CMA-ES's two O(λN²) and O(μN²) steps per generation on row-major float64 matrices in the module's
// memory (byte offsets): sampling through the eigenvectors and the rank-one plus rank-μ covariance update; with the
// packing of the eigenvectors once per decomposition and the samples' D ∘ z and m + σ·y around the product, so that
// their λN-long loops need not cross into JavaScript and back. Each
// output is summed in the typed-array reference's order (src/core/optimizers/cma-es.ts), one IEEE multiply then one
// add per term; the two SIMD lanes hold two neighbouring outputs, never two terms of one sum, so the bits are the
// reference's.

import { multiplyBlock4x4 } from './block';
import { at } from './memory';

/**
 * out[k, i] = Σ_j a[k, j]·v[j, i] (j ascending, from 0) for k < rows, i < n: rows of `a` (rows × n) through the
 * rows of `v` (n × n, here the eigenvectors of C, one per row). Blocks of four rows × four outputs share each pair
 * of loads of v; a single leftover row is an axpy along the rows of v.
 */
export function multiplyThroughRows(a: usize, rows: i32, v: usize, n: i32, out: usize): void {
  const quads = n & ~3;
  const stride = <usize>n << 3;
  let k = 0;
  for (; k + 3 < rows; k += 4) {
    const a0 = at(a, k * n);
    for (let i = 0; i < quads; i += 4) multiplyBlock4x4(a0, stride, at(v, i), stride, n, at(out, k * n + i), stride);
    for (let q = 0; q < 4; q++) multiplyOutputs(at(a, (k + q) * n), v, n, at(out, (k + q) * n), quads);
  }
  for (; k < rows; k++) multiplyRow(at(a, k * n), v, n, at(out, k * n));
}

/**
 * multiplyThroughRows's products with v packed in ⌈n/4⌉ panels of four columns, each n × 4 and contiguous (panel p
 * holds v[j, 4p + c] at (p·n + j)·4 + c, the columns past n zero): out[k, i] = Σ_j a[k, j]·v[j, i] (j ascending,
 * from 0) for k < rows, i < 4·⌈n/4⌉ (out's rows are that wide; padded columns give zero). Rows go four at a time
 * through the shared block, leftover rows (and a single one, as for C^(-1/2)·(m − m_old)) one at a time: the same
 * sums in the same order as multiplyThroughRows. Why panels: a panel streams through the cache once per call and
 * every block of rows of `a` (λ rows, in cache) passes through it while it is there, where four columns of v read
 * in place (n·8 bytes apart, a page per j) made the product wait on memory.
 */
export function multiplyThroughPanels(a: usize, rows: i32, panels: usize, n: i32, out: usize): void {
  const stride = <usize>n << 3;
  const width = ((n + 3) >> 2) << 2;
  const outStride = <usize>width << 3;
  const panelBytes = <usize>n << 5;
  const blockedRows = rows & ~3;
  for (let p = 0; p < width; p += 4) {
    const panel = panels + <usize>(p >> 2) * panelBytes;
    const column = <usize>p << 3;
    for (let k = 0; k < blockedRows; k += 4) multiplyBlock4x4(at(a, k * n), stride, panel, 32, n, out + <usize>k * outStride + column, outStride);
    for (let k = blockedRows; k < rows; k++) multiplyRowThroughPanel(at(a, k * n), panel, n, out + <usize>k * outStride + column);
  }
}

/**
 * The layout multiplyThroughPanels reads, from v (n × n, row-major) in this memory: panel p holds v[j, 4p + c] at
 * (p·n + j)·4 + c, the columns past n zero. Panel by panel, so that each pass reads 32 bytes of every row of v and
 * the next pass finds the rest of those cache lines still there. A copy: the bits are v's.
 */
export function packPanels(v: usize, n: i32, panels: usize): void {
  const full = n & ~3;
  const rowBytes = <usize>n << 3;
  let to = panels;
  for (let p = 0; p < full; p += 4) {
    let from = at(v, p);
    for (let j = 0; j < n; j++) {
      v128.store(to, v128.load(from));
      v128.store(to, v128.load(from, 16), 16);
      from += rowBytes;
      to += 32;
    }
  }
  if (full == n) return;
  for (let j = 0; j < n; j++) {
    for (let c = 0; c < 4; c++) store<f64>(at(to, c), full + c < n ? load<f64>(at(v, j * n + full + c)) : 0);
    to += 32;
  }
}

/** a[k, j] ← a[k, j]·d[j] for k < rows, j < n (a rows × n): the samples' scaling D ∘ z, one multiply per entry. */
export function scaleColumns(a: usize, rows: i32, n: i32, d: usize): void {
  const pairs = n & ~1;
  for (let k = 0; k < rows; k++) {
    const row = at(a, k * n);
    for (let j = 0; j < pairs; j += 2) v128.store(at(row, j), f64x2.mul(v128.load(at(d, j)), v128.load(at(row, j))));
    if (pairs < n) store<f64>(at(row, pairs), load<f64>(at(d, pairs)) * load<f64>(at(row, pairs)));
  }
}

/**
 * out[k, i] = mean[i] + sigma·y[k, i] for k < rows, i < n (y's rows `yWidth` numbers apart, out's n): the samples
 * m + σ·y, the product rounded and then the sum, as the reference's loop does.
 */
export function offsetRows(y: usize, rows: i32, n: i32, yWidth: i32, mean: usize, sigma: f64, out: usize): void {
  const pairs = n & ~1;
  const s = f64x2.splat(sigma);
  for (let k = 0; k < rows; k++) {
    const from = at(y, k * yWidth);
    const to = at(out, k * n);
    for (let i = 0; i < pairs; i += 2) v128.store(at(to, i), f64x2.add(v128.load(at(mean, i)), f64x2.mul(s, v128.load(at(from, i)))));
    if (pairs < n) store<f64>(at(to, pairs), load<f64>(at(mean, pairs)) + sigma * load<f64>(at(from, pairs)));
  }
}

/** One row of multiplyThroughPanels through one panel: four sums in two lane pairs, j ascending. */
function multiplyRowThroughPanel(x: usize, panel: usize, n: i32, out: usize): void {
  let s01 = f64x2.splat(0);
  let s23 = s01;
  let m = panel;
  for (let j = 0; j < n; j++) {
    const h = v128.load64_splat(at(x, j));
    s01 = f64x2.add(s01, f64x2.mul(h, v128.load(m)));
    s23 = f64x2.add(s23, f64x2.mul(h, v128.load(m, 16)));
    m += 32;
  }
  v128.store(out, s01);
  v128.store(out, s23, 16);
}

/** One row: out[i] = Σ_j x[j]·v[j, i], as an axpy per j (two outputs per lane pair) so that v is read along rows. */
function multiplyRow(x: usize, v: usize, n: i32, out: usize): void {
  const pairs = n & ~1;
  const stride = <usize>n << 3;
  for (let i = 0; i < pairs; i += 2) v128.store(at(out, i), f64x2.splat(0));
  for (let i = pairs; i < n; i++) store<f64>(at(out, i), 0);
  let vj = v;
  for (let j = 0; j < n; j++) {
    const xj = load<f64>(at(x, j));
    const s = f64x2.splat(xj);
    for (let i = 0; i < pairs; i += 2) {
      const o = at(out, i);
      v128.store(o, f64x2.add(v128.load(o), f64x2.mul(s, v128.load(at(vj, i)))));
    }
    for (let i = pairs; i < n; i++) store<f64>(at(out, i), load<f64>(at(out, i)) + xj * load<f64>(at(vj, i)));
    vj += stride;
  }
}

/** Outputs i ≥ `from` of one row, one at a time. */
function multiplyOutputs(x: usize, v: usize, n: i32, out: usize, from: i32): void {
  for (let i = from; i < n; i++) {
    let sum: f64 = 0;
    for (let j = 0; j < n; j++) sum += load<f64>(at(x, j)) * load<f64>(at(v, j * n + i));
    store<f64>(at(out, i), sum);
  }
}

/**
 * The covariance update on the upper triangle (j ≥ i) of C (n × n):
 * C[i, j] ← (decay·C[i, j] + (c1·pc[i])·pc[j]) + Σ_r coefficient[r]·sel[r, j], r ascending, where
 * coefficient[r] = cmuWeights[r]·sel[r, i] and sel (μ × n) holds the μ selected steps y, best first.
 * `coefficients` is scratch for 4μ numbers. Rows go four at a time: right of the diagonal, blocks of four rows ×
 * four entries share each pair of loads of sel across the four rows (twice the work per load of rows in pairs);
 * the diagonal's own block, the last columns and the last rows go one entry at a time, with the same sums.
 */
export function updateCovariance(
  C: usize,
  n: i32,
  decay: f64,
  c1: f64,
  pc: usize,
  sel: usize,
  mu: i32,
  cmuWeights: usize,
  coefficients: usize,
): void {
  const selStride = <usize>n << 3;
  const rowStride = <usize>n << 3;
  const coefficientStride = <usize>mu << 3;
  const blockedRows = n & ~3;
  for (let i = 0; i < blockedRows; i += 4) {
    const row = at(C, i * n);
    for (let q = 0; q < 4; q++) {
      const own = coefficients + <usize>q * coefficientStride;
      for (let r = 0; r < mu; r++) store<f64>(at(own, r), load<f64>(at(cmuWeights, r)) * load<f64>(at(sel + <usize>r * selStride, i + q)));
    }
    for (let q = 0; q < 4; q++) {
      const pci = c1 * load<f64>(at(pc, i + q));
      const own = coefficients + <usize>q * coefficientStride;
      for (let j = i + q; j < i + 4; j++) updateEntry(row + <usize>q * rowStride, j, decay, pci, pc, sel, selStride, mu, own);
    }
    let j = i + 4;
    for (; j + 3 < n; j += 4) updateBlock4x4(row, rowStride, j, decay, c1, i, pc, sel, selStride, mu, coefficients, coefficientStride);
    for (; j < n; j++) {
      for (let q = 0; q < 4; q++) {
        const pci = c1 * load<f64>(at(pc, i + q));
        updateEntry(row + <usize>q * rowStride, j, decay, pci, pc, sel, selStride, mu, coefficients + <usize>q * coefficientStride);
      }
    }
  }
  for (let i = blockedRows; i < n; i++) {
    const row = at(C, i * n);
    const pci = c1 * load<f64>(at(pc, i));
    for (let r = 0; r < mu; r++) {
      store<f64>(at(coefficients, r), load<f64>(at(cmuWeights, r)) * load<f64>(at(sel + <usize>r * selStride, i)));
    }
    for (let j = i; j < n; j++) updateEntry(row, j, decay, pci, pc, sel, selStride, mu, coefficients);
  }
}

/**
 * Entries j..j+3 of rows i..i+3 (from `row`, row i): each starts at decay·C + (c1·pc[row])·pc[j] and adds its μ
 * terms in r order, as updateEntry does; the lanes hold neighbouring entries of one row.
 */
@inline function updateBlock4x4(
  row: usize,
  rowStride: usize,
  j: i32,
  decay: f64,
  c1: f64,
  i: i32,
  pc: usize,
  sel: usize,
  selStride: usize,
  mu: i32,
  coefficients: usize,
  coefficientStride: usize,
): void {
  const vd = f64x2.splat(decay);
  const pc01 = v128.load(at(pc, j));
  const pc23 = v128.load(at(pc, j), 16);
  const e0 = at(row, j);
  const e1 = e0 + rowStride;
  const e2 = e1 + rowStride;
  const e3 = e2 + rowStride;
  let h = f64x2.splat(c1 * load<f64>(at(pc, i)));
  let p0 = f64x2.add(f64x2.mul(vd, v128.load(e0)), f64x2.mul(h, pc01));
  let p1 = f64x2.add(f64x2.mul(vd, v128.load(e0, 16)), f64x2.mul(h, pc23));
  h = f64x2.splat(c1 * load<f64>(at(pc, i + 1)));
  let q0 = f64x2.add(f64x2.mul(vd, v128.load(e1)), f64x2.mul(h, pc01));
  let q1 = f64x2.add(f64x2.mul(vd, v128.load(e1, 16)), f64x2.mul(h, pc23));
  h = f64x2.splat(c1 * load<f64>(at(pc, i + 2)));
  let r0 = f64x2.add(f64x2.mul(vd, v128.load(e2)), f64x2.mul(h, pc01));
  let r1 = f64x2.add(f64x2.mul(vd, v128.load(e2, 16)), f64x2.mul(h, pc23));
  h = f64x2.splat(c1 * load<f64>(at(pc, i + 3)));
  let t0 = f64x2.add(f64x2.mul(vd, v128.load(e3)), f64x2.mul(h, pc01));
  let t1 = f64x2.add(f64x2.mul(vd, v128.load(e3, 16)), f64x2.mul(h, pc23));
  const x1 = coefficients + coefficientStride;
  const x2 = x1 + coefficientStride;
  const x3 = x2 + coefficientStride;
  let y = at(sel, j);
  for (let r = 0; r < mu; r++) {
    const w0 = v128.load(y);
    const w1 = v128.load(y, 16);
    const o = <usize>r << 3;
    h = v128.load64_splat(coefficients + o);
    p0 = f64x2.add(p0, f64x2.mul(h, w0));
    p1 = f64x2.add(p1, f64x2.mul(h, w1));
    h = v128.load64_splat(x1 + o);
    q0 = f64x2.add(q0, f64x2.mul(h, w0));
    q1 = f64x2.add(q1, f64x2.mul(h, w1));
    h = v128.load64_splat(x2 + o);
    r0 = f64x2.add(r0, f64x2.mul(h, w0));
    r1 = f64x2.add(r1, f64x2.mul(h, w1));
    h = v128.load64_splat(x3 + o);
    t0 = f64x2.add(t0, f64x2.mul(h, w0));
    t1 = f64x2.add(t1, f64x2.mul(h, w1));
    y += selStride;
  }
  v128.store(e0, p0);
  v128.store(e0, p1, 16);
  v128.store(e1, q0);
  v128.store(e1, q1, 16);
  v128.store(e2, r0);
  v128.store(e2, r1, 16);
  v128.store(e3, t0);
  v128.store(e3, t1, 16);
}

@inline function updateEntry(
  row: usize,
  j: i32,
  decay: f64,
  pci: f64,
  pc: usize,
  sel: usize,
  selStride: usize,
  mu: i32,
  coefficients: usize,
): void {
  const e = at(row, j);
  let c = decay * load<f64>(e) + pci * load<f64>(at(pc, j));
  let s = at(sel, j);
  for (let r = 0; r < mu; r++) {
    c += load<f64>(at(coefficients, r)) * load<f64>(s);
    s += selStride;
  }
  store<f64>(e, c);
}
