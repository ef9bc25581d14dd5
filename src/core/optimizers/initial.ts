/** Initial points shared by the racers of a replicate. */
import type { Rng } from '../rng.ts';
import type { Problem, Start } from './optimizer.ts';

/**
 * Fills `genes[offset .. offset + dim)` with a uniform random point: uniform alleles, uniform in the box, or uniform
 * in [−scaleᵢ, scaleᵢ] for problems with their own initialisation scale (networks).
 */
export function randomPoint(problem: Problem, rng: Rng, genes: Float64Array | Uint8Array, offset: number): void {
  const { dim } = problem;
  if (problem.space === 'discrete') {
    for (let i = 0; i < dim; i++) genes[offset + i] = rng.int(problem.alleles);
  } else if (problem.scale) {
    const scale = problem.scale;
    for (let i = 0; i < dim; i++) genes[offset + i] = scale[i] * (2 * rng.uniform() - 1);
  } else {
    const width = problem.upper - problem.lower;
    for (let i = 0; i < dim; i++) genes[offset + i] = problem.lower + width * rng.uniform();
  }
}

/** A new genotype array of `count` rows for the problem's space. */
export function allocateGenes(problem: Problem, count: number): Float64Array | Uint8Array {
  return problem.space === 'discrete' ? new Uint8Array(count * problem.dim) : new Float64Array(count * problem.dim);
}

/**
 * A population of `size` rows whose first row is the shared start x0 and whose other rows come from the shared
 * initial-population stream: racers of equal population size start from the same population.
 */
export function initialPopulation(problem: Problem, start: Start, size: number): Float64Array | Uint8Array {
  const genes = allocateGenes(problem, size);
  genes.set(start.x0, 0);
  for (let r = 1; r < size; r++) randomPoint(problem, start.rng, genes, r * problem.dim);
  return genes;
}

/** Bytes per gene of the problem's genotype arrays. */
export function geneBytes(problem: Problem): number {
  return problem.space === 'discrete' ? 1 : 8;
}
