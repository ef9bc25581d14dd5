/**
 * Scenario text to a race the page can hold, decided inside the worker: validating a sweep of 100,000 cells takes
 * seconds, which on the main thread froze the page. Beyond the per-run limit of every scenario check, the live
 * race as a whole (every live replicate, the views' buffers) is held to the page's limit, and a refusal points at
 * the field to change, before anything is allocated.
 */
import { LineCounter, parseDocument } from 'yaml';
import { readerOf } from '../src/scenario/attached-files.ts';
import { formatPath, ScenarioError, type ScenarioIssue } from '../src/scenario/issues.ts';
import { locate } from '../src/scenario/locate.ts';
import { parseScenario } from '../src/scenario/parse.ts';
import type { Scenario } from '../src/scenario/schema.ts';
import { cellCount } from '../src/scenario/sweep.ts';
import { liveSpecs } from './live-race.ts';
import { raceMemoryProblem } from './page-session.ts';

/** Memory one run may take in the page. */
export const PAGE_MEMORY_LIMIT = 512 * 1024 ** 2;

export type LoadResult = { issues: ScenarioIssue[] } | { scenario: Scenario; cells: number; cell: number };

/**
 * Validates scenario text for the page and checks that cell `cell` (clamped to the sweep) can race live here.
 * Returns the scenario, its cell count and the cell, or its problems with file, line and column. `files` are the
 * files the page has that a scenario may name beside itself.
 */
export function loadScenario(text: string, file: string, cell = 0, files: Readonly<Record<string, Uint8Array>> = {}): LoadResult {
  let scenario: Scenario;
  try {
    scenario = parseScenario(text, file, { memoryLimit: PAGE_MEMORY_LIMIT, readFile: readerOf(files) });
  } catch (error) {
    if (error instanceof ScenarioError) return { issues: [...error.issues] };
    return { issues: [{ file, line: 1, column: 1, path: '', message: (error as Error).message }] };
  }
  const cells = cellCount(scenario.sweep);
  const chosen = Math.min(cell, cells - 1);
  const tooLarge = raceMemoryProblem(liveSpecs(scenario, chosen));
  if (!tooLarge) return { scenario, cells, cell: chosen };
  const path = tooLarge.racer === undefined ? ['landscape', 'dim'] : ['optimizers', tooLarge.racer];
  const where = cells > 1 ? ` (sweep cell ${chosen + 1})` : '';
  const lineCounter = new LineCounter();
  const { line, column } = locate(parseDocument(text, { lineCounter }), lineCounter, path);
  return { issues: [{ file, line, column, path: formatPath(path), message: `${tooLarge.message}${where}` }] };
}
