/**
 * The traced runs of one run's results files (its --out, or the shards of it), for `report` and `export`: every line
 * read by the one reader (results-file.ts) and checked, each problem one InputError naming the file, the line and the
 * field. Failed runs (lines with `error`) are left out and counted; they have no trace to read.
 */
import type { TracedRun, Trace } from '../scenario/performance.ts';
import { checkDigest, parseResults, readText, type ResultLine } from './results-file.ts';
import { InputError } from './input-error.ts';

export interface TracedRuns {
  /** Finished runs with a trace. */
  readonly runs: TracedRun[];
  /** Every line read, in file and line order (failed and untraced runs included). */
  readonly lines: ResultLine[];
  /** Lines of failed runs left out, as `file:line`. */
  readonly failed: string[];
}

const NO_TRACE = 'no trace: run the scenario with `measure: {trace: true}` (or `hyperclimb run FILE --trace`) to record one';

/** With `requireTrace` false, a finished run without a trace is only in `lines` (a trace that is there is checked). */
export function readTracedRuns(files: readonly string[], requireTrace = true): TracedRuns {
  const runs: TracedRun[] = [];
  const lines: ResultLine[] = [];
  const failed: string[] = [];
  const seen = new Map<string, string>();
  let firstFingerprint: { value: string | undefined; at: string } | undefined;
  for (const file of files) {
    const parsed = parseResults(readText(file), file);
    if (parsed.partialLine !== undefined) {
      throw new InputError(`${file}:${parsed.partialLine}: truncated last line (an interrupted write); rerun with the same --out to complete it`);
    }
    for (const { line, lineNumber } of parsed.lines) {
      const at = `${file}:${lineNumber}`;
      if (checkDigest(line) === 'changed') throw new InputError(`${at}: changed after it was written (its digest does not match its content); restore the line or leave it out`);
      if (!firstFingerprint) firstFingerprint = { value: line.fingerprint, at };
      else if (line.fingerprint !== firstFingerprint.value) {
        throw new InputError(
          `${at}: from another run (fingerprint ${String(line.fingerprint)}; ${firstFingerprint.at} has ${String(firstFingerprint.value)}): report the files of one run (its --out, or its shards); run one scenario with every racer to compare them`,
        );
      }
      const key = `${line.cell}/${line.replicate}/${line.label}`;
      const before = seen.get(key);
      if (before) throw new InputError(`${at}: cell ${line.cell}, replicate ${line.replicate}, ${JSON.stringify(line.label)} a second time (${before} holds it too)`);
      seen.set(key, at);
      lines.push(line);
      if (line.error !== undefined) {
        failed.push(at);
        continue;
      }
      if (line.trace !== undefined || requireTrace) runs.push(tracedRun(line, at));
    }
  }
  if (!(requireTrace ? runs : lines).length) throw new InputError(`${files.join(', ')}: no finished runs to read${failed.length ? ` (${failed.length} failed)` : ''}`);
  return { runs, lines, failed };
}

function tracedRun(line: ResultLine, at: string): TracedRun {
  if (line.trace === undefined) throw new InputError(`${at}: ${NO_TRACE}`);
  const trace = checkTrace(line.trace as unknown, at);
  const evaluations = line.evaluations;
  if (typeof evaluations !== 'number' || !(evaluations >= 0)) throw new InputError(`${at}: evaluations: expected a number ≥ 0, found ${JSON.stringify(evaluations)}`);
  const optimum = line.optimumFitness ?? null;
  if (optimum !== null && !Number.isFinite(optimum)) throw new InputError(`${at}: optimumFitness: expected a number or null, found ${JSON.stringify(optimum)}`);
  return { cell: line.cell, params: line.params, optimizer: String(line.optimizer), label: line.label, replicate: line.replicate, evaluations, optimumFitness: optimum, trace };
}

/** The trace field of a line, checked field by field (a hand-made or damaged file names what is wrong). */
function checkTrace(value: unknown, at: string): Trace {
  const fail = (field: string, expected: string, found: unknown): never => {
    throw new InputError(`${at}: trace.${field}: expected ${expected}, found ${JSON.stringify(found)?.slice(0, 80)}`);
  };
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return fail('', 'an object', value);
  const trace = value as Record<string, unknown>;
  if (typeof trace.landscape !== 'string') fail('landscape', 'a landscape id', trace.landscape);
  if (!Number.isSafeInteger(trace.dim) || (trace.dim as number) < 1) fail('dim', 'a whole number ≥ 1', trace.dim);
  if (typeof trace.budget !== 'number' || !(trace.budget > 0)) fail('budget', 'a number > 0', trace.budget);
  if (typeof trace.spacing !== 'number' || !(trace.spacing >= 1)) fail('spacing', 'a number ≥ 1', trace.spacing);
  for (const field of ['improvements', 'budgets'] as const) {
    const pairs = trace[field];
    if (!Array.isArray(pairs)) fail(field, 'a list of [evaluations, best] pairs', pairs);
    let previous = -Infinity;
    (pairs as unknown[]).forEach((pair, i) => {
      const ok = Array.isArray(pair) && pair.length === 2 && typeof pair[0] === 'number' && pair[0] >= Math.max(0, previous) && (pair[1] === null || Number.isFinite(pair[1]));
      if (!ok) fail(`${field}[${i}]`, `[evaluations, best or null] with evaluations ≥ ${previous === -Infinity ? 0 : previous}`, pair);
      previous = (pair as number[])[0];
    });
  }
  if (!(trace.improvements as unknown[]).length) fail('improvements', 'at least the start', trace.improvements);
  return trace as unknown as Trace;
}
