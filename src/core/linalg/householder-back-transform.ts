/**
 * The back-transformation of an eigensolver that works on the tridiagonal T = Qᵀ·A·Q (divide and conquer): from
 * eigenvectors z of T to eigenvectors v = Q·z of A, applying the Householder reflectors that `reduceToTridiagonal`
 * leaves in W without ever forming Q, as LAPACK's dormtr does. With eigenvectors as rows, V = Z·Qᵀ = Z·P_1·P_2 ⋯
 * P_{n−1}. Forming Q costs about (4/3)·n³ flops and the product Z·Qᵀ another 2·n³; applying the reflectors in
 * blocks costs 2·n³ (plus lower-order terms), all of it in matrix–matrix products.
 *
 * Blocks of REFLECTOR_BLOCK consecutive reflectors P_a ⋯ P_{a+k−1} are applied at once in compact WY form
 * (Schreiber & Van Loan 1989; LAPACK's dlarft and dlarfb): their product is I − Y·T·Yᵀ, where column c of Y is
 * u_{a+c} (zero beyond its support [0, a + c)) and T is the k × k upper triangular factor, so each block costs
 * Z ← Z − (Z·Y)·(T·Yᵀ), two products of n × len × k multiply–adds with len = a + k − 1 the block's longest support.
 *
 * This is the typed-array reference of kernels/back-transform.ts, which gives the same bits: every sum below starts
 * at +0 and adds its terms in the order written, one IEEE multiply then one add per term. The kernel pads the
 * block's width to a multiple of four with zero columns of Y (and zero rows of T·Yᵀ); their terms are ±0 added to a
 * sum that is never −0, so they change no bit.
 */

/** Reflectors applied together; the bits depend on it, so the kernel uses the same number. */
export const REFLECTOR_BLOCK = 32;

/**
 * Z (n × n, row-major, one eigenvector of T per row, as tridiagonalEigen returns them) becomes Z·Qᵀ, the
 * eigenvectors of A in the same rows, where W and h are the reflectors and scalars `reduceToTridiagonal` left.
 * Each block is prepared just before it is applied, so that only one block's T·Yᵀ is ever held.
 */
export function backTransform(n: number, W: Float64Array, h: Float64Array, Z: Float64Array): void {
  const nb = REFLECTOR_BLOCK;
  const T = new Float64Array(nb * nb);
  const w = new Float64Array(nb);
  const M = new Float64Array(n * nb);
  const x = new Float64Array(nb);
  for (let first = 1; first < n; first += nb) {
    const count = Math.min(nb, n - first);
    prepareBlock(n, W, h, first, count, T, w, M, 0);
    applyBlock(n, W, first, count, M, 0, Z, n, n, x);
  }
}

/**
 * Numbers of the prepared blocks of order n (`prepareBackTransform`): each block's T·Yᵀ, len × REFLECTOR_BLOCK, in
 * block order; about n²/2 in all.
 */
export function preparedBackTransformLength(n: number): number {
  let length = 0;
  for (let first = 1; first < n; first += REFLECTOR_BLOCK) length += (first + Math.min(REFLECTOR_BLOCK, n - first) - 1) * REFLECTOR_BLOCK;
  return length;
}

/**
 * The part of the back-transformation that depends on the reflectors alone (every block's T and T·Yᵀ), into
 * `prepared` (preparedBackTransformLength(n) numbers), for a caller that applies Qᵀ to a few rows at a time many
 * times over (CMA-ES samples through V = Z·Qᵀ without forming V): preparing costs about REFLECTOR_BLOCK·n²/2
 * multiply–adds, once, where each application to a row costs about n².
 */
export function prepareBackTransform(n: number, W: Float64Array, h: Float64Array, prepared: Float64Array): void {
  const nb = REFLECTOR_BLOCK;
  const T = new Float64Array(nb * nb);
  const w = new Float64Array(nb);
  let offset = 0;
  for (let first = 1; first < n; first += nb) {
    const count = Math.min(nb, n - first);
    prepareBlock(n, W, h, first, count, T, w, prepared, offset);
    offset += (first + count - 1) * nb;
  }
}

/**
 * rows[k] ← rows[k]·Qᵀ for k < count (row k from rows[k·stride], its first n entries), with the blocks that
 * `prepareBackTransform` prepared from the same W and h: the same bits as `backTransform` gives those rows.
 */
export function applyBackTransform(n: number, W: Float64Array, prepared: Float64Array, rows: Float64Array, count: number, stride: number): void {
  const nb = REFLECTOR_BLOCK;
  const x = new Float64Array(nb);
  let offset = 0;
  for (let first = 1; first < n; first += nb) {
    const width = Math.min(nb, n - first);
    applyBlock(n, W, first, width, prepared, offset, rows, count, stride, x);
    offset += (first + width - 1) * nb;
  }
}

