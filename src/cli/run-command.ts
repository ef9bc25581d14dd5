/**
 * `hyperclimb run`: every cell × replicate of a scenario (or, with --shard i/n, its slice of them), in worker
 * threads, results in a fixed order.
 */
import { existsSync, readFileSync, statSync, truncateSync } from 'node:fs';
import type { RacerOutcome } from '../../workers/sim-api.ts';
import { MAX_DATA_BYTES } from '../core/nets/csv-table.ts';
import { formatBytes, formatCount, MAX_NUMERIC_SEED, MAX_RESULT_LINES, MAX_SCENARIO_BYTES, MAX_SEED_LENGTH } from '../core/run/limits.ts';
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
import { lockOut } from './out-lock.ts';
import { Progress } from './progress.ts';
import {
  checkDigest,
  lineKey,
  parseResults,
  readText,
  requireRegularOut,
  resultLine,
  ResultsAppender,
  ResultsRewriter,
  type ResultLine,
  type ResultsSink,
} from './results-file.ts';
import type { WriteFs } from './safe-write.ts';
import { bestSavedNetwork, checkSaveNetwork, writeSavedNetwork } from './save-network.ts';
import { shardTasks, type Shard } from './shard.ts';
import { summarise, type CellSummary } from './summary.ts';
import { loadScenarioModules, moduleDigests, moduleUrls } from './user-modules.ts';
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
  /** Record improvement traces (`measure.trace`) whatever the scenario says. */
  trace?: boolean;
  /** Save the best network of cell 0, replicate 0 (of `racer`, else the racer with the lowest loss) here. */
  saveNetwork?: string;
  racer?: string;
  stdout: NodeJS.WriteStream;
  stderr: NodeJS.WriteStream;
  /** For tests: the file system calls that write --out (a staged full disk), and a stand-in simulation worker. */
  writeFs?: WriteFs;
  workerUrl?: URL;
}

/**
 * Reads and validates a scenario file, importing the modules it names first (throws UsageError or ScenarioError);
 * its size is checked before reading.
 */
export async function loadScenario(file: string, onNote?: (note: string) => void): Promise<Scenario> {
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
  const text = decodeScenarioBytes(bytes, file);
  await loadScenarioModules(text, file);
  return parseScenario(text, file, { modulesLoaded: true, readFile: readDataFile, onNote });
}

