/**
 * From a run spec to the objects a run works on: the landscape instance (drawn from the replicate's landscape
 * stream, shared by every racer of the replicate), the problem as optimizers see it, the shared start point, and
 * the optimizer's full parameters. Sizes are checked against memory before anything is allocated.
 */
import { boundedLandscape, type BoundPolicy } from '../landscapes/bounds.ts';
import type { Landscape, LandscapeDef, ParamProblem } from '../landscapes/landscape.ts';
import { landscapeDef } from '../landscapes/registry.ts';
import { mapDef, maps } from '../maps/registry.ts';
import { randomPoint, allocateGenes } from '../optimizers/initial.ts';
import type { OptimizerDef, Problem, Start } from '../optimizers/optimizer.ts';
import { optimizerDef } from '../optimizers/registry.ts';
import { deriveRng } from '../rng.ts';
import { DEFAULT_MEMORY_LIMIT, formatBytes, TRACE_MAX_BYTES } from './limits.ts';
import type { LandscapeSpec, OptimizerSpec } from './spec.ts';


/** A size problem found before allocation; `path` points into the landscape or optimizer spec. */
export class SizeError extends Error {
  constructor(
    readonly where: 'landscape' | 'optimizer',
    readonly path: (string | number)[],
    message: string,
  ) {
    super(message);
  }
}

/** The problem an optimizer sees for a landscape, through its map if it has one (spec-level: no instance needed). */
export function problemOf(spec: LandscapeSpec): Problem {
  const phenotype = phenotypeProblem(spec);
  if (!spec.map) return phenotype;
  const def = mapDef(spec.map.id);
  if (!def) throw new Error(`unknown map '${spec.map.id}'`);
  // Minibatches and the test loss are the phenotype's (read through the map); the initialisation scale becomes the
  // genotype's by the map's own rule. A map with no rule for this scale is refused by checkMap; here it falls back to
  // its box so that a spec-level caller (the page's knobs) never throws.
  const { scale: _scale, samples, ...shape } = phenotype;
  const params = def.params.parse(spec.map.params ?? {});
  const scale = genotypeScale(spec);
  return { ...def.genotype(shape, params), ...(scale instanceof Float64Array && { scale }), ...(samples !== undefined && { samples }) };
}

/** False when the spec's map cannot carry the landscape's own initialisation scale (checkMap refuses it). */
export function mapKeepsInitScale(spec: LandscapeSpec): boolean {
  return typeof genotypeScale(spec) !== 'string';
}

/**
 * The genotype's initialisation scale through the spec's map: its half-widths, why the map has none for this
 * landscape, or undefined for landscapes without a scale of their own.
 */
function genotypeScale(spec: LandscapeSpec): Float64Array | string | undefined {
  const { scale, samples: _samples, ...shape } = phenotypeProblem(spec);
  const def = spec.map && mapDef(spec.map.id);
  // A scale that does not fit the dimension belongs to a spec whose dimension is wrong (a network's dimension is
  // derived from its widths): the landscape check reports that; the map has nothing to say about it.
  if (!scale || !def || scale.length !== shape.dim) return undefined;
  return def.initScale?.(scale, shape, def.params.parse(spec.map!.params ?? {})) ?? 'the map has no rule for it';
}

/** The phenotype's space, before any map. */
export function phenotypeProblem(spec: LandscapeSpec): Problem {
  const def = landscapeDef(spec.id);
  if (!def) throw new Error(`unknown landscape '${spec.id}'`);
  if (def.space === 'continuous') {
    const [lower, upper] = def.box ?? [-1, 1];
    if (!def.initScale && !def.trainingSamples) return { space: 'continuous', dim: spec.dim, alleles: 0, lower, upper };
    // Networks: their own initialisation scale, and the training examples that minibatches index.
    const params = def.params.parse(spec.params ?? {});
    const scale = def.initScale?.(spec.dim, params);
    return {
      space: 'continuous',
      dim: spec.dim,
      alleles: 0,
      lower,
      upper,
      ...(scale && { scale }),
      ...(def.trainingSamples && { samples: def.trainingSamples(params) }),
    };
  }
  const params = def.params.parse(spec.params ?? {}) as { alleles?: number };
  return { space: 'discrete', dim: spec.dim, alleles: params.alleles ?? 2, lower: 0, upper: 0 };
}

