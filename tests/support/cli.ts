/** The hyperclimb command for tests: as a separate process (what users run) or in this process (faster). */
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { main } from '../../src/cli/main.ts';
import { nodeWriteFs, type WriteFs } from '../../src/cli/safe-write.ts';

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

const root = join(__dirname, '..', '..');
const bin = join(root, 'bin', 'hyperclimb.mjs');

/** `node bin/hyperclimb.mjs ARGS` from the checkout, as a separate process. */
export function cli(...args: string[]): Promise<CliResult> {
  return new Promise((resolve) => {
    execFile(process.execPath, [bin, ...args], { cwd: root, timeout: 120_000, maxBuffer: 64 << 20 }, (error, stdout, stderr) => {
      resolve({ code: error ? ((error as { code?: number }).code ?? 1) : 0, stdout, stderr });
    });
  });
}

/** Collects what a command writes to stdout or stderr (for commands called directly, not through main()). */
export class Sink {
  text = '';
  isTTY = false;
  write(chunk: string): boolean {
    this.text += chunk;
    return true;
  }
}

/** The command through main() in this process: for output checks where a separate process proves nothing more. */
export async function inProcess(...args: string[]): Promise<CliResult> {
  const stdout = new Sink();
  const stderr = new Sink();
  const code = await main(args, { stdout: stdout as unknown as NodeJS.WriteStream, stderr: stderr as unknown as NodeJS.WriteStream });
  return { code, stdout: stdout.text, stderr: stderr.text };
}

/** node:fs's write calls with `write` replaced: a test's short write or full disk. */
export function stagedWrites(write: (fd: number, data: Uint8Array, offset: number, length: number) => number): WriteFs {
  return { ...nodeWriteFs, write };
}

/** A disk that takes `room` more bytes (the last write short), then fails every write with ENOSPC. */
export function diskWithRoom(room: number): WriteFs {
  let left = room;
  return stagedWrites((fd, data, offset, length) => {
    if (left <= 0) throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC', errno: -28, syscall: 'write' });
    const wrote = nodeWriteFs.write(fd, data, offset, Math.min(length, left));
    left -= wrote;
    return wrote;
  });
}
