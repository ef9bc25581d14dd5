/**
 * A line search that satisfies the strong Wolfe conditions (Nocedal & Wright 2006, Algorithms 3.5 and 3.6), as a
 * state machine for ask/tell: the method evaluates the trial step `alpha` (one gradient, charged like any other) and
 * hands back φ(α) = loss(x + α·d) and φ'(α) = ∇loss·d; the search answers with the next trial, or accepts. Trials
 * come from cubic interpolation of the two ends of the bracket (their values and slopes), which is exact on a
 * quadratic, so with a tight curvature condition the search is exact there (the setting of the finite-termination
 * theorems for conjugate gradients). Loss, not fitness: φ is −fitness along d.
 */

/** Plain numbers only (state must be cloneable). */
export interface LineSearchState {
  /** Sufficient decrease (Armijo) c₁ and curvature c₂ constants, 0 < c₁ < c₂ < 1. */
  c1: number;
  c2: number;
  phi0: number;
  dphi0: number;
  /** The trial step being evaluated. */
  alpha: number;
  /** 1 while bracketing (Algorithm 3.5), 2 while zooming (Algorithm 3.6), 3 for a last evaluation at `lo`. */
  phase: number;
  /** The previous bracketing trial (α₀ = 0 at the start). */
  prev: number;
  phiPrev: number;
  dphiPrev: number;
  /** The bracket: `lo` satisfies sufficient decrease with the lowest φ so far, `hi` is its other end. */
  lo: number;
  phiLo: number;
  dphiLo: number;
  hi: number;
  phiHi: number;
  dphiHi: number;
  trials: number;
}

/** Trials after which the search gives up and returns to the best step that decreased the loss enough (`lo`). */
export const MAX_LINE_SEARCH_TRIALS = 30;

/** The largest factor by which one bracketing trial extends the step. */
const MAX_EXPANSION = 10;

export function createLineSearch(c1: number, c2: number): LineSearchState {
  return { c1, c2, phi0: 0, dphi0: 0, alpha: 0, phase: 0, prev: 0, phiPrev: 0, dphiPrev: 0, lo: 0, phiLo: 0, dphiLo: 0, hi: 0, phiHi: 0, dphiHi: 0, trials: 0 };
}

/** Starts a search from φ(0), φ'(0) < 0 with the first trial step `alpha0`; the step to evaluate is `ls.alpha`. */
export function startLineSearch(ls: LineSearchState, phi0: number, dphi0: number, alpha0: number): void {
  ls.phi0 = phi0;
  ls.dphi0 = dphi0;
  ls.alpha = alpha0;
  ls.phase = 1;
  ls.prev = 0;
  ls.phiPrev = phi0;
  ls.dphiPrev = dphi0;
  ls.lo = 0;
  ls.phiLo = phi0;
  ls.dphiLo = dphi0;
  ls.trials = 0;
}

/**
 * φ and φ' at `ls.alpha` (NaN or ∞ for a step that left the region where the loss is finite). Returns 'accept' when
 * `ls.alpha` is the step to take, 'continue' with the next trial in `ls.alpha`, or 'fail' when no step decreased
 * the loss enough (d is then no use: the caller restarts along the gradient).
 */
