/** The hyperclimb command for tests: as a separate process (what users run) or in this process (faster). */
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { main } from '../../src/cli/main.ts';

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

class Sink {
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
