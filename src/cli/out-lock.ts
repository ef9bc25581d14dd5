/**
 * One writer per --out file: `FILE.lock` beside it, created exclusively (O_EXCL), holding the writer's pid and host.
 * Two processes appending to one file would interleave their lines and leave a file no resume can read. The lock is
 * removed when the command ends: normally, on an error, on SIGINT/SIGTERM/SIGHUP, or on process.exit. A lock whose
 * process is gone (killed with -9, a crashed machine on the same host) is stale: it is taken over with a note on
 * stderr. A lock of a live process, or of another host (whose processes cannot be checked), refuses the second
 * writer with exit code 3.
 */
import { hostname } from 'node:os';
import { openSync, readFileSync, rmSync, writeSync, closeSync } from 'node:fs';
import { InputError, OutputBusyError, OutputError } from './input-error.ts';
import { writeFailure } from './safe-write.ts';

export interface OutLock {
  readonly path: string;
  release(): void;
}

interface Holder {
  pid: number;
  host: string;
}

/** Locks this process holds (a pid equal to ours in a lock not listed here is a stale lock of an earlier process). */
const held = new Set<string>();

function readHolder(path: string): Holder | undefined {
  try {
    const holder = JSON.parse(readFileSync(path, 'utf8')) as Partial<Holder>;
    return Number.isSafeInteger(holder.pid) && typeof holder.host === 'string' ? (holder as Holder) : undefined;
  } catch {
    return undefined;
  }
}

function alive(pid: number, path: string): boolean {
  if (pid === process.pid) return held.has(path); // not held: left by an earlier process that had our pid
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'; // exists, owned by another user
  }
}

const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

/** Takes the lock of `out` or throws: OutputBusyError (another writer), OutputError (the lock cannot be written). */
export function lockOut(out: string, stderr: NodeJS.WritableStream): OutLock {
  const path = `${out}.lock`;
  const me: Holder = { pid: process.pid, host: hostname() };
  for (let attempt = 0; ; attempt++) {
    let fd: number;
    try {
      fd = openSync(path, 'wx');
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOENT' || code === 'ENOTDIR') throw new InputError(`cannot write ${out}: ${writeFailure(error)}`);
      if (code !== 'EEXIST') throw new OutputError(`cannot lock ${out} (creating ${path}): ${writeFailure(error)}; nothing was written`);
      const holder = readHolder(path);
      if (!holder) {
        // Empty or garbled: a writer between creating and filling it, or a file someone else put there.
        throw new OutputBusyError(`${out} is locked by ${path}, which names no process; if no hyperclimb is writing ${out}, delete ${path}`);
      }
      if (holder.host !== me.host) {
        throw new OutputBusyError(`${out} is being written by pid ${holder.pid} on ${holder.host} (${path}); if that process has ended, delete ${path}`);
      }
      if (alive(holder.pid, path) || attempt > 0) {
        throw new OutputBusyError(`${out} is being written by another hyperclimb (pid ${holder.pid}, ${path}); wait for it to finish or stop it, or choose another --out`);
      }
      stderr.write(`hyperclimb: taking over a stale lock ${path}: pid ${holder.pid} is no longer running\n`);
      rmSync(path, { force: true });
      continue;
    }
    try {
      writeSync(fd, `${JSON.stringify(me)}\n`);
    } catch (error) {
      closeSync(fd);
      rmSync(path, { force: true });
      throw new OutputError(`cannot lock ${out} (writing ${path}): ${writeFailure(error)}; nothing was written`);
    }
    closeSync(fd);
    held.add(path);
    return holding(path);
  }
}

function holding(path: string): OutLock {
  let released = false;
  const release = () => {
    if (released) return;
    released = true;
    held.delete(path);
    process.off('exit', release);
    for (const signal of SIGNALS) process.off(signal, onSignal);
    rmSync(path, { force: true });
  };
  // Handlers run between events, after whole replicates were appended: the file stays complete, then the signal's
  // default action (ending the process) is restored and raised again.
  const onSignal = (signal: NodeJS.Signals) => {
    release();
    process.kill(process.pid, signal);
  };
  process.on('exit', release);
  for (const signal of SIGNALS) process.on(signal, onSignal);
  return { path, release };
}
