/**
 * Landscape analysis: named measures of dead ends over M instances of a landscape spec (with its map), each instance
 * being the race's instance of that replicate (`createLandscape(spec, seed, instance)`). Every measure gives one
 * value per instance and is reported as the mean over instances with the standard error of those values.
 *
 * Discrete spaces with alleles^N ≤ 2^20 are enumerated and every per-instance value is exact (a property of the
 * whole instance: counts over all genotypes, expectations over all starts). Larger spaces are sampled: S uniformly
 * random genotypes or starts per instance, each from its own named stream, so a measure's numbers do not depend on
 * which other measures are asked for. The standard error over instances then covers both the spread between
 * instances and the sampling within them (the per-instance estimates are independent and unbiased). Continuous
 * measures come from S gradient-descent runs per instance, or from S searches for critical points of any index
 * (critical-points.ts). See docs/analysis.md.
 */
import type { ContinuousLandscape, DiscreteLandscape, Landscape, Space } from '../landscapes/landscape.ts';
import { deriveRng } from '../rng.ts';
import { createLandscape } from '../run/instance.ts';
import type { LandscapeSpec } from '../run/spec.ts';
import { accessibleFraction, accessibleSet, searchAccessible, SEARCH_LIMIT } from './accessibility.ts';
import { greedyExpectations, greedyWalkFrom, meanOver, randomWalkExpectations, randomWalkFrom } from './adaptive-walks.ts';
import { criticalIndex, FULL_HESSIAN_MAX_DIM } from './critical-index.ts';
import { CRITICAL_SEARCH_DEFAULTS, findCriticalPoints, summariseCriticalPoints } from './critical-points.ts';
import { countDirectPaths, DIRECT_PATHS_MAX_DISTANCE } from './direct-paths.ts';
import { antipode, canEnumerate, enumerateSpace, genotypeOf, globalOptimumIndex, indexOf, type GenotypeSpace } from './genotype-space.ts';
import { GRADIENT_DEFAULTS, gradientEndpoint, type GradientEndpoint, type GradientRunOptions } from './gradient-endpoints.ts';
import { countLocalOptima, sampleLocalOptima } from './local-optima.ts';
import { finiteFitness, NeighbourFitness } from './neighbour-fitness.ts';

export interface MeasureDef {
  readonly id: string;
  readonly space: Space;
  /** One line for the command's help and table. */
  readonly summary: string;
}

export const MEASURES = [
  { id: 'local-optima', space: 'discrete', summary: 'number of genotypes with no fitter one-mutant neighbour (where adaptive walks stop)' },
  { id: 'local-optima-fraction', space: 'discrete', summary: 'share of genotypes with no fitter one-mutant neighbour' },
  { id: 'strict-local-optima', space: 'discrete', summary: 'number of genotypes fitter than every one-mutant neighbour' },
  { id: 'accessible-from-antipode', space: 'discrete', summary: 'share of instances where a fitness-increasing path (back-steps allowed) leads from the antipode of the global optimum to it' },
  { id: 'accessible-from-random', space: 'discrete', summary: 'share of genotypes from which a fitness-increasing path leads to the global optimum' },
  { id: 'direct-paths-from-antipode', space: 'discrete', summary: 'number of shortest fitness-increasing paths from the antipode to the global optimum' },
  { id: 'greedy-walk-length', space: 'discrete', summary: 'mean steps of the greedy (steepest-ascent) walk from a random start' },
  { id: 'random-walk-length', space: 'discrete', summary: 'mean steps of the random adaptive walk from a random start' },
  { id: 'basin-of-global', space: 'discrete', summary: 'share of random starts whose greedy walk ends at the global optimum' },
  { id: 'critical-index', space: 'continuous', summary: 'fraction of ascent directions (negative loss-Hessian eigenvalues) where gradient descent stops' },
  { id: 'gd-dead-end-rate', space: 'continuous', summary: 'share of random starts from which gradient descent stops at a critical point other than the global optimum' },
  { id: 'gd-diverged-rate', space: 'continuous', summary: 'share of random starts from which gradient descent diverges (its fitness becomes NaN or ±∞: the learning rate is too large)' },
  { id: 'critical-points', space: 'continuous', summary: 'distinct critical points (saddles included) found by Levenberg–Marquardt on ∇f = 0 from the random starts' },
  { id: 'critical-points-optima-share', space: 'continuous', summary: 'share of those critical points that are local optima (index 0: minima of loss)' },
  { id: 'critical-points-mean-index', space: 'continuous', summary: 'mean index of those critical points (fraction of directions downhill in loss)' },
  { id: 'critical-points-index-loss-correlation', space: 'continuous', summary: 'correlation of the index of those critical points with their loss (Bray & Dean: positive)' },
] as const satisfies readonly MeasureDef[];

