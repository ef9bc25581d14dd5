/**
 * Sweeps at scale: `run --shard i/n` in separate processes, an interrupted shard resumed, and `merge` giving back the
 * file of a single unsharded run line for line (wallMs aside); merge's refusals (a foreign file, a conflicting
 * duplicate, a truncated line, missing replicates) and the --shard flag's errors.
 */
import { mkdtempSync, readFileSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { cli, inProcess } from './support/cli.ts';
import { lineDigest, scenarioFingerprint } from '../src/scenario/results.ts';
import { parseShard, shardTasks } from '../src/cli/shard.ts';
import { parseScenario } from '../src/scenario/parse.ts';

const withoutWallMs = (text: string) => text.replace(/,"wallMs":[^}]*}/g, '}');
const lines = (text: string) => text.split('\n').filter((line) => line !== '');

// 3 cells × 4 replicates = 12 tasks of 3 racers: 36 lines; a few seconds in all.
const SCENARIO = `schemaVersion: 1
title: Shards
seed: 5
landscape: {id: onemax, dim: 10}
optimizers:
  - {id: one-plus-one-ea, label: EA}
  - {id: greedy-walk, label: Walk}
  - {id: ga, label: GA, populationSize: 10}
budget: {evaluations: 3000}
replicates: 4
sweep:
  landscape.dim: [10, 20, 30]
`;

