import { execFile, execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createRun } from '../src/core/run/run.ts';
import { runSpecs } from '../src/scenario/cells.ts';
import { parseScenario } from '../src/scenario/parse.ts';
import { createPool, WorkerStartError } from '../workers/node-pool.ts';

describe('node worker pool', () => {
  it('rejects every task once, without respawning, when the workers cannot load their module', async () => {
    const pool = createPool(2, new URL('./fixtures/workers/broken.worker.ts', import.meta.url));
    const task = { cell: 0, replicate: 0, specs: [] };
    const results = await Promise.allSettled([pool.run(task), pool.run(task), pool.run(task)]);
    await pool.close();
    for (const result of results) {
      expect(result.status).toBe('rejected');
      const reason = (result as PromiseRejectedResult).reason as Error;
      expect(reason).toBeInstanceOf(WorkerStartError);
      expect(reason.message).toMatch(/could not start: .*broken on purpose/);
    }
  });

  it('fails the task of a worker that dies, replaces it once, and lets the process exit after close', async () => {
    // A separate process, because the point is that it exits: a worker the pool forgot would keep it alive.
    const script = fileURLToPath(new URL('./fixtures/workers/crash-then-close.mjs', import.meta.url));
    const { exit, stdout } = await new Promise<{ exit: number | null; stdout: string }>((resolve) => {
      const child = execFile(process.execPath, [script], { timeout: 60_000 }, (_error, out) => resolve({ exit: child.exitCode, stdout: out }));
    });
    expect(exit).toBe(0);
    expect(JSON.parse(stdout)).toEqual(['injected crash', 'simulation worker exited with code 7', 'injected crash']);
  });

  it('runs tasks on the real simulation module', async () => {
    const scenario = parseScenario(readFileSync(new URL('../sims/onemax-ea.yaml', import.meta.url), 'utf8'), 'onemax-ea.yaml');
    const specs = runSpecs(scenario, 1);
    const pool = createPool(1);
    const outcomes = await pool.run({ cell: 0, replicate: 1, specs });
    await pool.close();
    // Each racer's numbers are those of the same run made here, in this process.
    const here = specs.map((spec) => {
      const run = createRun(spec);
      run.finish();
      return { optimizer: spec.optimizer.id, label: spec.optimizer.label, result: run.result() };
    });
    expect(specs.length).toBeGreaterThan(1);
    expect(outcomes.map(({ wallMs: _, ...outcome }) => outcome)).toEqual(here);
  });

  it('works from any directory, not only the checkout (cluster jobs start elsewhere)', () => {
    const elsewhere = mkdtempSync(join(tmpdir(), 'hyperclimb-cwd-'));
    try {
      const bin = fileURLToPath(new URL('../bin/hyperclimb.mjs', import.meta.url));
      const scenario = fileURLToPath(new URL('../sims/onemax-ea.yaml', import.meta.url));
      execFileSync(process.execPath, [bin, 'run', scenario, '--replicates', '1', '--workers', '2', '--out', 'r.jsonl'], { cwd: elsewhere, stdio: 'pipe' });
      const lines = readFileSync(join(elsewhere, 'r.jsonl'), 'utf8').trim().split('\n').map((line) => JSON.parse(line));
      expect(lines.length).toBeGreaterThan(0);
      expect(lines.filter((line) => line.error !== undefined)).toEqual([]);
    } finally {
      rmSync(elsewhere, { recursive: true, force: true });
    }
  });
});
