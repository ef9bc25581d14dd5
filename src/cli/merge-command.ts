/**
 * `hyperclimb merge FILE...`: joins the results files of the shards of one run (`run --shard i/n --out …`) into the
 * file a single `run` would have written: the same lines in the same order (cell, replicate, racer), `wallMs` aside.
 *
 * Checks, each a one-line error naming file and line (exit code 2), and nothing is written unless all pass:
 * - only complete lines: a truncated last line (an interrupted write) is an error, never dropped silently;
 * - every line is a result line with a fingerprint, and all lines have the same fingerprint and seed (one run);
 * - a line's digest matches its content (a line changed after it was written is refused; lines of files written
 *   before digests existed have none and are accepted with a note);
 * - cells and replicates lie inside the fingerprint's shape, and every cell's `params` agree;
 * - a run (cell, replicate, racer) that appears twice must be identical apart from `wallMs`; identical duplicates
 *   (a shard merged twice, a re-run or overlapping shard) are dropped, keeping the first in command-line order;
 * - the fingerprint states how many cells, replicates and racers the run has, so a missing replicate or racer line
 *   is reported; `--partial` merges what is there anyway (with a warning) instead of failing.
 * With --out, the merge holds the --out lock (out-lock.ts) and is written beside --out, synced and renamed into place:
 * a full disk or a read-only folder leaves --out as it was, with one line saying so (exit code 1).
 */
import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { canonicalJson, fingerprintShape } from '../scenario/results.ts';
import { InputError, OutputError, reportingInputErrors } from './input-error.ts';
import { lockOut } from './out-lock.ts';
import { checkDigest, parseResults, readText, requireRegularOut, type ParsedLine } from './results-file.ts';
import { nodeWriteFs, ReplacementFile, writeFailure, type WriteFs } from './safe-write.ts';
import { UsageError } from './usage.ts';

type FingerprintShape = NonNullable<ReturnType<typeof fingerprintShape>>;

export interface MergeOptions {
  files: string[];
  /** Write here instead of stdout. */
  out?: string;
  /** Merge even when replicates are missing (they are reported on stderr). */
  partial: boolean;
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  /** For tests: the file system calls that write --out (a staged full disk). */
  writeFs?: WriteFs;
}

interface Entry extends ParsedLine {
  file: string;
}

interface Reference {
  fingerprint: string;
  shape: FingerprintShape;
  seed: string;
  where: string;
}

const where = (entry: Entry) => `${entry.file}:${entry.lineNumber}`;
const racerText = (entry: Entry) => `cell ${entry.line.cell}, replicate ${entry.line.replicate}, ${JSON.stringify(entry.line.label)}`;

/** A line's content without `wallMs`, in a form that compares equal exactly when the numbers are the same. */
function numbers(entry: Entry): string {
  const { wallMs: _wallMs, ...rest } = JSON.parse(entry.raw) as Record<string, unknown>;
  return canonicalJson(rest);
}

/** Reads one file's complete lines and checks that each is unchanged and belongs to the same run as the reference. */
function readShard(file: string, reference: { current?: Reference }, stderr: NodeJS.WritableStream): Entry[] {
  const parsed = parseResults(readText(file), file);
  if (parsed.partialLine !== undefined) {
    throw new InputError(
      `${file}:${parsed.partialLine}: truncated last line (an interrupted write); rerun that shard with the same --out to complete it, then merge again`,
    );
  }
  const entries: Entry[] = [];
  let undigested = 0;
  for (const line of parsed.lines) {
    const entry: Entry = { ...line, file };
    const { fingerprint, seed, cell, replicate } = entry.line;
    const shape = fingerprintShape(fingerprint);
    if (!shape) throw new InputError(`${where(entry)}: no scenario fingerprint: not a line of 'hyperclimb run' (or written by an older version)`);
    const ref = (reference.current ??= { fingerprint: fingerprint!, shape, seed: JSON.stringify(seed), where: where(entry) });
    if (fingerprint !== ref.fingerprint || JSON.stringify(seed) !== ref.seed) {
      throw new InputError(
        `${where(entry)}: from a different run (fingerprint ${fingerprint}, seed ${JSON.stringify(seed)}; ${ref.where} has ${ref.fingerprint}, seed ${ref.seed}): another scenario, seed or number of replicates`,
      );
    }
    const digest = checkDigest(entry.line);
    if (digest === 'changed') {
      throw new InputError(`${where(entry)}: changed after it was written (its digest ${String(entry.line.digest)} does not match its content); restore the line, or rerun its shard into a new file`);
    }
    if (digest === 'absent') undigested++;
    if (cell >= shape.cells || replicate >= shape.replicates) {
      throw new InputError(`${where(entry)}: cell ${cell}, replicate ${replicate} lies outside the run's ${shape.cells} cells × ${shape.replicates} replicates`);
    }
    entries.push(entry);
  }
  if (undigested) {
    stderr.write(`note: ${undigested} line${undigested === 1 ? '' : 's'} of ${file} carry no digest (written before hyperclimb added one); they are accepted without the check for changed lines\n`);
  }
  return entries;
}

