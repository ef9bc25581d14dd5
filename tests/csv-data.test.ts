/**
 * Your own data (issue 18): the strict CSV reader, the broken-CSV corpus (tests/corpus/csv: one located message per
 * file), data attached to the scenario (its content in the fingerprint) and the shipped example's data file.
 */
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml, stringify } from 'yaml';
import { fruitCsv } from '../examples/make-fruit-csv.ts';
import { readTable } from '../src/core/nets/csv-table.ts';
import { readSavedNetwork } from '../src/core/nets/saved-network.ts';
import { createLandscape, createStart, problemOf } from '../src/core/run/instance.ts';
import { runSpecs } from '../src/scenario/cells.ts';
import { tableRows } from '../src/core/nets/table-data.ts';
import { deriveRng } from '../src/core/rng.ts';
import { formatIssue, ScenarioError } from '../src/scenario/issues.ts';
import { inlineAttachedFiles, SHARE_INLINE_DATA_BYTES } from '../src/scenario/attached-files.ts';
import { parseScenario } from '../src/scenario/parse.ts';
import { decodeShareState, encodeShareState } from '../src/scenario/share-link.ts';
import { scenarioFingerprint } from '../src/scenario/results.ts';
import { inProcess } from './support/cli.ts';

const CORPUS = 'tests/corpus/csv';
const BASE = `${CORPUS}/base.yaml`;
const root = join(__dirname, '..');
const readFile = (path: string) => readFileSync(join(root, path));

interface Case {
  at: string;
  message: string;
  data?: Record<string, unknown>;
  loss?: string;
}

const cases = parseYaml(readFileSync(join(root, CORPUS, 'expect.yaml'), 'utf8')) as Record<string, Case>;

/** The corpus's base scenario reading `file`, with `data` fields overridden, as YAML text. */
function scenarioText(file: string, data: Record<string, unknown> = {}, loss?: string): string {
  const base = parseYaml(readFileSync(join(root, BASE), 'utf8'));
  Object.assign(base.landscape.data, { file }, data);
  if (loss) base.landscape.loss = loss;
  return stringify(base);
}

function issuesOf(text: string, read: ((path: string) => Uint8Array) | null = readFile): string[] {
  try {
    parseScenario(text, BASE, read ? { readFile: read } : {});
  } catch (error) {
    if (error instanceof ScenarioError) return error.issues.map(formatIssue);
    throw error;
  }
  return [];
}

