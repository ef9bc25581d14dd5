/** Optimizer ids (the words of scenario files and links) → definitions, and named presets. */
import { adam } from './adam.ts';
import { cmaEs } from './cma-es.ts';
import { ga } from './ga.ts';
import { gd } from './gd.ts';
import { greedyWalk } from './greedy-walk.ts';
import { langevin } from './langevin.ts';
import { lbfgs } from './lbfgs.ts';
import { momentum } from './momentum.ts';
import { muLambdaEs } from './mu-lambda-es.ts';
import { nesterov } from './nesterov.ts';
import { newton } from './newton.ts';
import { nonlinearCg } from './nonlinear-cg.ts';
import { onePlusOneEa } from './one-plus-one-ea.ts';
import { onePlusOneEs } from './one-plus-one-es.ts';
import type { OptimizerDef } from './optimizer.ts';
import { createRegistry, isZodObject } from '../registration.ts';
import { randomWalk } from './random-walk.ts';
import { sgd } from './sgd.ts';

const entries: OptimizerDef[] = [
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
  lbfgs,
  nonlinearCg,
  newton,
];

const registry = createRegistry<OptimizerDef>('optimizer', entries, definitionProblem);

/** The built-in optimizers, then those registered by `registerOptimizer` (a researcher's own), in that order. */
export const optimizers: readonly OptimizerDef[] = registry.entries;

/** Ids of the built-in optimizers (registered ones are not listed: they belong to a user's module, not this package). */
export const optimizerIds: readonly string[] = registry.builtInIds;

/**
 * Adds a researcher's optimizer, which then races like a built-in one: by id in run specs and scenario files.
 * Registering the same definition again does nothing (a module imported twice); another definition under a taken id
 * is refused, so a scenario's words never change meaning.
 */
export function registerOptimizer(def: OptimizerDef): void {
  registry.register(def);
}

/** What an optimizer definition needs beyond what every definition needs (registration.ts). */
function definitionProblem(def: OptimizerDef): string | undefined {
  if (!Array.isArray(def.spaces) || !def.spaces.length || def.spaces.some((s) => s !== 'continuous' && s !== 'discrete')) {
    return "'spaces' must list 'continuous' and/or 'discrete'";
  }
  for (const field of ['needsGradient', 'escapesDeadEnds'] as const) if (typeof def[field] !== 'boolean') return `'${field}' must be true or false`;
  if (!isZodObject(def.params)) return "'params' must be a zod object of the optimizer's scenario fields (z.object({}) for none)";
  for (const field of ['defaults', 'memoryBytes', 'init', 'ask', 'tell', 'incumbent'] as const) {
    if (typeof def[field] !== 'function') return `'${field}' must be a function`;
  }
  return undefined;
}

/** The definition for `id`, or undefined. */
export function optimizerDef(id: string): OptimizerDef | undefined {
  return registry.find(id);
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
