/**
 * The stages an eye passes through on its way from a light-sensitive patch to a lens eye, as in Nilsson & Pelger's
 * sequence and this model's 1% path (docs/eye.md): flat patch → cup → pinhole-like aperture → lens. Each stage is
 * read from the traits by a criterion that names what the structure contributes, so a racer's eye can be placed on
 * the timeline whatever order its traits changed in. The criteria are this project's choice, not the paper's.
 */
import { eyeAcuity, foldTrait, type EyeOptics } from './optics.ts';

export const EYE_STAGES = ['flat', 'cup', 'pinhole', 'lens'] as const;
export type EyeStage = (typeof EYE_STAGES)[number];

/** Names for readouts and the timeline. */
export const EYE_STAGE_NAMES: Readonly<Record<EyeStage, string>> = { flat: 'flat patch', cup: 'cup', pinhole: 'pinhole', lens: 'lens' };

/** A cup is at least this deep for its opening: below that, a patch with a dimple. */
export const CUP_DEPTH_RATIO = 0.1;
/** A rim that leaves at most this share of the cup's opening makes a pinhole-like aperture. */
export const PINHOLE_OPEN_SHARE = 0.5;
/** A lens counts once it sharpens the eye at least this many times over the same cup and aperture without it. */
export const LENS_GAIN = 2;

const HALF_PI = Math.PI / 2;
/** The same eye without its lens: one buffer, reused, so staging an eye every frame allocates nothing. */
const lensless = new Float64Array(3);

/**
 * Index into EYE_STAGES of the eye with traits x[offset .. offset + 3): a cup when its depth is at least
 * CUP_DEPTH_RATIO of its opening (depth/opening = tan(θ/2)/2 for a circular arc), a pinhole when in addition the rim
 * leaves at most PINHOLE_OPEN_SHARE of the opening, a lens eye when a cup's lens multiplies its acuity by at least
 * LENS_GAIN (whatever the aperture: the lens eye's aperture widens again as the lens grows).
 */
export function eyeStageIndex(o: EyeOptics, x: ArrayLike<number>, offset = 0): number {
  const theta = HALF_PI * foldTrait(x[offset]);
  if (Math.tan(theta / 2) / 2 < CUP_DEPTH_RATIO) return 0;
  lensless[0] = x[offset];
  lensless[1] = x[offset + 1];
  lensless[2] = 0;
  const without = eyeAcuity(o, lensless);
  if (without > 0 && eyeAcuity(o, x, offset) >= LENS_GAIN * without) return 3;
  return 1 - foldTrait(x[offset + 1]) <= PINHOLE_OPEN_SHARE ? 2 : 1;
}

export function eyeStage(o: EyeOptics, x: ArrayLike<number>, offset = 0): EyeStage {
  return EYE_STAGES[eyeStageIndex(o, x, offset)];
}
