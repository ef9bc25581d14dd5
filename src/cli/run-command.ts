/**
 * `hyperclimb run`: every cell × replicate of a scenario (or, with --shard i/n, its slice of them), in worker
 * threads, results in a fixed order.
 */
import { existsSync, readFileSync, statSync, truncateSync } from 'node:fs';
import type { RacerOutcome } from '../../workers/sim-api.ts';
import { formatCount, MAX_NUMERIC_SEED, MAX_RESULT_LINES, MAX_SCENARIO_BYTES, MAX_SEED_LENGTH } from '../core/run/limits.ts';
import { ScenarioError } from '../scenario/issues.ts';
import { parseScenario, tooManyLines } from '../scenario/parse.ts';
import { cellCount } from '../scenario/sweep.ts';
import { decodeScenarioBytes, tooLarge } from '../scenario/scenario-bytes.ts';
import type { Scenario } from '../scenario/schema.ts';
import type { Reading } from '../core/landscapes/landscape.ts';
import { createLandscape } from '../core/run/instance.ts';
import type { LandscapeSpec } from '../core/run/spec.ts';
import { createPool, WorkerStartError } from '../../workers/node-pool.ts';
import { planTasks, scenarioFingerprint, type PlannedTask } from '../scenario/results.ts';
import { InputError, reportingInputErrors } from './input-error.ts';
import { Progress } from './progress.ts';
import { lineKey, parseResults, readResults, readText, resultLine, ResultsWriter, type ResultLine } from './results-file.ts';
import { shardTasks, type Shard } from './shard.ts';
import { summarise, type CellSummary } from './summary.ts';
import { UsageError } from './usage.ts';

export interface RunOptions {
  file: string;
  seed?: string;
  replicates?: number;
  workers: number;
  out?: string;
  /** Run only this slice of the tasks (shard.ts). */
  shard?: Shard;
  json: boolean;
  stdout: NodeJS.WriteStream;
  stderr: NodeJS.WriteStream;
}