export type MeasureId = (typeof MEASURES)[number]['id'];

/** Measures of the critical points that Levenberg–Marquardt on ∇f = 0 finds (critical-points.ts). */
export const CRITICAL_POINT_MEASURES = [
  'critical-points',
  'critical-points-optima-share',
  'critical-points-mean-index',
  'critical-points-index-loss-correlation',
] as const satisfies readonly MeasureId[];

/** Measures of where gradient descent stops (gradient-endpoints.ts). */
export const GRADIENT_RUN_MEASURES = ['critical-index', 'gd-dead-end-rate', 'gd-diverged-rate'] as const satisfies readonly MeasureId[];

export const measureIds: readonly MeasureId[] = MEASURES.map((m) => m.id);

/** The definition of a measure, or undefined. */
export function measureDef(id: string): MeasureDef | undefined {
  return MEASURES.find((m) => m.id === id);
}

/** The measures that apply to a space. */
export function measuresFor(space: Space): MeasureId[] {
  return MEASURES.filter((m) => m.space === space).map((m) => m.id);
}

/** Default starts (sampled genotypes, walks or gradient runs) per instance where a measure is estimated. */
export const DEFAULT_STARTS: Readonly<Record<Space, number>> = { discrete: 100, continuous: 10 };

export interface AnalysisOptions {
  readonly instances: number;
  readonly measures: readonly MeasureId[];
  /** Sampled genotypes, walks or gradient runs per instance where a measure is estimated (DEFAULT_STARTS). */
  readonly starts?: number;
  /** Gradient descent for the continuous measures (GRADIENT_DEFAULTS). */
  readonly gradient?: Partial<GradientRunOptions>;
  /** Most genotypes one accessibility search may visit beyond enumeration (SEARCH_LIMIT). */
  readonly searchLimit?: number;
  /**
   * Enumerate spaces of at most 2^20 genotypes for exact values (default true); false samples them as larger spaces
   * are sampled (to check the estimators against the exact values).
   */
  readonly enumerate?: boolean;
  /** Called after each instance, with the number done. */
  readonly onInstance?: (done: number) => void;
}

/** One instance's value of a measure. */
export interface InstanceValue {
  /** null when the measure cannot be computed for this instance (see `note`). */
  readonly value: number | null;
  readonly exact: boolean;
  readonly note?: string;
  /** The measure's search failed for good on this instance, and later instances do not try it (AnalysisContext). */
  readonly givenUp?: boolean;
  /**
   * For a value estimated as `scale × hits / trials` from independent yes/no samples (a share of starts, or a count
   * scaled from one): the trials and the scale, so that the summary can bound its standard error from below.
   */
  readonly binomial?: { readonly trials: number; readonly scale: number };
}

export interface MeasureResult {
  /** Mean over the instances that gave a value; null if none did. */
  readonly mean: number | null;
  /**
   * Standard error of that mean: the sample standard deviation over instances / √n, but never below the binomial
   * standard error of the pooled samples where the values are sampled shares; null below two values of an exact
   * measure.
   */
  readonly se: number | null;
  /** Every per-instance value was exact (by enumeration); otherwise some were estimated from samples. */
  readonly exact: boolean;
  /** Instances that gave a value. */
  readonly n: number;
  /** Samples per instance, where values were estimated. */
  readonly starts?: number;
  /** Why values are missing, or a caveat. */
  readonly note?: string;
}

export interface AnalysisResult {
  readonly instances: number;
  readonly measures: Record<string, MeasureResult>;
}

/** Throws when the options do not fit the landscape's space. */
export function checkMeasures(space: Space, measures: readonly string[]): void {
  for (const id of measures) {
    const def = measureDef(id);
    if (!def) throw new Error(`unknown measure '${id}'`);
    if (def.space !== space) throw new Error(`${id} is a measure of ${def.space} landscapes; this landscape is ${space}`);
  }
}

