/**
 * A researcher's module: any ES module exporting `optimizers` and/or `landscapes`, lists of definitions
 * (defineOptimizer, defineLandscape). Registering it makes its ids valid wherever built-in ids are (run specs,
 * scenario files), so the same module serves a script that calls createRun and a scenario run by the command line,
 * whose worker threads register it again in their own registries.
 */
import type { LandscapeDef } from './landscapes/landscape.ts';
import { registerLandscape } from './landscapes/registry.ts';
import type { OptimizerDef } from './optimizers/optimizer.ts';
import { registerOptimizer } from './optimizers/registry.ts';

export interface UserModule {
  readonly optimizers?: readonly OptimizerDef[];
  readonly landscapes?: readonly LandscapeDef<any>[];
}

/** What a module registered, by id. */
export interface Registered {
  readonly optimizers: string[];
  readonly landscapes: string[];
}

/** Registers every definition a module exports; `name` (its file) prefixes every message of a refusal. */
export function registerModule(exports: unknown, name: string): Registered {
  const module = (exports ?? {}) as Record<string, unknown>;
  const lists = { optimizers: module.optimizers, landscapes: module.landscapes };
  if (lists.optimizers === undefined && lists.landscapes === undefined) {
    throw new Error(`${name}: exports neither 'optimizers' nor 'landscapes' (lists of definitions: export const optimizers = [myOptimizer])`);
  }
  for (const [key, list] of Object.entries(lists)) {
    if (list !== undefined && !Array.isArray(list)) throw new Error(`${name}: '${key}' must be a list of definitions, got ${typeof list}`);
  }
  const registered: Registered = { optimizers: [], landscapes: [] };
  try {
    for (const def of (lists.landscapes ?? []) as LandscapeDef<any>[]) {
      registerLandscape(def);
      registered.landscapes.push(def.id);
    }
    for (const def of (lists.optimizers ?? []) as OptimizerDef[]) {
      registerOptimizer(def);
      registered.optimizers.push(def.id);
    }
  } catch (error) {
    throw new Error(`${name}: ${(error as Error).message}`);
  }
  return registered;
}