describe('the broken-CSV corpus', () => {
  it('has an expectation for every file but the good ones', () => {
    const files = readdirSync(join(root, CORPUS)).filter((f) => f.endsWith('.csv') && f !== 'good.csv' && f !== 'bom.csv');
    expect(files.sort()).toEqual(Object.keys(cases).sort());
  });

  for (const [name, c] of Object.entries(cases)) {
    it(`${name}: one message, located`, () => {
      const issues = issuesOf(scenarioText(name, c.data, c.loss));
      expect(issues).toHaveLength(1);
      const where = c.at === 'scenario' ? `${BASE}:\\d+:\\d+: ` : `${CORPUS}/${name}:${c.at}: `;
      expect(issues[0]).toMatch(new RegExp(`^${where}.*${c.message}`));
    });
  }

  it('accepts a UTF-8 byte-order mark with a note, reading the same table as without it', () => {
    const notes: string[] = [];
    const withBom = parseScenario(scenarioText('bom.csv'), BASE, { readFile, onNote: (note) => notes.push(note) });
    const without = parseScenario(scenarioText('good.csv'), BASE, { readFile });
    expect(notes).toEqual([expect.stringMatching(/^tests\/corpus\/csv\/bom.csv: starts with a UTF-8 byte-order mark/)]);
    expect((withBom.landscape.data as { text: string }).text).toBe((without.landscape.data as { text: string }).text);
  });

  it('refuses a data file over the limit at 1:1, naming the limit', () => {
    const big = new Uint8Array(8 * 1024 * 1024 + 1).fill(0x31);
    expect(issuesOf(scenarioText('big.csv'), () => big)).toEqual([`${CORPUS}/big.csv:1:1: the file has 8,388,609 bytes; a data file may have at most 8.0 MiB`]);
  });

  it('the command line refuses it by its size before reading, at the scenario field', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hc-csv-'));
    writeFileSync(join(dir, 'big.csv'), Buffer.alloc(8 * 1024 * 1024 + 1, 0x31));
    writeFileSync(join(dir, 'big.yaml'), scenarioText('big.csv'));
    const result = await inProcess('validate', join(dir, 'big.yaml'));
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/big\.yaml:\d+:\d+: landscape\.data\.file: cannot read .*big\.csv: it has 8,388,609 bytes; a data file may have at most 8.0 MiB/);
    expect(result.stderr).not.toMatch(/^\s+at /m);
  });

  it('says when the data file is not loaded (a page without the file)', () => {
    expect(issuesOf(scenarioText('good.csv'), null as never)).toEqual([expect.stringMatching(/landscape\.data\.file: good\.csv is not loaded/)]);
  });

  it('does not let a sweep change the file', () => {
    const text = `${scenarioText('good.csv')}sweep:\n  landscape.data.file: [good.csv, bom.csv]\n`;
    expect(issuesOf(text)).toEqual([expect.stringMatching(/a sweep cannot vary the file a scenario reads/)]);
  });
});

