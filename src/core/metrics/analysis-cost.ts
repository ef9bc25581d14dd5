/**
 * What `analyze` will cost, before it starts: evaluations per instance by the method each measure uses
 * (landscape-analysis.ts), so that a user sees an N = 20 enumeration or a long gradient run coming instead of a
 * silent terminal. An order of magnitude, not a promise: walks and accessibility searches stop early on their own.
 */
import type { Landscape } from '../landscapes/landscape.ts';
import { formatCount } from '../run/limits.ts';
import { SEARCH_LIMIT } from './accessibility.ts';
import { canEnumerate } from './genotype-space.ts';
import { GRADIENT_DEFAULTS, type GradientRunOptions } from './gradient-endpoints.ts';
import { CRITICAL_SEARCH_DEFAULTS } from './critical-points.ts';
import { CRITICAL_POINT_MEASURES, GRADIENT_RUN_MEASURES, type MeasureId } from './landscape-analysis.ts';

export interface AnalysisCost {
  /** Evaluations per instance (a gradient counts its landscape's gradientCost), at most. */
  readonly perInstance: number;
  /** How the count comes about, for the message. */
  readonly method: string;
}

const WALKS: readonly MeasureId[] = ['greedy-walk-length', 'random-walk-length', 'basin-of-global'];
const SEARCHES: readonly MeasureId[] = ['accessible-from-antipode', 'direct-paths-from-antipode'];

/** The cost of one instance of `landscape` for `measures` with `starts` samples per instance. */
export function analysisCost(
  landscape: Landscape,
  measures: readonly MeasureId[],
  starts: number,
  gradient: Partial<GradientRunOptions> = {},
): AnalysisCost {
  if (landscape.space === 'continuous') {
    const steps = gradient.steps ?? GRADIENT_DEFAULTS.steps;
    const runs = { perInstance: starts * steps * landscape.gradientCost, method: `${starts} gradient runs of at most ${steps} steps (gradient cost ${landscape.gradientCost})` };
    if (!measures.some((id) => (CRITICAL_POINT_MEASURES as readonly MeasureId[]).includes(id))) return runs;
    // Each Levenberg–Marquardt step forms the Hessian: N analytic products (counted as gradients) or 2N gradients.
    const iterations = CRITICAL_SEARCH_DEFAULTS.maxIterations;
    const hessian = landscape.hessianVector ? landscape.dim : 2 * landscape.dim;
    const search = {
      perInstance: starts * iterations * (hessian + 1) * landscape.gradientCost,
      method: `${starts} searches for critical points of at most ${iterations} Levenberg–Marquardt steps (a Hessian and a gradient each)`,
    };
    if (!measures.some((id) => (GRADIENT_RUN_MEASURES as readonly MeasureId[]).includes(id))) return search;
    return { perInstance: runs.perInstance + search.perInstance, method: `${runs.method} and ${search.method}` };
  }
  const { alleles, dim } = landscape;
  const neighbours = dim * (alleles - 1);
  if (canEnumerate(alleles, dim)) {
    const size = Math.pow(alleles, dim);
    return { perInstance: size, method: `every one of ${alleles}^${dim} = ${formatCount(size)} genotypes (exact by enumeration)` };
  }
  // Sampled: one neighbourhood per sampled genotype, walks of at most about N steps, searches up to their limit.
  let perInstance = starts * neighbours;
  if (measures.some((id) => WALKS.includes(id))) perInstance += starts * dim * neighbours;
  if (measures.some((id) => SEARCHES.includes(id))) perInstance += SEARCH_LIMIT * neighbours;
  if (measures.includes('accessible-from-random')) perInstance += starts * SEARCH_LIMIT * neighbours;
  return { perInstance, method: `${starts} sampled genotypes and walks on ${alleles}^${dim} genotypes` };
}
