/**
 * The command line end to end, as researchers script it: exit codes, the JSON summary of SCENARIO.md, one JSON line
 * per run, identical numbers for any --workers, resuming an interrupted --out file, and one-line errors.
 */
import { mkdtempSync, readFileSync, writeFileSync, truncateSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, inProcess } from './support/cli.ts';

const withoutWallMs = (text: string) => text.replace(/,"wallMs":[^}]*}/g, '}');

describe('hyperclimb run', () => {
  it('prints the JSON summary of SCENARIO.md', async () => {
    const { code, stdout, stderr } = await cli('run', 'sims/onemax-ea.yaml', '--json', '--replicates', '3', '--workers', '1');
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const summary = JSON.parse(stdout);
    expect(summary.scenario).toMatchObject({ title: '(1+1) EA on OneMax', seed: 3, replicates: 3 });
    expect(summary.cells.map((c: { params: unknown }) => c.params)).toEqual([25, 50, 100, 200].map((d) => ({ 'landscape.dim': d })));
    for (const cell of summary.cells) {
      expect(cell.results.map((r: { label: string }) => r.label)).toEqual(['(1+1) EA', 'Greedy walk', 'GA']);
      for (const r of cell.results) {
        expect(Object.keys(r)).toEqual(expect.arrayContaining(['optimizer', 'label', 'replicates', 'reachedOptimum', 'deadEnds', 'meanEvaluations', 'seEvaluations', 'meanBestFitness', 'seBestFitness']));
        expect(r.replicates).toBe(3);
        expect(r.reachedOptimum).toBe(1);
        expect(r.deadEnds).toBe(0);
        expect(r.seEvaluations).toBeGreaterThanOrEqual(0);
      }
    }
  });

  it('writes byte-identical result lines for --workers 1 and --workers 2, and resumes an interrupted file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hyperclimb-cli-'));
    const one = join(dir, 'one.jsonl');
    const two = join(dir, 'two.jsonl');
    const args = ['run', 'sims/nk-ruggedness.yaml', '--replicates', '3', '--seed', '99'];
    const [a, b] = await Promise.all([cli(...args, '--workers', '1', '--out', one), cli(...args, '--workers', '2', '--out', two)]);
    expect([a.code, b.code]).toEqual([0, 0]);
    const lines = readFileSync(one, 'utf8');
    expect(lines.trim().split('\n')).toHaveLength(5 * 3 * 4);
    expect(withoutWallMs(readFileSync(two, 'utf8'))).toBe(withoutWallMs(lines));
    const first = JSON.parse(lines.split('\n')[0]);
    expect(Object.keys(first)).toEqual(expect.arrayContaining(['cell', 'params', 'optimizer', 'label', 'replicate', 'seed', 'endedAt', 'bestFitness', 'optimumFitness', 'evaluations', 'gradientEvaluations', 'wallMs']));
    expect(first).toMatchObject({ cell: 0, params: { 'landscape.k': 0 }, replicate: 0, seed: 99 });

    // Interrupt: keep 21 lines and half of the 22nd, as a killed process would leave them.
    const cut = lines.split('\n').slice(0, 21).join('\n').length + 1 + 30;
    truncateSync(one, cut);
    const resumed = await cli(...args, '--workers', '2', '--out', one);
    expect(resumed.code).toBe(0);
    expect(resumed.stderr).toContain('resuming: 5 of 15 replicates');
    expect(withoutWallMs(readFileSync(one, 'utf8'))).toBe(withoutWallMs(lines));

    // A finished file is complete: running again adds nothing.
    const size = statSync(one).size;
    expect((await cli(...args, '--out', one)).code).toBe(0);
    expect(statSync(one).size).toBe(size);

    // A file from another seed is refused, not appended to.
    const other = await cli('run', 'sims/nk-ruggedness.yaml', '--replicates', '3', '--seed', '100', '--out', one);
    expect(other.code).toBe(2);
    expect(other.stderr).toContain('holds results of a different scenario or seed');
    expect(statSync(one).size).toBe(size);
  });

  it('rejects a broken scenario with one located line and exit code 2', async () => {
    const { code, stderr, stdout } = await cli('run', 'tests/fixtures/broken/k-too-large.yaml');
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr.trim().split('\n')).toEqual(['tests/fixtures/broken/k-too-large.yaml:6:6: landscape.k: k must be at most dim − 1 = 7, got 8']);
  });

  it('names a missing file and bad flags, with exit code 2', async () => {
    const missing = await inProcess('run', 'sims/no-such-file.yaml');
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('cannot read sims/no-such-file.yaml: no such file');
    const flag = await inProcess('run', 'sims/onemax-ea.yaml', '--wrokers', '2');
    expect(flag.code).toBe(2);
    expect(flag.stderr).toContain("Unknown option '--wrokers'");
    const workers = await inProcess('run', 'sims/onemax-ea.yaml', '--workers', 'two');
    expect(workers.code).toBe(2);
    expect(workers.stderr).toContain("--workers needs a whole number of at least 1, got 'two'");
  });

  it('prints the usage for --help after any command', async () => {
    for (const command of ['run', 'merge', 'analyze']) {
      const help = await inProcess(command, '--help');
      expect(help.code).toBe(0);
      expect(help.stdout).toContain(`hyperclimb ${command}`);
      expect(help.stderr).toBe('');
    }
  });

  it('prints a readable table without --json', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hyperclimb-cli-'));
    const file = join(dir, 'tiny.yaml');
    writeFileSync(file, 'schemaVersion: 1\ntitle: Tiny\nlandscape: {id: sphere, dim: 3}\noptimizers: [{id: gd, learningRate: 0.1}, {id: cma-es}]\nbudget: {evaluations: 2000}\nreplicates: 2\n');
    const { code, stdout } = await cli('run', file, '--workers', '1');
    expect(code).toBe(0);
    expect(stdout).toContain('Tiny (seed 1, 2 replicates)');
    expect(stdout).toMatch(/gd\s+100%\s+0%/);
    // The sphere reads as a loss: the table shows the loss (≥ 0), not fitness = −loss.
    expect(stdout).toMatch(/best loss\n/);
    expect(stdout).not.toMatch(/ -\d/);
  });
});

