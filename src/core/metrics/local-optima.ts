/**
 * Local optima of discrete landscapes, in two senses. A genotype is a *local optimum* (a dead end) when no
 * one-mutant neighbour is strictly fitter — where every adaptive walk stops, the engine's dead-end test. It is a
 * *strict* local optimum when it is strictly fitter than every neighbour. The two agree whenever neighbours never
 * tie (house of cards, NK and rough Mount Fuji almost surely, OneMax); they differ on plateaus, e.g. behind the
 * neutral copies a map adds, where strict optima vanish although walks still stop.
 * Exact by enumeration (`countLocalOptima`), or estimated from uniformly sampled genotypes (`sampleLocalOptima`).
 */
import type { DiscreteLandscape } from '../landscapes/landscape.ts';
import type { Rng } from '../rng.ts';
import { neighbourBuffer, neighboursOf, type GenotypeSpace } from './genotype-space.ts';
import { finiteFitness, NeighbourFitness } from './neighbour-fitness.ts';

export interface LocalOptimaCount {
  /** Genotypes with no strictly fitter neighbour. */
  readonly count: number;
  /** Genotypes strictly fitter than every neighbour. */
  readonly strict: number;
}

/** Counts both kinds of local optima over the whole space. */
export function countLocalOptima(space: GenotypeSpace): LocalOptimaCount {
  const { fitness, size } = space;
  const nb = neighbourBuffer(space);
  let count = 0;
  let strict = 0;
  for (let g = 0; g < size; g++) {
    const f = fitness[g];
    const m = neighboursOf(space, g, nb);
    let fitter = false;
    let equal = false;
    for (let k = 0; k < m && !fitter; k++) {
      const h = fitness[nb[k]];
      if (h > f) fitter = true;
      else if (h === f) equal = true;
    }
    if (!fitter) {
      count++;
      if (!equal) strict++;
    }
  }
  return { count, strict };
}

export interface LocalOptimaSample {
  readonly samples: number;
  /** Sampled genotypes with no strictly fitter neighbour. */
  readonly hits: number;
  /** Sampled genotypes strictly fitter than every neighbour. */
  readonly strictHits: number;
}

/** Tests `samples` uniformly random genotypes drawn from `rng`. */
export function sampleLocalOptima(landscape: DiscreteLandscape, rng: Rng, samples: number): LocalOptimaSample {
  const x = new Uint8Array(landscape.dim);
  const neighbours = new NeighbourFitness(landscape);
  let hits = 0;
  let strictHits = 0;
  for (let s = 0; s < samples; s++) {
    for (let i = 0; i < x.length; i++) x[i] = rng.int(landscape.alleles);
    const fx = finiteFitness(landscape, x);
    const values = neighbours.evaluate(x, fx);
    let fitter = false;
    let equal = false;
    for (let m = 0; m < values.length && !fitter; m++) {
      if (values[m] > fx) fitter = true;
      else if (values[m] === fx) equal = true;
    }
    if (!fitter) {
      hits++;
      if (!equal) strictHits++;
    }
  }
  return { samples, hits, strictHits };
}
