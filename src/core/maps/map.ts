/**
 * Genotype–phenotype maps: a map wraps a phenotype landscape into a genotype landscape, adding dimensions or
 * redundancy without changing what the phenotypes are worth. Fitness is read through the map, so every optimizer
 * and metric works on the genotype unchanged.
 */
import type { z } from 'zod';
import type { Landscape, ParamProblem } from '../landscapes/landscape.ts';
import type { Rng } from '../rng.ts';

export interface MapDef<S extends z.ZodObject = z.ZodObject<any>, P = z.output<S>> {
  readonly id: string;
  readonly title: string;
  /** One sentence for menus, docs and the JSON Schema. */
  readonly summary: string;
  readonly params: S;
  check?(phenotypeDim: number, params: P): ParamProblem[];
  /** Genotype length for a phenotype of `phenotypeDim` sites. */
  genotypeDim(phenotypeDim: number, params: P): number;
  memoryBytes(phenotypeDim: number, params: P): number;
  /** The genotype landscape; the map's own random parts come from `rng`. */
  create(phenotype: Landscape, params: P, rng: Rng): Landscape;
}

export function defineMap<S extends z.ZodObject>(def: MapDef<S>): MapDef<S> {
  return def;
}