/**
 * The racers in scenario order. Every task (one replicate of one cell) is written as one block of lines in racer
 * order, so any complete block states it; all complete blocks must agree.
 */
function racerOrder(entries: readonly Entry[], racers: number): string[] {
  let order: string[] | undefined;
  let orderAt = '';
  for (let start = 0; start < entries.length; ) {
    const first = entries[start];
    let end = start + 1;
    while (end < entries.length && entries[end].file === first.file && entries[end].line.cell === first.line.cell && entries[end].line.replicate === first.line.replicate) end++;
    const labels = entries.slice(start, end).map((entry) => entry.line.label);
    if (labels.length === racers && new Set(labels).size === racers) {
      if (!order) {
        order = labels;
        orderAt = where(first);
      } else if (labels.join('\n') !== order.join('\n')) {
        throw new InputError(`${where(first)}: racers ${labels.map((l) => JSON.stringify(l)).join(', ')} differ from ${orderAt}: ${order.map((l) => JSON.stringify(l)).join(', ')}`);
      }
    }
    start = end;
  }
  if (order) return order;
  // No complete task anywhere (only possible with missing lines): racers in order of first appearance.
  const seen: string[] = [];
  for (const entry of entries) if (!seen.includes(entry.line.label)) seen.push(entry.line.label);
  if (seen.length > racers) throw new InputError(`${entries[0].file}: ${seen.length} different racer labels, but the run has ${racers} racers`);
  return seen;
}

/** Writes lines in pieces of about a megabyte (a sweep's file can be larger than one string may be). */
async function writeLines(lines: readonly string[], write: (text: string) => void | Promise<void>): Promise<void> {
  let chunk: string[] = [];
  let size = 0;
  for (const line of lines) {
    chunk.push(line);
    size += line.length + 1;
    if (size >= 1 << 20) {
      await write(`${chunk.join('\n')}\n`);
      chunk = [];
      size = 0;
    }
  }
  if (chunk.length) await write(`${chunk.join('\n')}\n`);
}

/** Writes to a stream, waiting when it asks to. */
function toStream(stream: NodeJS.WritableStream): (text: string) => Promise<void> {
  return (text) => (stream.write(text) ? Promise.resolve() : new Promise<void>((resolve) => stream.once('drain', () => resolve())));
}

/** Writes the merge beside `path` and renames it into place; on any failure `path` is left as it was. */
async function writeFileAtomically(path: string, lines: readonly string[], fs: WriteFs): Promise<void> {
  let file: ReplacementFile | undefined;
  try {
    file = new ReplacementFile(path, fs);
    const into = file;
    await writeLines(lines, (text) => into.write(text));
    file.commit();
  } catch (error) {
    file?.abandon();
    const code = (error as NodeJS.ErrnoException).code;
    const before = existsSync(path) ? `${path} is unchanged` : `${path} was not created`;
    const Kind = code === 'ENOENT' || code === 'ENOTDIR' ? InputError : OutputError;
    throw new Kind(`cannot write ${path}: ${writeFailure(error)}; nothing was merged into it, ${before}`);
  }
}

export function mergeCommand(options: MergeOptions): Promise<number> {
  return reportingInputErrors(options.stderr, () => merge(options));
}