export function lineSearchStep(ls: LineSearchState, phi: number, dphi: number): 'accept' | 'continue' | 'fail' {
  ls.trials++;
  const alpha = ls.alpha;
  if (ls.phase === 3) return 'accept';
  const finite = Number.isFinite(phi) && Number.isFinite(dphi);
  const armijoFails = !finite || phi > ls.phi0 + ls.c1 * alpha * ls.dphi0;
  const curvatureHolds = finite && Math.abs(dphi) <= -ls.c2 * ls.dphi0;
  if (ls.phase === 1) {
    if (armijoFails || (ls.trials > 1 && phi >= ls.phiPrev)) {
      setBracket(ls, ls.prev, ls.phiPrev, ls.dphiPrev, alpha, phi, dphi);
    } else if (curvatureHolds) {
      return 'accept';
    } else if (dphi >= 0) {
      setBracket(ls, alpha, phi, dphi, ls.prev, ls.phiPrev, ls.dphiPrev);
    } else {
      // Still descending steeply: extend the step, to the cubic's minimiser where it lies ahead (exact on a quadratic).
      const cubic = cubicMinimiser(ls.prev, ls.phiPrev, ls.dphiPrev, alpha, phi, dphi);
      const next = cubic > alpha ? Math.min(Math.max(cubic, 1.1 * alpha), MAX_EXPANSION * alpha) : 4 * alpha;
      ls.prev = alpha;
      ls.phiPrev = phi;
      ls.dphiPrev = dphi;
      ls.lo = alpha;
      ls.phiLo = phi;
      ls.dphiLo = dphi;
      ls.alpha = next;
      return ls.trials >= MAX_LINE_SEARCH_TRIALS ? giveUp(ls) : 'continue';
    }
  } else if (armijoFails || phi >= ls.phiLo) {
    ls.hi = alpha;
    ls.phiHi = phi;
    ls.dphiHi = dphi;
  } else {
    if (curvatureHolds) return 'accept';
    if (dphi * (ls.hi - ls.lo) >= 0) {
      ls.hi = ls.lo;
      ls.phiHi = ls.phiLo;
      ls.dphiHi = ls.dphiLo;
    }
    ls.lo = alpha;
    ls.phiLo = phi;
    ls.dphiLo = dphi;
  }
  ls.phase = 2;
  const width = Math.abs(ls.hi - ls.lo);
  if (ls.trials >= MAX_LINE_SEARCH_TRIALS || !(width > 1e-14 * Math.max(ls.lo, ls.hi))) return giveUp(ls);
  ls.alpha = interpolate(ls.lo, ls.phiLo, ls.dphiLo, ls.hi, ls.phiHi, ls.dphiHi);
  return 'continue';
}

function setBracket(ls: LineSearchState, lo: number, phiLo: number, dphiLo: number, hi: number, phiHi: number, dphiHi: number): void {
  ls.lo = lo;
  ls.phiLo = phiLo;
  ls.dphiLo = dphiLo;
  ls.hi = hi;
  ls.phiHi = phiHi;
  ls.dphiHi = dphiHi;
}

/** No step met both conditions: take `lo` if it decreased the loss (one more evaluation, for its gradient), else fail. */
function giveUp(ls: LineSearchState): 'continue' | 'fail' {
  if (!(ls.lo > 0 && ls.phiLo < ls.phi0)) return 'fail';
  ls.alpha = ls.lo;
  ls.phase = 3;
  return 'continue';
}

/**
 * The minimiser of the cubic through (a, φa, φ'a) and (b, φb, φ'b) (Nocedal & Wright 2006, eq. 3.59), NaN where it has
 * none (or the data are not finite).
 */
export function cubicMinimiser(a: number, fa: number, da: number, b: number, fb: number, db: number): number {
  const d1 = da + db - (3 * (fa - fb)) / (a - b);
  const disc = d1 * d1 - da * db;
  if (!(disc >= 0)) return NaN;
  const d2 = Math.sign(b - a) * Math.sqrt(disc);
  const t = b - ((b - a) * (db + d2 - d1)) / (db - da + 2 * d2);
  return Number.isFinite(t) ? t : NaN;
}

/** A trial inside the bracket: the cubic's minimiser when it lies well inside, else the midpoint (bisection). */
function interpolate(lo: number, phiLo: number, dphiLo: number, hi: number, phiHi: number, dphiHi: number): number {
  const left = Math.min(lo, hi);
  const right = Math.max(lo, hi);
  const margin = 1e-3 * (right - left);
  const t = cubicMinimiser(lo, phiLo, dphiLo, hi, phiHi, dphiHi);
  return t > left + margin && t < right - margin ? t : 0.5 * (left + right);
}
