/**
 * The corpus of bad inputs (issue 11): every case must end with its documented exit code and a located message (a
 * scenario's file:line:column, a results file's file:line, or the flag's name), print no stack trace, finish within
 * its time limit, and keep the process's peak memory under 1 GiB. Cases run in this process through the CLI's main().
 *
 * Adding a case is one file or one line: a file in tests/corpus/scenarios/ (its first line may say
 * `# expect <exit> /<regex>/`; without it, exit 2 and any located message), a line in tests/corpus/commands.yaml, or
 * an entry in GENERATED below for inputs too large to keep in the repository.
 * `CORPUS_REPORT=1 npx vitest run tests/corpus.test.ts` prints the figures README's Reliability section quotes.
 */
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { parseScenario } from '../src/scenario/parse.ts';
import { planTasks, resultLine, scenarioFingerprint } from '../src/scenario/results.ts';
import { inProcess, type CliResult } from './support/cli.ts';

const CORPUS = join(__dirname, 'corpus');
const SCENARIOS = join(CORPUS, 'scenarios');
const BASE = 'tests/corpus/base.yaml';
/** Each case's limit; the slowest takes well under a second on this 2-core machine. */
const CASE_TIMEOUT_MS = 10_000;
const MEMORY_LIMIT_BYTES = 1024 ** 3;
const STACK_LINE = /^\s+at /m;

interface Expectation {
  exit: number;
  message: RegExp;
}

/** A scenario file's expectation from its first line (`# expect 2 /regex/`); by default exit 2, a located message. */
function expectationOf(bytes: Buffer): Expectation {
  const header = /^(?:\uFEFF)?# expect (\d) \/(.*)\/\r?$/m.exec(bytes.subarray(0, 400).toString('utf8').split('\n')[0]);
  return { exit: header ? Number(header[1]) : 2, message: new RegExp(header ? header[2] : '') };
}

/** Inputs too large or too regular to keep as files: written to a temporary folder when the test starts. */
const GENERATED: Record<string, () => Buffer> = {
  // 10 MiB of valid-looking YAML: refused by its size before it is read (it took 4.8 GB and 67 s to parse).
  'huge-file.yaml': () => Buffer.from(`schemaVersion: 1\ntitle: t\n${'x: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]\n'.repeat(262_144)}`),
  // Just under the size limit, all one flow list (the yaml parser's slowest shape): parsed, then refused.
  'large-list.yaml': () => Buffer.from(`schemaVersion: 1\ntitle: t\nviews: [${'slice, '.repeat(37_000)}slice]\n`),
  // Billion laughs: nine levels of ten aliases each.
  'alias-bomb.yaml': () => {
    const levels = ['a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]'];
    for (let i = 1; i < 9; i++) levels.push(`a${i}: &a${i} [${Array(10).fill(`*a${i - 1}`).join(', ')}]`);
    return Buffer.from(`schemaVersion: 1\ntitle: t\nlesson:\n${levels.map((l) => `  ${l}`).join('\n')}\n`);
  },
  'deep-flow-nesting.yaml': () => Buffer.from(`schemaVersion: 1\ntitle: t\nlesson: ${'['.repeat(5000)}${']'.repeat(5000)}\n`),
  'deep-block-nesting.yaml': () => Buffer.from(`schemaVersion: 1\ntitle: t\n${Array.from({ length: 300 }, (_, i) => `${'  '.repeat(i)}k${i}:`).join('\n')} 1\n`),
  'many-sweep-values.yaml': () =>
    Buffer.from(`${readFileSync(join(CORPUS, 'base.yaml'), 'utf8')}sweep: {landscape.k: [${Array(10_001).fill(1).join(', ')}]}\n`),
  // 100 × 1000 cells × 10 replicates × 2 racers: refused by its count of result lines before any cell is validated.
  'sweep-100x1000.yaml': () =>
    Buffer.from(
      `${readFileSync(join(CORPUS, 'base.yaml'), 'utf8').replace('replicates: 2', 'replicates: 10')}sweep: {landscape.k: [${Array(100).fill(1).join(', ')}], budget.evaluations: [${Array.from({ length: 1000 }, (_, i) => i + 1).join(', ')}]}\n`,
    ),
  'binary-megabyte.yaml': () => Buffer.from(Array.from({ length: 1 << 20 }, (_, i) => (i * 2654435761) >>> 24)),
  'long-key.yaml': () => Buffer.from(`schemaVersion: 1\ntitle: t\n${'k'.repeat(500_000)}: 1\n`),
};

