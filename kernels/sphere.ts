// AssemblyScript: one plain gradient step on the sphere, x + a·(−2x) into `next` and −Σx² returned, in one pass over
// the module's memory (byte offsets); `next` may be x (the run steps in place). Unlike the other kernels, the lanes here
// do split one sum: four partial sums, s_j over the indices ≡ j (mod 4), held as (s0, s1) and (s2, s3) in two f64x2
// accumulators, joined as (s0 + s2) + (s1 + s3), then the last n mod 4 squares added one by one. The typed-array
// reference (src/core/landscapes/sphere.ts) sums in exactly this order, so the bits are the same; the four independent
// chains are what lets the pass run at the speed of memory instead of one floating-point add latency per element.
// The main loop takes eight numbers a turn, each accumulator twice in index order (so the same sums as four a turn):
// four a turn took 1.09–1.13× its CPU time, sixteen a turn no less than four (bench/sphere-kernel-shapes.ts, before
// the touch below).

// Once per 4 KiB of x (a page), the loop also loads a number 64 KiB further on and keeps nothing of it but a few bits
// in an exported global (so that no optimizer may drop the load; nothing reads it). WebAssembly has no prefetch
// instruction, and without huge pages (which its memory cannot ask for) each 4 KiB page is a new stream for the
// hardware: loading from pages before the loop reaches them is what such an instruction would do. The same loop
// without the touch took 1.09–1.14× the CPU time, a touch per page 16 KiB ahead 1.15×, 256 KiB ahead 1.01–1.02×, a
// touch per 64 bytes 1.19–1.26× (bench/runs/2026-12-03-x18sphere-kernel-shapes.txt). Only x's own numbers are read.

/** Bytes ahead of the loop that each page's touch reads. */
const TOUCH_AHEAD: i32 = 65536;
/** Numbers per touch: one 4 KiB page of x. */
const TOUCH_EVERY: i32 = 512;

/** The touches' loaded bits, folded; read by nobody. */
export let sphereTouched: i32 = 0;

export function sphereStep(x: usize, n: i32, a: f64, next: usize): f64 {
  let low = f64x2.splat(0);
  let high = low;
  const step = f64x2.splat(a);
  const minusTwo = f64x2.splat(-2);
  const octets = n & ~7;
  // A touch at x[i + TOUCH_AHEAD / 8] stays inside x while i is below this (negative for short x: no touches).
  const lastTouch = n - (TOUCH_AHEAD >> 3);
  let touched: i64 = 0;
  let i = 0;
  while (i < octets) {
    if (i < lastTouch) touched |= load<i64>(x + (<usize>i << 3) + <usize>TOUCH_AHEAD);
    const blockEnd = min(i + TOUCH_EVERY, octets);
    for (; i < blockEnd; i += 8) {
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
  }
  sphereTouched = <i32>touched;
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
