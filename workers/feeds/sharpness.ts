/**
 * The sharpness view's feed: replicate 1's gradient racers record their sharpness (top Hessian eigenvalue) as they
 * run, and each frame carries the points recorded since the last.
 */
import type { Landscape } from '../../src/core/landscapes/landscape.ts';
import { SHARPNESS_STEPS } from '../../src/core/metrics/sharpness.ts';
import { optimizerDef } from '../../src/core/optimizers/registry.ts';
import { optimizerParams, problemOf } from '../../src/core/run/instance.ts';
import type { MeasureSpec, RunSpec } from '../../src/core/run/spec.ts';
import type { Feed } from './feed.ts';

/** Sharpness points per racer the page aims at when the scenario sets no `measure.sharpnessEvery`. */
const SHARPNESS_POINTS = 150;
/**
 * Without a scenario cadence, the observer's Lanczos may cost at most this share of the gradients a racer computes
 * itself, so measuring never slows a frame by more than a third, whatever the speed.
 */
const SHARPNESS_SHARE = 1 / 3;

/** Generations between replicate 1's sharpness points of each racer (null: not measured), once the page measures them. */
export function sharpnessCadence(specs: readonly RunSpec[], landscape: Landscape): (number | null)[] {
  return specs.map((spec) => (landscape.space === 'continuous' && landscape.gradient ? (spec.measure?.sharpnessEvery ?? null) : null));
}

export const sharpnessFeed: Feed<'sharpness', { sent: number[] }> = {
  id: 'sharpness',

  /**
   * Replicate 1's gradient racers record their sharpness (the scenario's cadence, else one that keeps about
   * SHARPNESS_POINTS points and the observer's cost within SHARPNESS_SHARE of the racer's own gradients); the other
   * replicates no sharpness, as no view shows them. Of the scenario's other measures only trace and flops stay.
   */
  measure(spec, replicate, landscape) {
    // The Hessian index of end points is in result lines, not in any view: the page skips its full Hessians. The
    // trace and flops are kept (every replicate: the race view exports all their traces, and both are cheap).
    const kept = { ...(spec.measure?.trace && { trace: spec.measure.trace }), ...(spec.measure?.flops && { flops: true }) };
    const measuring = (measure: MeasureSpec) => (Object.keys(measure).length ? measure : undefined);
    const scenarioCadence = spec.measure?.sharpnessEvery === undefined ? undefined : { sharpnessEvery: spec.measure.sharpnessEvery };
    if (replicate > 0) return { ...spec, measure: measuring(kept) };
    const def = optimizerDef(spec.optimizer.id)!;
    if (landscape.space !== 'continuous' || !landscape.gradient || !def.needsGradient || scenarioCadence) return { ...spec, measure: measuring({ ...kept, ...scenarioCadence }) };
    // A minibatch step computes a share of a full gradient; Lanczos takes two full gradients per step.
    const problem = problemOf(spec.landscape);
    const params = optimizerParams(def, problem, spec.optimizer);
    const share = typeof params.batchSize === 'number' && problem.samples ? Math.min(1, params.batchSize / problem.samples) : 1;
    const lanczos = 2 * Math.min(landscape.dim, SHARPNESS_STEPS);
    const generations = spec.budget.evaluations / ((spec.budget.gradientCost ?? landscape.gradientCost) * share);
    const every = Math.max(Math.ceil(lanczos / (SHARPNESS_SHARE * share)), Math.ceil(generations / SHARPNESS_POINTS));
    return { ...spec, measure: { ...kept, sharpnessEvery: every } };
  },

  available(race) {
    const { landscape } = race;
    if (landscape.space !== 'continuous' || !landscape.gradient) return 'the sharpness view needs a continuous landscape with gradients';
    return sharpnessCadence(race.session.specs[0], landscape).some((every) => every !== null)
      ? true
      : 'the sharpness view follows gradient racers (and racers the scenario measures), and this race has none';
  },

  open: (race) => ({ sent: race.session.runs[0].map(() => 0) }),

  frame(state, race, k, out) {
    if (race.session.specs[0][k].measure?.sharpnessEvery === undefined) return;
    out.sharpness = race.session.runs[0][k].sharpnessFrom(state.sent[k]);
    state.sent[k] += out.sharpness.length / 2;
  },
};
