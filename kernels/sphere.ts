// AssemblyScript: one plain gradient step on the sphere, x + a·(−2x) into `next` and −Σx² returned, in one pass over
// the module's memory (byte offsets); `next` may be x (the run steps in place). Unlike the other kernels, the lanes here
// do split one sum: four partial sums, s_j over the indices ≡ j (mod 4), held as (s0, s1) and (s2, s3) in two f64x2
// accumulators, joined as (s0 + s2) + (s1 + s3), then the last n mod 4 squares added one by one. The typed-array
// reference (src/core/landscapes/sphere.ts) sums in exactly this order, so the bits are the same; the four independent
// chains are what lets the pass run at the speed of memory instead of one floating-point add latency per element.
// The main loop takes eight numbers a turn, each accumulator twice in index order (so the same sums as four a turn):
// four a turn took 1.09–1.13× its CPU time, sixteen a turn no less than four (bench/sphere-kernel-shapes.ts).

export function sphereStep(x: usize, n: i32, a: f64, next: usize): f64 {
  let low = f64x2.splat(0);
  let high = low;
  const step = f64x2.splat(a);
  const minusTwo = f64x2.splat(-2);
  const octets = n & ~7;
  let i = 0;
  for (; i < octets; i += 8) {
    const at = <usize>i << 3;
    const p = v128.load(x + at);
    const q = v128.load(x + at, 16);
    const r = v128.load(x + at, 32);
    const t = v128.load(x + at, 48);
    low = f64x2.add(low, f64x2.mul(p, p));
    high = f64x2.add(high, f64x2.mul(q, q));
    low = f64x2.add(low, f64x2.mul(r, r));
    high = f64x2.add(high, f64x2.mul(t, t));
    v128.store(next + at, f64x2.add(p, f64x2.mul(step, f64x2.mul(minusTwo, p))));
    v128.store(next + at, f64x2.add(q, f64x2.mul(step, f64x2.mul(minusTwo, q))), 16);
    v128.store(next + at, f64x2.add(r, f64x2.mul(step, f64x2.mul(minusTwo, r))), 32);
    v128.store(next + at, f64x2.add(t, f64x2.mul(step, f64x2.mul(minusTwo, t))), 48);
  }
  if (n & 4) {
    const at = <usize>i << 3;
    const p = v128.load(x + at);
    const q = v128.load(x + at, 16);
    low = f64x2.add(low, f64x2.mul(p, p));
    high = f64x2.add(high, f64x2.mul(q, q));
    v128.store(next + at, f64x2.add(p, f64x2.mul(step, f64x2.mul(minusTwo, p))));
    v128.store(next + at, f64x2.add(q, f64x2.mul(step, f64x2.mul(minusTwo, q))), 16);
    i += 4;
  }
  const pairs = f64x2.add(low, high);
  let s = f64x2.extract_lane(pairs, 0) + f64x2.extract_lane(pairs, 1);
  for (; i < n; i++) {
    const at = <usize>i << 3;
    const xi = load<f64>(x + at);
    s += xi * xi;
    store<f64>(next + at, xi + a * (-2 * xi));
  }
  return -s;
}
