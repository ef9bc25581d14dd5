/** Landscape ids (the words of scenario files and links) → definitions. Adding a landscape: one file, one line here. */
import { ackley } from './ackley.ts';
import { BOUND_POLICIES } from './bounds.ts';
import { eye } from './eye.ts';
import { houseOfCards } from './house-of-cards.ts';
import type { LandscapeDef } from './landscape.ts';
import { createRegistry, isZodObject } from '../registration.ts';
import { leadingOnes } from './leading-ones.ts';
import { matrixFactorisation } from './matrix-factorisation.ts';
import { mlp } from './mlp.ts';
import { nk } from './nk.ts';
import { onemax } from './onemax.ts';
import { randomField } from './random-field.ts';
import { quadratic } from './quadratic.ts';
import { rastrigin } from './rastrigin.ts';
import { reluTeacherStudent } from './relu-teacher-student.ts';
import { rosenbrock } from './rosenbrock.ts';
import { roughMountFuji } from './rough-mount-fuji.ts';
import { schwefel } from './schwefel.ts';
import { sphere } from './sphere.ts';
import { styblinskiTang } from './styblinski-tang.ts';

const entries: LandscapeDef<any>[] = [
  sphere,
  rastrigin,
  ackley,
  rosenbrock,
  styblinskiTang,
  schwefel,
  randomField,
  onemax,
  leadingOnes,
  nk,
  houseOfCards,
  roughMountFuji,
  mlp,
  reluTeacherStudent,
  eye,
  quadratic,
  matrixFactorisation,
];

const registry = createRegistry<LandscapeDef<any>>('landscape', entries, definitionProblem);

/** The built-in landscapes, then those registered by `registerLandscape` (a researcher's own), in that order. */
export const landscapes: readonly LandscapeDef<any>[] = registry.entries;

/** Ids of the built-in landscapes (registered ones are not listed: they belong to a user's module, not this package). */
export const landscapeIds: readonly string[] = registry.builtInIds;

/**
 * Adds a researcher's landscape, which then serves like a built-in one: by id in run specs and scenario files.
 * Registering the same definition again does nothing; another definition under a taken id is refused.
 */
export function registerLandscape(def: LandscapeDef<any>): void {
  registry.register(def);
}

/** What a landscape definition needs beyond what every definition needs (registration.ts). */
function definitionProblem(def: LandscapeDef<any>): string | undefined {
  if (def.space !== 'continuous' && def.space !== 'discrete') return "'space' must be 'continuous' or 'discrete'";
  if (!Number.isInteger(def.minDim) || def.minDim < 1) return "'minDim' must be a whole number of at least 1";
  if (def.box !== undefined && !(Array.isArray(def.box) && def.box.length === 2 && def.box.every(Number.isFinite) && def.box[0] < def.box[1])) {
    return "'box' must be [lower, upper] with lower < upper";
  }
  if (def.bounds !== undefined && !(def.space === 'continuous' && def.box && BOUND_POLICIES.includes(def.bounds))) {
    return `'bounds' must be one of ${BOUND_POLICIES.join(', ')}, on a continuous landscape with a box`;
  }
  if (!isZodObject(def.params)) return "'params' must be a zod object of the landscape's scenario fields (z.object({}) for none)";
  for (const field of ['memoryBytes', 'create'] as const) if (typeof def[field] !== 'function') return `'${field}' must be a function`;
  return undefined;
}

/** The definition for `id`, or undefined. */
export function landscapeDef(id: string): LandscapeDef<any> | undefined {
  return registry.find(id);
}
