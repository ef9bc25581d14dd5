/** How the page benches (bench/page-frames.ts, bench/page-profile.ts) play a scenario of sims/. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import YAML from 'yaml';

/**
 * A scenario of sims/ as the bench plays it: no lesson (its steps would steer the page), a budget and stop rules
 * that keep every racer running for the whole measurement, at the page's usual speed for the file as shipped.
 */
export function benchScenario(file: string): { text: string; speed: number } {
  const doc = YAML.parse(readFileSync(join(import.meta.dirname, '..', 'sims', file), 'utf8'));
  const speed = Math.max(1, Math.round(doc.budget.evaluations / 300));
  delete doc.lesson;
  delete doc.views;
  doc.budget = { ...doc.budget, evaluations: 1e9 };
  doc.stop = { atOptimum: false, deadEnd: false };
  return { text: YAML.stringify(doc), speed };
}
