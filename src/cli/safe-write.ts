/**
 * Writing files so that every write is complete or fails loudly: a short write is continued until every byte is
 * down, a failure is named in words (disk full, read-only, no permission), and a file that replaces another is
 * written beside it, synced and renamed into place, so a reader sees the old file or the whole new one. The file
 * system calls come in through `WriteFs`, so tests can stage a short write or a full disk without one.
 */
import { closeSync, fstatSync, fsyncSync, ftruncateSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';

/** The file system calls the writers make (node:fs's, or a test's stand-in). */
export interface WriteFs {
  open(path: string, flags: 'a' | 'w' | 'r'): number;
  /** Writes from `data[offset …]`; returns how many bytes went down, which may be fewer than asked. */
  write(fd: number, data: Uint8Array, offset: number, length: number): number;
  size(fd: number): number;
  truncate(fd: number, length: number): void;
  sync(fd: number): void;
  close(fd: number): void;
  rename(from: string, to: string): void;
  remove(path: string): void;
}

export const nodeWriteFs: WriteFs = {
  open: (path, flags) => openSync(path, flags),
  write: (fd, data, offset, length) => writeSync(fd, data, offset, length),
  size: (fd) => fstatSync(fd).size,
  truncate: (fd, length) => ftruncateSync(fd, length),
  sync: (fd) => fsyncSync(fd),
  close: (fd) => closeSync(fd),
  rename: (from, to) => renameSync(from, to),
  remove: (path) => rmSync(path, { force: true }),
};

const WORDS: Record<string, string> = {
  ENOSPC: 'disk full',
  EDQUOT: 'disk quota exceeded',
  EFBIG: 'file too large for this file system',
  EROFS: 'read-only file system',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EISDIR: 'it is a directory',
  ENOENT: 'no such directory',
  ENOTDIR: 'a part of the path is not a directory',
  EIO: 'input/output error (a failing disk or a lost network mount)',
  EBADF: 'the file was closed under the writer',
};

/** What went wrong with a write, in words (with the system's code for searching). */
export function writeFailure(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code && WORDS[code]) return `${WORDS[code]} (${code})`;
  return code ? `${(error as Error).message}` : String((error as Error).message ?? error);
}

/** The error of a write that made no progress: a device that takes nothing would otherwise loop forever. */
function stalled(): NodeJS.ErrnoException {
  return Object.assign(new Error('the system accepted 0 bytes of a write'), { code: 'EIO' });
}

/** Writes all of `text`, continuing after short writes; throws the system's error when a write fails. */
export function writeFully(fs: WriteFs, fd: number, text: string): void {
  const bytes = Buffer.from(text);
  for (let done = 0; done < bytes.length; ) {
    const wrote = fs.write(fd, bytes, done, bytes.length - done);
    if (!(wrote > 0)) throw stalled();
    done += wrote;
  }
}

/**
 * A new version of `path`, written to `path.writing` in the same folder (same file system, so the rename is atomic)
 * and renamed over `path` by `commit` after an fsync. Callers hold the --out lock, so the temporary name is theirs,
 * and a temporary left by a killed process is overwritten by the next writer.
 */
export class ReplacementFile {
  readonly temporary: string;
  private fd: number | undefined;

  constructor(
    readonly path: string,
    private readonly fs: WriteFs = nodeWriteFs,
  ) {
    this.temporary = `${path}.writing`;
    this.fd = fs.open(this.temporary, 'w');
  }

  write(text: string): void {
    writeFully(this.fs, this.fd!, text);
  }

  /** Syncs, closes and renames into place; then syncs the folder so the rename itself survives a crash. */
  commit(): void {
    this.fs.sync(this.fd!);
    this.fs.close(this.fd!);
    this.fd = undefined;
    this.fs.rename(this.temporary, this.path);
    try {
      const folder = this.fs.open(dirname(this.path), 'r');
      try {
        this.fs.sync(folder);
      } finally {
        this.fs.close(folder);
      }
    } catch {
      // Some file systems cannot sync a folder; the rename has happened either way.
    }
  }

  /** Closes and removes the temporary file; `path` stays as it was. Never throws (it runs while reporting an error). */
  abandon(): void {
    try {
      if (this.fd !== undefined) this.fs.close(this.fd);
    } catch {
      // Closing a file whose writes failed may fail again; the removal below still runs.
    }
    this.fd = undefined;
    try {
      this.fs.remove(this.temporary);
    } catch {
      // Nothing more to do: the message names the temporary file's folder.
    }
  }
}
