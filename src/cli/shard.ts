/**
 * `--shard i/n`: which slice of a run's tasks one process runs. A task is one replicate of one cell (every racer);
 * tasks are numbered t = 0, 1, … in the order of the results file (cell, then replicate). Shards are 1-based:
 * shard i of n runs the tasks with t mod n = i − 1 (round-robin), so cells of different cost spread evenly and the
 * shards of a sweep differ in size by at most one task.
 */
import { UsageError } from './usage.ts';

export interface Shard {
  /** 1-based: 1 ≤ index ≤ count. */
  readonly index: number;
  readonly count: number;
}

const HINT = 'shards are numbered from 1: --shard 1/4 … --shard 4/4';

/** Parses `i/n` (whole numbers, 1 ≤ i ≤ n); throws a UsageError that says what is wrong. */
export function parseShard(text: string): Shard {
  const match = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(text);
  if (!match) throw new UsageError(`--shard needs i/n with whole numbers 1 ≤ i ≤ n (${HINT}), got '${text}'`);
  const index = Number(match[1]);
  const count = Number(match[2]);
  if (!Number.isSafeInteger(count) || count < 1) throw new UsageError(`--shard ${text}: the number of shards n must be at least 1`);
  if (index === 0) {
    throw new UsageError(`--shard ${text}: ${HINT}; from a 0-based index (Kubernetes' JOB_COMPLETION_INDEX) pass $((INDEX + 1))/${count}`);
  }
  if (!Number.isSafeInteger(index) || index > count) throw new UsageError(`--shard ${text}: the shard index must be between 1 and ${count} (${HINT})`);
  return { index, count };
}

/** The tasks of one shard, in their original order (task t goes to shard (t mod n) + 1). */
export function shardTasks<T>(tasks: readonly T[], shard: Shard | undefined): T[] {
  if (!shard) return [...tasks];
  return tasks.filter((_, t) => t % shard.count === shard.index - 1);
}
