/**
 * `hyperclimb export FILE.jsonl [FILE…] --format ioh|csv --out DIR`: a run's results in the field's exchange formats
 * (docs/exchange-formats.md says what every file and column holds).
 *
 * - `ioh`: the IOHprofiler format as IOHexperimenter's `Analyzer` (v2) writes it and IOHanalyzer reads it, one folder
 *   per racer (an algorithm): `RACER/IOHprofiler_f<id>_<name>.json` (meta data: function, algorithm, one scenario per
 *   dimension with its runs) and `RACER/data_f<id>_<name>/IOHprofiler_f<id>_DIM<n>.dat` (per run a header line
 *   `evaluations raw_y`, then one line per improvement). A function is the landscape with a cell's sweep values other
 *   than the dimension; an instance is a replicate (each draws its own landscape instance), numbered from 1.
 * - `csv`: tidy tables pandas and R read directly: `runs.csv` (one row per run) and `trace.csv` (one row per trace
 *   point, improvements and fixed budgets); each sweep key is a column of its own.
 */
import { parseArgs } from 'node:util';
import type { Trace, TracedRun } from '../scenario/performance.ts';
import type { ResultLine } from '../scenario/results.ts';
import { reportingInputErrors } from './input-error.ts';
import { csv, OutputFolder } from './output-folder.ts';
import { traceCsv } from '../scenario/trace-csv.ts';
import { readTracedRuns } from './traced-runs.ts';
import { UsageError } from './usage.ts';

export const EXPORT_USAGE = `  hyperclimb export FILE.jsonl [FILE...] --format ioh|csv --out DIR
      A run's results in exchange formats (docs/exchange-formats.md): ioh, the IOHprofiler format that IOHanalyzer
      opens (zip DIR and upload it; needs traces: measure: {trace: true}, or run's trace flag), or csv, tidy tables for
      pandas and R (runs.csv, one row per run; trace.csv, one row per trace point).`;

/** The IOHexperimenter version whose Analyzer layout this writes (its .json `version`). */
export const IOH_FORMAT_VERSION = '0.3.23';

interface Streams {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
}

export function exportFromArgs(args: string[], streams: Streams): Promise<number> {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { format: { type: 'string' }, out: { type: 'string' } } });
  if (!positionals.length) throw new UsageError('export needs at least one results file');
  if (values.format !== 'ioh' && values.format !== 'csv') {
    throw new UsageError(values.format === undefined ? 'export needs --format ioh or --format csv' : `--format ${values.format}: expected ioh or csv`);
  }
  if (!values.out) throw new UsageError('export needs --out DIR, the folder to write to');
  const format = values.format;
  const out = values.out;
  return reportingInputErrors(streams.stderr, () => {
    const { runs, lines, failed } = readTracedRuns(positionals, format === 'ioh');
    const folder = new OutputFolder(out);
    if (format === 'ioh') {
      if (failed.length) streams.stderr.write(`export: leaving out ${failed.length} failed run${failed.length === 1 ? '' : 's'} (they have no trace)\n`);
      writeIoh(folder, runs);
    } else writeCsv(folder, lines);
    streams.stdout.write(`wrote ${folder.written.length} file${folder.written.length === 1 ? '' : 's'} to ${out}\n`);
    return 0;
  });
}

/** A name for file names: letters, digits, `-` and `_` only (IOHanalyzer splits its file names on `_`, so none of those). */
function slug(text: string): string {
  return text.replace(/[^A-Za-z0-9-]+/g, '-').replace(/^-+|-+$/g, '') || 'x';
}

/** Whether a sweep key sets the landscape's dimension (the IOH dimension, not part of the function). */
const isDimension = (key: string) => key === 'landscape.dim';

/** Evaluations as IOHprofiler counts them: whole and from 1 (the start, evaluation 0 here and uncharged, is 1). */
const iohEvaluations = (evaluations: number) => Math.max(1, Math.ceil(evaluations));

