/**
 * Hyperclimb as a library: `import { createRun, landscapes, optimizers } from 'hyperclimb'`. Exports what a
 * researcher's own code needs to race the built-in optimizers and landscapes, or to race their own beside them:
 * the run (createRun, whose step() is the shared bookkeeping — budget, best so far, non-finite values, stop rules —
 * around ask/tell, for a loop of one's own), the registries with `register*` for one's own definitions, the ask/tell
 * and landscape types, the outcome union, and the scenario reader. Everything here is pure: no files, no workers.
 */
export { z } from 'zod';

export { createRun, type Run, type RunContext, type RunSnapshot } from './core/run/run.ts';
export { Session, OUTCOMES, type Outcome } from './core/run/session.ts';
export type { ComponentSpec, EndedAt, LandscapeSpec, MeasureSpec, OptimizerSpec, RunResult, RunSpec, StopRules } from './core/run/spec.ts';
export { createLandscape, createStart, problemOf, SizeError } from './core/run/instance.ts';
export { budgetGrid, DEFAULT_TRACE, type RunTrace, type TraceSpec } from './core/run/trace.ts';
export { cellTargets, ecdf, ert, fixedBudget, groupRuns, quantile, runtime, type RunGroup, type Targets, type TracedRun } from './scenario/performance.ts';

export { optimizers, optimizerDef, registerOptimizer, presets, preset, type Preset } from './core/optimizers/registry.ts';
export {
  defineOptimizer,
  type Candidates,
  type Feedback,
  type MoveBatch,
  type OptimizerDef,
  type PointBatch,
  type Problem,
  type Start,
} from './core/optimizers/optimizer.ts';
export { allocateGenes, initialPopulation, randomPoint } from './core/optimizers/initial.ts';

export { landscapes, landscapeDef, registerLandscape } from './core/landscapes/registry.ts';
export {
  defineLandscape,
  fitnessOf,
  type ContinuousLandscape,
  type DiscreteLandscape,
  type Landscape,
  type LandscapeDef,
  type ParamProblem,
  type Reading,
  type Space,
} from './core/landscapes/landscape.ts';
export { BOUND_POLICIES, boundedLandscape, type BoundPolicy } from './core/landscapes/bounds.ts';
export { maps, mapDef } from './core/maps/registry.ts';
export { registerModule, type Registered, type UserModule } from './core/user-module.ts';

export { deriveRng, Rng } from './core/rng.ts';

export { parseScenario, type ParseOptions } from './scenario/parse.ts';
export { ScenarioError, type ScenarioIssue } from './scenario/issues.ts';
export type { Scenario } from './scenario/schema.ts';
export { expandCells, runSpecs, stopRules } from './scenario/cells.ts';
