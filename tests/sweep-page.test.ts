/**
 * The page's sweep logic in Node, through the same functions the page calls (runSweep with the command line's worker
 * pool in place of Web Workers): its lines equal `hyperclimb run --out`'s, fingerprint included, apart from wallMs;
 * cancelling keeps a prefix of them; the sweep view's curves come from the shared summary.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runSweep, SweepSignal, sweepWorkers } from '../src/app/sweep-runner.ts';
import { parseScenario } from '../src/scenario/parse.ts';
import { summarise, type ResultLine } from '../src/scenario/results.ts';
import { createPool, type SimPool } from '../workers/node-pool.ts';
import { inProcess } from './support/cli.ts';

const root = join(__dirname, '..');
const file = 'sims/dimension-vs-dead-ends.yaml';
const REPLICATES = 3;
const withoutWallMs = ({ wallMs: _wallMs, ...line }: ResultLine) => line;

let pool: SimPool;
beforeAll(() => {
  pool = createPool(2);
});
afterAll(async () => {
  await pool?.close();
});

function scenario() {
  const parsed = parseScenario(readFileSync(join(root, file), 'utf8'), file);
  return { ...parsed, replicates: REPLICATES };
}

describe('the page’s sweep', () => {
  it('writes the command line’s lines, in its order, fingerprint included (wallMs apart)', async () => {
    const progress: number[] = [];
    const page = await runSweep(scenario(), pool, (_lines, p) => progress.push(p.done));
    expect(page.status).toBe('done');
    expect(page.lines).toHaveLength(10 * REPLICATES * 3);
    expect(progress).toEqual(Array.from({ length: 10 * REPLICATES }, (_, i) => i + 1));

    const out = join(mkdtempSync(join(tmpdir(), 'hyperclimb-sweep-')), 'runs.jsonl');
    // main() in this process: the command's own code, without a second tsx start-up.
    expect(await inProcess('run', file, '--replicates', String(REPLICATES), '--workers', '2', '--out', out)).toMatchObject({ code: 0, stderr: '' });
    const cli = readFileSync(out, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as ResultLine);
    expect(page.lines.map(withoutWallMs)).toEqual(cli.map(withoutWallMs));
    // Byte for byte, as the page exports them.
    expect(page.lines.map((l) => JSON.stringify(withoutWallMs(l)))).toEqual(cli.map((l) => JSON.stringify(withoutWallMs(l))));
    expect(page.fingerprint).toBe(cli[0].fingerprint);

    const labels = scenario().optimizers.map((r) => ({ optimizer: r.id, label: r.label }));
    expect(summarise(page.lines, labels)).toEqual(summarise(cli, labels));
  });

  it('stops on cancel with whole replicates in order, a prefix of the full run', async () => {
    const signal = new SweepSignal();
    const full = await runSweep(scenario(), pool);
    const partial = await runSweep(scenario(), pool, (_lines, p) => p.done === 4 && signal.cancel(), signal);
    expect(partial.status).toBe('cancelled');
    expect(partial.lines.length).toBe(4 * 3);
    expect(partial.lines.map(withoutWallMs)).toEqual(full.lines.slice(0, 12).map(withoutWallMs));
  });

  it('turns a failing replicate into error lines and goes on', async () => {
    let calls = 0;
    const flaky = { size: 1, run: (task: Parameters<SimPool['run']>[0]) => (++calls === 2 ? Promise.reject(new Error('worker died')) : pool.run(task)) };
    const result = await runSweep({ ...scenario(), replicates: 1 }, flaky);
    expect(result.status).toBe('done');
    expect(result.lines.filter((l) => l.error === 'worker died').map((l) => l.cell)).toEqual([1, 1, 1]);
    expect(result.lines).toHaveLength(30);
  });

  it('uses one worker per core but one, at least two where there are two cores, at most eight', () => {
    expect([1, 2, 4, 16].map((cores) => sweepWorkers(cores))).toEqual([1, 2, 3, 8]);
  });
});
