/**
 * Every size limit of Hyperclimb in one place: what one run may allocate, how many runs and lines a scenario may
 * plan, how large a scenario file and its seed may be, how long the improvement trace grows, how many workers the
 * command line starts. Each is checked before anything of that size is allocated, and each refusal names the field,
 * the estimate and the limit (`exceeds`).
 */

/** Default ceiling on the memory one run may allocate: 2 GiB. */
export const DEFAULT_MEMORY_LIMIT = 2 * 1024 ** 3;

/** Most cells a sweep may have. */
export const MAX_CELLS = 100_000;

/** Most replicates, in a file (`replicates:`) or on the command line (`--replicates`). */
export const MAX_REPLICATES = 1_000_000;

/**
 * Most result lines (cells × replicates × racers) one run may plan. A run keeps its plan and its lines in memory
 * (about 2 KiB per line with its run spec), so 1,000,000 lines stay well under a gigabyte.
 */
export const MAX_RESULT_LINES = 1_000_000;

/**
 * Largest scenario file, in bytes. Real ones stay under 50 KiB (the longest lesson in sims/ is 12 KB); the yaml
 * parser's time grows faster than the size (a 870 KB flow list took 5.5 s), and a 10 MB file took 4.8 GB.
 */
export const MAX_SCENARIO_BYTES = 256 * 1024;

/** Most aliases a scenario may expand (yaml's `maxAliasCount`): an alias bomb is refused before it expands. */
export const MAX_YAML_ALIASES = 100;

/** Deepest nesting a scenario may have; real files stay under ten. */
export const MAX_DEPTH = 64;

/** Longest text seed; numeric seeds are whole numbers of at most this magnitude (exact in a double). */
export const MAX_SEED_LENGTH = 200;
export const MAX_NUMERIC_SEED = Number.MAX_SAFE_INTEGER;

/**
 * Improvements the trace of a run keeps one by one (16 bytes each: 16 MiB). A run that improves more often (gradient
 * steps with a tiny rate improve every step) then keeps only improvements at least 0.1% more evaluations apart:
 * at most ln(1e12)/ln(1.001) ≈ 28,000 more for the largest budget, so the trace never exceeds about 17 MiB.
 */
export const TRACE_FULL_ENTRIES = 1 << 20;
export const TRACE_THINNED_SPACING = 1.001;
/** Bytes the trace of one run may reach (its buffer doubles, so twice its longest length), for the memory estimate. */
export const TRACE_MAX_BYTES = 2 * 16 * (TRACE_FULL_ENTRIES + 28_000);

/**
 * Most worker threads the command line starts: two per core (a worker waiting on its next task leaves the core to
 * the other), and at most one per 256 MiB of the machine's memory (an idle worker costs about 90 MiB, a busy one
 * more). A larger --workers is refused rather than cut silently.
 */
export function maxWorkers(cores: number, totalMemoryBytes: number): number {
  return Math.max(1, Math.min(2 * cores, Math.floor(totalMemoryBytes / (256 * 1024 ** 2))));
}

/** A byte count for messages: 2.6 GiB, 512 MiB. */
export function formatBytes(bytes: number): string {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value.toFixed(value < 10 ? 1 : 0)} ${units[unit]}`;
}

/** A whole count for messages, with thousands separators that do not depend on the locale: 1,000,000. */
export function formatCount(count: number): string {
  if (!Number.isSafeInteger(Math.round(count))) return count.toPrecision(3);
  return String(Math.round(count)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}
