/**
 * The path of steadily increasing acuity in steps of 1%, built on this model's optics the way Nilsson & Pelger
 * (1994) counted theirs: every step changes one structure by 1% (the cup's curvature, the aperture, or the lens's
 * refractive-index contrast) and must sharpen the eye. From a flat patch we take, at each step, the 1% change that
 * sharpens most, until no 1% change helps. The count is this reconstruction's, not the paper's 1829 (docs/eye.md).
 */
import { eyeAcuity, type EyeOptics } from './optics.ts';

export type EyeTrait = 'cup' | 'aperture' | 'lens';

export interface PathStart {
  /** Half-angle of the retinal arc, radians: a 1% change of 0 is 0, so the cup starts as a dimple. */
  readonly theta: number;
  /** Lens contrast x₂ of the transparent layer before selection (a 1% change of 0 is 0, as for the cup). */
  readonly lens: number;
}

/**
 * The start we use: a dimple one receptor deep (h ≈ Lθ/4 = receptor width) under a transparent layer whose
 * refractive-index contrast is a tenth of a fish lens's (cytoplasm ≈ 1.35 against 1.52 at a fish lens's centre, in
 * water of 1.334).
 */
export function defaultPathStart(o: EyeOptics): PathStart {
  return { theta: (4 * o.receptorWidth) / o.retinaLength, lens: 0.1 };
}

export interface EyePath {
  /** Steps of 1% in all. */
  readonly steps: number;
  /** Steps of 1% per structure. */
  readonly stepsBy: Readonly<Record<EyeTrait, number>>;
  /** Consecutive runs of steps on one structure: the stages of the path, in order. */
  readonly stages: readonly { readonly trait: string; readonly steps: number; readonly acuityFrom: number; readonly acuityTo: number }[];
  /** Traits (x₀, x₁, x₂) at the start and at the end. */
  readonly start: Float64Array;
  readonly end: Float64Array;
  readonly acuityStart: number;
  readonly acuityEnd: number;
  /** Whether every step sharpened the eye (true by construction; kept for tests and output). */
  readonly increasing: boolean;
}

const UP = 1.01;
const TRAITS: readonly EyeTrait[] = ['cup', 'aperture', 'lens'];
/** Factors for (θ, r, x₂): one structure by 1%, or two at once (each a 1% step; the lens grows with its eye). */
const MOVES: readonly (readonly [number, number, number])[] = (() => {
  const out: [number, number, number][] = [];
  const f = [1, UP, 1 / UP];
  for (const a of f) for (const b of f) for (const c of f) if ([a, b, c].filter((v) => v !== 1).length === 1 || [a, b, c].filter((v) => v !== 1).length === 2) out.push([a, b, c]);
  return out;
})();

/** Builds the 1% path from `start` (defaults: defaultPathStart) to where no 1% change sharpens the eye. */
export function onePercentPath(o: EyeOptics, start: PathStart = defaultPathStart(o), maxSteps = 100_000): EyePath {
  // Physical quantities that change by 1%: θ, the open fraction r = A/w = 1 − x₁, and the lens contrast x₂.
  let theta = start.theta;
  let open = 1;
  let lens = start.lens;
  const traits = (t: number, r: number, l: number): Float64Array => Float64Array.of(t / (Math.PI / 2), 1 - r, l);
  const acuity = (t: number, r: number, l: number): number => eyeAcuity(o, traits(t, r, l));
  let f = acuity(theta, open, lens);
  const acuityStart = f;
  const startTraits = traits(theta, open, lens);
  const stepsBy: Record<EyeTrait, number> = { cup: 0, aperture: 0, lens: 0 };
  const stages: { trait: string; steps: number; acuityFrom: number; acuityTo: number }[] = [];
  let increasing = true;
  for (let step = 0; step < maxSteps; step++) {
    let bestScore = 0;
    let bestF = f;
    let bestMove: [number, number, number] | undefined;
    let bestChanged: EyeTrait[] = [];
    for (const move of MOVES) {
      const t = Math.min(Math.PI / 2, theta * move[0]);
      const r = Math.min(1, open * move[1]);
      const l = Math.min(1, lens * move[2]);
      const changed = TRAITS.filter((_, i) => [t !== theta, r !== open, l !== lens][i]);
      if (changed.length === 0 || changed.length < move.filter((m) => m !== 1).length) continue;
      const g = acuity(t, r, l);
      const score = Math.log(g / f) / changed.length;
      if (score > bestScore) {
        bestScore = score;
        bestF = g;
        bestMove = [t, r, l];
        bestChanged = changed;
      }
    }
    if (!bestMove) break;
    if (!(bestF > f)) increasing = false;
    [theta, open, lens] = bestMove;
    const trait = bestChanged.join('+');
    const last = stages[stages.length - 1];
    if (last && last.trait === trait) {
      last.steps += bestChanged.length;
      last.acuityTo = bestF;
    } else stages.push({ trait, steps: bestChanged.length, acuityFrom: f, acuityTo: bestF });
    for (const c of bestChanged) stepsBy[c]++;
    f = bestF;
  }
  const steps = stepsBy.cup + stepsBy.aperture + stepsBy.lens;
  return { steps, stepsBy, stages, start: startTraits, end: traits(theta, open, lens), acuityStart, acuityEnd: f, increasing };
}
