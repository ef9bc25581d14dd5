/** Landscape ids (the words of scenario files and links) → definitions. Adding a landscape: one file, one line here. */
import { ackley } from './ackley.ts';
import { eye } from './eye.ts';
import { houseOfCards } from './house-of-cards.ts';
import type { LandscapeDef } from './landscape.ts';
import { describeId, idShapeProblem, isZodObject } from '../registration.ts';
import { leadingOnes } from './leading-ones.ts';
import { matrixFactorisation } from './matrix-factorisation.ts';
import { mlp } from './mlp.ts';
import { nk } from './nk.ts';
import { onemax } from './onemax.ts';
import { quadratic } from './quadratic.ts';
import { rastrigin } from './rastrigin.ts';
import { reluTeacherStudent } from './relu-teacher-student.ts';
import { rosenbrock } from './rosenbrock.ts';
import { roughMountFuji } from './rough-mount-fuji.ts';
import { sphere } from './sphere.ts';
import { styblinskiTang } from './styblinski-tang.ts';

const entries: LandscapeDef<any>[] = [
  sphere,
  rastrigin,
  ackley,
  rosenbrock,
  styblinskiTang,
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

/** The built-in landscapes, then those registered by `registerLandscape` (a researcher's own), in that order. */
export const landscapes: readonly LandscapeDef<any>[] = entries;

/** Ids of the built-in landscapes (registered ones are not listed: they belong to a user's module, not this package). */
export const landscapeIds: readonly string[] = landscapes.map((l) => l.id);

/**
 * Adds a researcher's landscape, which then serves like a built-in one: by id in run specs and scenario files.
 * Registering the same definition again does nothing; another definition under a taken id is refused.
 */
export function registerLandscape(def: LandscapeDef<any>): void {
  const problem = definitionProblem(def);
  if (problem) throw new Error(`cannot register landscape ${describeId(def)}: ${problem}`);
  const taken = landscapeDef(def.id);
  if (taken === def) return;
  if (taken) throw new Error(`cannot register landscape '${def.id}': the id is taken by ${landscapeIds.includes(def.id) ? 'a built-in landscape' : 'another registered landscape'}`);
  entries.push(def);
}

function definitionProblem(def: LandscapeDef<any>): string | undefined {
  if (!def || typeof def !== 'object') return 'a definition is an object (see defineLandscape)';
  const idProblem = idShapeProblem(def.id);
  if (idProblem) return idProblem;
  for (const field of ['title', 'summary'] as const) if (typeof def[field] !== 'string') return `'${field}' must be a string`;
  if (def.space !== 'continuous' && def.space !== 'discrete') return "'space' must be 'continuous' or 'discrete'";
  if (!Number.isInteger(def.minDim) || def.minDim < 1) return "'minDim' must be a whole number of at least 1";
  if (def.box !== undefined && !(Array.isArray(def.box) && def.box.length === 2 && def.box.every(Number.isFinite) && def.box[0] < def.box[1])) {
    return "'box' must be [lower, upper] with lower < upper";
  }
  if (!isZodObject(def.params)) return "'params' must be a zod object of the landscape's scenario fields (z.object({}) for none)";
  for (const field of ['memoryBytes', 'create'] as const) if (typeof def[field] !== 'function') return `'${field}' must be a function`;
  return undefined;
}

/** The definition for `id`, or undefined. */
export function landscapeDef(id: string): LandscapeDef<any> | undefined {
  return landscapes.find((l) => l.id === id);
}