/**
 * Why measures cannot be computed on this instance (and so on any instance of its spec), by measure: a global
 * optimum that is not known beyond enumeration, a dimension beyond a method's limit, a missing gradient. Empty when
 * every measure can be computed. Checks the space too (as `checkMeasures`).
 */
export function measureProblems(landscape: Landscape, measures: readonly MeasureId[]): Map<MeasureId, string> {
  checkMeasures(landscape.space, measures);
  const problems = new Map<MeasureId, string>();
  if (landscape.space === 'continuous') {
    for (const id of measures) {
      const method = (CRITICAL_POINT_MEASURES as readonly MeasureId[]).includes(id) ? 'the search for critical points' : 'gradient descent';
      if (!landscape.gradient) problems.set(id, `${landscape.id} has no gradient, so ${method} cannot run on it`);
    }
    for (const id of ['critical-index', ...CRITICAL_POINT_MEASURES] as const) {
      if (measures.includes(id) && landscape.gradient && landscape.dim > FULL_HESSIAN_MAX_DIM) {
        problems.set(id, `the index of a critical point needs the full Hessian, formed up to N = ${FULL_HESSIAN_MAX_DIM}; N is ${landscape.dim}`);
      }
    }
    return problems;
  }
  const { dim, alleles } = landscape;
  if (canEnumerate(alleles, dim)) return problems;
  const noOptimum = `needs the global optimum, which is not known for ${landscape.id} with ${alleles}^${dim} genotypes (it is found by enumeration up to 2^20 genotypes, or by formula or dynamic programme for some landscapes)`;
  for (const id of ['accessible-from-antipode', 'accessible-from-random', 'basin-of-global', 'direct-paths-from-antipode'] as const) {
    if (measures.includes(id) && (landscape.optimumFitness === undefined || !landscape.optimum)) problems.set(id, noOptimum);
  }
  if (measures.includes('direct-paths-from-antipode') && !problems.has('direct-paths-from-antipode') && dim > DIRECT_PATHS_MAX_DISTANCE) {
    problems.set('direct-paths-from-antipode', `direct paths are counted over the 2^N genotypes between the antipode and the optimum, up to N = ${DIRECT_PATHS_MAX_DISTANCE}; N is ${dim}`);
  }
  if (!Number.isFinite(Math.pow(alleles, dim))) {
    for (const id of ['local-optima', 'strict-local-optima'] as const) {
      if (measures.includes(id)) problems.set(id, `${alleles}^${dim} genotypes exceed the range of a double; use local-optima-fraction`);
    }
  }
  return problems;
}

/** Analyses instances 0 .. instances−1 of the spec under `seed`. */
export function analyze(spec: LandscapeSpec, seed: string | number, options: AnalysisOptions): AnalysisResult {
  if (!(Number.isInteger(options.instances) && options.instances >= 1)) throw new Error(`instances must be a whole number of at least 1, got ${options.instances}`);
  return combineAnalysis([analyzeRange(spec, seed, 0, options.instances, options)], options);
}

/** The values of instances `from` .. `to`−1, one record of measure values per instance, in instance order. */
export interface RangeValues {
  readonly starts: number;
  readonly values: readonly Partial<Record<MeasureId, InstanceValue>>[];
}

/**
 * Analyses instances `from` .. `to`−1 (a slice of `analyze`'s, for a worker): the values `analyze` has for them,
 * except that a search that failed for good before `from` is not known here (`combineAnalysis` applies it).
 */
export function analyzeRange(spec: LandscapeSpec, seed: string | number, from: number, to: number, options: Omit<AnalysisOptions, 'instances'>): RangeValues {
  let space: Space | undefined;
  let starts = 0;
  const context: AnalysisContext = { failed: new Set() };
  const values: Partial<Record<MeasureId, InstanceValue>>[] = [];
  for (let instance = from; instance < to; instance++) {
    const landscape = createLandscape(spec, seed, instance);
    if (space === undefined) {
      space = landscape.space;
      checkMeasures(space, options.measures);
      starts = options.starts ?? DEFAULT_STARTS[space];
      if (!(Number.isInteger(starts) && starts >= 1)) throw new Error(`starts must be a whole number of at least 1, got ${starts}`);
    }
    values.push(Object.fromEntries(analyzeInstance(landscape, spec, seed, instance, options.measures, { ...options, starts }, context)));
    options.onInstance?.(instance - from + 1);
  }
  return { starts, values };
}

