/**
 * Sweeps: a grid over dotted paths of a scenario (`landscape.dim`, `optimizers[0].populationSize`,
 * `optimizers.GA.mutationRate` by label). Cells are the cartesian product in file order, the first key slowest.
 */
import type { SweepValue } from './schema.ts';

/** Roots a sweep may change; the rest (title, seed, replicates, lesson…) describe the scenario, not a cell. */
export const SWEEPABLE_ROOTS = ['landscape', 'map', 'optimizers', 'budget', 'stop'] as const;

/** Splits `a.b[2].c` into ['a', 'b', 2, 'c']; throws on malformed paths. */
export function splitPath(key: string): (string | number)[] {
  const segments: (string | number)[] = [];
  const pattern = /([^.[\]]+)|\[(\d+)\]|\[([^\]]+)\]/g;
  let consumed = 0;
  for (const match of key.matchAll(pattern)) {
    const between = key.slice(consumed, match.index);
    if (between !== '' && between !== '.') throw new Error(`malformed path '${key}'`);
    consumed = match.index! + match[0].length;
    if (match[2] !== undefined) segments.push(Number(match[2]));
    else segments.push(/^\d+$/.test(match[1] ?? '') ? Number(match[1]) : (match[1] ?? match[3]));
  }
  if (consumed !== key.length || segments.length === 0) throw new Error(`malformed path '${key}'`);
  return segments;
}

/**
 * The data path a sweep key addresses in `data`, with optimizer labels resolved to indices. Throws an Error whose
 * message says what is wrong with the key.
 */
export function resolveSweepPath(key: string, data: Record<string, unknown>): (string | number)[] {
  const path = splitPath(key);
  const root = path[0];
  if (!SWEEPABLE_ROOTS.includes(root as (typeof SWEEPABLE_ROOTS)[number])) {
    throw new Error(`a sweep can vary ${SWEEPABLE_ROOTS.join(', ')} fields, not '${String(root)}'`);
  }
  // The files a scenario names are read once, before its cells are made: a sweep cannot swap them.
  if (root === 'landscape' && (path[1] === 'data' || path[1] === 'start') && (path[2] === 'file' || path[2] === 'text')) {
    throw new Error(`a sweep cannot vary the file a scenario reads ('${key}'): make one scenario per file`);
  }
  if (path.length < 2) throw new Error(`name a field inside '${String(root)}', e.g. '${String(root)}.${root === 'optimizers' ? '0.populationSize' : 'dim'}'`);
  if (root === 'optimizers') {
    const racers = Array.isArray(data.optimizers) ? (data.optimizers as Record<string, unknown>[]) : [];
    const which = path[1];
    const index =
      typeof which === 'number' ? which : racers.findIndex((r) => (r.label ?? r.preset ?? r.id) === which);
    if (index < 0 || index >= racers.length) {
      const labels = racers.map((r, i) => `${i} (${String(r.label ?? r.preset ?? r.id)})`).join(', ');
      throw new Error(`no optimizer '${String(which)}'; racers are ${labels}`);
    }
    if (path.length < 3) throw new Error(`name a field of optimizer ${index}, e.g. 'optimizers.${index}.populationSize'`);
    path[1] = index;
  }
  return path;
}

/** A deep copy of plain data. */
export function clone<T>(value: T): T {
  return structuredClone(value);
}

/** Sets `value` at `path` in `data` (a plain object tree), creating objects where the path is missing. */
export function setPath(data: Record<string, unknown>, path: readonly (string | number)[], value: unknown): void {
  let node: Record<string | number, unknown> = data;
  for (let i = 0; i < path.length - 1; i++) {
    const next = node[path[i]];
    if (next === null || typeof next !== 'object') node[path[i]] = {};
    node = node[path[i]] as Record<string | number, unknown>;
  }
  node[path[path.length - 1]] = value;
}

/** Number of cells of a sweep (1 without one). */
export function cellCount(sweep: Record<string, readonly SweepValue[]> | undefined): number {
  if (!sweep) return 1;
  return Object.values(sweep).reduce((n, values) => n * values.length, 1);
}

/** The sweep values of cell `index`: one value per key, the first key slowest. */
export function cellValues(sweep: Record<string, readonly SweepValue[]> | undefined, index: number): Record<string, SweepValue> {
  const params: Record<string, SweepValue> = {};
  if (!sweep) return params;
  const picks = cellPicks(sweep, index);
  Object.keys(sweep).forEach((key, k) => (params[key] = sweep[key][picks[k]]));
  return params;
}

/** The cell whose value of each key is at index `picks[k]` (cellPicks inverted). */
export function cellOfPicks(sweep: Record<string, readonly SweepValue[]>, picks: readonly number[]): number {
  return Object.keys(sweep).reduce((index, key, k) => index * sweep[key].length + picks[k], 0);
}

/** Index of each key's value in cell `index` (for error locations). */
export function cellPicks(sweep: Record<string, readonly SweepValue[]>, index: number): number[] {
  const keys = Object.keys(sweep);
  const picks: number[] = new Array(keys.length);
  let rest = index;
  for (let k = keys.length - 1; k >= 0; k--) {
    const size = sweep[keys[k]].length;
    picks[k] = rest % size;
    rest = Math.floor(rest / size);
  }
  return picks;
}