/**
 * One block's T (scratch, with `w` for its dot products) and T·Yᵀ, stored transposed from M[offset] on: column c of
 * row j at M[offset + j·nb + c], so that the update reads it along rows.
 */
function prepareBlock(
  n: number,
  W: Float64Array,
  h: Float64Array,
  first: number,
  count: number,
  T: Float64Array,
  w: Float64Array,
  M: Float64Array,
  offset: number,
): void {
  const nb = REFLECTOR_BLOCK;
  const len = first + count - 1;
  triangularFactor(n, W, h, first, count, T, w);
  for (let j = 0; j < len; j++) {
    for (let c = 0; c < count; c++) {
      let s = 0;
      for (let k = c; k < count; k++) s += T[c * nb + k] * W[(first + k) * n + j];
      M[offset + j * nb + c] = s;
    }
  }
}

/** One block, I − Y·T·Yᵀ, applied to `rowCount` rows `stride` apart: z ← z − (z·Y)·(T·Yᵀ); `x` is scratch. */
function applyBlock(
  n: number,
  W: Float64Array,
  first: number,
  count: number,
  M: Float64Array,
  offset: number,
  Z: Float64Array,
  rowCount: number,
  stride: number,
  x: Float64Array,
): void {
  const nb = REFLECTOR_BLOCK;
  const len = first + count - 1;
  for (let r = 0; r < rowCount; r++) {
    const row = r * stride;
    // Four sums at a time, each still in its own order: four independent chains of additions instead of one.
    let c = 0;
    for (; c + 3 < count; c += 4) {
      const u0 = (first + c) * n;
      const u1 = u0 + n;
      const u2 = u1 + n;
      const u3 = u2 + n;
      let s0 = 0;
      let s1 = 0;
      let s2 = 0;
      let s3 = 0;
      for (let j = 0; j < len; j++) {
        const z = Z[row + j];
        s0 += z * W[u0 + j];
        s1 += z * W[u1 + j];
        s2 += z * W[u2 + j];
        s3 += z * W[u3 + j];
      }
      x[c] = s0;
      x[c + 1] = s1;
      x[c + 2] = s2;
      x[c + 3] = s3;
    }
    for (; c < count; c++) {
      const u = (first + c) * n;
      let s = 0;
      for (let j = 0; j < len; j++) s += Z[row + j] * W[u + j];
      x[c] = s;
    }
    let j = 0;
    for (; j + 3 < len; j += 4) {
      const m0 = offset + j * nb;
      const m1 = m0 + nb;
      const m2 = m1 + nb;
      const m3 = m2 + nb;
      let s0 = 0;
      let s1 = 0;
      let s2 = 0;
      let s3 = 0;
      for (let c = 0; c < count; c++) {
        const xc = x[c];
        s0 += xc * M[m0 + c];
        s1 += xc * M[m1 + c];
        s2 += xc * M[m2 + c];
        s3 += xc * M[m3 + c];
      }
      Z[row + j] -= s0;
      Z[row + j + 1] -= s1;
      Z[row + j + 2] -= s2;
      Z[row + j + 3] -= s3;
    }
    for (; j < len; j++) {
      const m = offset + j * nb;
      let s = 0;
      for (let c = 0; c < count; c++) s += x[c] * M[m + c];
      Z[row + j] -= s;
    }
  }
}

/**
 * The upper triangular T (row stride REFLECTOR_BLOCK) with P_first ⋯ P_{first+count−1} = I − Y·T·Yᵀ, column by
 * column as dlarft builds it: T[i, i] = τ_i = 1/h_i (0 for the identity, h_i = 0), and above it
 * T[r, i] = −τ_i·Σ_{q=r}^{i−1} T[r, q]·(u_q·u_i). `w` is scratch for the count dot products.
 */
function triangularFactor(n: number, W: Float64Array, h: Float64Array, first: number, count: number, T: Float64Array, w: Float64Array): void {
  const nb = REFLECTOR_BLOCK;
  for (let i = 0; i < count; i++) {
    const hi = h[first + i];
    const tau = hi === 0 ? 0 : 1 / hi;
    T[i * nb + i] = tau;
    const ui = (first + i) * n;
    // u_q for q < i is supported on [0, first + q), inside u_i's support.
    for (let q = 0; q < i; q++) {
      const uq = (first + q) * n;
      let s = 0;
      for (let j = 0; j < first + q; j++) s += W[uq + j] * W[ui + j];
      w[q] = s;
    }
    for (let r = 0; r < i; r++) {
      let s = 0;
      for (let q = r; q < i; q++) s += T[r * nb + q] * w[q];
      T[r * nb + i] = -tau * s;
    }
  }
}