/**
 * The result of consecutive ranges (in instance order) as one `analyze` over all of them gives it: once a search
 * failed for good, `analyze` stops trying it on later instances (AnalysisContext), so later ranges' values of that
 * measure become the failure's, whichever range they were computed in. The numbers do not depend on the split.
 */
export function combineAnalysis(ranges: readonly RangeValues[], options: Pick<AnalysisOptions, 'instances' | 'measures'>): AnalysisResult {
  const starts = ranges[0]?.starts ?? 0;
  const values = new Map<MeasureId, InstanceValue[]>(options.measures.map((id) => [id, []]));
  for (const id of options.measures) {
    let failure: InstanceValue | undefined;
    for (const range of ranges) {
      for (const record of range.values) {
        const value = failure ?? record[id]!;
        if (value.givenUp) failure = value;
        values.get(id)!.push(value);
      }
    }
  }
  const measures: Record<string, MeasureResult> = {};
  for (const [id, list] of values) {
    const summary = summariseInstances(list, starts);
    // A sampled count of zero is a bound, not a measurement: say how small the share can be (rule of three).
    const rare = (id === 'local-optima' || id === 'local-optima-fraction' || id === 'strict-local-optima') && !summary.exact && summary.mean === 0;
    const bound = `no sampled genotype was a local optimum: the share of local optima is below about ${(3 / (starts * list.length)).toPrecision(2)} (95%, rule of three); sample more starts or instances`;
    measures[id] = rare ? { ...summary, note: summary.note ? `${summary.note}; ${bound}` : bound } : summary;
  }
  return { instances: options.instances, measures };
}

/** Work shared across instances: measures that already failed for good are not attempted again. */
export interface AnalysisContext {
  readonly failed: Set<MeasureId>;
}

/** The values of the measures on one instance. */
export function analyzeInstance(
  landscape: Landscape,
  spec: LandscapeSpec,
  seed: string | number,
  instance: number,
  measures: readonly MeasureId[],
  options: Omit<AnalysisOptions, 'instances' | 'measures'> = {},
  context: AnalysisContext = { failed: new Set() },
): Map<MeasureId, InstanceValue> {
  checkMeasures(landscape.space, measures);
  const starts = options.starts ?? DEFAULT_STARTS[landscape.space];
  if (landscape.space === 'continuous') return continuousInstance(landscape, spec, seed, instance, measures, starts, { ...GRADIENT_DEFAULTS, ...options.gradient });
  if (options.enumerate !== false && canEnumerate(landscape.alleles, landscape.dim)) return exactInstance(landscape, measures);
  return sampledInstance(landscape, seed, instance, measures, starts, options.searchLimit ?? SEARCH_LIMIT, context);
}

function exactInstance(landscape: DiscreteLandscape, measures: readonly MeasureId[]): Map<MeasureId, InstanceValue> {
  const space = enumerateSpace(landscape);
  const wanted = new Set(measures);
  const out = new Map<MeasureId, InstanceValue>();
  const exact = (value: number): InstanceValue => ({ value, exact: true });
  if (wanted.has('local-optima') || wanted.has('local-optima-fraction') || wanted.has('strict-local-optima')) {
    const { count, strict } = countLocalOptima(space);
    out.set('local-optima', exact(count)).set('local-optima-fraction', exact(count / space.size)).set('strict-local-optima', exact(strict));
  }
  const optimum = genotypeOf(space, globalOptimumIndex(space, landscape), new Uint8Array(space.dim));
  const far = antipode(optimum, space.alleles);
  if (wanted.has('accessible-from-antipode') || wanted.has('accessible-from-random')) {
    const accessible = accessibleSet(space);
    out.set('accessible-from-antipode', exact(accessible[indexOf(space, far)])).set('accessible-from-random', exact(accessibleFraction(accessible)));
  }
  if (wanted.has('direct-paths-from-antipode')) {
    out.set('direct-paths-from-antipode', exact(countDirectPaths((x) => lookup(space, x), far, optimum)));
  }
  if (wanted.has('greedy-walk-length') || wanted.has('basin-of-global')) {
    const greedy = greedyExpectations(space);
    out.set('greedy-walk-length', exact(meanOver(greedy.length))).set('basin-of-global', exact(meanOver(greedy.basin)));
  }
  if (wanted.has('random-walk-length')) out.set('random-walk-length', exact(meanOver(randomWalkExpectations(space))));
  return pick(out, measures);
}

