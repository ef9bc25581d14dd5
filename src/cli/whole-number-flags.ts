/** Whole-number flags with an upper bound, shared by the commands: --replicates, --workers. */
import { availableParallelism, totalmem } from 'node:os';
import { formatBytes, formatCount, maxWorkers } from '../core/run/limits.ts';
import { UsageError } from './usage.ts';

/** The value of a flag that must be a whole number from 1 to `max`; `why` tells users where the bound comes from. */
export function positiveInteger(text: string | undefined, flag: string, max: number, why: string): number | undefined {
  if (text === undefined) return undefined;
  if (!/^\d+$/.test(text) || Number(text) < 1 || Number(text) > max) {
    throw new UsageError(`${flag} needs a whole number from 1 to ${formatCount(max)} (${why}), got '${text.length > 40 ? `${text.slice(0, 40)}…` : text}'`);
  }
  return Number(text);
}

/** --workers, bounded for this machine (limits.ts), with the reason users read when they exceed it. */
export function workersFromFlag(text: string | undefined): number | undefined {
  const cores = availableParallelism();
  const max = maxWorkers(cores, totalmem());
  return positiveInteger(text, '--workers', max, `at most 2 per core and 1 per 256 MiB of memory: ${cores} cores, ${formatBytes(totalmem())} here`);
}
