// AssemblyScript: tanh in place over a chunk of activations (and 1 − tanh² beside it), two at a time: the same
// operations, in the same order, as fastTanh in src/core/nets/fast-math.ts, so the same bits. 2^k is built from
// its exponent bits instead of read from a table (the same double: k is an integer in [−55, 55] here).

const LOG2E: f64 = 1.4426950408889634;
const LN2_HI: f64 = 6.9314718036912381649e-1;
const LN2_LO: f64 = 1.90821492927058770002e-10;
/** 1.5·2^52: adding and subtracting it rounds to the nearest integer. */
const ROUND: f64 = 6755399441055744;
const LIMIT: f64 = 19.0615;
const C2: f64 = 1.0 / 2.0;
const C3: f64 = 1.0 / 6.0;
const C4: f64 = 1.0 / 24.0;
const C5: f64 = 1.0 / 120.0;
const C6: f64 = 1.0 / 720.0;
const C7: f64 = 1.0 / 5040.0;
const C8: f64 = 1.0 / 40320.0;
const C9: f64 = 1.0 / 362880.0;
const C10: f64 = 1.0 / 3628800.0;
const C11: f64 = 1.0 / 39916800.0;
const C12: f64 = 1.0 / 479001600.0;
const C13: f64 = 1.0 / 6227020800.0;

@inline function expm1Reduced(r: f64): f64 {
  const r2 = r * r;
  const r4 = r2 * r2;
  const a = r + C2 * r2;
  const b = C3 + C4 * r;
  const c = C5 + C6 * r;
  const d = C7 + C8 * r;
  const e = C9 + C10 * r;
  const f = C11 + C12 * r;
  const low = a + r2 * r * (b + r2 * c);
  const high = d + r2 * e + r4 * (f + r2 * C13);
  return low + r4 * r2 * r * high;
}

function tanh1(x: f64): f64 {
  if (!(x < LIMIT && x > -LIMIT)) return x != x ? x : x > 0 ? 1 : -1;
  const u = 2 * x;
  const k = u * LOG2E + ROUND - ROUND;
  const r = u - k * LN2_HI - k * LN2_LO;
  const p = reinterpret<f64>((<i64>k + 1023) << 52);
  const em1 = p * expm1Reduced(r) + (p - 1);
  return em1 / (em1 + 2);
}

@inline function mul(a: v128, b: v128): v128 {
  return f64x2.mul(a, b);
}

@inline function add(a: v128, b: v128): v128 {
  return f64x2.add(a, b);
}

/** Both lanes, for arguments inside (−LIMIT, LIMIT). */
@inline function tanh2(x: v128): v128 {
  const u = mul(f64x2.splat(2), x);
  const round = f64x2.splat(ROUND);
  const k = f64x2.sub(add(mul(u, f64x2.splat(LOG2E)), round), round);
  const r = f64x2.sub(f64x2.sub(u, mul(k, f64x2.splat(LN2_HI))), mul(k, f64x2.splat(LN2_LO)));
  const ki = i64x2.extend_low_i32x4_s(i32x4.trunc_sat_f64x2_s_zero(k));
  const p = i64x2.shl(i64x2.add(ki, i64x2.splat(1023)), 52);
  const r2 = mul(r, r);
  const r4 = mul(r2, r2);
  const a = add(r, mul(f64x2.splat(C2), r2));
  const b = add(f64x2.splat(C3), mul(f64x2.splat(C4), r));
  const c = add(f64x2.splat(C5), mul(f64x2.splat(C6), r));
  const d = add(f64x2.splat(C7), mul(f64x2.splat(C8), r));
  const e = add(f64x2.splat(C9), mul(f64x2.splat(C10), r));
  const f = add(f64x2.splat(C11), mul(f64x2.splat(C12), r));
  const low = add(a, mul(mul(r2, r), add(b, mul(r2, c))));
  const high = add(add(d, mul(r2, e)), mul(r4, add(f, mul(r2, f64x2.splat(C13)))));
  const em1r = add(low, mul(mul(mul(r4, r2), r), high));
  const em1 = add(mul(p, em1r), f64x2.sub(p, f64x2.splat(1)));
  return f64x2.div(em1, add(em1, f64x2.splat(2)));
}

/** z[i] ← tanh(z[i]) for i < size; with `deriv` ≠ 0, also deriv[i] ← 1 − tanh(z[i])². */
export function tanhInPlace(z: usize, deriv: usize, size: i32): void {
  const limit = f64x2.splat(LIMIT);
  const one = f64x2.splat(1);
  let i = 0;
  for (; i + 1 < size; i += 2) {
    const o = <usize>i << 3;
    const x = v128.load(z + o);
    if (i64x2.all_true(f64x2.lt(f64x2.abs(x), limit))) {
      const t = tanh2(x);
      v128.store(z + o, t);
      if (deriv) v128.store(deriv + o, f64x2.sub(one, mul(t, t)));
    } else {
      for (let j = 0; j < 2; j++) {
        const q = o + (<usize>j << 3);
        const t = tanh1(load<f64>(z + q));
        store<f64>(z + q, t);
        if (deriv) store<f64>(deriv + q, 1 - t * t);
      }
    }
  }
  for (; i < size; i++) {
    const q = <usize>i << 3;
    const t = tanh1(load<f64>(z + q));
    store<f64>(z + q, t);
    if (deriv) store<f64>(deriv + q, 1 - t * t);
  }
}
