/**
 * The interpolation view's feed: the loss on the segment between a racer's best networks of replicates 1 and 2,
 * before and after weight matching.
 */
import type { MlpLandscape } from '../../src/core/landscapes/mlp.ts';
import { interpolationCurve } from '../../src/core/metrics/mode-connectivity.ts';
import { weightMatching } from '../../src/core/nets/permutation.ts';
import { network } from './decision.ts';
import { firstGradientRacer, racerRun, type Feed } from './feed.ts';

export const interpolationFeed: Feed<'interpolation', MlpLandscape> = {
  id: 'interpolation',

  available(race) {
    if (!network(race.landscape)) return 'the interpolation view joins two trained mlp networks (weights as the genotype, no map)';
    if (race.session.runs.length < 2) return 'the interpolation view joins the networks of replicates 1 and 2: the scenario needs replicates: 2 or more';
    return true;
  },

  open: (race) => race.landscape as MlpLandscape,

  /**
   * The interpolation curves of racer `racer` (default: the first gradient racer) between its best networks of
   * replicates 1 and 2, on `points` values of t (3 to 201), before and after weight matching.
   */
  fetch(landscape, race, { points, racer }) {
    const k = racer ?? firstGradientRacer(race);
    const runA = racerRun(race, k);
    const runB = race.session.runs[1][k];
    const n = Math.max(3, Math.min(201, Math.round(points)));
    const a = runA.bestGenes() as Float64Array;
    const b = runB.bestGenes() as Float64Array;
    const plain = interpolationCurve(landscape, a, b, n);
    const matching = weightMatching(landscape.network.arch, a, b);
    const aligned = interpolationCurve(landscape, a, matching.aligned, n);
    let moved = 0;
    let units = 0;
    matching.permutations.forEach((perm, h) => {
      units += perm.length;
      // A unit counts as moved when it was reordered or (tanh) negated.
      perm.forEach((p, j) => (moved += p === j && matching.signs[h][j] === 1 ? 0 : 1));
    });
    return {
      racer: k,
      label: runA.spec.optimizer.label,
      evaluations: [runA.evaluations, runB.evaluations],
      done: runA.done && runB.done,
      t: plain.t,
      before: plain.loss,
      after: aligned.loss,
      barrierBefore: plain.barrier,
      barrierAtBefore: plain.barrierAt,
      barrierAfter: aligned.barrier,
      barrierAtAfter: aligned.barrierAt,
      ownLossB: -runB.result().bestFitness,
      moved,
      units,
    };
  },
};
