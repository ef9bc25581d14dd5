/** `hyperclimb run`: every cell × replicate of a scenario, in worker threads, results in a fixed order. */
import { readFileSync } from 'node:fs';
import type { RacerOutcome, ReplicateTask } from '../../workers/sim-api.ts';
import { expandCells, runSpecs } from '../scenario/cells.ts';
import { parseScenario } from '../scenario/parse.ts';
import type { Scenario } from '../scenario/schema.ts';
import { createPool } from '../../workers/node-pool.ts';
import { Progress } from './progress.ts';
import { keepLines, lineKey, readResults, resultLine, ResultsWriter, type ResultLine } from './results-file.ts';
import { summarise, type CellSummary } from './summary.ts';
import { UsageError } from './usage.ts';

export interface RunOptions {
  file: string;
  seed?: string;
  replicates?: number;
  workers: number;
  out?: string;
  json: boolean;
  stdout: NodeJS.WriteStream;
  stderr: NodeJS.WriteStream;
}

interface PlannedTask extends ReplicateTask {
  params: Record<string, unknown>;
}

/** Reads and validates a scenario file (throws UsageError or ScenarioError). */
export function loadScenario(file: string): Scenario {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new UsageError(`cannot read ${file}: ${code === 'ENOENT' ? 'no such file' : (error as Error).message}`);
  }
  return parseScenario(text, file);
}

/** A numeric-looking seed becomes a number (7 and "7" give the same streams either way). */
export function parseSeed(text: string): string | number {
  return /^-?\d+(\.\d+)?$/.test(text) ? Number(text) : text;
}

function plan(scenario: Scenario): PlannedTask[] {
  const tasks: PlannedTask[] = [];
  for (const cell of expandCells(scenario)) {
    for (let replicate = 0; replicate < scenario.replicates; replicate++) {
      tasks.push({ cell: cell.index, replicate, params: { ...cell.params }, specs: runSpecs(cell.scenario, replicate) });
    }
  }
  return tasks;
}

/** How many leading tasks an existing results file already holds; cuts a partial task; throws if it is foreign. */
function completedTasks(out: string, tasks: PlannedTask[], scenario: Scenario): number {
  const existing = readResults(out);
  const racers = scenario.optimizers.length;
  let matched = 0;
  for (const [i, line] of existing.entries()) {
    const task = tasks[Math.floor(i / racers)];
    const racer = scenario.optimizers[i % racers];
    const expected = task && lineKey({ cell: task.cell, replicate: task.replicate, label: racer.label });
    if (!task || lineKey(line) !== expected || JSON.stringify(line.params) !== JSON.stringify(task.params) || line.seed !== scenario.seed) {
      throw new UsageError(
        `${out}:${i + 1}: holds results of a different scenario or seed (expected ${expected ?? 'no more lines'}, found ${lineKey(line)}); choose another --out or remove the file`,
      );
    }
    matched++;
  }
  const whole = Math.floor(matched / racers);
  if (whole * racers !== existing.length) keepLines(out, whole * racers);
  return whole;
}

