// AssemblyScript: the register block of four rows × four outputs that CMA-ES's sampling (kernels/cma.ts) and the
// MLP's forward product and input gradient (kernels/mlp.ts) share. Each output is one sum in j order, one IEEE
// multiply then one add per term; the lanes hold neighbouring outputs, so the bits are those of the typed-array
// reference's loops.

/**
 * out[r, c] = Σ_j x[r, j]·m[j, c] (j ascending, from 0, over `len` terms) for r, c < 4: the four rows of x from
 * `x` (`xStride` bytes apart) through the four columns of m from `m` (its rows `mStride` bytes apart), into four
 * rows of four from `out` (`outStride` bytes apart). Eight two-lane accumulators; each pair of loads of m serves
 * all four rows.
 */
@inline export function multiplyBlock4x4(x: usize, xStride: usize, m: usize, mStride: usize, len: i32, out: usize, outStride: usize): void {
  const zero = f64x2.splat(0);
  multiplyBlock4x4From(zero, zero, x, xStride, m, mStride, len, out, outStride);
}

/**
 * out[r, c] ← out[r, c] − Σ_j x[r, j]·m[j, c], the sum formed as multiplyBlock4x4 forms it and then subtracted (the
 * Householder back-transformation's update, kernels/back-transform.ts).
 */
@inline export function subtractBlock4x4(x: usize, xStride: usize, m: usize, mStride: usize, len: i32, out: usize, outStride: usize): void {
  const zero = f64x2.splat(0);
  multiplyBlock4x4From(zero, zero, x, xStride, m, mStride, len, out, outStride, true);
}

/**
 * As multiplyBlock4x4, but every row's four sums start at (start01, start23) in place of 0 (the MLP's forward product
 * starts each output at its bias): out[r, c] = start[c] + Σ_j x[r, j]·m[j, c], added in that order. With
 * `subtractFromOut` (a constant at every call, so inlining drops the other branch) out[r, c] ← out[r, c] − that.
 */
@inline export function multiplyBlock4x4From(
  start01: v128,
  start23: v128,
  x: usize,
  xStride: usize,
  m: usize,
  mStride: usize,
  len: i32,
  out: usize,
  outStride: usize,
  subtractFromOut: bool = false,
): void {
  const x1 = x + xStride;
  const x2 = x1 + xStride;
  const x3 = x2 + xStride;
  let p0 = start01;
  let p1 = start23;
  let q0 = p0;
  let q1 = p1;
  let r0 = p0;
  let r1 = p1;
  let t0 = p0;
  let t1 = p1;
  let mj = m;
  for (let j = 0; j < len; j++) {
    const w0 = v128.load(mj);
    const w1 = v128.load(mj, 16);
    const o = <usize>j << 3;
    let h = v128.load64_splat(x + o);
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
    mj += mStride;
  }
  if (subtractFromOut) {
    const o1 = out + outStride;
    const o2 = o1 + outStride;
    const o3 = o2 + outStride;
    p0 = f64x2.sub(v128.load(out), p0);
    p1 = f64x2.sub(v128.load(out, 16), p1);
    q0 = f64x2.sub(v128.load(o1), q0);
    q1 = f64x2.sub(v128.load(o1, 16), q1);
    r0 = f64x2.sub(v128.load(o2), r0);
    r1 = f64x2.sub(v128.load(o2, 16), r1);
    t0 = f64x2.sub(v128.load(o3), t0);
    t1 = f64x2.sub(v128.load(o3, 16), t1);
  }
  let d = out;
  v128.store(d, p0);
  v128.store(d, p1, 16);
  d += outStride;
  v128.store(d, q0);
  v128.store(d, q1, 16);
  d += outStride;
  v128.store(d, r0);
  v128.store(d, r1, 16);
  d += outStride;
  v128.store(d, t0);
  v128.store(d, t1, 16);
}

/**
 * multiplyBlock4x4 (or subtractBlock4x4, with `subtractFromOut`) on packed factors: term j of the four rows of x is
 * at x + 32j (x[0, j], x[1, j], x[2, j], x[3, j]) and of the four columns of m at m + 32j. The same sums, each in j
 * order from 0. Each term's six loads are constant offsets from two addresses (WebAssembly folds only constants into
 * a load's address), where the unpacked block computes one address per row. One term per pass: two per pass keep
 * more vectors live than the 16 registers hold, and the accumulators spill (measured slower). With `xSplatted`
 * (a constant at every call), x holds each of its values twice, 64 bytes per term: plain loads for the splats.
 */
@inline export function multiplyPackedBlock4x4(
  x: usize,
  m: usize,
  len: i32,
  out: usize,
  outStride: usize,
  subtractFromOut: bool = false,
  xSplatted: bool = false,
): void {
  let p0 = f64x2.splat(0);
  let p1 = p0;
  let q0 = p0;
  let q1 = p0;
  let r0 = p0;
  let r1 = p0;
  let t0 = p0;
  let t1 = p0;
  const end = <usize>len << 5;
  let xj = x;
  for (let o: usize = 0; o < end; o += 32) {
    const mj = m + o;
    const w0 = v128.load(mj);
    const w1 = v128.load(mj, 16);
    let h = xSplatted ? v128.load(xj) : v128.load64_splat(xj);
    p0 = f64x2.add(p0, f64x2.mul(h, w0));
    p1 = f64x2.add(p1, f64x2.mul(h, w1));
    h = xSplatted ? v128.load(xj, 16) : v128.load64_splat(xj, 8);
    q0 = f64x2.add(q0, f64x2.mul(h, w0));
    q1 = f64x2.add(q1, f64x2.mul(h, w1));
    h = xSplatted ? v128.load(xj, 32) : v128.load64_splat(xj, 16);
    r0 = f64x2.add(r0, f64x2.mul(h, w0));
    r1 = f64x2.add(r1, f64x2.mul(h, w1));
    h = xSplatted ? v128.load(xj, 48) : v128.load64_splat(xj, 24);
    t0 = f64x2.add(t0, f64x2.mul(h, w0));
    t1 = f64x2.add(t1, f64x2.mul(h, w1));
    xj += xSplatted ? 64 : 32;
  }
  const o1 = out + outStride;
  const o2 = o1 + outStride;
  const o3 = o2 + outStride;
  if (subtractFromOut) {
    p0 = f64x2.sub(v128.load(out), p0);
    p1 = f64x2.sub(v128.load(out, 16), p1);
    q0 = f64x2.sub(v128.load(o1), q0);
    q1 = f64x2.sub(v128.load(o1, 16), q1);
    r0 = f64x2.sub(v128.load(o2), r0);
    r1 = f64x2.sub(v128.load(o2, 16), r1);
    t0 = f64x2.sub(v128.load(o3), t0);
    t1 = f64x2.sub(v128.load(o3, 16), t1);
  }
  v128.store(out, p0);
  v128.store(out, p1, 16);
  v128.store(o1, q0);
  v128.store(o1, q1, 16);
  v128.store(o2, r0);
  v128.store(o2, r1, 16);
  v128.store(o3, t0);
  v128.store(o3, t1, 16);
}