async function merge(options: MergeOptions): Promise<number> {
  if (options.out) requireRegularOut(options.out, 'leave out --out to write the merge to stdout');
  const reference: { current?: Reference } = {};
  const entries = options.files.flatMap((file) => readShard(file, reference, options.stderr));
  const ref = reference.current;
  if (!ref) throw new InputError(`nothing to merge: ${options.files.join(', ')} hold${options.files.length === 1 ? 's' : ''} no result lines`);
  const { cells, replicates, racers } = ref.shape;
  const order = racerOrder(entries, racers);
  const racerIndex = new Map(order.map((label, i) => [label, i]));

  const params = new Map<number, { text: string; entry: Entry }>();
  const kept = new Map<number, Entry>();
  let dropped = 0;
  let firstDuplicate = '';
  for (const entry of entries) {
    const { cell, replicate, label } = entry.line;
    const racer = racerIndex.get(label);
    if (racer === undefined) throw new InputError(`${where(entry)}: racer ${JSON.stringify(label)} is not one of the run's racers (${order.map((l) => JSON.stringify(l)).join(', ')})`);
    const cellParams = canonicalJson(entry.line.params);
    const known = params.get(cell);
    if (!known) params.set(cell, { text: cellParams, entry });
    else if (known.text !== cellParams) throw new InputError(`${where(entry)}: cell ${cell} has params ${cellParams}, but ${where(known.entry)} has ${known.text}`);
    const slot = (cell * replicates + replicate) * racers + racer;
    const earlier = kept.get(slot);
    if (!earlier) kept.set(slot, entry);
    else if (numbers(earlier) === numbers(entry)) {
      if (!dropped++) firstDuplicate = ` (the first: ${where(entry)} repeats ${where(earlier)})`;
    } else throw new InputError(`${where(entry)}: ${racerText(entry)} conflicts with ${where(earlier)}: the same run with different numbers`);
  }

  // What a complete run holds: every racer of every replicate of every cell.
  const tasks = cells * replicates;
  const missing: string[] = [];
  let completeTasks = 0;
  let missingTasks = 0;
  let incompleteTasks = 0;
  let missingLines = 0;
  for (let task = 0; task < tasks; task++) {
    let present = 0;
    for (let racer = 0; racer < racers; racer++) if (kept.has(task * racers + racer)) present++;
    if (present === racers) {
      completeTasks++;
      continue;
    }
    missingLines += racers - present;
    incompleteTasks++;
    if (present === 0) missingTasks++;
    if (missing.length < 5) {
      const at = `cell ${Math.floor(task / replicates)} replicate ${task % replicates} (task ${task})`;
      missing.push(present === 0 ? at : `${racers - present} racer${racers - present === 1 ? '' : 's'} of ${at}`);
    }
  }
  if (missingLines > 0) {
    const incomplete = `${missingLines} of ${tasks * racers} lines missing (${missingTasks} of ${tasks} replicates wholly): ${missing.join(', ')}${incompleteTasks > missing.length ? ', …' : ''}`;
    if (!options.partial) {
      throw new InputError(`${incomplete}; task t belongs to shard (t mod n) + 1: run or resume those shards, or pass --partial to merge what is there`);
    }
    options.stderr.write(`warning: ${incomplete}\n`);
  }

  const lines = [...kept.entries()].sort(([a], [b]) => a - b).map(([, entry]) => entry.raw);
  if (options.out) {
    const lock = lockOut(options.out, options.stderr);
    try {
      await writeFileAtomically(options.out, lines, options.writeFs ?? nodeWriteFs);
    } finally {
      lock.release();
    }
  } else {
    await writeLines(lines, toStream(options.stdout));
  }
  const failed = [...kept.values()].filter((entry) => entry.line.error !== undefined).length;
  const files = `${options.files.length} file${options.files.length === 1 ? '' : 's'}`;
  const duplicates = dropped ? `; dropped ${dropped} identical duplicate line${dropped === 1 ? '' : 's'}${firstDuplicate}` : '';
  const shape = `${cells} cell${cells === 1 ? '' : 's'} × ${replicates} replicate${replicates === 1 ? '' : 's'} × ${racers} racer${racers === 1 ? '' : 's'}`;
  options.stderr.write(
    `merged ${files}: ${lines.length} lines, ${completeTasks} of ${tasks} replicates complete (${shape}; fingerprint ${ref.fingerprint})${duplicates}${options.out ? `, written to ${options.out}` : ''}\n`,
  );
  if (failed) options.stderr.write(`warning: ${failed} run${failed === 1 ? '' : 's'} in the merged file failed (lines with "error")\n`);
  return 0;
}

/** `hyperclimb merge FILE... [--out FILE] [--partial]` from its command-line arguments. */
export function mergeFromArgs(args: string[], streams: { stdout: NodeJS.WritableStream; stderr: NodeJS.WritableStream }): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { out: { type: 'string' }, partial: { type: 'boolean', default: false } },
  });
  if (!positionals.length) throw new UsageError('merge needs at least one results file (the shards of one run)');
  return mergeCommand({ files: positionals, out: values.out, partial: values.partial ?? false, ...streams });
}
