/**
 * The eye of Nilsson & Pelger (1994, Proc. R. Soc. Lond. B 256:53): three morphological traits in [0, 1] — cup
 * depth (invagination), aperture constriction, lens refractive-index contrast — and fitness the spatial resolution
 * (cycles per radian) the optics allow against photon noise. A flat patch sees only where light comes from; a cup,
 * a pinhole at its best aperture and a focused lens each see more. The optics and their sources: src/core/eye/optics.ts
 * and docs/eye.md.
 */
import { z } from 'zod';
import { DEFAULT_OPTICS, eyeAcuity, type EyeOptics } from '../eye/optics.ts';
import { eyeOptimum } from '../eye/optimum.ts';
import { defineLandscape, type ContinuousLandscape } from './landscape.ts';

/** The three traits: invagination, constriction, lens. */
export const EYE_DIM = 3;
const BOX = [0, 1] as const;

const params = z.strictObject({
  light: z
    .number()
    .gt(0)
    .max(1e12)
    .default(DEFAULT_OPTICS.light)
    .describe('Photons per µm² of aperture per integration time (N): dim light favours a wider pinhole.'),
  contrast: z.number().gt(0).max(1).default(DEFAULT_OPTICS.contrast).describe('Contrast c of the scene.'),
  start: z
    .enum(['random', 'flat'])
    .default('random')
    .describe('Where runs start: eyes with uniform random traits, or flat patches (every trait within 0.02 of 0), where Nilsson and Pelger begin.'),
});

/** Half-width of the traits of a `start: flat` eye: a patch curved by at most 1.8°, with no rim or lens to speak of. */
export const FLAT_START_SPREAD = 0.02;

/** An `eye` landscape instance, with the optics it was made with (for the page's eye view). */
export interface EyeLandscape extends ContinuousLandscape {
  readonly optics: EyeOptics;
}

/** The optics of an `eye` landscape with these fields. */
export function eyeOptics(p: { light: number; contrast: number }): EyeOptics {
  return { ...DEFAULT_OPTICS, light: p.light, contrast: p.contrast };
}

export const eye = defineLandscape({
  id: 'eye',
  title: 'Eye (Nilsson–Pelger)',
  space: 'continuous',
  summary: 'A light-sensitive patch that can become a cup, a pinhole and a lens eye; fitness is spatial resolution (3 traits).',
  box: BOX,
  minDim: EYE_DIM,
  params,
  dimOf: () => EYE_DIM,
  memoryBytes: () => 1024,
  // Traits below 0 read as 0 (a flat patch), so a start spread about 0 is a flat patch with slight variation.
  initScale: (dim, p) => (p.start === 'flat' ? new Float64Array(dim).fill(FLAT_START_SPREAD) : undefined),
  create(dim, p) {
    if (dim !== EYE_DIM) throw new RangeError(`the eye has ${EYE_DIM} traits, not ${dim}`);
    const optics = eyeOptics(p);
    const best = eyeOptimum(optics);
    // Beyond ±1 a trait stays at its limit (foldTrait), so the optics alone are flat out there, and a gradient step
    // that overshoots would sit on a plateau with zero gradient: a dead end by the gradient test, though the way back
    // is open. Fitness therefore falls gently with the distance beyond, 10⁻⁵ of the best eye's acuity per unit:
    // gradients point back and such points are never critical, while an overshoot still counts (to well within any
    // sensible tolerance) as reaching the limit. Nothing within ±1, the optimum included, changes.
    const outsideSlope = 1e-5 * best.acuity;
    const landscape: EyeLandscape = {
      id: 'eye',
      space: 'continuous',
      dim,
      reading: 'fitness',
      gradientCost: 2,
      lower: BOX[0],
      upper: BOX[1],
      optimumFitness: best.acuity,
      optimum: best.x,
      optics,
      // A negative value reads as its magnitude (foldTrait), so below the box there is no flat region either.
      fitnessAt: (x, offset) => eyeAcuity(optics, x, offset) - outsideSlope * beyondLimits(x, offset),
      gradient: (x, out) => {
        const acuity = eyeAcuity(optics, x, 0, out);
        for (let i = 0; i < EYE_DIM; i++) if (Math.abs(x[i]) > 1) out[i] -= outsideSlope * Math.sign(x[i]);
        return acuity - outsideSlope * beyondLimits(x, 0);
      },
    };
    return landscape;
  },
});

/** How far the values of x lie beyond the traits' limit ±1, summed over traits (L1). */
function beyondLimits(x: ArrayLike<number>, offset: number): number {
  let distance = 0;
  for (let i = 0; i < EYE_DIM; i++) {
    const magnitude = Math.abs(x[offset + i]);
    if (magnitude > 1) distance += magnitude - 1;
  }
  return distance;
}
