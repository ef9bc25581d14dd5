/**
 * A folder of output files (`report --out DIR`, `export --out DIR`): made if missing, each file written beside its
 * place and renamed in (safe-write.ts), so a reader never sees half a file; a failure names the file and why.
 */
import { mkdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { InputError, OutputError } from './input-error.ts';
import { toCsv } from '../render/view.ts';
import { ReplacementFile, writeFailure } from './safe-write.ts';

export class OutputFolder {
  readonly written: string[] = [];

  constructor(readonly path: string) {
    let isFolder = false;
    try {
      isFolder = statSync(path).isDirectory();
      if (!isFolder) throw new InputError(`--out ${path}: a file, not a folder; name a folder (it is made if missing)`);
    } catch (error) {
      if (error instanceof InputError) throw error;
    }
    if (!isFolder) this.make(path);
  }

  /** Writes `name` (a path inside the folder, sub-folders made as needed). */
  write(name: string, text: string): void {
    const path = join(this.path, name);
    this.make(dirname(path));
    const file = (() => {
      try {
        return new ReplacementFile(path);
      } catch (error) {
        throw new OutputError(`cannot write ${path}: ${writeFailure(error)}`);
      }
    })();
    try {
      file.write(text);
      file.commit();
    } catch (error) {
      file.abandon();
      throw new OutputError(`cannot write ${path}: ${writeFailure(error)}`);
    }
    this.written.push(path);
  }

  private make(path: string): void {
    try {
      mkdirSync(path, { recursive: true });
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      const Kind = code === 'ENOTDIR' || code === 'EEXIST' ? InputError : OutputError;
      throw new Kind(`cannot make the folder ${path}: ${writeFailure(error)}`);
    }
  }
}

/** CSV text (the page's writer, render/view.ts): a header row and one row per record, fields in the header's order. */
export function csv(header: readonly string[], rows: readonly Record<string, string | number | boolean | null | undefined>[]): string {
  const field = (value: string | number | boolean | null | undefined) =>
    value === null || value === undefined || (typeof value === 'number' && !Number.isFinite(value)) ? null : typeof value === 'boolean' ? String(value) : value;
  return toCsv([header, ...rows.map((row) => header.map((key) => field(row[key])))]);
}