/** Results files for the command cases, made from the base scenario's plan (no run needed: the outcomes are fixed). */
function resultsFiles(): Record<string, string> {
  const linesOf = (seed: number) => {
    const scenario = parseScenario(readFileSync(join(CORPUS, 'base.yaml'), 'utf8'), BASE);
    scenario.seed = seed;
    const fingerprint = scenarioFingerprint(scenario);
    return planTasks(scenario).flatMap((task) =>
      task.specs.map((spec, k) => {
        const result = { endedAt: 'budget' as const, bestFitness: 0.5 + k, optimumFitness: 1, evaluations: 1000, fitnessEvaluations: 1000, gradientEvaluations: 0, generations: 10, nonFinite: 0 };
        return JSON.stringify(resultLine(task.cell, task.params, task.replicate, seed, { optimizer: spec.optimizer.id, label: spec.optimizer.label, result, wallMs: 1 }, fingerprint));
      }),
    );
  };
  const lines = linesOf(7);
  const text = (rows: string[]) => `${rows.join('\n')}\n`;
  const at = (i: number, row: string) => lines.map((line, k) => (k === i ? row : line));
  const complete = text(lines);
  return {
    'complete.jsonl': complete,
    'crlf.jsonl': complete.replace(/\n/g, '\r\n'),
    'truncated.jsonl': complete.slice(0, complete.length - 30),
    'not-json.jsonl': text(at(1, '{"cell": 0, "params": {')),
    'not-a-result.jsonl': text(at(1, '{"hello": "world"}')),
    'garbage.jsonl': `\u0000\u0001\u00ff binary\n${complete}`,
    'other-seed.jsonl': text(linesOf(8)),
    'other-fingerprint.jsonl': text(at(2, lines[2].replace(/"fingerprint":"([^"]*)"/, '"fingerprint":"1x2x2-0000000000000000"'))),
    'conflicting-duplicate.jsonl': text([...lines, lines[1].replace('"bestFitness":1.5', '"bestFitness":9.5')]),
    'missing-lines.jsonl': text(lines.slice(0, 1)),
    'empty.jsonl': '',
    'no-fingerprint.jsonl': text(lines.map((line) => line.replace(/,"fingerprint":"[^"]*"/, ''))),
    // Edited after it was written: the digest no longer matches the line's content.
    'tampered.jsonl': text(at(1, lines[1].replace('"bestFitness":1.5', '"bestFitness":0.9'))),
    'duplicated.jsonl': text([...lines.slice(0, 2), lines[1], ...lines.slice(2)]),
  };
}

interface Outcome {
  name: string;
  exit: number;
  ms: number;
  peakBytes: number;
}
const outcomes: Outcome[] = [];

/** Runs one case in this process and checks what every case must do; returns the result for case-specific checks. */
async function check(name: string, args: string[], expected: Expectation, located: RegExp): Promise<CliResult> {
  const started = performance.now();
  const result = await inProcess(...args);
  const peakBytes = process.resourceUsage().maxRSS * 1024;
  outcomes.push({ name, exit: result.code, ms: performance.now() - started, peakBytes });
  const output = `${result.stderr}${result.stdout}`;
  expect(result.code, result.stderr).toBe(expected.exit);
  expect(result.stderr).toMatch(expected.message);
  expect(result.stderr).toMatch(located);
  expect(output).not.toMatch(STACK_LINE);
  // Peak resident memory of this whole process so far: it bounds every case's peak.
  expect(peakBytes).toBeLessThan(MEMORY_LIMIT_BYTES);
  return result;
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

let tmp: string;
beforeAll(() => {
  tmp = mkdtempSync(join(tmpdir(), 'hyperclimb-corpus-'));
  for (const [name, make] of Object.entries(GENERATED)) writeFileSync(join(tmp, name), make());
  for (const [name, text] of Object.entries(resultsFiles())) writeFileSync(join(tmp, name), text);
});

afterAll(() => {
  if (!process.env.CORPUS_REPORT) return;
  const byExit = new Map<number, number>();
  for (const o of outcomes) byExit.set(o.exit, (byExit.get(o.exit) ?? 0) + 1);
  const slowest = outcomes.reduce((a, b) => (b.ms > a.ms ? b : a));
  const peak = Math.max(...outcomes.map((o) => o.peakBytes));
  const exits = [...byExit].sort(([a], [b]) => a - b).map(([code, n]) => `exit ${code}: ${n}`).join(', ');
  console.log(
    `corpus: ${outcomes.length} cases (${exits}); slowest ${slowest.name} ${slowest.ms.toFixed(0)} ms; peak resident memory of the test process ${(peak / 1024 ** 2).toFixed(0)} MiB`,
  );
});

describe('scenario files (tests/corpus/scenarios)', () => {
  for (const name of readdirSync(SCENARIOS).sort()) {
    it(name, async () => {
      const file = `tests/corpus/scenarios/${name}`;
      const expected = expectationOf(readFileSync(join(SCENARIOS, name)));
      await check(name, ['validate', file], expected, new RegExp(`^${escape(file)}:\\d+:\\d+: `, 'm'));
    }, CASE_TIMEOUT_MS);
  }
});

describe('generated scenario files', () => {
  for (const name of Object.keys(GENERATED)) {
    it(name, async () => {
      const file = join(tmp, name);
      await check(name, ['validate', file], { exit: 2, message: /./ }, new RegExp(`^${escape(file)}:\\d+:\\d+: `, 'm'));
    }, CASE_TIMEOUT_MS);
  }
});

interface CommandCase {
  args: string[];
  exit: number;
  message: string;
  stdout?: string;
  stdoutNot?: string;
}

describe('command lines (tests/corpus/commands.yaml)', () => {
  const cases = parseYaml(readFileSync(join(CORPUS, 'commands.yaml'), 'utf8')) as CommandCase[];
  const digits400 = '9'.repeat(400);
  for (const [index, c] of cases.entries()) {
    it(`${index + 1}: ${c.args.join(' ').slice(0, 100)}`, async () => {
      const args = c.args.map((arg) =>
        arg.replace('$BASE', BASE).replace('$TMP', tmp).replace('$RESULTS', tmp).replace('$DIGITS400', digits400),
      );
      const result = await check(`commands.yaml case ${index + 1}`, args, { exit: c.exit, message: new RegExp(c.message, 'm') }, /./);
      if (c.stdout !== undefined) expect(result.stdout).toMatch(new RegExp(c.stdout));
      if (c.stdoutNot !== undefined) expect(result.stdout).not.toMatch(new RegExp(c.stdoutNot));
    }, CASE_TIMEOUT_MS);
  }
});
