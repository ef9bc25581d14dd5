/**
 * The scenario files users meet: every file in sims/ validates and runs, the committed JSON Schema is current, and
 * each broken file in tests/fixtures/broken gets its one expected message at the expected line and column.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createRun } from '../src/core/run/run.ts';
import { expandCells, runSpecs } from '../src/scenario/cells.ts';
import { formatIssue, ScenarioError } from '../src/scenario/issues.ts';
import { scenarioJsonSchema } from '../src/scenario/json-schema.ts';
import { parseScenario } from '../src/scenario/parse.ts';
import { readSimsFile } from './support/sims.ts';

const sims = join(__dirname, '..', 'sims');
const broken = join(__dirname, 'fixtures', 'broken');
const scenarioFiles = readdirSync(sims).filter((f) => /\.(ya?ml|json)$/.test(f) && f !== 'scenario.schema.json');

describe('sims/', () => {
  it('holds the scenarios the docs promise', () => {
    expect(scenarioFiles).toEqual(expect.arrayContaining(['nk-ruggedness.yaml', 'rastrigin-race.yaml', 'onemax-ea.yaml']));
  });

  it.each(scenarioFiles)('%s validates, explains itself at the top and runs every cell', (file) => {
    const text = readFileSync(join(sims, file), 'utf8');
    expect(text.startsWith('#'), 'a comment at the top says what the file shows').toBe(true);
    const scenario = parseScenario(text, file, { readFile: readSimsFile });
    for (const cell of expandCells(scenario)) {
      for (const spec of runSpecs(cell.scenario, 0)) {
        const run = createRun({ ...spec, budget: { evaluations: Math.min(spec.budget.evaluations, 300) } });
        run.finish();
        expect(run.result().evaluations).toBeLessThanOrEqual(300);
      }
    }
  });

  it('has a current JSON Schema (regenerate with npm run schema)', () => {
    expect(readFileSync(join(sims, 'scenario.schema.json'), 'utf8')).toBe(scenarioJsonSchema());
  });
});

/** file → [line, column, field path, a fragment of the message]. */
const expectations: Record<string, [number, number, string, string]> = {
  'missing-version.yaml': [1, 1, '', "schemaVersion is required: add 'schemaVersion: 1'"],
  'future-version.yaml': [1, 16, 'schemaVersion', 'newer than this Hyperclimb reads (1)'],
  'bad-yaml.yaml': [4, 1, '', 'not valid YAML'],
  'duplicate-key.yaml': [6, 1, '', 'Map keys must be unique'],
  'not-a-mapping.yaml': [1, 1, '', 'a scenario is a mapping of fields'],
  'unknown-landscape.yaml': [4, 7, 'landscape.id', `unknown landscape "nkk" (did you mean 'nk'?)`],
  'unknown-field.yaml': [8, 5, 'optimizers[0].populationSiz', `unknown field 'populationSiz' (did you mean 'populationSize'?)`],
  'wrong-type.yaml': [5, 8, 'landscape.dim', 'expected a number, got "ten"'],
  'bad-enum.yaml': [6, 15, 'landscape.neighbours', `expected one of adjacent, random, block, got "adjacnt" (did you mean 'adjacent'?)`],
  'k-too-large.yaml': [6, 6, 'landscape.k', 'k must be at most dim − 1 = 7, got 8'],
  'gradient-on-discrete.yaml': [8, 9, 'optimizers[1].id', 'adam works on continuous landscapes; onemax is discrete'],
  'duplicate-label.yaml': [8, 5, 'optimizers[1]', "racers 0 and 1 are both labelled 'ga'"],
  'unknown-preset.yaml': [7, 13, 'optimizers[0].preset', `unknown preset "ga-smal" (did you mean 'ga-small'?)`],
  'bad-sweep-key.yaml': [11, 3, 'sweep["landscape.kk"]', `unknown field 'kk' (did you mean 'k'?)`],
  'bad-sweep-value.yaml': [14, 7, 'sweep["landscape.k"][2]', 'k must be at most dim − 1 = 15, got 20'],
  'sweep-title.yaml': [11, 3, 'sweep.title', "not 'title'"],
  'too-much-memory.yaml': [7, 5, 'optimizers[0]', 'needs about 3.5 TiB, above the limit of 2.0 GiB'],
  'huge-population.yaml': [7, 5, 'optimizers[0]', 'needs about 47 GiB'],
  'missing-budget.json': [1, 1, 'budget', 'is required (a mapping of fields)'],
};

describe('broken scenario files', () => {
  it('each have an expectation', () => {
    expect(readdirSync(broken).sort()).toEqual(Object.keys(expectations).sort());
  });

  it.each(Object.entries(expectations))('%s: one clear error at the right place', (file, [line, column, path, fragment]) => {
    const text = readFileSync(join(broken, file), 'utf8');
    let error: unknown;
    try {
      parseScenario(text, file);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ScenarioError);
    const issues = (error as ScenarioError).issues;
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ file, line, column, path });
    expect(issues[0].message).toContain(fragment);
    expect(formatIssue(issues[0])).toMatch(new RegExp(`^${file.replace('.', '\\.')}:${line}:${column}: `));
  });

  it('reports several problems of one file together, in line order', () => {
    const text = ['schemaVersion: 1', 'title: two problems', 'landscape: {id: sphere, dim: 0}', 'optimizers: [{id: cma-es, lambda: 1}]', 'budget: {evaluations: 10}'].join('\n');
    const issues = (() => {
      try {
        parseScenario(text, 'two.yaml');
      } catch (e) {
        return (e as ScenarioError).issues;
      }
      return [];
    })();
    expect(issues.map((i) => [i.line, i.path])).toEqual([
      [3, 'landscape.dim'],
      [4, 'optimizers[0].lambda'],
    ]);
  });
});

describe('generated docs', () => {
  it('docs/reference.md is current (regenerate with npm run reference)', async () => {
    const { referenceMarkdown } = await import('../src/scenario/reference.ts');
    expect(readFileSync(join(__dirname, '..', 'docs', 'reference.md'), 'utf8')).toBe(referenceMarkdown());
  });
});
