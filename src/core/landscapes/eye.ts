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
import { defineLandscape } from './landscape.ts';

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
});

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
  create(dim, p) {
    if (dim !== EYE_DIM) throw new RangeError(`the eye has ${EYE_DIM} traits, not ${dim}`);
    const optics = eyeOptics(p);
    const best = eyeOptimum(optics);
    return {
      id: 'eye',
      space: 'continuous',
      dim,
      reading: 'fitness',
      gradientCost: 2,
      lower: BOX[0],
      upper: BOX[1],
      optimumFitness: best.acuity,
      optimum: best.x,
      fitnessAt: (x, offset) => eyeAcuity(optics, x, offset),
      gradient: (x, out) => eyeAcuity(optics, x, 0, out),
    };
  },
});