/** The optimizer's full parameters: its defaults for the problem, overridden by the spec's fields. */
export function optimizerParams(def: OptimizerDef, problem: Problem, spec: OptimizerSpec): Record<string, unknown> {
  return { ...def.defaults(problem, spec.params), ...spec.params };
}

/** Bytes of the landscape instance alone (no map), as the landscape declares them. */
export function landscapeBytes(spec: LandscapeSpec): number {
  const def = landscapeDef(spec.id)!;
  return def.memoryBytes(spec.dim, def.params.parse(spec.params ?? {}));
}

/** Bytes the spec's map adds (0 without one). */
export function mapBytes(spec: LandscapeSpec): number {
  if (!spec.map) return 0;
  const def = mapDef(spec.map.id)!;
  return def.memoryBytes(phenotypeProblem(spec), def.params.parse(spec.map.params ?? {}));
}

/** Bytes of one racer's optimizer state on the landscape (through its map). */
export function optimizerBytes(landscape: LandscapeSpec, spec: OptimizerSpec): number {
  const def = optimizerDef(spec.id)!;
  const problem = problemOf(landscape);
  return def.memoryBytes(problem, optimizerParams(def, problem, spec));
}

/** Problems with a landscape spec's fields that only a whole-spec check finds (e.g. K ≥ N), and its size. */
export function checkLandscape(spec: LandscapeSpec, memoryLimit = DEFAULT_MEMORY_LIMIT): ParamProblem[] {
  const def = landscapeDef(spec.id);
  if (!def) return [{ path: ['id'], message: `unknown landscape '${spec.id}'` }];
  const params = def.params.parse(spec.params ?? {});
  const derived = def.dimOf?.(params);
  if (derived !== undefined && derived !== spec.dim) {
    return [{ path: ['dim'], message: `${spec.id} has ${derived} dimensions with these fields, so dim is ${derived}, not ${spec.dim}: leave dim out (it is derived) or set it to ${derived}` }];
  }
  if (spec.bounds !== undefined && !(def.space === 'continuous' && def.box)) {
    return [{ path: ['bounds'], message: `${spec.id} has no box to bound (bounds apply to continuous landscapes with a box): leave bounds out` }];
  }
  const problems = def.check?.(spec.dim, params) ?? [];
  if (problems.length) return problems;
  const bytes = landscapeBytes(spec);
  if (bytes > memoryLimit) {
    const field = def.memoryField?.(spec.dim, params) ?? 'dim';
    const size = field === 'dim' ? `dim ${spec.dim}` : `${field} ${JSON.stringify(params[field as keyof typeof params])} (dim ${spec.dim})`;
    return [{ path: [field], message: `landscape ${spec.id} with ${size} needs about ${formatBytes(bytes)}, above the limit of ${formatBytes(memoryLimit)}` }];
  }
  return [];
}

/** Problems with a landscape spec's map (paths relative to the map), including its size. */
export function checkMap(spec: LandscapeSpec, memoryLimit = DEFAULT_MEMORY_LIMIT): ParamProblem[] {
  if (!spec.map) return [];
  const def = mapDef(spec.map.id);
  if (!def) return [{ path: ['id'], message: `unknown map '${spec.map.id}'` }];
  const phenotype = phenotypeProblem(spec);
  if (!def.spaces.includes(phenotype.space)) {
    return [{ path: ['id'], message: `the ${def.id} map works on ${def.spaces.join(' or ')} landscapes; ${spec.id} is ${phenotype.space}` }];
  }
  const params = def.params.parse(spec.map.params ?? {});
  const scale = genotypeScale(spec);
  if (typeof scale === 'string') {
    const others = maps.filter((m) => m.id !== def.id && mapKeepsInitScale({ ...spec, map: { id: m.id, params: {} } }));
    return [{ path: ['id'], message: `the ${def.id} map cannot start ${spec.id} at its own initial weight scale: ${scale}; maps that can: ${others.map((m) => m.id).join(', ')}` }];
  }
  const problems = def.check?.(phenotype, params) ?? [];
  if (problems.length) return problems;
  const bytes = mapBytes(spec);
  if (bytes > memoryLimit) return [{ path: [], message: `the ${def.id} map on dim ${spec.dim} needs about ${formatBytes(bytes)}, above the limit of ${formatBytes(memoryLimit)}` }];
  return [];
}

