/** Optimizer ids (the words of scenario files and links) → definitions, and named presets. */
import { adam } from './adam.ts';
import { cmaEs } from './cma-es.ts';
import { ga } from './ga.ts';
import { gd } from './gd.ts';
import { greedyWalk } from './greedy-walk.ts';
import { langevin } from './langevin.ts';
import { momentum } from './momentum.ts';
import { muLambdaEs } from './mu-lambda-es.ts';
import { nesterov } from './nesterov.ts';
import { onePlusOneEa } from './one-plus-one-ea.ts';
import { onePlusOneEs } from './one-plus-one-es.ts';
import type { OptimizerDef } from './optimizer.ts';
import { randomWalk } from './random-walk.ts';
import { sgd } from './sgd.ts';

export const optimizers: readonly OptimizerDef[] = [
  ga,
  onePlusOneEa,
  onePlusOneEs,
  muLambdaEs,
  cmaEs,
  randomWalk,
  greedyWalk,
  gd,
  momentum,
  nesterov,
  adam,
  langevin,
  sgd,
];

export const optimizerIds: readonly string[] = optimizers.map((o) => o.id);

/** The definition for `id`, or undefined. */
export function optimizerDef(id: string): OptimizerDef | undefined {
  return optimizers.find((o) => o.id === id);
}

/** A named parameter set for an optimizer, usable as `preset:` in scenario files. */
export interface Preset {
  readonly name: string;
  readonly optimizer: string;
  readonly summary: string;
  readonly params: Readonly<Record<string, unknown>>;
}

export const presets: readonly Preset[] = [
  { name: 'ga-small', optimizer: 'ga', summary: 'A GA of 20 individuals.', params: { populationSize: 20 } },
  { name: 'ga-large', optimizer: 'ga', summary: 'A GA of 1000 individuals.', params: { populationSize: 1000 } },
  {
    name: 'ga-classic',
    optimizer: 'ga',
    summary: 'Binary tournament, uniform crossover 0.9, rate 1/N, no elitism (the benchmark GA).',
    params: { selection: 'tournament', tournamentSize: 2, crossover: 'uniform', crossoverRate: 0.9, elites: 0 },
  },
  {
    name: 'ga-truncation',
    optimizer: 'ga',
    summary: 'Truncation selection of the best half, one-point crossover.',
    params: { selection: 'truncation', truncationShare: 0.5, crossover: 'one-point' },
  },
  { name: 'sgd-like', optimizer: 'langevin', summary: 'Langevin dynamics at temperature 0.1.', params: { temperature: 0.1 } },
  { name: 'adam-slow', optimizer: 'adam', summary: 'Adam with the paper’s step size 0.001.', params: { learningRate: 0.001 } },
];

/** The preset called `name`, or undefined. */
export function preset(name: string): Preset | undefined {
  return presets.find((p) => p.name === name);
}
