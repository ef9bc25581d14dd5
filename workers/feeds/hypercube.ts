/** The hypercube view's feed: every genotype of a small binary landscape once per race, and where each racer's points are. */
import type { DiscreteLandscape } from '../../src/core/landscapes/landscape.ts';
import { genotypeIndex, hypercube, HYPERCUBE_MAX_DIM } from '../../src/core/metrics/hypercube.ts';
import { problemOf } from '../../src/core/run/instance.ts';
import { drawnPoints, type Feed } from './feed.ts';

export const hypercubeFeed: Feed<'hypercube', null> = {
  id: 'hypercube',

  available(race) {
    const problem = problemOf(race.session.specs[0][0].landscape);
    const binary = problem.space === 'discrete' && problem.alleles === 2;
    return binary && race.landscape.dim <= HYPERCUBE_MAX_DIM ? true : `the hypercube view draws binary landscapes with N ≤ ${HYPERCUBE_MAX_DIM}`;
  },

  open: () => null,

  frame(_, race, k, out) {
    const { genes, count } = drawnPoints(race, k);
    const dim = race.landscape.dim;
    out.genotypes = new Int32Array(count);
    for (let i = 0; i < count; i++) out.genotypes[i] = genotypeIndex(genes, i * dim, dim);
  },

  /** Every genotype, its local optima and what can reach the global optimum uphill. */
  fetch(_, race) {
    const cube = hypercube(race.landscape as DiscreteLandscape);
    return { dim: cube.dim, fitness: cube.fitness, localOptimum: cube.localOptimum, accessible: cube.accessible, globalOptimum: cube.globalOptimum };
  },
};