function writeIoh(folder: OutputFolder, runs: readonly TracedRun[]): void {
  // Functions in the order their first cell comes.
  const functionOf = new Map<string, { id: number; name: string }>();
  const functionKey = (run: TracedRun) => {
    const rest = Object.entries(run.params).filter(([key]) => !isDimension(key));
    const name = slug([run.trace.landscape, ...rest.map(([key, value]) => `${key.split('.').at(-1)}-${String(value)}`)].join('-'));
    if (!functionOf.has(name)) functionOf.set(name, { id: functionOf.size + 1, name });
    return functionOf.get(name)!;
  };
  const byRacer = new Map<string, TracedRun[]>();
  for (const run of [...runs].sort((a, b) => a.cell - b.cell || a.replicate - b.replicate)) {
    functionKey(run);
    byRacer.set(run.label, [...(byRacer.get(run.label) ?? []), run]);
  }
  for (const [label, racerRuns] of byRacer) {
    const racerFolder = slug(label);
    const byFunction = new Map<number, TracedRun[]>();
    for (const run of racerRuns) byFunction.set(functionKey(run).id, [...(byFunction.get(functionKey(run).id) ?? []), run]);
    for (const [id, functionRuns] of byFunction) {
      const { name } = [...functionOf.values()].find((f) => f.id === id)!;
      const dataFolder = `data_f${id}_${name}`;
      const byDim = new Map<number, TracedRun[]>();
      for (const run of functionRuns) byDim.set(run.trace.dim, [...(byDim.get(run.trace.dim) ?? []), run]);
      const scenarios = [...byDim].map(([dim, dimRuns]) => {
        const path = `${dataFolder}/IOHprofiler_f${id}_DIM${dim}.dat`;
        folder.write(`${racerFolder}/${path}`, dimRuns.map((run) => datRun(run.trace)).join(''));
        return { dimension: dim, path, runs: dimRuns.map(runInfo) };
      });
      const meta = {
        version: IOH_FORMAT_VERSION,
        suite: 'hyperclimb',
        function_id: id,
        function_name: name,
        maximization: true,
        algorithm: { name: label, info: functionRuns[0].optimizer },
        attributes: ['evaluations', 'raw_y'],
        scenarios,
      };
      folder.write(`${racerFolder}/IOHprofiler_f${id}_${name}.json`, `${JSON.stringify(meta, null, 2)}\n`);
    }
  }
}

/** One run in a .dat file: the header line, then (evaluations, best so far) at each improvement with a finite best. */
function datRun(trace: Trace): string {
  const rows = ['evaluations raw_y'];
  let last = 0;
  for (const [evaluations, best] of trace.improvements) {
    if (best === null) continue;
    const at = iohEvaluations(evaluations);
    // Two entries rounded to one count: the later (better) one stands for both.
    if (rows.length > 1 && at === last) rows.pop();
    rows.push(`${at} ${best}`);
    last = at;
  }
  return `${rows.join('\n')}\n`;
}

function runInfo(run: TracedRun) {
  const final = run.trace.improvements.at(-1)!;
  return { instance: run.replicate + 1, evals: iohEvaluations(run.evaluations), best: { evals: iohEvaluations(final[0]), y: final[1], x: [] as number[] } };
}

const RUN_COLUMNS = [
  'racer',
  'optimizer',
  'replicate',
  'seed',
  'endedAt',
  'bestFitness',
  'optimumFitness',
  'evaluations',
  'fitnessEvaluations',
  'gradientEvaluations',
  'generations',
  'nonFinite',
  'testLoss',
  'traceSpacing',
  'error',
  'fingerprint',
] as const;

function writeCsv(folder: OutputFolder, lines: readonly ResultLine[]): void {
  const sweepKeys = [...new Set(lines.flatMap((line) => Object.keys(line.params)))];
  const head = (line: ResultLine) => ({ cell: line.cell, ...Object.fromEntries(sweepKeys.map((key) => [key, scalar(line.params[key])])) });
  folder.write(
    'runs.csv',
    csv(
      ['cell', ...sweepKeys, ...RUN_COLUMNS],
      lines.map((line) => ({
        ...head(line),
        racer: line.label,
        optimizer: line.optimizer,
        replicate: line.replicate,
        seed: String(line.seed),
        endedAt: line.endedAt,
        bestFitness: line.bestFitness,
        optimumFitness: line.optimumFitness,
        evaluations: line.evaluations,
        fitnessEvaluations: line.fitnessEvaluations,
        gradientEvaluations: line.gradientEvaluations,
        generations: line.generations,
        nonFinite: line.nonFinite,
        testLoss: line.testLoss,
        traceSpacing: line.trace?.spacing,
        error: line.error,
        fingerprint: line.fingerprint,
      })),
    ),
  );
  const traced = lines.flatMap((line) => (line.trace ? [{ cell: line.cell, params: line.params, racer: line.label, replicate: line.replicate, trace: line.trace }] : []));
  folder.write('trace.csv', traceCsv(sweepKeys, traced));
}

function scalar(value: unknown): string | number | boolean | null {
  return value === undefined ? null : typeof value === 'object' ? JSON.stringify(value) : (value as string | number | boolean);
}