function lookup(space: GenotypeSpace, x: Uint8Array): number {
  return space.fitness[indexOf(space, x)];
}

function pick(all: Map<MeasureId, InstanceValue>, measures: readonly MeasureId[]): Map<MeasureId, InstanceValue> {
  return new Map(measures.map((id) => [id, all.get(id)!]));
}

/** An undecided search: it failed for good, and `analyze` does not try it again on later instances. */
function givenUp(searchLimit: number): InstanceValue {
  return { ...unavailable(undecidedNote(searchLimit)), givenUp: true };
}

function unavailable(note: string): InstanceValue {
  return { value: null, exact: false, note };
}

function sampledInstance(
  landscape: DiscreteLandscape,
  seed: string | number,
  instance: number,
  measures: readonly MeasureId[],
  starts: number,
  searchLimit: number,
  context: AnalysisContext,
): Map<MeasureId, InstanceValue> {
  const wanted = new Set(measures);
  const out = new Map<MeasureId, InstanceValue>();
  const { dim, alleles } = landscape;
  const estimate = (value: number): InstanceValue => ({ value, exact: false });
  const share = (hits: number, scale = 1): InstanceValue => ({ value: (hits / starts) * scale, exact: false, binomial: { trials: starts, scale } });
  const size = Math.pow(alleles, dim);
  const optimumFitness = landscape.optimumFitness;
  const optimumGenes = landscape.optimum;

  if (wanted.has('local-optima') || wanted.has('local-optima-fraction') || wanted.has('strict-local-optima')) {
    const sample = sampleLocalOptima(landscape, deriveRng(seed, 'analysis', 'local-optima', instance), starts);
    const tooLarge = `${alleles}^${dim} genotypes exceed the range of a double; see local-optima-fraction`;
    out.set('local-optima-fraction', share(sample.hits));
    out.set('local-optima', Number.isFinite(size) ? share(sample.hits, size) : unavailable(tooLarge));
    out.set('strict-local-optima', Number.isFinite(size) ? share(sample.strictHits, size) : unavailable(tooLarge));
  }

  const farFromOptimum = optimumGenes ? antipode(optimumGenes, alleles) : undefined;
  const noOptimum = `the global optimum of ${landscape.id} is not known for N = ${dim} (it is found by enumeration up to 2^20 genotypes, or by formula)`;

  if (wanted.has('accessible-from-antipode')) {
    if (!farFromOptimum || optimumFitness === undefined) out.set('accessible-from-antipode', unavailable(noOptimum));
    else if (context.failed.has('accessible-from-antipode')) out.set('accessible-from-antipode', givenUp(searchLimit));
    else {
      const { outcome } = searchAccessible(landscape, farFromOptimum, optimumFitness, searchLimit);
      if (outcome === 'undecided') context.failed.add('accessible-from-antipode');
      // Decided searches are exact; the instance value is exact even though the space was not enumerated.
      out.set('accessible-from-antipode', outcome === 'undecided' ? givenUp(searchLimit) : { value: outcome === 'reached' ? 1 : 0, exact: true });
    }
  }

  if (wanted.has('accessible-from-random')) {
    if (optimumFitness === undefined) out.set('accessible-from-random', unavailable(noOptimum));
    else if (context.failed.has('accessible-from-random')) out.set('accessible-from-random', givenUp(searchLimit));
    else {
      const rng = deriveRng(seed, 'analysis', 'accessible-from-random', instance);
      const x = new Uint8Array(dim);
      let reached = 0;
      let undecided = false;
      for (let s = 0; s < starts && !undecided; s++) {
        for (let i = 0; i < dim; i++) x[i] = rng.int(alleles);
        const { outcome } = searchAccessible(landscape, x, optimumFitness, searchLimit);
        if (outcome === 'undecided') undecided = true;
        else if (outcome === 'reached') reached++;
      }
      if (undecided) context.failed.add('accessible-from-random');
      out.set('accessible-from-random', undecided ? givenUp(searchLimit) : share(reached));
    }
  }

  if (wanted.has('direct-paths-from-antipode')) {
    if (!farFromOptimum || !optimumGenes) out.set('direct-paths-from-antipode', unavailable(noOptimum));
    else if (dim > DIRECT_PATHS_MAX_DISTANCE) {
      out.set('direct-paths-from-antipode', unavailable(`direct paths are counted over the 2^N genotypes between the antipode and the optimum, up to N = ${DIRECT_PATHS_MAX_DISTANCE}; N is ${dim}`));
    } else {
      // Only the 2^N genotypes between the two are evaluated, so the count is exact without enumerating A^N.
      out.set('direct-paths-from-antipode', { value: countDirectPaths((y) => finiteFitness(landscape, y), farFromOptimum, optimumGenes), exact: true });
    }
  }

  if (wanted.has('greedy-walk-length') || wanted.has('basin-of-global')) {
    const rng = deriveRng(seed, 'analysis', 'greedy-walks', instance);
    const neighbours = new NeighbourFitness(landscape);
    const x = new Uint8Array(dim);
    let steps = 0;
    let atOptimum = 0;
    for (let s = 0; s < starts; s++) {
      for (let i = 0; i < dim; i++) x[i] = rng.int(alleles);
      const walk = greedyWalkFrom(landscape, x, rng, neighbours);
      steps += walk.steps;
      if (optimumFitness !== undefined && walk.fitness >= optimumFitness) atOptimum++;
    }
    out.set('greedy-walk-length', estimate(steps / starts));
    out.set('basin-of-global', optimumFitness === undefined ? unavailable(noOptimum) : share(atOptimum));
  }

  if (wanted.has('random-walk-length')) {
    const rng = deriveRng(seed, 'analysis', 'random-walks', instance);
    const neighbours = new NeighbourFitness(landscape);
    const x = new Uint8Array(dim);
    let steps = 0;
    for (let s = 0; s < starts; s++) {
      for (let i = 0; i < dim; i++) x[i] = rng.int(alleles);
      steps += randomWalkFrom(landscape, x, rng, neighbours).steps;
    }
    out.set('random-walk-length', estimate(steps / starts));
  }
  return pick(out, measures);
}

