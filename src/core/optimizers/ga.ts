/**
 * Genetic algorithm (Holland 1975; Goldberg 1989), generational with optional elitism, on bit strings, alleles or
 * real vectors. Each generation: select parents (tournament or truncation), pair them in order, recombine a pair
 * with probability `crossoverRate` (uniform, one-point, or BLX-α blend for real genes, Eshelman & Schaffer 1993),
 * mutate each gene with probability `mutationRate` (a random other allele, or Gaussian noise of `mutationSigma`),
 * then the children and the `elites` best parents form the next population. Only children are evaluated.
 */
import { z } from 'zod';
import type { Rng } from '../rng.ts';
import { allocateGenes, geneBytes, initialPopulation } from './initial.ts';
import { geometricGap, logKeep, otherAllele } from './mutation.ts';
import { defineOptimizer, type PointBatch } from './optimizer.ts';
import { rankByFitness, tournament, truncation } from './selection.ts';

type Genes = Float64Array | Uint8Array;

export interface GaParams extends Record<string, unknown> {
  populationSize: number;
  selection: 'tournament' | 'truncation';
  tournamentSize: number;
  truncationShare: number;
  crossover: 'uniform' | 'one-point' | 'blend' | 'none';
  crossoverRate: number;
  blendAlpha: number;
  mutationRate: number;
  mutationSigma: number;
  elites: number;
}

interface State {
  dim: number;
  alleles: number;
  pop: Genes;
  fitness: Float64Array;
  next: Genes;
  nextFitness: Float64Array;
  children: Genes;
  nextChildren: Genes;
  parents: Int32Array;
  order: Int32Array;
  batch: PointBatch;
  incumbent: Genes;
  logKeepRate: number;
  /** The first ask scores the initial population; later asks breed children. */
  initialised: boolean;
}