/** Reads and validates a scenario file (throws UsageError or ScenarioError); its size is checked before reading. */
export function loadScenario(file: string): Scenario {
  let bytes: Buffer;
  try {
    const stat = statSync(file);
    if (!stat.isFile()) throw new UsageError(`cannot read ${file}: ${stat.isDirectory() ? 'it is a folder' : 'not a regular file'}; name a scenario file`);
    if (stat.size > MAX_SCENARIO_BYTES) throw tooLarge(stat.size, file);
    bytes = readFileSync(file);
  } catch (error) {
    if (error instanceof UsageError || error instanceof ScenarioError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    throw new UsageError(`cannot read ${file}: ${code === 'ENOENT' ? 'no such file' : (error as Error).message}`);
  }
  return parseScenario(decodeScenarioBytes(bytes, file), file);
}

/**
 * A --seed: a whole number of at most 2^53 − 1 in magnitude becomes a number (7 and "7" give the same streams either
 * way); anything else stays text, which a scenario's seed may be, up to its length limit.
 */
export function parseSeed(text: string): string | number {
  if (text === '') throw new UsageError('--seed needs a value, e.g. --seed 7');
  if (/^-?\d+$/.test(text) && Number.isSafeInteger(Number(text))) return Number(text);
  if (text.length > MAX_SEED_LENGTH) {
    throw new UsageError(`--seed has ${formatCount(text.length)} characters; a seed is a whole number of magnitude at most ${MAX_NUMERIC_SEED} or a text of at most ${MAX_SEED_LENGTH} characters`);
  }
  return text;
}

/**
 * How many leading tasks (of this run or shard) an existing results file already holds; cuts a partial task (and a
 * partial line) off the file; throws if the file belongs to another scenario, seed, number of replicates or shard.
 */
function completedTasks(out: string, tasks: PlannedTask[], scenario: Scenario, fingerprint: string): number {
  if (!existsSync(out)) return 0;
  const text = readText(out);
  const existing = parseResults(text, out).lines;
  const racers = scenario.optimizers.length;
  let matched = 0;
  for (const [i, { line, lineNumber }] of existing.entries()) {
    const task = tasks[Math.floor(i / racers)];
    const racer = scenario.optimizers[i % racers];
    const expected = task && lineKey({ cell: task.cell, replicate: task.replicate, label: racer.label });
    const sameTask = task && lineKey(line) === expected && JSON.stringify(line.params) === JSON.stringify(task.params) && line.seed === scenario.seed;
    if (!sameTask || line.fingerprint !== fingerprint) {
      const why = !sameTask
        ? `expected ${expected ?? 'no more lines'}, found ${lineKey(line)}`
        : line.fingerprint === undefined
          ? `it has no fingerprint: an older hyperclimb wrote it`
          : `its fingerprint is ${String(line.fingerprint)}, this run's is ${fingerprint}`;
      throw new InputError(
        `${out}:${lineNumber}: holds results of a different scenario or seed (${why}); check --seed, --replicates and --shard, or choose another --out`,
      );
    }
    matched++;
  }
  const whole = Math.floor(matched / racers);
  const keep = whole ? existing[whole * racers - 1].end : 0;
  if (keep !== Buffer.byteLength(text)) truncateSync(out, keep);
  return whole;
}

export function runCommand(options: RunOptions): Promise<number> {
  return reportingInputErrors(options.stderr, () => runScenario(options));
}

async function runScenario(options: RunOptions): Promise<number> {
  const scenario = loadScenario(options.file);
  if (options.seed !== undefined) scenario.seed = parseSeed(options.seed);
  if (options.replicates !== undefined) {
    const cells = cellCount(scenario.sweep);
    const lines = cells * options.replicates * scenario.optimizers.length;
    if (lines > MAX_RESULT_LINES) throw new UsageError(`--replicates ${options.replicates}: ${tooManyLines(cells, options.replicates, scenario.optimizers, lines)}`);
    scenario.replicates = options.replicates;
  }
  const fingerprint = scenarioFingerprint(scenario);
  const allTasks = planTasks(scenario);
  const tasks = shardTasks(allTasks, options.shard);
  const shard = options.shard && `shard ${options.shard.index}/${options.shard.count}`;
  const skip = options.out ? completedTasks(options.out, tasks, scenario, fingerprint) : 0;
  const lines: ResultLine[] = [];
  if (options.out && skip > 0) {
    lines.push(...readResults(options.out));
    options.stderr.write(`resuming: ${skip} of ${tasks.length} replicates${shard ? ` of ${shard}` : ''} already in ${options.out}\n`);
  }
  if (shard && tasks.length === 0) {
    options.stderr.write(`${shard}: no replicates (the run has ${allTasks.length}, fewer than ${options.shard!.count} shards)\n`);
  }
  const writer = options.out ? new ResultsWriter(options.out) : undefined;
  const remaining = tasks.slice(skip);
  const pool = remaining.length ? createPool(Math.min(options.workers, remaining.length)) : undefined;
  const progress = new Progress(options.stderr, tasks.length, 'replicates');
  let failures = 0;
  let finished = skip;
  const inFlight: Promise<RacerOutcome[]>[] = [];
  try {
    // Keep a bounded window of tasks in flight and take their results strictly in task order.
    const window = Math.max(2, 4 * (pool?.size ?? 1));
    let next = 0;
    for (let i = 0; i < remaining.length; i++) {
      while (next < remaining.length && next < i + window) {
        const task = remaining[next++];
        inFlight.push(pool!.run({ cell: task.cell, replicate: task.replicate, specs: task.specs }).catch((error: Error) => {
          // Workers that cannot start are no result of the runs: record nothing, so a rerun resumes here.
          if (error instanceof WorkerStartError) throw error;
          return task.specs.map((spec) => ({ optimizer: spec.optimizer.id, label: spec.optimizer.label, error: error.message, wallMs: 0 }));
        }));
      }
      const outcomes = await inFlight.shift()!;
      const task = remaining[i];
      const taskLines = outcomes.map((outcome) => resultLine(task.cell, task.params, task.replicate, scenario.seed, outcome, fingerprint));
      failures += taskLines.filter((line) => line.error !== undefined).length;
      writer?.append(taskLines);
      lines.push(...taskLines);
      finished = skip + i + 1;
      progress.update(finished);
    }
  } catch (error) {
    if (!(error instanceof WorkerStartError)) throw error;
    for (const pending of inFlight) pending.catch(() => undefined);
    progress.finish();
    const kept = options.out ? `; the ${finished} replicates finished are in ${options.out}: rerun with the same --out to resume` : '';
    options.stderr.write(`hyperclimb: ${error.message}${kept}\n`);
    return 1;
  } finally {
    progress.finish();
    writer?.close();
    await pool?.close();
  }
  const labels = scenario.optimizers.map((racer) => ({ optimizer: racer.id, label: racer.label }));
  const cells = summarise(lines, labels);
  // A shard summarises its own slice: `cells` lists the cells it ran, `replicates` per racer counts its replicates.
  const slice = options.shard && { index: options.shard.index, count: options.shard.count, tasks: tasks.length, totalTasks: allTasks.length };
  if (options.json) {
    const document = {
      scenario: {
        file: options.file,
        title: scenario.title,
        seed: scenario.seed,
        replicates: scenario.replicates,
        cells: allTasks.length / scenario.replicates,
        fingerprint,
        ...(slice && { shard: slice }),
      },
      cells,
    };
    options.stdout.write(`${JSON.stringify(document, null, 2)}\n`);
  } else {
    options.stdout.write(formatTable(scenario, cells, readingOf(allTasks[0]?.specs[0]?.landscape, scenario.seed), slice));
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

/** A plain-text table per cell for terminals (for a shard: the cells and replicates of its slice). */
/** Whether the scenario's landscape reads as a loss (fitness = −loss): the table then shows the loss itself. */
function readingOf(spec: LandscapeSpec | undefined, seed: string | number): Reading {
  return spec ? createLandscape(spec, seed, 0).reading : 'fitness';
}

export function formatTable(scenario: Scenario, cells: CellSummary[], reading: Reading, shard?: { index: number; count: number; tasks: number; totalTasks: number }): string {
  const loss = reading === 'loss';
  const slice = shard ? `; shard ${shard.index}/${shard.count}: ${shard.tasks} of ${shard.totalTasks} cell replicates` : '';
  const out: string[] = [`${scenario.title} (seed ${scenario.seed}, ${scenario.replicates} replicate${scenario.replicates === 1 ? '' : 's'}${slice})`];
  for (const cell of cells) {
    const params = Object.entries(cell.params).map(([k, v]) => `${k}=${String(v)}`).join('  ');
    out.push('', params ? `cell ${cell.cell}: ${params}` : `${scenario.landscape.id}, dim ${scenario.landscape.dim}`);
    // The diverged column appears only where a run diverged, so ordinary tables keep their shape.
    const diverged = cell.results.some((r) => r.diverged > 0);
    const rows = [['racer', 'optimum', 'dead ends', ...(diverged ? ['diverged'] : []), 'evaluations', loss ? 'best loss' : 'best fitness']];
    for (const r of cell.results) {
      const best = loss && r.meanBestFitness !== null ? -r.meanBestFitness : r.meanBestFitness;
      rows.push([
        r.label,
        percent(r.reachedOptimum),
        percent(r.deadEnds + r.saddles),
        ...(diverged ? [percent(r.diverged)] : []),
        pm(r.meanEvaluations, r.seEvaluations, 0),
        pm(best, r.seBestFitness, 4),
      ]);
    }
    const widths = rows[0].map((_, c) => Math.max(...rows.map((row) => row[c].length)));
    for (const row of rows) out.push(`  ${row.map((text, c) => (c === 0 ? text.padEnd(widths[c]) : text.padStart(widths[c]))).join('   ')}`);
  }
  return `${out.join('\n')}\n`;
}