function undecidedNote(limit: number): string {
  return `an uphill search from a start visited ${limit} genotypes without deciding whether the optimum is accessible (the space is too large to enumerate); raise the search limit or lower N`;
}

function continuousInstance(
  landscape: ContinuousLandscape,
  spec: LandscapeSpec,
  seed: string | number,
  instance: number,
  measures: readonly MeasureId[],
  starts: number,
  gradient: GradientRunOptions,
): Map<MeasureId, InstanceValue> {
  const out = new Map<MeasureId, InstanceValue>();
  if (!landscape.gradient) {
    for (const id of measures) out.set(id, unavailable(`${landscape.id} has no gradient`));
    return out;
  }
  if (CRITICAL_POINT_MEASURES.some((id) => measures.includes(id))) {
    const points = findCriticalPoints(landscape, (start) => deriveRng(seed, 'analysis', 'critical-points', instance, start), starts);
    const summary = summariseCriticalPoints(points);
    const value = (v: number, why: string): InstanceValue => (Number.isNaN(v) ? unavailable(why) : { value: v, exact: false });
    const none = `no search of an instance reached a critical point (‖∇f‖ ≤ ${CRITICAL_SEARCH_DEFAULTS.gradientTolerance}) from its ${starts} starts`;
    out.set('critical-points', { value: summary.count, exact: false });
    out.set('critical-points-optima-share', value(summary.optimaShare, none));
    out.set('critical-points-mean-index', value(summary.meanIndex, none));
    out.set('critical-points-index-loss-correlation', value(summary.indexLossCorrelation, 'an instance had fewer than 3 critical points found, or all of one index or one loss: no correlation'));
  }
  const ends: GradientEndpoint[] = [];
  if (GRADIENT_RUN_MEASURES.some((id) => measures.includes(id))) {
    for (let s = 0; s < starts; s++) ends.push(gradientEndpoint(spec, landscape, seed, instance, s, gradient));
  }
  const critical = ends.filter((e) => e.critical);
  const diverged = ends.filter((e) => e.endedAt === 'diverged').length;
  if (measures.includes('gd-diverged-rate')) out.set('gd-diverged-rate', { value: diverged / starts, exact: false, binomial: { trials: starts, scale: 1 } });
  if (measures.includes('gd-dead-end-rate')) {
    const deadEnds = critical.filter((e) => !e.global).length;
    const unfinished = starts - critical.length - diverged;
    const notes: string[] = [];
    if (landscape.optimumFitness === undefined) notes.push('the global optimum is not known: every critical end point counts as a dead end');
    if (unfinished) notes.push(`runs still moving after ${gradient.steps} steps count as no dead end`);
    if (diverged) notes.push(`runs that diverged (fitness NaN or ±∞: the learning rate is too large) count as no dead end; see gd-diverged-rate`);
    out.set('gd-dead-end-rate', { value: deadEnds / starts, exact: false, binomial: { trials: starts, scale: 1 }, ...(notes.length && { note: notes.join('; ') }) });
  }
  if (measures.includes('critical-index')) {
    if (landscape.dim > FULL_HESSIAN_MAX_DIM) {
      out.set('critical-index', unavailable(`the critical index forms the full Hessian, up to N = ${FULL_HESSIAN_MAX_DIM}; N is ${landscape.dim}`));
    } else {
      const indices = critical.map((e) => criticalIndex(landscape, e.x).index).filter((v) => !Number.isNaN(v));
      out.set(
        'critical-index',
        indices.length
          ? { value: indices.reduce((a, b) => a + b, 0) / indices.length, exact: false }
          : unavailable(`no gradient run of this instance reached a critical point within ${gradient.steps} steps`),
      );
    }
  }
  return pick(out, measures);
}