export const ga = defineOptimizer<GaParams, State>({
  id: 'ga',
  title: 'Genetic algorithm',
  summary: 'Population with selection, crossover and mutation; works on bit strings, alleles and real vectors.',
  spaces: ['discrete', 'continuous'],
  needsGradient: false,
  escapesDeadEnds: true,
  params: z.strictObject({
    populationSize: z.int().min(2).max(10_000_000).optional().describe('Individuals per generation (default 100).'),
    selection: z.enum(['tournament', 'truncation']).optional().describe('Parent selection (default tournament).'),
    tournamentSize: z.int().min(1).optional().describe('Picks per tournament (default 2).'),
    truncationShare: z.number().gt(0).max(1).optional().describe('Share of the population eligible as parents under truncation (default 0.5).'),
    crossover: z.enum(['uniform', 'one-point', 'blend', 'none']).optional().describe('Recombination (default uniform; blend is for real genes).'),
    crossoverRate: z.number().min(0).max(1).optional().describe('Probability that a pair recombines (default 0.9).'),
    blendAlpha: z.number().min(0).optional().describe('BLX-α extension of the parents’ interval (default 0.5).'),
    mutationRate: z.number().min(0).max(1).optional().describe('Per-gene mutation probability (default 1/N).'),
    mutationSigma: z.number().min(0).optional().describe('Standard deviation of Gaussian mutation of real genes (default a tenth of the box width).'),
    elites: z.int().min(0).optional().describe('Best parents copied unchanged into the next generation (default 1).'),
  }),
  defaults: (problem) => ({
    populationSize: 100,
    selection: 'tournament',
    tournamentSize: 2,
    truncationShare: 0.5,
    crossover: 'uniform',
    crossoverRate: 0.9,
    blendAlpha: 0.5,
    mutationRate: 1 / problem.dim,
    mutationSigma: problem.space === 'continuous' ? (problem.upper - problem.lower) / 10 : 0,
    elites: 1,
  }),
  check(problem, p) {
    const problems = [];
    if (p.elites >= p.populationSize) problems.push({ path: ['elites'], message: `elites must be fewer than populationSize (${p.populationSize})` });
    if (p.crossover === 'blend' && problem.space === 'discrete') {
      problems.push({ path: ['crossover'], message: 'blend crossover needs real-valued genes; use uniform or one-point on discrete landscapes' });
    }
    if (p.tournamentSize > p.populationSize) problems.push({ path: ['tournamentSize'], message: `tournamentSize must be at most populationSize (${p.populationSize})` });
    return problems;
  },
  memoryBytes: (problem, p) => p.populationSize * (2 * problem.dim * geneBytes(problem) + 28) + problem.dim * 8,
  init(_rng, problem, start, p) {
    const size = p.populationSize;
    const pop = initialPopulation(problem, start, size);
    const next = allocateGenes(problem, size);
    const offset = p.elites * problem.dim;
    return {
      dim: problem.dim,
      alleles: problem.alleles,
      pop,
      fitness: new Float64Array(size),
      next,
      nextFitness: new Float64Array(size),
      children: next.subarray(offset),
      nextChildren: pop.subarray(offset),
      parents: new Int32Array(size - p.elites),
      order: new Int32Array(size),
      batch: { kind: 'points', genes: pop, count: size },
      incumbent: allocateGenes(problem, 1),
      logKeepRate: logKeep(p.mutationRate),
      initialised: false,
    };
  },
  ask(rng, state, p) {
    if (!state.initialised) return state.batch;
    const { dim, parents, children } = state;
    const size = p.populationSize;
    if (p.selection === 'tournament') {
      tournament(rng, state.fitness, size, p.tournamentSize, parents);
    } else {
      rankByFitness(state.fitness, size, state.order);
      truncation(rng, state.order, Math.max(1, Math.round(p.truncationShare * size)), parents);
    }
    const count = parents.length;
    if (children instanceof Uint8Array && wordsFit(state.pop, children, dim) && (p.crossover === 'uniform' || p.crossover === 'none')) {
      breedWords(rng, p, parents, count, dim, state.pop as Uint8Array, children);
    } else {
      for (let c = 0; c < count; c++) copyRow(state.pop, parents[c] * dim, children, c * dim, dim);
      if (p.crossover !== 'none') {
        for (let c = 0; c + 1 < count; c += 2) {
          if (rng.uniform() < p.crossoverRate) recombine(rng, p, children, c * dim, (c + 1) * dim, dim);
        }
      }
    }
    mutate(rng, state, p, children, count * dim);
    state.batch.genes = children;
    state.batch.count = count;
    return state.batch;
  },
  tell(_rng, _candidates, feedback, state, p) {
    if (!state.initialised) {
      state.fitness.set(feedback.fitness);
      state.initialised = true;
      return;
    }
    const { dim } = state;
    if (p.elites === 1) {
      const from = fittest(state.fitness);
      copyRow(state.pop, from * dim, state.next, 0, dim);
      state.nextFitness[0] = state.fitness[from];
    } else if (p.elites > 1) {
      rankByFitness(state.fitness, p.populationSize, state.order);
      for (let e = 0; e < p.elites; e++) {
        const from = state.order[e];
        copyRow(state.pop, from * dim, state.next, e * dim, dim);
        state.nextFitness[e] = state.fitness[from];
      }
    }
    state.nextFitness.set(feedback.fitness, p.elites);
    [state.pop, state.next] = [state.next, state.pop];
    [state.fitness, state.nextFitness] = [state.nextFitness, state.fitness];
    [state.children, state.nextChildren] = [state.nextChildren, state.children];
  },
  incumbent(state) {
    copyRow(state.pop, fittest(state.fitness) * state.dim, state.incumbent, 0, state.dim);
    return state.incumbent;
  },
  population: (state) => ({ kind: 'points', genes: state.pop, count: state.fitness.length }),
});

/**
 * Byte genes, four to a 32-bit word. Where rows are whole words (dim a multiple of 4, aligned buffers, little-endian
 * byte order so that gene 4w + j is byte j of word w), copying and uniform crossover handle four genes per
 * operation. They draw the same random numbers in the same order as the gene-by-gene code and give the same
 * children.
 */
const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;
/** BYTE_MASK[m] has byte j all ones where bit j of m (0 ≤ m < 16) is set. */
const BYTE_MASK = Int32Array.from({ length: 16 }, (_, m) => (m & 1 ? 0xff : 0) | (m & 2 ? 0xff00 : 0) | (m & 4 ? 0xff0000 : 0) | (m & 8 ? 0xff000000 : 0));
const wordViews = new WeakMap<ArrayBufferLike, Int32Array>();

/** The whole buffer of `genes` as 32-bit words (cached per buffer). */
function wordsOf(genes: Uint8Array): Int32Array {
  let view = wordViews.get(genes.buffer);
  if (!view) {
    view = new Int32Array(genes.buffer, 0, genes.buffer.byteLength >> 2);
    wordViews.set(genes.buffer, view);
  }
  return view;
}

