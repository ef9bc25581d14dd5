/**
 * The page's answer panel and glossary (src/app/answer.ts, src/app/glossary.ts): every line opens a scenario sims/
 * has, at a lesson step it has, every marked term is defined, no line quotes a figure (the experiment shows them),
 * and the glossary finds terms as whole words only.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { answer, answerParts, plainText } from '../src/app/answer.ts';
import { glossaryEntry, termsIn, withDefinitions } from '../src/app/glossary.ts';
import { parseScenario } from '../src/scenario/parse.ts';

const sims = join(__dirname, '..', 'sims');
const lines = answer.sides.flatMap((side) => side.lines);

describe('the answer, both ways', () => {
  it('has lines on both sides, each opening a scenario of sims/ (and its lesson step, where it names one)', () => {
    expect(answer.sides.map((side) => side.lines.length >= 2)).toEqual([true, true]);
    for (const line of lines) {
      const scenario = parseScenario(readFileSync(join(sims, line.file), 'utf8'), line.file);
      if (line.step === undefined) continue;
      expect([line.file, scenario.lesson?.[line.step]?.title]).toEqual([line.file, line.stepTitle]);
    }
  });

  it('quotes no figure and defines every term it marks', () => {
    for (const line of [answer.question, ...lines.map((l) => l.text)]) {
      expect([line, /\d/.test(plainText(line))]).toEqual([line, false]);
      for (const part of answerParts(line)) {
        if (typeof part !== 'string') expect([part.term, glossaryEntry(part.term) !== undefined]).toEqual([part.term, true]);
      }
    }
  });

  it('splits marked terms from text, with or without shown text of their own', () => {
    expect(answerParts('a [[dead end]] and [[NK landscapes|NK]].')).toEqual(['a ', { shown: 'dead end', term: 'dead end' }, ' and ', { shown: 'NK landscapes', term: 'NK' }, '.']);
    expect(plainText('a [[dead end]] and [[NK landscapes|NK]].')).toBe('a dead end and NK landscapes.');
  });
});

describe('the glossary', () => {
  it('finds terms as whole words, in any case, and appends their definitions to a tooltip', () => {
    expect(termsIn('every genotype in layers, local optima marked').map((e) => e.term)).toEqual(['local optimum', 'genotype']);
    expect(termsIn('NKs and gradients and deadend')).toEqual([]);
    expect(termsIn('the House of Cards').map((e) => e.term)).toEqual(['house of cards']);
    expect(withDefinitions('best fitness against evaluations')).toBe('best fitness against evaluations');
    expect(withDefinitions('sharpness (top Hessian eigenvalue) against time, with 2/η')).toMatch(/^sharpness .*\n\nHessian: .*\nη: The learning rate/);
  });
});