/**
 * Mean and standard error over the instances. When some instance gave no value the mean is null: averaging only
 * the instances that could be decided would select them by an outcome that may depend on the value itself.
 *
 * For sampled shares the spread of a few instance values can understate the error badly (on a deterministic
 * landscape every instance is the same, and ten batches of starts give a standard error with nine degrees of
 * freedom). The binomial standard error of all samples pooled is a floor for the true one: with instance shares p_i
 * from S samples each, the mean's variance is Var(p_i)/n + E[p_i(1 − p_i)]/(nS), the pooled binomial variance
 * (Var(p_i) + E[p_i(1 − p_i)])/(nS), never larger for S ≥ 1. So the larger of the two is reported.
 */
export function summariseInstances(list: readonly InstanceValue[], starts: number): MeasureResult {
  const present = list.filter((v): v is InstanceValue & { value: number } => v.value !== null);
  const n = present.length;
  const notes = [...new Set(list.map((v) => v.note).filter((note): note is string => note !== undefined))];
  const missing = list.length - n;
  if (missing) notes.unshift(`${missing} of ${list.length} instances gave no value, so no mean is reported`);
  const exact = n > 0 && present.every((v) => v.exact);
  const base = { exact, n, ...(!exact && { starts }), ...(notes.length && { note: notes.join('; ') }) };
  if (n === 0 || missing) return { mean: null, se: null, ...base };
  let mean = 0;
  for (const v of present) mean += v.value;
  mean /= n;
  if (!Number.isFinite(mean)) return { mean: null, se: null, ...base, note: [...notes, 'the mean is not a finite number'].join('; ') };
  let ss = 0;
  for (const v of present) ss += (v.value - mean) ** 2;
  const spreadSe = n >= 2 ? Math.sqrt(ss / (n - 1) / n) : null;
  const binomialSe = pooledBinomialSe(present, mean);
  const se = binomialSe === null ? spreadSe : Math.max(spreadSe ?? 0, binomialSe);
  return { mean, se, ...base };
}

/** scale·√(q(1 − q)/T) for q = mean/scale over T pooled trials, when every value is a sampled share of one scale. */
function pooledBinomialSe(values: readonly InstanceValue[], mean: number): number | null {
  const scale = values[0]?.binomial?.scale;
  if (scale === undefined || !values.every((v) => v.binomial?.scale === scale)) return null;
  const trials = values.reduce((sum, v) => sum + v.binomial!.trials, 0);
  const q = mean / scale;
  return scale * Math.sqrt((q * (1 - q)) / trials);
}