describe('inputs that used to hang or crash', () => {
  const scenario = (extra: string) => `schemaVersion: 1\ntitle: T\nlandscape: {id: sphere, dim: 3}\noptimizers: [{id: gd}]\n${extra}\n`;

  it('refuses an empty sweep list and a gradient so cheap the budget buys endless steps, each at its field', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hyperclimb-cli-'));
    const empty = join(dir, 'empty.yaml');
    writeFileSync(empty, scenario('budget: {evaluations: 100}\nsweep: {landscape.dim: []}'));
    const endless = join(dir, 'endless.yaml');
    writeFileSync(endless, scenario('budget: {evaluations: 100, gradientCost: 1.0e-12}'));
    const [a, b] = await Promise.all([inProcess('run', empty), inProcess('run', endless)]);
    expect([a.code, b.code]).toEqual([2, 2]);
    expect(a.stderr).toBe(`${empty}:6:24: sweep["landscape.dim"]: an empty list: a sweep key needs at least one value (a sweep of no values has no cells to run)\n`);
    expect(b.stderr).toBe(
      `${endless}:5:42: budget.gradientCost: 100 evaluations at 1e-12 per gradient buy 1.00e+14 gradient steps per run; at most 1e+12 are allowed: gradientCost must be at least 1e-10\n`,
    );
  });

  it('says which eye genetics give no finite number of generations, without a stack', async () => {
    const eye = await inProcess('eye', '--heritability', '1e-200', '--selection', '1e-200');
    expect(eye.code).toBe(2);
    expect(eye.stderr).toMatch(/^hyperclimb: --heritability 1e-200, --selection 1e-200, --cv 0.01: the response per generation h²·i·CV = 0 is too small/);
    expect(eye.stderr).not.toContain('    at ');
  });
});

describe('hyperclimb list, schema, validate', () => {
  it('lists every registry id and prints the schema', async () => {
    const list = await inProcess('list');
    expect(list.code).toBe(0);
    for (const id of ['nk', 'house-of-cards', 'cma-es', 'greedy-walk', 'ga-small', 'identity']) expect(list.stdout).toContain(id);
    const schema = await inProcess('schema');
    expect(JSON.parse(schema.stdout).title).toBe('Hyperclimb scenario');
  });

  it('validates files and fails on broken ones', async () => {
    const ok = await inProcess('validate', 'sims/onemax-ea.yaml', 'sims/nk-ruggedness.yaml');
    expect(ok.code).toBe(0);
    const bad = await inProcess('validate', 'sims/onemax-ea.yaml', 'tests/fixtures/broken/bad-enum.yaml');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('bad-enum.yaml:6:15');
  });
});
