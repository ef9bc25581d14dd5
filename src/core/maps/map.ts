/**
 * Genotype–phenotype maps: a map wraps a phenotype landscape into a genotype landscape, adding dimensions or
 * redundancy without changing what the phenotypes are worth. Fitness is read through the map, so every optimizer
 * and metric works on the genotype unchanged. A map never changes the kind of space (bit strings stay bit strings).
 */
import type { z } from 'zod';
import type { Landscape, ParamProblem, Space } from '../landscapes/landscape.ts';
import type { Rng } from '../rng.ts';

/** The shape of a space: what a map needs to know of the phenotype, and what it tells of the genotype. */
export interface SpaceShape {
  readonly space: Space;
  readonly dim: number;
  /** Alleles per locus (discrete spaces); 0 for continuous spaces. */
  readonly alleles: number;
  /** The box initial points are drawn from (continuous spaces). */
  readonly lower: number;
  readonly upper: number;
}

export interface MapDef<S extends z.ZodObject = z.ZodObject<any>, P = z.output<S>> {
  readonly id: string;
  readonly title: string;
  /** One sentence for menus, docs and the JSON Schema. */
  readonly summary: string;
  /** Spaces the map works on. */
  readonly spaces: readonly Space[];
  readonly params: S;
  check?(phenotype: SpaceShape, params: P): ParamProblem[];
  /** The genotype space for a phenotype space. */
  genotype(phenotype: SpaceShape, params: P): SpaceShape;
  /**
   * Continuous landscapes with their own initialisation (networks: Glorot/He half-widths `scale`, initial coordinates
   * uniform in [−scaleᵢ, scaleᵢ]): the genotype's half-widths, chosen so that each phenotype coordinate starts with
   * the variance the landscape's own draw gives it, as far as the map allows — or, where it cannot, why not. Such
   * landscapes are refused (checkMap) by a map without this rule or with a reason, rather than started from the box.
   */
  initScale?(scale: Float64Array, phenotype: SpaceShape, params: P): Float64Array | string;
  memoryBytes(phenotype: SpaceShape, params: P): number;
  /** The genotype landscape; the map's own random parts come from `rng`. */
  create(phenotype: Landscape, params: P, rng: Rng): Landscape;
}

export function defineMap<S extends z.ZodObject>(def: MapDef<S>): MapDef<S> {
  return def;
}

/**
 * `count` equal half-widths whose uniform draws have the mean variance of draws at `scale` (its root mean square):
 * for genes that are not one phenotype coordinate each.
 */
export function meanScale(scale: Float64Array, count: number): Float64Array {
  let sum = 0;
  for (let i = 0; i < scale.length; i++) sum += scale[i] * scale[i];
  return new Float64Array(count).fill(Math.sqrt(sum / scale.length));
}