describe('hyperclimb run --shard and merge', () => {
  let dir: string;
  let scenario: string;
  let single: string;
  let singleSummary: string;
  const shard = (i: number) => join(dir, `shard-${i}.jsonl`);

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'hyperclimb-shards-'));
    scenario = join(dir, 'sweep.yaml');
    writeFileSync(scenario, SCENARIO);
    // One unsharded run and three shards, each its own process, all at once.
    const runs = await Promise.all([
      cli('run', scenario, '--workers', '1', '--out', join(dir, 'single.jsonl'), '--json'),
      ...[1, 2, 3].map((i) => cli('run', scenario, '--workers', '1', '--shard', `${i}/3`, '--out', shard(i), '--json')),
    ]);
    for (const run of runs) expect(run.stderr).toBe('');
    expect(runs.map((run) => run.code)).toEqual([0, 0, 0, 0]);
    single = readFileSync(join(dir, 'single.jsonl'), 'utf8');
    singleSummary = runs[0].stdout;
    expect(lines(single)).toHaveLength(36);
    // A shard's summary is of its own slice and says so.
    const second = JSON.parse(runs[2].stdout);
    expect(second.scenario).toMatchObject({ replicates: 4, cells: 3, shard: { index: 2, count: 3, tasks: 4, totalTasks: 12 } });
    expect(second.scenario.fingerprint).toMatch(/^3x4x3-[0-9a-f]{16}$/);
    const perShard = runs.slice(1).map((run) => JSON.parse(run.stdout).cells.flatMap((c: { results: { replicates: number }[] }) => c.results[0].replicates));
    expect(perShard.flat().reduce((a: number, b: number) => a + b, 0)).toBe(12);
  });

  it('gives each shard a round-robin slice in canonical order, disjoint and together the whole run', () => {
    const singleLines = lines(withoutWallMs(single));
    const taskOf = (line: string) => {
      const { cell, replicate } = JSON.parse(line);
      return cell * 4 + replicate;
    };
    const seen: string[] = [];
    for (const i of [1, 2, 3]) {
      const mine = lines(withoutWallMs(readFileSync(shard(i), 'utf8')));
      expect(mine).toHaveLength(12);
      // Tasks t with t mod 3 = i − 1, each with its racers in scenario order, exactly as the single run wrote them.
      const tasks = [...new Set(mine.map(taskOf))];
      expect(tasks).toEqual([0, 1, 2, 3].map((k) => 3 * k + i - 1));
      expect(mine).toEqual(tasks.flatMap((t) => singleLines.slice(3 * t, 3 * t + 3)));
      seen.push(...mine);
    }
    expect(seen.sort()).toEqual([...singleLines].sort());
  });

  it('resumes an interrupted shard, and merge equals the single run line for line', async () => {
    // Interrupt shard 2: one whole replicate, one line of the next and half a line, as a killed process leaves them.
    const before = readFileSync(shard(2), 'utf8');
    truncateSync(shard(2), lines(before).slice(0, 4).join('\n').length + 1 + 40);
    const resumed = await inProcess('run', scenario, '--workers', '1', '--shard', '2/3', '--out', shard(2));
    expect(resumed.code).toBe(0);
    expect(resumed.stderr).toContain('resuming: 1 of 4 replicates of shard 2/3');
    expect(withoutWallMs(readFileSync(shard(2), 'utf8'))).toBe(withoutWallMs(before));

    // Shards in any order on the command line; a separate process, so that the whole merge reaches a piped stdout.
    const merged = await cli('merge', shard(3), shard(1), shard(2));
    expect(merged.code).toBe(0);
    expect(merged.stderr).toContain('merged 3 files: 36 lines, 12 of 12 replicates complete');
    expect(withoutWallMs(merged.stdout)).toBe(withoutWallMs(single));
    expect(lines(merged.stdout)).toHaveLength(36);

    const all = join(dir, 'all.jsonl');
    const written = await inProcess('merge', shard(1), shard(2), shard(3), '--out', all);
    expect(written.code).toBe(0);
    expect(written.stdout).toBe('');
    expect(readFileSync(all, 'utf8')).toBe(merged.stdout);

    // The merged file is a finished run: `run --out` on it resumes everything and prints the whole sweep's summary.
    const summary = await inProcess('run', scenario, '--out', all, '--json');
    expect(summary.code).toBe(0);
    expect(summary.stderr).toContain('resuming: 12 of 12 replicates');
    expect(summary.stdout).toBe(singleSummary);
  });

  it('drops identical duplicates and refuses foreign files, conflicts, truncated lines and missing replicates', async () => {
    // A shard of the same scenario run with another seed.
    const foreign = join(dir, 'foreign.jsonl');
    expect((await inProcess('run', scenario, '--seed', '6', '--workers', '1', '--shard', '1/3', '--out', foreign)).code).toBe(0);
    // The same run (cell, replicate, racer) as line 5 of shard 3, with different numbers: once written so (its digest
    // fits, as from another build whose numbers differ), once edited afterwards (its digest no longer fits).
    const conflict = join(dir, 'conflict.jsonl');
    const tampered = join(dir, 'tampered.jsonl');
    const text = readFileSync(shard(3), 'utf8');
    const edit = (line: string) => line.replace(/"evaluations":(\d+)/, (_, n) => `"evaluations":${Number(n) + 1}`);
    const resign = (line: string) => JSON.stringify({ ...JSON.parse(line), digest: lineDigest(JSON.parse(line)) });
    writeFileSync(conflict, `${lines(text).map((line, i) => (i === 4 ? resign(edit(line)) : line)).join('\n')}\n`);
    writeFileSync(tampered, `${lines(text).map((line, i) => (i === 4 ? edit(line) : line)).join('\n')}\n`);
    // Shard 3 cut in the middle of its 7th line.
    const truncated = join(dir, 'truncated.jsonl');
    writeFileSync(truncated, text.slice(0, lines(text).slice(0, 6).join('\n').length + 1 + 25));
    const size = statSync(truncated).size;
    const junk = join(dir, 'junk.jsonl');
    writeFileSync(junk, `${lines(text)[0]}\n{"hello": 1}\n`);

    const [duplicated, mixed, conflicting, edited, cut, missing, partial, notResults, absent, nothing] = await Promise.all([
      inProcess('merge', shard(1), shard(2), shard(3), shard(1)),
      inProcess('merge', shard(1), shard(2), shard(3), foreign),
      inProcess('merge', shard(1), shard(2), shard(3), conflict),
      inProcess('merge', shard(1), shard(2), tampered),
      inProcess('merge', shard(1), shard(2), truncated),
      inProcess('merge', shard(1), shard(3)),
      inProcess('merge', shard(1), shard(3), '--partial'),
      inProcess('merge', junk),
      inProcess('merge', join(dir, 'absent.jsonl')),
      inProcess('merge'),
    ]);

    expect(duplicated.code).toBe(0);
    expect(duplicated.stderr).toContain(`dropped 12 identical duplicate lines (the first: ${shard(1)}:1 repeats ${shard(1)}:1)`);
    expect(withoutWallMs(duplicated.stdout)).toBe(withoutWallMs(single));

    for (const refused of [mixed, conflicting, edited, cut, missing, notResults, absent]) {
      expect(refused.code).toBe(2);
      expect(refused.stdout).toBe('');
      expect(refused.stderr.trim().split('\n')).toHaveLength(1);
    }
    expect(mixed.stderr).toContain(`${foreign}:1: from a different run`);
    expect(conflicting.stderr).toMatch(new RegExp(`${conflict}:5: cell \\d, replicate \\d, "Walk" conflicts with ${shard(3)}:5`));
    expect(edited.stderr).toMatch(new RegExp(`^hyperclimb: ${tampered}:5: changed after it was written \\(its digest [0-9a-f]{16} does not match its content\\)`));
    // A truncated last line is reported (merge never repairs or drops it), and the file is left as it was.
    expect(cut.stderr).toContain(`${truncated}:7: truncated last line`);
    expect(statSync(truncated).size).toBe(size);
    // A shard left out: its replicates are missing (task t belongs to shard (t mod 3) + 1).
    expect(missing.stderr).toContain('12 of 36 lines missing (4 of 12 replicates wholly): cell 0 replicate 1 (task 1), cell 1 replicate 0 (task 4)');
    expect(partial.code).toBe(0);
    expect(partial.stderr).toContain('warning: 12 of 36 lines missing');
    const task = (line: string) => JSON.parse(line).cell * 4 + JSON.parse(line).replicate;
    expect(lines(withoutWallMs(partial.stdout))).toEqual(lines(withoutWallMs(single)).filter((line) => task(line) % 3 !== 1));
    expect(notResults.stderr).toContain(`${junk}:2: not a Hyperclimb result line`);
    expect(absent.stderr).toContain('absent.jsonl: no such file');
    expect(nothing.code).toBe(2);
    expect(nothing.stderr).toContain('merge needs at least one results file');
  });

  it('runs an empty slice when there are more shards than replicates, and rejects malformed --shard values', async () => {
    const empty = join(dir, 'shard-13.jsonl');
    const idle = await inProcess('run', scenario, '--workers', '1', '--shard', '13/13', '--out', empty);
    expect(idle.code).toBe(0);
    expect(idle.stderr).toContain('shard 13/13: no replicates');
    expect(readFileSync(empty, 'utf8')).toBe('');
    const withEmpty = await inProcess('merge', shard(1), shard(2), shard(3), empty);
    expect(withEmpty.code).toBe(0);
    expect(withoutWallMs(withEmpty.stdout)).toBe(withoutWallMs(single));

    const cases = [
      ['0/3', '--shard 0/3: shards are numbered from 1'],
      ['4/3', '--shard 4/3: the shard index must be between 1 and 3'],
      ['1/0', '--shard 1/0: the number of shards n must be at least 1'],
      ['2', '--shard needs i/n with whole numbers 1 ≤ i ≤ n'],
      ['a/b', "got 'a/b'"],
    ];
    const results = await Promise.all(cases.map(([value]) => inProcess('run', scenario, '--shard', value)));
    for (const [i, bad] of results.entries()) {
      expect(bad.code).toBe(2);
      expect(bad.stdout).toBe('');
      expect(bad.stderr).toContain(cases[i][1]);
    }
  });
});