export async function runCommand(options: RunOptions): Promise<number> {
  const scenario = loadScenario(options.file);
  if (options.seed !== undefined) scenario.seed = parseSeed(options.seed);
  if (options.replicates !== undefined) scenario.replicates = options.replicates;
  const tasks = plan(scenario);
  const skip = options.out ? completedTasks(options.out, tasks, scenario) : 0;
  const lines: ResultLine[] = [];
  if (options.out && skip > 0) {
    lines.push(...readResults(options.out));
    options.stderr.write(`resuming: ${skip} of ${tasks.length} replicates already in ${options.out}\n`);
  }
  const writer = options.out ? new ResultsWriter(options.out) : undefined;
  const remaining = tasks.slice(skip);
  const pool = remaining.length ? createPool(Math.min(options.workers, remaining.length)) : undefined;
  const progress = new Progress(options.stderr, tasks.length, 'replicates');
  let failures = 0;
  try {
    // Keep a bounded window of tasks in flight and take their results strictly in task order.
    const window = Math.max(2, 4 * (pool?.size ?? 1));
    const inFlight: Promise<RacerOutcome[]>[] = [];
    let next = 0;
    for (let i = 0; i < remaining.length; i++) {
      while (next < remaining.length && next < i + window) {
        const task = remaining[next++];
        inFlight.push(pool!.run({ cell: task.cell, replicate: task.replicate, specs: task.specs }).catch((error: Error) =>
          task.specs.map((spec) => ({ optimizer: spec.optimizer.id, label: spec.optimizer.label, error: error.message, wallMs: 0 })),
        ));
      }
      const outcomes = await inFlight.shift()!;
      const task = remaining[i];
      const taskLines = outcomes.map((outcome) => resultLine(task.cell, task.params, task.replicate, scenario.seed, outcome));
      failures += taskLines.filter((line) => line.error !== undefined).length;
      writer?.append(taskLines);
      lines.push(...taskLines);
      progress.update(skip + i + 1);
    }
  } finally {
    progress.finish();
    writer?.close();
    await pool?.close();
  }
  const labels = scenario.optimizers.map((racer) => ({ optimizer: racer.id, label: racer.label }));
  const cells = summarise(lines, labels);
  if (options.json) {
    const document = {
      scenario: { file: options.file, title: scenario.title, seed: scenario.seed, replicates: scenario.replicates, cells: cells.length },
      cells,
    };
    options.stdout.write(`${JSON.stringify(document, null, 2)}\n`);
  } else {
    options.stdout.write(formatTable(scenario, cells));
  }
  const nonFinite = lines.reduce((n, line) => n + (line.nonFinite ?? 0), 0);
  if (nonFinite > 0) {
    const runs = lines.filter((line) => (line.nonFinite ?? 0) > 0).length;
    options.stderr.write(`warning: ${nonFinite} evaluation${nonFinite === 1 ? '' : 's'} in ${runs} run${runs === 1 ? '' : 's'} returned NaN or ±∞; they were ranked as −∞ (never best) and are counted in each line's nonFinite\n`);
  }
  for (const line of lines.filter((l) => l.error !== undefined).slice(0, 5)) {
    options.stderr.write(`run failed: cell ${line.cell}, replicate ${line.replicate}, ${line.label}: ${line.error}\n`);
  }
  return failures ? 1 : 0;
}

function percent(share: number): string {
  return `${(100 * share).toFixed(0)}%`;
}

function pm(mean: number | null, se: number | null, digits: number): string {
  if (mean === null) return '—';
  return se === null ? mean.toFixed(digits) : `${mean.toFixed(digits)} ± ${se.toFixed(digits)}`;
}

/** A plain-text table per cell for terminals. */
export function formatTable(scenario: Scenario, cells: CellSummary[]): string {
  const out: string[] = [`${scenario.title} (seed ${scenario.seed}, ${scenario.replicates} replicate${scenario.replicates === 1 ? '' : 's'})`];
  for (const cell of cells) {
    const params = Object.entries(cell.params).map(([k, v]) => `${k}=${String(v)}`).join('  ');
    out.push('', params ? `cell ${cell.cell}: ${params}` : `${scenario.landscape.id}, dim ${scenario.landscape.dim}`);
    const rows = [['racer', 'optimum', 'dead ends', 'evaluations', 'best fitness']];
    for (const r of cell.results) {
      rows.push([r.label, percent(r.reachedOptimum), percent(r.deadEnds + r.saddles), pm(r.meanEvaluations, r.seEvaluations, 0), pm(r.meanBestFitness, r.seBestFitness, 4)]);
    }
    const widths = rows[0].map((_, c) => Math.max(...rows.map((row) => row[c].length)));
    for (const row of rows) out.push(`  ${row.map((text, c) => (c === 0 ? text.padEnd(widths[c]) : text.padStart(widths[c]))).join('   ')}`);
  }
  return `${out.join('\n')}\n`;
}
