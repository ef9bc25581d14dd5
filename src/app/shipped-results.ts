/**
 * Results that ship beside sweep scenarios: sims/<name>.results.jsonl, written by
 * `hyperclimb run sims/<name>.yaml --out sims/<name>.results.jsonl` and checked against the engine by
 * tests/shipped-results.test.ts. Each loads (a chunk of its own) only when its scenario's sweep view wants it.
 */
import { scenarioStem } from '../scenario/file-stem.ts';

const files = import.meta.glob<string>('../../sims/*.results.jsonl', { query: '?raw', import: 'default' });

/** The shipped results of a scenario file (by its name, e.g. dimension-vs-dead-ends.yaml), if there are any. */
export function shippedResults(file: string): { name: string; load: () => Promise<string> } | undefined {
  const name = `${scenarioStem(file)}.results.jsonl`;
  const load = files[`../../sims/${name}`] as (() => Promise<string>) | undefined;
  return load && { name, load };
}
