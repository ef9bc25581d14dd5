/**
 * Results as JSON Lines, one line per run (SCENARIO.md), written in a fixed order: cell, then replicate, then
 * racer. Lines are appended a replicate at a time, so an interrupted run leaves whole replicates behind and a
 * rerun with the same --out continues after them. Every line carries the run's `fingerprint` and its own `digest`
 * (src/scenario/results.ts). A write that fails is cut back off, so the file never ends in a torn line.
 */
import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { digestCheck, readResultEntries, ResultsError, type ResultEntry, type ResultLine } from '../scenario/results.ts';
import { InputError, OutputError } from './input-error.ts';
import { nodeWriteFs, ReplacementFile, writeFailure, writeFully, type WriteFs } from './safe-write.ts';

// The line itself, its identity and its validation are shared with the page (src/scenario/results.ts).
export { lineKey, resultLine, type ResultLine } from '../scenario/results.ts';

/** One parsed line of a results file, with its 1-based line number, its exact text and where it ends. */
export type ParsedLine = ResultEntry;

export interface ParsedResults {
  lines: ParsedLine[];
  /** Byte length of the complete lines (everything up to the last newline). */
  completeBytes: number;
  /** The 1-based number of a trailing line without its newline (an interrupted write), if there is one. */
  partialLine?: number;
}

/** `digestCheck` with node:crypto's SHA-256 (the same digits as the page's pure one, for whole files at a time). */
export function checkDigest(line: ResultLine): ReturnType<typeof digestCheck> {
  return digestCheck(line, (text) => createHash('sha256').update(text).digest('hex'));
}

/** The text of a file, or an InputError that says why it cannot be read. */
export function readText(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a directory' : (error as Error).message;
    throw new InputError(`cannot read ${path}: ${why}`);
  }
}

/**
 * Parses the text of a results file without touching the file, by the one rule of src/scenario/results.ts
 * (`readResultEntries`): a trailing piece without a newline is reported in `partialLine`. Throws an InputError naming
 * `path` and the line when a complete line is not a result line.
 */
export function parseResults(text: string, path: string): ParsedResults {
  try {
    const { entries, completeBytes, partialLine } = readResultEntries(text, path);
    return { lines: entries, completeBytes, ...(partialLine !== undefined && { partialLine }) };
  } catch (error) {
    if (error instanceof ResultsError) throw new InputError(error.message);
    throw error;
  }
}

/**
 * Refuses an --out that is not a regular file. Resuming reads the file back first, which on a pipe or a FIFO
 * (--out /dev/stdout into `| head`) waits forever and on /dev/full or /dev/zero reads zeros until memory runs out;
 * and a merge renames its result over --out, which must not replace a device.
 */
export function requireRegularOut(path: string, instead: string): void {
  let kind: string | undefined;
  try {
    const stat = statSync(path);
    if (stat.isFile()) return;
    kind = stat.isDirectory() ? 'a directory' : stat.isFIFO() ? 'a pipe' : stat.isCharacterDevice() || stat.isBlockDevice() ? 'a device' : stat.isSocket() ? 'a socket' : 'not a regular file';
  } catch {
    return; // a new file: created on the first write
  }
  throw new InputError(`--out ${path}: ${kind}, not a regular file; --out must be a file (it is read back to resume and checked); ${instead}`);
}

/** Where the lines of a run go: appended to --out, or a rewritten --out (`ResultsRewriter`). */
export interface ResultsSink {
  append(lines: readonly ResultLine[]): void;
  /** Finishes after the last line (an error when that fails). */
  close(): void;
  /** Gives up after an error elsewhere: never throws. */
  abandon(): void;
}

function jsonLines(lines: readonly ResultLine[]): string {
  return lines.map((line) => JSON.stringify(line)).join('\n') + '\n';
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

function openFailure(path: string, error: unknown): InputError {
  const code = (error as NodeJS.ErrnoException).code;
  // A wrong path is bad input (2); a disk or permission problem is a failure to write (1).
  const Kind = code === 'ENOENT' || code === 'EISDIR' || code === 'ENOTDIR' ? InputError : OutputError;
  return new Kind(`cannot write ${path}: ${writeFailure(error)}`);
}

/**
 * Appends whole replicates to an existing (or new) results file. A failed append is cut back off the file, so the
 * file always ends with a complete line, and the error names how many complete lines the file holds.
 */
export class ResultsAppender implements ResultsSink {
  private readonly fd: number;
  private bytes: number;

  /** `lines`: how many complete result lines the file already holds (after a resume's cut). */
  constructor(
    private readonly path: string,
    private lines: number,
    private readonly fs: WriteFs = nodeWriteFs,
  ) {
    try {
      this.fd = fs.open(path, 'a');
      this.bytes = fs.size(this.fd);
    } catch (error) {
      throw openFailure(path, error);
    }
  }

  append(lines: readonly ResultLine[]): void {
    if (!lines.length) return;
    const text = jsonLines(lines);
    try {
      writeFully(this.fs, this.fd, text);
    } catch (error) {
      let kept: string;
      try {
        this.fs.truncate(this.fd, this.bytes);
        kept = `the file is intact up to line ${this.lines}, rerun with the same --out to resume`;
      } catch {
        kept = `line ${this.lines + 1} may be torn; a rerun with the same --out cuts it off and resumes after line ${this.lines}`;
      }
      throw new OutputError(`${this.path}: ${writeFailure(error)} after ${plural(this.lines, 'complete line')}; ${kept}`);
    }
    this.bytes += Buffer.byteLength(text);
    this.lines += lines.length;
  }

  /** Syncs and closes: some file systems (NFS, quotas) report a full disk only here. */
  close(): void {
    try {
      this.fs.sync(this.fd);
      this.fs.close(this.fd);
    } catch (error) {
      this.abandon();
      throw new OutputError(`${this.path}: ${writeFailure(error)} while flushing it to disk; its last lines may be missing, rerun with the same --out to check and resume`);
    }
  }

  abandon(): void {
    try {
      this.fs.close(this.fd);
    } catch {
      // Already reporting another error.
    }
  }
}

/**
 * Writes a results file anew beside the old one (a resume that retries failed runs must put their lines back in
 * order), renaming it into place when every line is down; until then the old file stays as it was.
 */
export class ResultsRewriter implements ResultsSink {
  private readonly file: ReplacementFile;

  constructor(
    private readonly path: string,
    fs: WriteFs = nodeWriteFs,
  ) {
    try {
      this.file = new ReplacementFile(path, fs);
    } catch (error) {
      throw openFailure(`${path}.writing`, error);
    }
  }

  private failed(error: unknown): OutputError {
    this.file.abandon();
    return new OutputError(`${this.path}: ${writeFailure(error)} while rewriting it to retry its failed runs; ${this.path} is unchanged, rerun with the same --out to retry`);
  }

  append(lines: readonly ResultLine[]): void {
    if (!lines.length) return;
    try {
      this.file.write(jsonLines(lines));
    } catch (error) {
      throw this.failed(error);
    }
  }

  close(): void {
    try {
      this.file.commit();
    } catch (error) {
      throw this.failed(error);
    }
  }

  abandon(): void {
    this.file.abandon();
  }
}
