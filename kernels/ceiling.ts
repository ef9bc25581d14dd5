// AssemblyScript: two measuring kernels for bench/arithmetic-ceiling.ts (issue 16), no run calls them. They ask
// what WebAssembly SIMD (f64x2, a multiply then an add, no fused multiply–add) can do at most on this CPU, so unlike
// the other kernels they do not follow a typed-array reference's order: the lanes may split one sum.

/**
 * Twelve independent f64x2 chains of acc ← acc·half + one, `rounds` times: 48 flops per round on registers only.
 * Twelve chains keep enough multiplies and adds in flight to cover both latencies on two multiply and two add pipes.
 * With half = 0.5 and one = 1 every chain reaches 2 exactly within 60 rounds, so the result is 48 (the bench checks
 * it, which also proves the loop ran). The two are parameters because V8 rebuilds a constant splat inside the loop
 * (four more vector instructions per round, measured 30 % slower), which a kernel's loaded operands never cost.
 */
export function multiplyAddPeak(rounds: i32, halfValue: f64, oneValue: f64): f64 {
  const half = f64x2.splat(halfValue);
  const one = f64x2.splat(oneValue);
  let a0 = f64x2.splat(0);
  let a1 = f64x2.splat(1);
  let a2 = f64x2.splat(2);
  let a3 = f64x2.splat(3);
  let a4 = f64x2.splat(4);
  let a5 = f64x2.splat(5);
  let a6 = f64x2.splat(6);
  let a7 = f64x2.splat(7);
  let a8 = f64x2.splat(8);
  let a9 = f64x2.splat(9);
  let a10 = f64x2.splat(10);
  let a11 = f64x2.splat(11);
  for (let r = 0; r < rounds; r++) {
    a0 = f64x2.add(f64x2.mul(a0, half), one);
    a1 = f64x2.add(f64x2.mul(a1, half), one);
    a2 = f64x2.add(f64x2.mul(a2, half), one);
    a3 = f64x2.add(f64x2.mul(a3, half), one);
    a4 = f64x2.add(f64x2.mul(a4, half), one);
    a5 = f64x2.add(f64x2.mul(a5, half), one);
    a6 = f64x2.add(f64x2.mul(a6, half), one);
    a7 = f64x2.add(f64x2.mul(a7, half), one);
    a8 = f64x2.add(f64x2.mul(a8, half), one);
    a9 = f64x2.add(f64x2.mul(a9, half), one);
    a10 = f64x2.add(f64x2.mul(a10, half), one);
    a11 = f64x2.add(f64x2.mul(a11, half), one);
  }
  const s = f64x2.add(
    f64x2.add(f64x2.add(f64x2.add(a0, a1), f64x2.add(a2, a3)), f64x2.add(f64x2.add(a4, a5), f64x2.add(a6, a7))),
    f64x2.add(f64x2.add(a8, a9), f64x2.add(a10, a11)),
  );
  return f64x2.extract_lane(s, 0) + f64x2.extract_lane(s, 1);
}

/**
 * y = A·x from the lower triangle of the symmetric n × n row-major A (j ≤ i), as BLAS dsymv does: each stored entry
 * is read once and used twice (row i's dot with x, and y[j] += A[i, j]·x[i]), 2n² flops for n²/2 entries read. Two
 * rows at a time share each load of x and of y; each row's dot is two lanes of partial sums. n must be even.
 */
export function symmetricMultiply(a: usize, n: i32, x: usize, y: usize): void {
  const stride = <usize>n << 3;
  for (let i = 0; i < n; i += 2) v128.store(y + (<usize>i << 3), f64x2.splat(0));
  for (let i = 0; i < n; i += 2) {
    const r0 = a + <usize>i * stride;
    const r1 = r0 + stride;
    const xi0 = load<f64>(x + (<usize>i << 3));
    const xi1 = load<f64>(x + (<usize>i << 3), 8);
    const s0 = f64x2.splat(xi0);
    const s1 = f64x2.splat(xi1);
    let p0 = f64x2.splat(0);
    let p1 = p0;
    for (let j = 0; j < i; j += 2) {
      const o = <usize>j << 3;
      const xj = v128.load(x + o);
      const w0 = v128.load(r0 + o);
      const w1 = v128.load(r1 + o);
      p0 = f64x2.add(p0, f64x2.mul(w0, xj));
      p1 = f64x2.add(p1, f64x2.mul(w1, xj));
      v128.store(y + o, f64x2.add(v128.load(y + o), f64x2.add(f64x2.mul(w0, s0), f64x2.mul(w1, s1))));
    }
    // The 2 × 2 diagonal block: A[i, i], A[i + 1, i] (= A[i, i + 1]) and A[i + 1, i + 1].
    const o = <usize>i << 3;
    const d00 = load<f64>(r0 + o);
    const d10 = load<f64>(r1 + o);
    const d11 = load<f64>(r1 + o, 8);
    const yi = y + o;
    store<f64>(yi, load<f64>(yi) + f64x2.extract_lane(p0, 0) + f64x2.extract_lane(p0, 1) + d00 * xi0 + d10 * xi1);
    store<f64>(yi, load<f64>(yi, 8) + f64x2.extract_lane(p1, 0) + f64x2.extract_lane(p1, 1) + d10 * xi0 + d11 * xi1, 8);
  }
}
