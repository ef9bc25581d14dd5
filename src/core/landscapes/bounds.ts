/**
 * Bound policies: what a continuous landscape is worth outside its box [lower, upper]ᴺ. Without one, a landscape
 * that rises beyond its box (Schwefel's) lets any optimizer "beat" its declared optimum by walking away. The policy
 * makes the landscape the optimizer sees a function on all of ℝᴺ, g(x), whose values are values of the box:
 *
 * - `none`: g = f. Right for landscapes whose declared optimum is the highest value on all of ℝᴺ (the sphere,
 *   Rastrigin, Ackley, Rosenbrock, Styblinski–Tang: COCO's bbob functions are also defined beyond [−5, 5]ᴺ, which
 *   is only their region of interest), and for networks, whose weights have no box.
 * - `clip`: g(x) = f(clip(x)), projection onto the box (nevergrad's `clipping` bound method; "saturation" in
 *   Kononova, Caraffini & Bäck 2021, "Differential evolution outside the box", Information Sciences).
 * - `reflect`: g(x) = f(mirror(x)), folding x back into the box as a mirror would, repeatedly (nevergrad's
 *   `bouncing`, its default since 2020; "mirror" in Kononova et al.).
 * - `penalty`: g(x) = f(clip(x)) − ‖x − clip(x)‖²: the repaired point's value less the squared distance to the
 *   box, CMA-ES's boundary handling (Hansen et al. 2009, IEEE Trans. Evol. Comput. 13:180; pycma's BoundPenalty,
 *   there with adapted weights, here weight 1) and the quadratic form of COCO's f_pen (Hansen, Finck, Ros & Auger
 *   2009, INRIA RR-6829). Evaluated at the repaired point, not at x, it cannot be outweighed by a landscape that
 *   rises fast outside.
 *
 * Inside the box every policy is the identity, bit for bit: g calls f on the caller's own array, so runs that never
 * leave the box give the same numbers under any policy. Gradients follow the chain rule (0 along clipped
 * coordinates, the sign flipped along mirrored ones), so gradient methods see the same function as evolution.
 * Applied once, where a run's landscape instance is made (run/instance.ts), for every optimizer and every observer.
 */
import type { ContinuousLandscape } from './landscape.ts';

export const BOUND_POLICIES = ['none', 'clip', 'reflect', 'penalty'] as const;
export type BoundPolicy = (typeof BOUND_POLICIES)[number];

/** What each policy means, for the JSON Schema, docs/reference.md and messages. */
export const BOUND_POLICY_SUMMARY =
  'Fitness outside the box: none (the landscape’s own), clip (the nearest point of the box), reflect (the mirror image in the box), penalty (the nearest point’s, less the squared distance).';

/** The landscape as `policy` shows it outside its box; `none` returns it unchanged. */
export function boundedLandscape(landscape: ContinuousLandscape, policy: BoundPolicy): ContinuousLandscape {
  if (policy === 'none') return landscape;
  const { dim, lower, upper } = landscape;
  const width = upper - lower;
  // Scratch for the repaired point and, per coordinate, d repaired / d x (1 inside, 0 clipped, −1 mirrored).
  const repaired = new Float64Array(dim);
  const slope = new Float64Array(dim);
  let distanceSquared = 0;

  /** False when x is inside the box; otherwise fills `repaired`, `slope` and `distanceSquared`. */
  const repair = (x: Float64Array, offset: number): boolean => {
    let inside = true;
    for (let i = 0; i < dim; i++) {
      const v = x[offset + i];
      if (!(v >= lower && v <= upper)) inside = false;
    }
    if (inside) return false;
    distanceSquared = 0;
    for (let i = 0; i < dim; i++) {
      const v = x[offset + i];
      if (v >= lower && v <= upper) {
        repaired[i] = v;
        slope[i] = 1;
      } else if (policy === 'reflect') {
        // Mirror images repeat with period 2·width; NaN and ±∞ stay non-finite and are ranked −∞ by the evaluator.
        let r = (v - lower) % (2 * width);
        if (r < 0) r += 2 * width;
        repaired[i] = r <= width ? lower + r : upper - (r - width);
        slope[i] = r <= width ? 1 : -1;
      } else {
        const c = v < lower ? lower : v > upper ? upper : v;
        repaired[i] = c;
        slope[i] = 0;
        distanceSquared += (v - c) * (v - c);
      }
    }
    return true;
  };
  const penalise = policy === 'penalty';
  const outsideValue = (f: number) => (penalise ? f - distanceSquared : f);
  /** Chain rule on a gradient computed at the repaired point (the penalty's own term added along clipped axes). */
  const pullBack = (x: Float64Array, offset: number, out: Float64Array) => {
    for (let i = 0; i < dim; i++) {
      out[i] *= slope[i];
      if (penalise && slope[i] === 0) out[i] -= 2 * (x[offset + i] - repaired[i]);
    }
  };

  // A copy that keeps the instance's prototype and own fields (a researcher's landscape may be a class instance).
  // Every method that reads the function at a point must be the bounded one's. Those not wrapped below are dropped:
  // the analytic Hessian–vector product (callers take differences of the bounded gradient, hessian-vector.ts, at
  // their cost) and the one-pass gradient step (the run takes its separate passes through the bounded gradient).
  const bounded: ContinuousLandscape = Object.assign(Object.create(Object.getPrototypeOf(landscape)), landscape, {
    gradientStep: undefined,
    hessianVector: undefined,
    hessianVectorCost: undefined,
    flopsPerHessianVector: undefined,
    bounds: policy,
    fitnessAt: (genes: Float64Array, offset: number) =>
      repair(genes, offset) ? outsideValue(landscape.fitnessAt(repaired, 0)) : landscape.fitnessAt(genes, offset),
  });
  const { gradient, minibatchGradient, testFitness } = landscape;
  if (gradient) {
    (bounded as { gradient: typeof gradient }).gradient = (x, out) => {
      if (!repair(x, 0)) return gradient.call(landscape, x, out);
      const f = gradient.call(landscape, repaired, out);
      pullBack(x, 0, out);
      return outsideValue(f);
    };
  }
  if (minibatchGradient) {
    (bounded as { minibatchGradient: typeof minibatchGradient }).minibatchGradient = (x, indices, from, to, out) => {
      if (!repair(x, 0)) return minibatchGradient.call(landscape, x, indices, from, to, out);
      const f = minibatchGradient.call(landscape, repaired, indices, from, to, out);
      pullBack(x, 0, out);
      return outsideValue(f);
    };
  }
  if (testFitness) {
    (bounded as { testFitness: typeof testFitness }).testFitness = (genes, offset) =>
      repair(genes, offset) ? outsideValue(testFitness.call(landscape, repaired, 0)) : testFitness.call(landscape, genes, offset);
  }
  return bounded;
}