/** Problems with an optimizer spec on a landscape (space, gradient, cross-field checks, size). */
export function checkOptimizer(landscape: LandscapeSpec, spec: OptimizerSpec, memoryLimit = DEFAULT_MEMORY_LIMIT): ParamProblem[] {
  const def = optimizerDef(spec.id);
  const lDef = landscapeDef(landscape.id);
  if (!def || !lDef) return [{ path: ['id'], message: `unknown optimizer '${spec.id}'` }];
  if (!def.spaces.includes(lDef.space)) {
    return [{ path: ['id'], message: `${spec.id} works on ${def.spaces.join(' or ')} landscapes; ${landscape.id} is ${lDef.space}` }];
  }
  const problem = problemOf(landscape);
  const params = optimizerParams(def, problem, spec);
  const problems = def.check?.(problem, params) ?? [];
  if (problems.length) return problems;
  // A run's trace of improvements grows with the run, not with the state: bounded (limits.ts) and counted here, in
  // the worst case. The page's estimate of many live runs leaves it out: its runs rarely improve more than a few
  // thousand times, and each stays within the bound whatever it does.
  const bytes = optimizerBytes(landscape, spec) + TRACE_MAX_BYTES;
  if (bytes > memoryLimit) {
    return [{ path: [], message: `${spec.id} on dim ${landscape.dim} needs about ${formatBytes(bytes)}, above the limit of ${formatBytes(memoryLimit)} (its state and its trace of improvements)` }];
  }
  return [];
}

/**
 * The landscape instance of a replicate: the same for every racer (and every cell) of that replicate. With a map,
 * the phenotype comes from the landscape stream and the map's own random parts from the map stream, so the same
 * phenotype instance is seen with and without a map.
 */
export function createLandscape(spec: LandscapeSpec, seed: string | number, replicate: number, memoryLimit = DEFAULT_MEMORY_LIMIT): Landscape {
  const def = landscapeDef(spec.id);
  if (!def) throw new Error(`unknown landscape '${spec.id}'`);
  const problems = [...checkLandscape(spec, memoryLimit), ...checkMap(spec, memoryLimit)];
  if (problems.length) throw new SizeError('landscape', problems[0].path, problems[0].message);
  const created = def.create(spec.dim, def.params.parse(spec.params ?? {}), deriveRng(seed, 'landscape', replicate));
  // The bound policy wraps the phenotype, whose box it is; a map then reads genotypes into that bounded landscape.
  const phenotype = created.space === 'continuous' ? boundedLandscape(created, boundPolicy(def, spec)) : created;
  if (!spec.map) return phenotype;
  const map = mapDef(spec.map.id)!;
  return map.create(phenotype, map.params.parse(spec.map.params ?? {}), deriveRng(seed, 'map', replicate));
}

/** The bound policy a run of the spec uses: the scenario's, else the landscape's own, else none. */
function boundPolicy(def: LandscapeDef<any>, spec: LandscapeSpec): BoundPolicy {
  return spec.bounds ?? def.bounds ?? 'none';
}

/** The replicate's shared start: x0 from the start stream (or the landscape's own), and a fresh copy of the initial-population stream. */
export function createStart(landscape: Landscape, problem: Problem, seed: string | number, replicate: number): Start {
  const x0 = allocateGenes(problem, 1);
  randomPoint(problem, deriveRng(seed, 'start', replicate), x0, 0);
  // A landscape's own start (a reloaded network) replaces the random point; the stream is drawn all the same, so
  // nothing after it shifts.
  if (landscape.space === 'continuous' && landscape.start) x0.set(landscape.start);
  const fitness0 = landscape.space === 'continuous' ? landscape.fitnessAt(x0 as Float64Array, 0) : landscape.fitnessAt(x0 as Uint8Array, 0);
  return { x0, fitness0, rng: deriveRng(seed, 'population', replicate) };
}
