/**
 * The command line end to end, as researchers script it: exit codes, the JSON summary of SCENARIO.md, one JSON line
 * per run, identical numbers for any --workers, resuming an interrupted --out file, and one-line errors.
 */
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync, truncateSync, statSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { mergeCommand } from '../src/cli/merge-command.ts';
import { lockOut } from '../src/cli/out-lock.ts';
import { runCommand, type RunOptions } from '../src/cli/run-command.ts';
import { nodeWriteFs, type WriteFs } from '../src/cli/safe-write.ts';
import { lineDigest } from '../src/scenario/results.ts';
import { cli, diskWithRoom, inProcess, Sink, stagedWrites } from './support/cli.ts';
import { Progress } from '../src/cli/progress.ts';

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
    const [a, b] = await Promise.all([inProcess(...args, '--workers', '1', '--out', one), inProcess(...args, '--workers', '2', '--out', two)]);
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
    const resumed = await inProcess(...args, '--workers', '2', '--out', one);
    expect(resumed.code).toBe(0);
    expect(resumed.stderr).toContain('resuming: 5 of 15 replicates');
    expect(withoutWallMs(readFileSync(one, 'utf8'))).toBe(withoutWallMs(lines));

    // A finished file is complete: running again adds nothing.
    const size = statSync(one).size;
    expect((await inProcess(...args, '--out', one)).code).toBe(0);
    expect(statSync(one).size).toBe(size);

    // A file from another seed is refused, not appended to.
    const other = await inProcess('run', 'sims/nk-ruggedness.yaml', '--replicates', '3', '--seed', '100', '--out', one);
    expect(other.code).toBe(2);
    expect(other.stderr).toMatch(/:1: from another run: its fingerprint is 5x3x4-[0-9a-f]{16}, this run's is 5x3x4-[0-9a-f]{16} \(another scenario, seed or number of replicates\)/);
    expect(statSync(one).size).toBe(size);
  });

  it('rejects a broken scenario with one located line and exit code 2', async () => {
    const { code, stderr, stdout } = await inProcess('run', 'tests/fixtures/broken/k-too-large.yaml');
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
    expect(flag.stderr).toBe("hyperclimb: run has no option '--wrokers' (did you mean '--workers'?); its options: --seed, --replicates, --workers, --shard, --out, --json, --trace, --save-network, --racer (hyperclimb run --help)\n");
    const workers = await inProcess('run', 'sims/onemax-ea.yaml', '--workers', 'two');
    expect(workers.code).toBe(2);
    expect(workers.stderr).toMatch(/--workers needs a whole number from 1 to \d+ \(at most 2 per core and 1 per 256 MiB of memory: .*\), got 'two'/);
  });

  it('prints the usage of the command for --help after it', async () => {
    for (const command of ['run', 'merge', 'analyze', 'eye', 'validate']) {
      const help = await inProcess(command, '--help');
      expect(help.code).toBe(0);
      expect(help.stdout).toContain(`hyperclimb ${command}`);
      expect(help.stdout.match(/^ {2}hyperclimb \w+/gm)).toEqual([`  hyperclimb ${command}`]);
      expect(help.stderr).toBe('');
    }
  });

  it('answers a usage mistake with one line in its own words: did-you-mean, never parseArgs text or the usage', async () => {
    const command = await inProcess('rnu', 'sims/onemax-ea.yaml');
    expect(command).toMatchObject({ code: 2, stdout: '' });
    expect(command.stderr).toBe("hyperclimb: unknown command 'rnu' (did you mean 'run'?); commands: run, merge, report, export, analyze, eye, validate, list, schema (hyperclimb --help describes them)\n");
    const missing = await inProcess('run', 'sims/onemax-ea.yaml', '--seed');
    expect(missing).toMatchObject({ code: 2, stderr: 'hyperclimb: --seed needs a value (hyperclimb run --help)\n' });
    const valued = await inProcess('merge', 'a.jsonl', '--partial=yes');
    expect(valued).toMatchObject({ code: 2, stderr: 'hyperclimb: --partial takes no value: it is on when given (hyperclimb merge --help)\n' });
    const typo = await inProcess('eye', '--hertability', '0.5');
    expect(typo.stderr).toMatch(/^hyperclimb: eye has no option '--hertability' \(did you mean '--heritability'\?\)/);
    const usage = await inProcess('run');
    expect(usage).toMatchObject({ code: 2, stderr: 'hyperclimb: run needs exactly one scenario file (hyperclimb run --help for the options)\n' });
  });

  it('prints a readable table without --json', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hyperclimb-cli-'));
    const file = join(dir, 'tiny.yaml');
    writeFileSync(file, 'schemaVersion: 1\ntitle: Tiny\nlandscape: {id: sphere, dim: 3}\noptimizers: [{id: gd, learningRate: 0.1}, {id: cma-es}]\nbudget: {evaluations: 2000}\nreplicates: 2\n');
    const { code, stdout } = await inProcess('run', file, '--workers', '1');
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

describe('--out loses and corrupts nothing', () => {
  // 3 replicates × 2 racers: 6 lines, under a second.
  const TINY = 'schemaVersion: 1\ntitle: Tiny\nlandscape: {id: sphere, dim: 3}\noptimizers: [{id: gd, learningRate: 0.1}, {id: cma-es}]\nbudget: {evaluations: 400}\nreplicates: 3\n';
  let dir: string;
  let scenario: string;
  let clean: string;
  const fresh = (name: string, text?: string) => {
    const path = join(dir, name);
    if (text !== undefined) writeFileSync(path, text);
    return path;
  };
  const run = async (out: string, extra: Partial<RunOptions> = {}) => {
    const stdout = new Sink();
    const stderr = new Sink();
    const code = await runCommand({ file: scenario, workers: 1, out, json: true, stdout: stdout as never, stderr: stderr as never, ...extra });
    return { code, stdout: stdout.text, stderr: stderr.text };
  };
  const rows = (text: string) => text.split('\n').filter((line) => line !== '');

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'hyperclimb-out-'));
    scenario = fresh('tiny.yaml', TINY);
    const first = await run(fresh('clean.jsonl'));
    expect(first).toMatchObject({ code: 0, stderr: '' });
    clean = readFileSync(join(dir, 'clean.jsonl'), 'utf8');
    expect(rows(clean)).toHaveLength(6);
    for (const line of rows(clean)) expect(JSON.parse(line).digest).toBe(lineDigest(JSON.parse(line)));
  });

  it('completes every write after short writes', async () => {
    const out = fresh('short.jsonl');
    const sevenBytes = stagedWrites((fd, data, offset, length) => nodeWriteFs.write(fd, data, offset, Math.min(length, 7)));
    expect((await run(out, { writeFs: sevenBytes })).code).toBe(0);
    expect(withoutWallMs(readFileSync(out, 'utf8'))).toBe(withoutWallMs(clean));
  });

  it('on a full disk or a read-only one says what is kept in one line, exit 1, and the rerun completes the file', async () => {
    const out = fresh('full.jsonl');
    // Room for two replicates (4 lines) and part of the fifth line: its write is short, then the disk is full.
    const room = rows(clean).slice(0, 4).join('\n').length + 1 + 30;
    const full = await run(out, { writeFs: diskWithRoom(room) });
    expect(full.code).toBe(1);
    expect(full.stderr).toBe(`hyperclimb: ${out}: disk full (ENOSPC) after 4 complete lines; the file is intact up to line 4, rerun with the same --out to resume\n`);
    expect(withoutWallMs(readFileSync(out, 'utf8'))).toBe(withoutWallMs(`${rows(clean).slice(0, 4).join('\n')}\n`));
    expect(existsSync(`${out}.lock`)).toBe(false);
    const readOnly = await run(out, { writeFs: { ...nodeWriteFs, open: () => { throw Object.assign(new Error('EROFS'), { code: 'EROFS' }); } } });
    expect(readOnly).toMatchObject({ code: 1, stderr: `hyperclimb: cannot write ${out}: read-only file system (EROFS)\n` });
    const resumed = await run(out);
    expect(resumed.code).toBe(0);
    expect(resumed.stderr).toContain('resuming: 2 of 3 replicates');
    expect(withoutWallMs(readFileSync(out, 'utf8'))).toBe(withoutWallMs(clean));
  });

  it('merge --out on a full disk or without permission leaves the old file and no temporary, exit 1', async () => {
    const shardFile = fresh('shard.jsonl', clean);
    const out = fresh('merged.jsonl', 'the previous merge\n');
    const merge = async (writeFs: WriteFs) => {
      const stdout = new Sink();
      const stderr = new Sink();
      const code = await mergeCommand({ files: [shardFile], out, partial: false, stdout: stdout as never, stderr: stderr as never, writeFs });
      return { code, stderr: stderr.text };
    };
    const full = await merge(diskWithRoom(100));
    expect(full.code).toBe(1);
    expect(full.stderr).toBe(`hyperclimb: cannot write ${out}: disk full (ENOSPC); nothing was merged into it, ${out} is unchanged\n`);
    const denied = await merge({ ...nodeWriteFs, open: () => { throw Object.assign(new Error('EACCES'), { code: 'EACCES' }); } });
    expect(denied.code).toBe(1);
    expect(denied.stderr).toContain(`cannot write ${out}: permission denied (EACCES); nothing was merged into it, ${out} is unchanged`);
    expect(readFileSync(out, 'utf8')).toBe('the previous merge\n');
    expect(readdirSync(dir).filter((name) => name.startsWith('merged.jsonl'))).toEqual(['merged.jsonl']);
    expect((await merge(nodeWriteFs)).code).toBe(0);
    expect(readFileSync(out, 'utf8')).toBe(clean);
  });

  it('names what differs in a file it cannot resume: a line twice, lines missing, an edited line, another shard', async () => {
    const lines = rows(clean);
    const cases: [string, string[], string, Partial<RunOptions>?][] = [
      ['twice.jsonl', [lines[0], lines[1], lines[0]], ':3: cell 0, replicate 0, "gd" a second time (line 1 holds it too): a line written twice; cell 0, replicate 1, "gd" belongs here'],
      ['missing.jsonl', [lines[0], lines[2], lines[3]], ':2: cell 0, replicate 1, "gd", but cell 0, replicate 0, "cma-es" belongs here: lines are missing or out of order before line 2'],
      ['edited.jsonl', [lines[0], lines[1].replace(/"bestFitness":[^,]+/, '"bestFitness":0')], ':2: changed after it was written (its digest'],
      ['shard.jsonl', lines.slice(0, 2), ':1: cell 0, replicate 0, "gd" is not a run of shard 2/2 (cell 0, replicate 1, "gd" belongs here); check --shard', { shard: { index: 2, count: 2 } }],
    ];
    for (const [name, text, message, options] of cases) {
      const out = fresh(name, `${text.join('\n')}\n`);
      const refused = await run(out, options);
      expect(refused.code).toBe(2);
      expect(refused.stderr).toContain(`${out}${message}`);
      expect(refused.stderr.trim().split('\n')).toHaveLength(1);
      expect(readFileSync(out, 'utf8')).toBe(`${text.join('\n')}\n`);
    }
    // Files written before lines had digests are resumed, with a note.
    const old = fresh('old.jsonl', `${lines.slice(0, 2).map((line) => line.replace(/,"digest":"[0-9a-f]+"/, '')).join('\n')}\n`);
    const resumed = await run(old);
    expect(resumed.code).toBe(0);
    expect(resumed.stderr).toContain(`note: 2 lines of ${old} carry no digest`);
    expect(withoutWallMs(readFileSync(old, 'utf8')).replace(/,"digest":"[0-9a-f]+"/g, '')).toBe(withoutWallMs(clean).replace(/,"digest":"[0-9a-f]+"/g, ''));
  });

  it('runs failed runs again on resume, and exits 1 with the count while they still fail', async () => {
    const failing = new URL('./fixtures/workers/failing.worker.ts', import.meta.url);
    const out = fresh('failed.jsonl');
    const failed = await run(out, { workerUrl: failing });
    expect(failed.code).toBe(1);
    expect(failed.stderr).toContain(`hyperclimb: 6 of 6 runs failed (lines with "error" in ${out}; rerun with the same --out to run them again)`);
    // Only the middle replicate failed: the rerun puts its new lines back in their place.
    const middleFailed = rows(clean).map((line, i) => (i === 2 || i === 3 ? rows(readFileSync(out, 'utf8'))[i] : line));
    writeFileSync(out, `${middleFailed.join('\n')}\n`);
    const still = await run(out, { workerUrl: failing });
    expect(still.code).toBe(1);
    expect(still.stderr).toContain('resuming: 2 of 3 replicates already in');
    expect(still.stderr).toContain('running again 1 replicate with 2 failed runs');
    expect(still.stderr).toContain('hyperclimb: 2 of 6 runs failed');
    expect(readFileSync(out, 'utf8')).toBe(`${middleFailed.join('\n')}\n`);
    const retried = await run(out);
    expect(retried.code).toBe(0);
    expect(withoutWallMs(readFileSync(out, 'utf8'))).toBe(withoutWallMs(clean));
    expect(readdirSync(dir).filter((name) => name.startsWith('failed.jsonl'))).toEqual(['failed.jsonl']);
  });

  it('refuses an --out that is not a regular file instead of reading it forever', async () => {
    const fifo = join(dir, 'fifo');
    execFileSync('mkfifo', [fifo]);
    for (const target of [fifo, '/dev/full', dir]) {
      const refused = await run(target);
      expect(refused.code).toBe(2);
      expect(refused.stderr).toMatch(new RegExp(`^hyperclimb: --out ${target}: a (pipe|device|directory), not a regular file; .*leave out --out`));
    }
    const merged = await inProcess('merge', join(dir, 'clean.jsonl'), '--out', '/dev/full');
    expect(merged.code).toBe(2);
    expect(merged.stderr).toContain('--out /dev/full: a device, not a regular file; --out must be a file (it is read back to resume and checked); leave out --out to write the merge to stdout');
  });

  it('refuses a second writer (run or merge) while a live process holds the lock (exit 3), and takes over a stale lock', async () => {
    const out = fresh('locked.jsonl');
    const host = hostname();
    writeFileSync(`${out}.lock`, JSON.stringify({ pid: process.ppid, host }));
    const busy = await run(out);
    expect(busy.code).toBe(3);
    expect(busy.stderr).toBe(`hyperclimb: ${out} is being written by another hyperclimb (pid ${process.ppid}, ${out}.lock); wait for it to finish or stop it, or choose another --out\n`);
    expect(existsSync(out)).toBe(false);
    const merging = await inProcess('merge', join(dir, 'clean.jsonl'), '--out', out);
    expect(merging.code).toBe(3);
    expect(merging.stderr).toContain(`${out} is being written by another hyperclimb (pid ${process.ppid}`);
    expect(existsSync(out)).toBe(false);
    const nowhere = await run(join(dir, 'no-such-folder', 'r.jsonl'));
    expect(nowhere).toMatchObject({ code: 2, stderr: `hyperclimb: cannot write ${join(dir, 'no-such-folder', 'r.jsonl')}: no such directory (ENOENT)\n` });
    const gone = spawnSync('true').pid!;
    writeFileSync(`${out}.lock`, JSON.stringify({ pid: gone, host }));
    const taken = await run(out);
    expect(taken.code).toBe(0);
    expect(taken.stderr).toContain(`hyperclimb: taking over a stale lock ${out}.lock: pid ${gone} is no longer running`);
    expect(existsSync(`${out}.lock`)).toBe(false);
    expect(withoutWallMs(readFileSync(out, 'utf8'))).toBe(withoutWallMs(clean));
  });

  it('is refused by a second process, and a run stopped by SIGTERM leaves whole lines and no lock', async () => {
    const out = fresh('shared.jsonl');
    const lock = lockOut(out, new Sink() as never);
    expect(() => lockOut(out, new Sink() as never)).toThrow(`(pid ${process.pid}, ${out}.lock)`);
    const second = await cli('run', scenario, '--out', out);
    lock.release();
    expect(second.code).toBe(3);
    expect(second.stderr).toContain(`is being written by another hyperclimb (pid ${process.pid}, ${out}.lock)`);
    expect(existsSync(out)).toBe(false);

    // A run long enough to be stopped in the middle: 200 replicates.
    const child = spawn(process.execPath, ['bin/hyperclimb.mjs', 'run', scenario, '--replicates', '200', '--workers', '1', '--out', out], { cwd: join(__dirname, '..'), stdio: 'ignore' });
    const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_code, signal) => resolve(signal)));
    while (!existsSync(out) || statSync(out).size === 0) await new Promise((resolve) => setTimeout(resolve, 50));
    child.kill('SIGTERM');
    expect(await exited).toBe('SIGTERM');
    expect(existsSync(`${out}.lock`)).toBe(false);
    const text = readFileSync(out, 'utf8');
    expect(text.endsWith('\n')).toBe(true);
    for (const line of rows(text)) expect(JSON.parse(line).digest).toBe(lineDigest(JSON.parse(line)));
  });
});

describe('Progress on a stderr that is not a terminal', () => {
  const piped = () => ({ text: '', isTTY: false, write(chunk: string) { this.text += chunk; return true; } });

  it('is silent by default, and in lines mode writes one line per tenth of the work', () => {
    const silent = piped();
    const lines = piped();
    const quiet = new Progress(silent as unknown as NodeJS.WriteStream, 40, 'instances');
    const logged = new Progress(lines as unknown as NodeJS.WriteStream, 40, 'instances', 'lines');
    for (let done = 1; done <= 40; done++) {
      quiet.update(done);
      logged.update(done);
    }
    expect(silent.text).toBe('');
    expect(lines.text.split('\n').filter(Boolean).map((line) => line.split(' · ')[0])).toEqual(
      [4, 8, 12, 16, 20, 24, 28, 32, 36, 40].map((done) => `${done}/40 instances`),
    );
  });
});
