/**
 * Bad input never crashes the parser: random text, random JSON-like documents and mutations of the shipped
 * scenarios each give either a valid scenario or a ScenarioError whose every issue has a line, a column and a
 * message (property-based, fast-check).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ScenarioError } from '../src/scenario/issues.ts';
import { parseScenario } from '../src/scenario/parse.ts';
import { readSimsFile } from './support/sims.ts';

const sims = join(__dirname, '..', 'sims');
const valid = readdirSync(sims)
  .filter((f) => f.endsWith('.yaml'))
  .map((f) => readFileSync(join(sims, f), 'utf8'));

/** Parses and returns 'ok' or 'error'; anything else (an exception that is not a ScenarioError) fails the property. */
function outcome(text: string): 'ok' | 'error' {
  try {
    parseScenario(text, 'fuzz.yaml', { readFile: readSimsFile });
    return 'ok';
  } catch (error) {
    if (!(error instanceof ScenarioError)) throw error;
    expect(error.issues.length).toBeGreaterThan(0);
    for (const issue of error.issues) {
      expect(issue.line).toBeGreaterThanOrEqual(1);
      expect(issue.column).toBeGreaterThanOrEqual(1);
      expect(issue.message.length).toBeGreaterThan(0);
      expect(issue.message).not.toMatch(/\n|at .*\.ts:\d+/);
    }
    return 'error';
  }
}

const tokens = ['', '-1', '0', '1e308', '-1e308', '.nan', '.inf', 'null', '~', 'true', 'x', '"', "'", '{', '[', ']', '}', '&a', '*a', '!!binary', ':', '- ', '#', '\t', '1.5', '999999999999', 'nk', 'ga', 'sphere', 'adam', 'dim', 'k'];

/** A mutation of a valid file: replace, delete, duplicate or insert at a random place. */
const mutated = fc
  .record({
    file: fc.integer({ min: 0, max: valid.length - 1 }),
    edits: fc.array(
      fc.record({
        kind: fc.constantFrom('replace-value', 'delete-line', 'duplicate-line', 'insert', 'indent'),
        at: fc.nat(),
        token: fc.constantFrom(...tokens),
        junk: fc.string({ maxLength: 6 }),
      }),
      { minLength: 1, maxLength: 4 },
    ),
  })
  .map(({ file, edits }) => {
    let lines = valid[file].split('\n');
    for (const edit of edits) {
      const i = edit.at % lines.length;
      const line = lines[i];
      if (edit.kind === 'replace-value') lines[i] = line.includes(':') ? `${line.slice(0, line.indexOf(':') + 1)} ${edit.token}` : `${line}${edit.token}`;
      else if (edit.kind === 'delete-line') lines = lines.filter((_, j) => j !== i);
      else if (edit.kind === 'duplicate-line') lines.splice(i, 0, line);
      else if (edit.kind === 'insert') lines[i] = line.slice(0, edit.at % (line.length + 1)) + edit.junk + edit.token + line.slice(edit.at % (line.length + 1));
      else lines[i] = ` ${line}`;
    }
    return lines.join('\n');
  });

const fieldNames = ['schemaVersion', 'title', 'seed', 'landscape', 'id', 'dim', 'k', 'optimizers', 'budget', 'evaluations', 'stop', 'sweep', 'replicates', 'preset', 'label', 'populationSize', 'landscape.dim', 'map'];
const jsonish = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    fc.integer(),
    fc.double(),
    fc.constantFrom('nk', 'ga', 'onemax', 'sphere', 'cma-es', 'ga-small', 'random', 'x'),
    fc.boolean(),
    fc.constant(null),
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(fc.constantFrom(...fieldNames), tie('value'), { maxKeys: 5 }),
  ),
})).value;

describe('the scenario parser under fuzzing', () => {
  it('accepts the shipped files unmutated', () => {
    for (const text of valid) expect(outcome(text)).toBe('ok');
  });

  it('survives mutated versions of the shipped files', () => {
    fc.assert(fc.property(mutated, (text) => void outcome(text)), { numRuns: 400, seed: 20261127 });
  });

  it('survives random text', () => {
    fc.assert(fc.property(fc.string({ maxLength: 200 }), (text) => void outcome(text)), { numRuns: 400, seed: 1 });
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 100 }), (text) => void outcome(text)), { numRuns: 200, seed: 2 });
  });

  it('survives random documents built from scenario words', () => {
    const documents = fc.record({ schemaVersion: fc.constantFrom(1, 1, 2, '1'), rest: fc.dictionary(fc.constantFrom(...fieldNames), jsonish, { maxKeys: 8 }) });
    fc.assert(fc.property(documents, ({ schemaVersion, rest }) => void outcome(JSON.stringify({ schemaVersion, ...rest }))), { numRuns: 400, seed: 3 });
  });
});