describe('a CSV as rows of a network', () => {
  const spec = { inputs: ['a', 'b'], target: 'y', task: 'classification' as const };

  it('reads quoted fields, spaces and CRLF, and maps the two classes in sorted order to −1 and +1', () => {
    const { table } = readTable('a,"b",y\r\n1, 2 ,"no"\r\n3,"4",yes\r\n5,6,"no"\r\n', spec, 't.csv');
    expect(Array.from(table!.x)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(Array.from(table!.y)).toEqual([-1, 1, -1]);
    expect(table!.classes).toEqual(['no', 'yes']);
  });

  it('standardises with the training rows only, and a split column keeps train rows first in file order', () => {
    const text = 'a,b,y,set\n1,10,p,test\n2,20,q,train\n4,40,p,train\n100,0,q,test\n';
    const { table } = readTable(text, { ...spec, split: 'set' }, 't.csv');
    const rows = tableRows(table!, 2, { testFraction: 0.5, standardise: true }, deriveRng(1, 'x'));
    expect(rows.train).toBe(2);
    expect(rows.standardisation).toEqual({ mean: [3, 30], sd: [1, 10] });
    expect(Array.from(rows.x)).toEqual([-1, -1, 1, 1, -2, -2, 97, -3]);
    expect(Array.from(rows.y)).toEqual([1, -1, -1, 1]);
  });
});

describe('data in the scenario', () => {
  const example = readFileSync(join(root, 'sims/your-own-data.yaml'), 'utf8');
  const file = 'sims/your-own-data.yaml';

  it('the shipped fruit.csv is what examples/make-fruit-csv.ts writes', () => {
    expect(readFileSync(join(root, 'sims/data/fruit.csv'), 'utf8')).toBe(fruitCsv());
  });

  it("the data's content is part of the fingerprint: one changed value makes another run", () => {
    const same = scenarioFingerprint(parseScenario(example, file, { readFile }));
    expect(scenarioFingerprint(parseScenario(example, file, { readFile }))).toBe(same);
    const edited = (path: string) => Buffer.from(readFile(path).toString('utf8').replace('5.34,6.90', '5.34,6.91'));
    expect(scenarioFingerprint(parseScenario(example, file, { readFile: edited }))).not.toBe(same);
  });
});

describe('a saved network', () => {
  it('reloads as a start to the same training loss, bit for bit, and names what it was trained on', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hc-net-'));
    const scenario = readFileSync(join(root, 'sims/your-own-data.yaml'), 'utf8')
      .replace('file: data/fruit.csv', `file: ${join(root, 'sims/data/fruit.csv')}`)
      .replace('evaluations: 6000', 'evaluations: 300');
    writeFileSync(join(dir, 'fruit.yaml'), scenario);
    const run = await inProcess('run', join(dir, 'fruit.yaml'), '--replicates', '1', '--workers', '1', '--save-network', join(dir, 'net.json'), '--racer', 'Adam');
    expect(run.code, run.stderr).toBe(0);
    const saved = readSavedNetwork(readFileSync(join(dir, 'net.json'), 'utf8'), 'net.json').network!;
    expect(saved).toMatchObject({ racer: 'Adam', cell: 0, replicate: 0, data: { inputs: ['width_cm', 'height_cm', 'mass_g', 'hue'], target: 'kind', classes: ['apple', 'pear'] } });
    expect(saved.data!.standardisation!.mean).toHaveLength(4);

    // The same scenario started from the file: its start point is the saved weights, its loss the saved loss.
    const restarted = scenario.replace('  data:\n', '  start:\n    file: net.json\n  data:\n');
    const parsed = parseScenario(restarted, join(dir, 'again.yaml'), { readFile: (path) => readFileSync(path) });
    const spec = runSpecs(parsed, 0)[0];
    const landscape = createLandscape(spec.landscape, parsed.seed, 0);
    const start = createStart(landscape, problemOf(spec.landscape), parsed.seed, 0);
    expect(Array.from(start.x0)).toEqual(saved.weights);
    expect(Object.is(-start.fitness0, saved.trainingLoss)).toBe(true);
  });

  it('refuses a start whose architecture differs, at the start field', () => {
    const network = JSON.stringify({ format: 'hyperclimb-network', version: 1, architecture: { inputs: 4, hidden: [3], activation: 'tanh', residual: false, loss: 'cross-entropy' }, weights: new Array(19).fill(0), fingerprint: 'x', seed: 1, cell: 0, replicate: 0, racer: 'r', trainingLoss: 1 });
    const text = scenarioText('good.csv').replace('  data:\n', `  start:\n    text: '${network}'\n  data:\n`);
    expect(issuesOf(text)).toEqual([expect.stringMatching(/landscape\.start\.text: architecture\.hidden differs: the saved network has \[3\], this landscape \[2\] \(the saved network is 4 inputs, hidden \[3\], tanh, cross-entropy; this landscape is 4 inputs, hidden \[2\]/)]);
  });
});

describe('a share link', () => {
  const example = readFileSync(join(root, 'sims/your-own-data.yaml'), 'utf8');
  const simsFile = (path: string) => readFile(join('sims', path));

  it('carries a small data set inside its scenario, which then needs no file and is the same run', () => {
    const { text, missing } = inlineAttachedFiles(example, 'your-own-data.yaml', simsFile);
    expect(missing).toEqual([]);
    const link = encodeShareState({ scenario: text });
    const opened = parseScenario(decodeShareState(link).scenario, 'shared.yaml');
    expect(scenarioFingerprint(opened)).toBe(scenarioFingerprint(parseScenario(example, 'your-own-data.yaml', { readFile: simsFile })));
    expect(decodeShareState(link).scenario).toContain('# Watch (seed 3, 5 replicates');
  });

  it(`leaves out data over ${SHARE_INLINE_DATA_BYTES / 1024} KiB and says the link needs the file`, () => {
    const big = new Uint8Array(SHARE_INLINE_DATA_BYTES + 1).fill(0x31);
    const { text, missing } = inlineAttachedFiles(example, 'your-own-data.yaml', () => big);
    expect(text).toBe(example);
    expect(missing).toEqual([{ file: 'data/fruit.csv', reason: '32,769 bytes, more than the 32 KiB of data a link carries' }]);
  });
});