/** A file a scenario names beside itself (attached-files.ts), refused by its size before it is read. */
function readDataFile(path: string): Uint8Array {
  let stat;
  try {
    stat = statSync(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new Error(code === 'ENOENT' ? 'no such file (a file a scenario names is read relative to the scenario file)' : (error as Error).message);
  }
  if (!stat.isFile()) throw new Error(stat.isDirectory() ? 'it is a folder' : 'not a regular file');
  if (stat.size > MAX_DATA_BYTES) throw new Error(`it has ${formatCount(stat.size)} bytes; a data file may have at most ${formatBytes(MAX_DATA_BYTES)}`);
  return readFileSync(path);
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

/** The runs an existing --out file already holds, by task index, and what a resume does with them. */
interface Resume {
  /** Whole replicates (every racer's line) that finished without error, by task index. */
  kept: Map<number, ResultLine[]>;
  /** Complete result lines of those replicates that stay in the file as they are (append mode). */
  keptLines: number;
  /** Replicates in the file with a failed run: rerun, which means rewriting the file to keep its order. */
  failedTasks: number;
  failedRuns: number;
}

const racerText = (line: ResultLine) => `cell ${line.cell}, replicate ${line.replicate}, ${JSON.stringify(line.label)}`;

/**
 * Reads an existing --out file and checks, line by line, that it is this run's: the fingerprint (another scenario,
 * seed or number of replicates), the digest (a line changed after it was written), and the place of each line
 * (a line written twice, lines missing, a line of another shard). Each problem is its own one-line message naming
 * the line. A partial last task (and a partial last line) is cut off the file, so appending continues after whole
 * replicates; replicates with a failed run are kept aside to be run again.
 */
function readExisting(out: string, tasks: PlannedTask[], scenario: Scenario, fingerprint: string, shard: Shard | undefined, stderr: NodeJS.WritableStream): Resume {
  if (!existsSync(out)) return { kept: new Map(), keptLines: 0, failedTasks: 0, failedRuns: 0 };
  const text = readText(out);
  const existing = parseResults(text, out).lines;
  const racers = scenario.optimizers.length;
  const seenAt = new Map<string, number>();
  let undigested = 0;
  for (const [i, { line, lineNumber }] of existing.entries()) {
    const at = `${out}:${lineNumber}`;
    if (line.fingerprint === undefined) {
      throw new InputError(`${at}: no fingerprint: written by an older hyperclimb (or another program), so it cannot be checked to be this run's; choose another --out`);
    }
    if (line.fingerprint !== fingerprint) {
      throw new InputError(
        `${at}: from another run: its fingerprint is ${String(line.fingerprint)}, this run's is ${fingerprint} (another scenario, seed or number of replicates); check --seed and --replicates, or choose another --out`,
      );
    }
    const digest = checkDigest(line);
    if (digest === 'changed') {
      throw new InputError(`${at}: changed after it was written (its digest ${String(line.digest)} does not match its content); restore the line, or delete it and the lines after it to run them again`);
    }
    if (digest === 'absent') undigested++;
    const task = tasks[Math.floor(i / racers)];
    const racer = scenario.optimizers[i % racers];
    const key = lineKey(line);
    const expected = task && lineKey({ cell: task.cell, replicate: task.replicate, label: racer.label });
    if (key !== expected) {
      const here = expected === undefined ? 'the run has no more lines' : `cell ${task.cell}, replicate ${task.replicate}, ${JSON.stringify(racer.label)} belongs here`;
      const twice = seenAt.get(key);
      if (twice !== undefined) throw new InputError(`${at}: ${racerText(line)} a second time (line ${twice} holds it too): a line written twice; ${here}`);
      if (isLineOf(tasks, line)) {
        // A line of this run, not seen yet and not in its place: what belongs here is missing, or lines were reordered.
        throw new InputError(`${at}: ${racerText(line)}, but ${here}: lines are missing or out of order before line ${lineNumber}; delete this line and those after it to run them again`);
      }
      const of = shard ? `shard ${shard.index}/${shard.count}` : 'this run';
      throw new InputError(
        `${at}: ${racerText(line)} is not a run of ${of} (${here}); ${shard ? 'check --shard' : 'if this file is one shard of a run, pass its --shard'}, or choose another --out`,
      );
    }
    if (JSON.stringify(line.params) !== JSON.stringify(task.params) || JSON.stringify(line.seed) !== JSON.stringify(scenario.seed)) {
      throw new InputError(`${at}: ${racerText(line)} has params ${JSON.stringify(line.params)} and seed ${JSON.stringify(line.seed)}; this run's are ${JSON.stringify(task.params)} and ${JSON.stringify(scenario.seed)}`);
    }
    seenAt.set(key, lineNumber);
  }
  if (undigested) {
    stderr.write(`note: ${undigested} line${undigested === 1 ? '' : 's'} of ${out} carry no digest (written before hyperclimb added one); they are accepted without the check for changed lines\n`);
  }
  const whole = Math.floor(existing.length / racers);
  const keep = whole ? existing[whole * racers - 1].end : 0;
  if (keep !== Buffer.byteLength(text)) truncateSync(out, keep);
  const resume: Resume = { kept: new Map(), keptLines: 0, failedTasks: 0, failedRuns: 0 };
  for (let t = 0; t < whole; t++) {
    const lines = existing.slice(t * racers, (t + 1) * racers).map((entry) => entry.line);
    const failed = lines.filter((line) => line.error !== undefined).length;
    if (failed) {
      resume.failedTasks++;
      resume.failedRuns += failed;
    } else {
      resume.kept.set(t, lines);
      resume.keptLines += racers;
    }
  }
  return resume;
}

/** Whether a line's replicate is one of these tasks (a line with this run's fingerprint has one of its racers). */
function isLineOf(tasks: readonly PlannedTask[], line: ResultLine): boolean {
  return tasks.some((task) => task.cell === line.cell && task.replicate === line.replicate);
}

export function runCommand(options: RunOptions): Promise<number> {
  return reportingInputErrors(options.stderr, () => runScenario(options));
}

async function runScenario(options: RunOptions): Promise<number> {
  const scenario = await loadScenario(options.file, (note) => options.stderr.write(`note: ${note}\n`));
  if (options.seed !== undefined) scenario.seed = parseSeed(options.seed);
  if (options.trace && !scenario.measure?.trace) scenario.measure = { ...scenario.measure, trace: true };
  if (options.replicates !== undefined) {
    const cells = cellCount(scenario.sweep);
    const lines = cells * options.replicates * scenario.optimizers.length;
    if (lines > MAX_RESULT_LINES) throw new UsageError(`--replicates ${options.replicates}: ${tooManyLines(cells, options.replicates, scenario.optimizers, lines)}`);
    scenario.replicates = options.replicates;
  }
  if (options.saveNetwork !== undefined) checkSaveNetwork(scenario, options.racer);
  else if (options.racer !== undefined) throw new UsageError('--racer names the racer whose network --save-network saves; give --save-network FILE too');
  if (!options.out) return runLocked(options, scenario, undefined);
  requireRegularOut(options.out, 'to see results without a file, leave out --out (the summary goes to stdout; --json for JSON)');
  const lock = lockOut(options.out, options.stderr);
  try {
    return await runLocked(options, scenario, options.out);
  } finally {
    lock.release();
  }
}

async function runLocked(options: RunOptions, scenario: Scenario, out: string | undefined): Promise<number> {
  const fingerprint = scenarioFingerprint(scenario, moduleDigests(scenario.modules, options.file));
  const allTasks = planTasks(scenario);
  const tasks = shardTasks(allTasks, options.shard);
  const shard = options.shard && `shard ${options.shard.index}/${options.shard.count}`;
  const resume = out ? readExisting(out, tasks, scenario, fingerprint, options.shard, options.stderr) : undefined;
  const kept = resume?.kept ?? new Map<number, ResultLine[]>();
  // Retrying a failed replicate puts new lines in the middle of the file: rewrite it whole (beside it, renamed at the
  // end); otherwise append after the replicates already there.
  const rewrite = (resume?.failedTasks ?? 0) > 0;
  const writer: ResultsSink | undefined = out ? (rewrite ? new ResultsRewriter(out, options.writeFs) : new ResultsAppender(out, resume!.keptLines, options.writeFs)) : undefined;
  if (out && resume && resume.kept.size + resume.failedTasks > 0) {
    const retry = resume.failedTasks ? `; running again ${resume.failedTasks} replicate${resume.failedTasks === 1 ? '' : 's'} with ${resume.failedRuns} failed run${resume.failedRuns === 1 ? '' : 's'}` : '';
    options.stderr.write(`resuming: ${resume.kept.size} of ${tasks.length} replicates${shard ? ` of ${shard}` : ''} already in ${out}${retry}\n`);
  }
  if (shard && tasks.length === 0) {
    options.stderr.write(`${shard}: no replicates (the run has ${allTasks.length}, fewer than ${options.shard!.count} shards)\n`);
  }
  const remaining = tasks.map((_, t) => t).filter((t) => !kept.has(t));
  const pool = remaining.length ? createPool(Math.min(options.workers, remaining.length), options.workerUrl, moduleUrls(scenario.modules, options.file)) : undefined;
  const progress = new Progress(options.stderr, tasks.length, 'replicates');
  const lines: ResultLine[] = [];
  let failures = 0;
  let finished = kept.size;
  let done = false;
  const inFlight: Promise<RacerOutcome[]>[] = [];
  try {
    // Keep a bounded window of tasks in flight and take their results strictly in task order.
    const window = Math.max(2, 4 * (pool?.size ?? 1));
    let next = 0;
    let taken = 0;
    for (let t = 0; t < tasks.length; t++) {
      const already = kept.get(t);
      if (already) {
        if (rewrite) writer?.append(already);
        lines.push(...already);
        continue;
      }
      while (next < remaining.length && next < taken + window) {
        const task = tasks[remaining[next++]];
        inFlight.push(pool!.run({ cell: task.cell, replicate: task.replicate, specs: task.specs }).catch((error: Error) => {
          // Workers that cannot start are no result of the runs: record nothing, so a rerun resumes here.
          if (error instanceof WorkerStartError) throw error;
          return task.specs.map((spec) => ({ optimizer: spec.optimizer.id, label: spec.optimizer.label, error: error.message, wallMs: 0 }));
        }));
      }
      const outcomes = await inFlight.shift()!;
      taken++;
      const task = tasks[t];
      const taskLines = outcomes.map((outcome) => resultLine(task.cell, task.params, task.replicate, scenario.seed, outcome, fingerprint));
      failures += taskLines.filter((line) => line.error !== undefined).length;
      writer?.append(taskLines);
      lines.push(...taskLines);
      finished++;
      progress.update(finished);
    }
    writer?.close();
    done = true;
  } catch (error) {
    for (const pending of inFlight) pending.catch(() => undefined);
    if (!(error instanceof WorkerStartError)) throw error;
    progress.finish();
    const kept = out ? (rewrite ? `; ${out} is unchanged: rerun with the same --out to resume` : `; the ${finished} replicates finished are in ${out}: rerun with the same --out to resume`) : '';
    options.stderr.write(`hyperclimb: ${error.message}${kept}\n`);
    return 1;
  } finally {
    progress.finish();
    if (!done) writer?.abandon();
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
  if (options.saveNetwork !== undefined && allTasks.length) {
    const network = bestSavedNetwork(scenario, allTasks[0], lines, fingerprint, options.racer);
    writeSavedNetwork(options.saveNetwork, network, options.writeFs);
    options.stderr.write(`saved ${network.racer}'s best network (cell 0, replicate 0, training loss ${network.trainingLoss}) to ${options.saveNetwork}\n`);
  }
  const nonFinite = lines.reduce((n, line) => n + (line.nonFinite ?? 0), 0);
  if (nonFinite > 0) {
    const runs = lines.filter((line) => (line.nonFinite ?? 0) > 0).length;
    options.stderr.write(`warning: ${nonFinite} evaluation${nonFinite === 1 ? '' : 's'} in ${runs} run${runs === 1 ? '' : 's'} returned NaN or ±∞; they were ranked as −∞ (never best) and are counted in each line's nonFinite\n`);
  }
  for (const line of lines.filter((l) => l.error !== undefined).slice(0, 5)) {
    options.stderr.write(`run failed: cell ${line.cell}, replicate ${line.replicate}, ${line.label}: ${line.error}\n`);
  }
  if (failures) {
    const where = out ? ` (lines with "error" in ${out}; rerun with the same --out to run them again)` : '';
    options.stderr.write(`hyperclimb: ${failures} of ${lines.length} runs failed${where}\n`);
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
    // With `measure.flops`, arithmetic work beside evaluations: the second currency.
    const flops = cell.results.some((r) => r.meanFlops !== undefined);
    const rows = [['racer', 'optimum', 'dead ends', ...(diverged ? ['diverged'] : []), 'evaluations', ...(flops ? ['flops'] : []), loss ? 'best loss' : 'best fitness']];
    for (const r of cell.results) {
      const best = loss && r.meanBestFitness !== null ? -r.meanBestFitness : r.meanBestFitness;
      rows.push([
        r.label,
        percent(r.reachedOptimum),
        percent(r.deadEnds + r.saddles),
        ...(diverged ? [percent(r.diverged)] : []),
        pm(r.meanEvaluations, r.seEvaluations, 0),
        ...(flops ? [r.meanFlops === null || r.meanFlops === undefined ? '—' : r.meanFlops.toExponential(2)] : []),
        pm(best, r.seBestFitness, 4),
      ]);
    }
    const widths = rows[0].map((_, c) => Math.max(...rows.map((row) => row[c].length)));
    for (const row of rows) out.push(`  ${row.map((text, c) => (c === 0 ? text.padEnd(widths[c]) : text.padStart(widths[c]))).join('   ')}`);
  }
  return `${out.join('\n')}\n`;
}