describe('shards and fingerprints', () => {
  it('deals tasks round-robin: task t to shard (t mod n) + 1', () => {
    const tasks = Array.from({ length: 10 }, (_, t) => t);
    expect(shardTasks(tasks, parseShard('1/3'))).toEqual([0, 3, 6, 9]);
    expect(shardTasks(tasks, parseShard('3/3'))).toEqual([2, 5, 8]);
    expect(shardTasks(tasks, undefined)).toEqual(tasks);
    expect([1, 2, 3, 4].flatMap((i) => shardTasks(tasks, { index: i, count: 4 })).sort((a, b) => a - b)).toEqual(tasks);
  });

  it('changes the fingerprint with what changes the numbers, and only with that', () => {
    const fingerprint = (text: string) => scenarioFingerprint(parseScenario(text, 'test.yaml'));
    const base = fingerprint(SCENARIO);
    expect(base).toMatch(/^3x4x3-[0-9a-f]{16}$/);
    expect(fingerprint(SCENARIO.replace('title: Shards', 'title: Renamed\ndescription: Other prose'))).toBe(base);
    expect(fingerprint(SCENARIO.replace('{id: ga, label: GA, populationSize: 10}', '{label: GA, populationSize: 10, id: ga}'))).toBe(base);
    expect(fingerprint(SCENARIO.replace('seed: 5', 'seed: 6'))).not.toBe(base);
    expect(fingerprint(SCENARIO.replace('evaluations: 3000', 'evaluations: 3001'))).not.toBe(base);
    expect(fingerprint(SCENARIO.replace('populationSize: 10', 'populationSize: 12'))).not.toBe(base);
    expect(fingerprint(SCENARIO.replace('[10, 20, 30]', '[10, 30, 20]'))).not.toBe(base);
    expect(fingerprint(SCENARIO.replace('replicates: 4', 'replicates: 5'))).toMatch(/^3x5x3-/);
  });
});