function wordsFit(pop: Genes, children: Uint8Array, dim: number): boolean {
  return LITTLE_ENDIAN && pop instanceof Uint8Array && dim % 4 === 0 && pop.byteOffset % 4 === 0 && children.byteOffset % 4 === 0;
}

/**
 * Copies the parents into the children and recombines pairs (uniform crossover or none), a word at a time: for pair
 * (c, c + 1), with probability crossoverRate, one 32-bit draw per 32 genes decides which genes swap (bit t for the
 * t-th gene of the group), exactly as `recombine` does gene by gene.
 */
function breedWords(rng: Rng, p: GaParams, parents: Int32Array, count: number, dim: number, pop: Uint8Array, children: Uint8Array): void {
  const from = wordsOf(pop);
  const to = wordsOf(children);
  const words = dim >> 2;
  const popBase = pop.byteOffset >> 2;
  const childBase = children.byteOffset >> 2;
  const crosses = p.crossover === 'uniform';
  for (let c = 0; c < count; c += 2) {
    const a = popBase + parents[c] * words;
    const ca = childBase + c * words;
    if (c + 1 >= count) {
      for (let w = 0; w < words; w++) to[ca + w] = from[a + w];
      break;
    }
    const b = popBase + parents[c + 1] * words;
    const cb = ca + words;
    if (crosses && rng.uniform() < p.crossoverRate) {
      for (let q = 0; q < words; q += 8) {
        const bits = rng.uint32();
        const end = Math.min(words, q + 8);
        for (let w = q, shift = 0; w < end; w++, shift += 4) {
          const mask = BYTE_MASK[(bits >>> shift) & 15];
          const x = from[a + w];
          const y = from[b + w];
          const swap = (x ^ y) & mask;
          to[ca + w] = x ^ swap;
          to[cb + w] = y ^ swap;
        }
      }
    } else {
      for (let w = 0; w < words; w++) {
        to[ca + w] = from[a + w];
        to[cb + w] = from[b + w];
      }
    }
  }
}

/** The index of the first maximum. */
function fittest(fitness: Float64Array): number {
  let best = 0;
  for (let i = 1; i < fitness.length; i++) if (fitness[i] > fitness[best]) best = i;
  return best;
}

function copyRow(from: Genes, fromOffset: number, to: Genes, toOffset: number, dim: number): void {
  for (let i = 0; i < dim; i++) to[toOffset + i] = from[fromOffset + i];
}

function recombine(rng: Rng, p: GaParams, genes: Genes, a: number, b: number, dim: number): void {
  if (p.crossover === 'uniform') {
    for (let g = 0; g < dim; g += 32) {
      let bits = rng.uint32();
      for (let i = g, end = Math.min(dim, g + 32); i < end; i++, bits >>>= 1) {
        if (bits & 1) {
          const t = genes[a + i];
          genes[a + i] = genes[b + i];
          genes[b + i] = t;
        }
      }
    }
  } else if (p.crossover === 'one-point') {
    if (dim < 2) return;
    for (let i = 1 + rng.int(dim - 1); i < dim; i++) {
      const t = genes[a + i];
      genes[a + i] = genes[b + i];
      genes[b + i] = t;
    }
  } else {
    const alpha = p.blendAlpha;
    for (let i = 0; i < dim; i++) {
      const x = genes[a + i];
      const y = genes[b + i];
      const lo = Math.min(x, y);
      const width = Math.abs(x - y);
      const from = lo - alpha * width;
      const span = width * (1 + 2 * alpha);
      genes[a + i] = from + span * rng.uniform();
      genes[b + i] = from + span * rng.uniform();
    }
  }
}

function mutate(rng: Rng, state: State, p: GaParams, genes: Genes, total: number): void {
  const logKeepRate = state.logKeepRate;
  if (state.alleles > 0) {
    for (let i = geometricGap(rng, logKeepRate); i < total; i += 1 + geometricGap(rng, logKeepRate)) {
      genes[i] = otherAllele(rng, genes[i], state.alleles);
    }
  } else {
    for (let i = geometricGap(rng, logKeepRate); i < total; i += 1 + geometricGap(rng, logKeepRate)) {
      genes[i] += p.mutationSigma * rng.normal();
    }
  }
}
