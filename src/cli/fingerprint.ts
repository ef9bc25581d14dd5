/**
 * The scenario fingerprint that every result line carries (`fingerprint`), so that a results file names the run it
 * belongs to: `resume` refuses a file of another run, and `merge` refuses to join shards of different runs and knows
 * how many lines a complete run has.
 *
 * Format: `<cells>x<replicates>x<racers>-<hash>`, e.g. `5x20x4-3f09c1d2a7b64e55`. The hash is the first 16 hex digits
 * of SHA-256 over the canonical JSON of what determines the numbers: every cell's sweep values (in order) and run
 * specs (seed, landscape, map, racers with their resolved parameters, budget, resolved stop rules) and the number of
 * replicates, after `--seed` and `--replicates`. Title, description, views and lesson are not part of it (editing
 * the prose does not orphan a sweep), and neither are `--workers` and `--shard`.
 */
import { createHash } from 'node:crypto';
import { expandCells, runSpecs } from '../scenario/cells.ts';
import type { Scenario } from '../scenario/schema.ts';

/** JSON with object keys sorted (arrays keep their order); `undefined` members are left out as JSON.stringify does. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map((item) => (item === undefined ? 'null' : canonicalJson(item))).join(',')}]`;
  const entries = Object.keys(value)
    .sort()
    .filter((key) => (value as Record<string, unknown>)[key] !== undefined)
    .map((key) => `${JSON.stringify(key)}:${canonicalJson((value as Record<string, unknown>)[key])}`);
  return `{${entries.join(',')}}`;
}

export interface FingerprintShape {
  cells: number;
  replicates: number;
  racers: number;
}

/** The fingerprint of a validated scenario (with --seed and --replicates already applied). */
export function scenarioFingerprint(scenario: Scenario): string {
  const cells = expandCells(scenario).map((cell) => ({
    // Entries, not an object: the order of sweep keys decides the order of cells.
    params: Object.entries(cell.params),
    specs: runSpecs(cell.scenario, 0).map(({ replicate: _replicate, ...spec }) => spec),
  }));
  const identity = canonicalJson({ fingerprint: 1, replicates: scenario.replicates, cells });
  const hash = createHash('sha256').update(identity).digest('hex').slice(0, 16);
  return `${cells.length}x${scenario.replicates}x${scenario.optimizers.length}-${hash}`;
}

/** The shape a fingerprint states, or undefined when the text is not a fingerprint. */
export function fingerprintShape(fingerprint: unknown): FingerprintShape | undefined {
  if (typeof fingerprint !== 'string') return undefined;
  const match = /^([1-9]\d*)x([1-9]\d*)x([1-9]\d*)-[0-9a-f]{16}$/.exec(fingerprint);
  if (!match) return undefined;
  const [cells, replicates, racers] = [match[1], match[2], match[3]].map(Number);
  return Number.isSafeInteger(cells * replicates * racers) ? { cells, replicates, racers } : undefined;
}
