/**
 * The page's memory check of a live race: what it would allocate in the worker, refused before anything is
 * allocated when it exceeds the page's limit.
 */
import { landscapeBytes, mapBytes, optimizerBytes, problemOf } from '../src/core/run/instance.ts';
import { formatBytes } from '../src/core/run/limits.ts';
import type { RunSpec } from '../src/core/run/spec.ts';
import { TRAJECTORY_POINTS } from './feeds/slice.ts';

/**
 * Memory the live race may take in the page's worker: every live replicate's runs and the views' buffers. A browser
 * tab that asks for more fails to allocate ("Array buffer allocation failed") and is left with an empty page.
 */
export const PAGE_RACE_MEMORY_LIMIT = 1024 ** 3;

/** What a live race would allocate, by the per-run estimates the command line checks, plus the page's own buffers. */
export interface RaceMemory {
  bytes: number;
  /** Landscape instances (with their maps), one per replicate. */
  landscapes: number;
  /** Each racer's optimizer state over all replicates. */
  racers: number[];
  /** The slice view's paths (TRAJECTORY_POINTS points per racer, and their copy for principal components). */
  views: number;
}

/** The memory a race of `specs` (`specs[r][k]`: racer k of replicate r) would take here; allocates nothing. */
export function raceMemory(specs: readonly (readonly RunSpec[])[]): RaceMemory {
  const landscape = specs[0][0].landscape;
  const problem = problemOf(landscape);
  const landscapes = specs.length * (landscapeBytes(landscape) + mapBytes(landscape));
  const racers = specs[0].map((spec) => specs.length * optimizerBytes(landscape, spec.optimizer));
  // Paths and their principal-component copy, plus the plane's origin and two directions.
  const views = problem.space === 'continuous' ? 8 * problem.dim * (2 * TRAJECTORY_POINTS * specs[0].length + 3) : 0;
  return { bytes: landscapes + racers.reduce((a, b) => a + b, 0) + views, landscapes, racers, views };
}

/** Why the page cannot hold a race of `specs` (the estimate, its largest part and the limit), or undefined if it can. */
export function raceMemoryProblem(specs: readonly (readonly RunSpec[])[], limit = PAGE_RACE_MEMORY_LIMIT): { message: string; racer?: number } | undefined {
  const memory = raceMemory(specs);
  if (memory.bytes <= limit) return undefined;
  const largestRacer = memory.racers.indexOf(Math.max(...memory.racers));
  const racerIsLargest = memory.racers[largestRacer] > Math.max(memory.landscapes, memory.views);
  const parts = [
    `${formatBytes(memory.landscapes)} for ${specs.length} landscape instance${specs.length === 1 ? '' : 's'}`,
    `${formatBytes(memory.racers.reduce((a, b) => a + b, 0))} for the racers`,
    ...(memory.views ? [`${formatBytes(memory.views)} for the slice view's paths`] : []),
  ];
  const lower = racerIsLargest ? `lower this racer's population or the dimension` : 'lower the dimension';
  return {
    message: `the page would need about ${formatBytes(memory.bytes)} to race this live (${parts.join(', ')}), above its limit of ${formatBytes(limit)}; ${lower}${specs.length > 1 ? ' or the replicates' : ''}, or run it with the command line (hyperclimb run)`,
    ...(racerIsLargest && { racer: largestRacer }),
  };
}
