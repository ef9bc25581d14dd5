/**
 * Lessons: the schema accepts the steps teachers write and names the file, line and field of a mistyped control or
 * knob path; the pure lesson logic (src/app/lesson.ts) decides steps, control states and what entering a step does.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { clampStep, controlStates, navigationKey, planStep, shortcutControl, stepLabel } from '../src/app/lesson.ts';
import { ScenarioError, type ScenarioIssue } from '../src/scenario/issues.ts';
import { parseScenario } from '../src/scenario/parse.ts';
import type { LessonStep } from '../src/scenario/schema.ts';

const sims = join(__dirname, '..', 'sims');
const read = (file: string) => readFileSync(join(sims, file), 'utf8');

const base = [
  'schemaVersion: 1',
  'title: a lesson',
  'landscape: {id: nk, dim: 8, k: 2}',
  'map: {id: duplicate, copies: 2}',
  'optimizers: [{id: ga, label: GA}, {id: greedy-walk}]',
  'budget: {evaluations: 500}',
  'sweep: {landscape.k: [0, 2]}',
  'lesson:',
];

function issuesOf(lines: string[]): ScenarioIssue[] {
  try {
    parseScenario([...base, ...lines].join('\n'), 'lesson.yaml');
  } catch (error) {
    if (error instanceof ScenarioError) return [...error.issues];
    throw error;
  }
  return [];
}

describe('lesson steps in the schema', () => {
  it('accept every field, with actions in the sweep’s path vocabulary', () => {
    const scenario = parseScenario(
      [
        ...base,
        '  - title: one',
        '    text: "**Markdown**"',
        '    show: [play, dimension]',
        '    hide: [editor]',
        '    lock: [redundancy]',
        '    view: hypercube',
        '    action: {cell: 1, set: {landscape.dim: 10, map.copies: 3, optimizers.GA.populationSize: 20}, run: 200}',
        '    question: why?',
        '    answer: because',
        '  - title: two',
        '    action: {load: eye.yaml, run: done}',
      ].join('\n'),
      'lesson.yaml',
    );
    expect(scenario.lesson).toHaveLength(2);
    expect(scenario.lesson![0].action).toEqual({ cell: 1, set: { 'landscape.dim': 10, 'map.copies': 3, 'optimizers.GA.populationSize': 20 }, run: 200 });
  });

  it('name a mistyped control at its line with a suggestion', () => {
    const issues = issuesOf(['  - title: one', '    show: [play, redundancy]', '    lock: [dimenson]']);
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ line: 11, column: 12, path: 'lesson[0].lock[0]' });
    expect(issues[0].message).toMatch(/^expected one of play, step, .*, got "dimenson" \(did you mean 'dimension'\?\)$/);
  });

  it('name an action path the scenario does not have, a swept path and a missing cell', () => {
    const issues = issuesOf([
      '  - title: one',
      '    action: {set: {landscape.dimm: 4}}',
      '  - title: two',
      '    action: {set: {landscape.k: 4}}',
      '  - title: three',
      '    action: {set: {map.copies: 0, optimizers.Nobody.populationSize: 3}}',
      '  - title: four',
      '    action: {cell: 2}',
    ]);
    expect(issues.map((i) => [i.line, i.path])).toEqual([
      [10, 'lesson[0].action.set["landscape.dimm"]'],
      [12, 'lesson[1].action.set["landscape.k"]'],
      [14, 'lesson[2].action.set["optimizers.Nobody.populationSize"]'],
      [16, 'lesson[3].action.cell'],
    ]);
    // map.copies = 0 is not reported: values are checked when the step is entered, against the scenario as it is then.
    const [dimm, swept, nobody, cell] = issues.map((i) => i.message);
    expect(dimm).toBe("unknown field 'dimm' (did you mean 'dim'?); fields here: id, dim, k, neighbours, alleles, p, q");
    expect(swept).toBe("landscape.k is varied by the sweep: choose a sweep cell with 'cell:' instead");
    expect(nobody).toMatch(/^no optimizer 'Nobody'; racers are 0 \(GA\), 1 \(greedy-walk\)/);
    expect(cell).toBe('the scenario has 2 sweep cells (0 to 1), not 2');
    const [run] = issuesOf(['  - title: one', '    action: {run: soon, load: ../eye.yaml}']);
    expect(run).toMatchObject({ line: 10, path: 'lesson[0].action.run' });
  });

  it('validate the lessons shipped in sims/: short, and every file a step loads is there and valid', () => {
    for (const file of ['eye.yaml', 'dimension-vs-dead-ends.yaml', 'ga-vs-gd.yaml']) {
      const lesson = parseScenario(read(file), file).lesson ?? [];
      expect([file, lesson.length >= 4 && lesson.length <= 8]).toEqual([file, true]);
      for (const step of lesson) if (step.action?.load) expect(parseScenario(read(step.action.load), step.action.load).title).toBeTruthy();
    }
  });
});

describe('lesson logic', () => {
  it('keeps a step from a link inside the lesson', () => {
    expect([clampStep(undefined, 6), clampStep(3, 6), clampStep(9, 6), clampStep(-2, 6), clampStep(2.7, 6), clampStep(4, 0)]).toEqual([0, 3, 5, 0, 2, 0]);
    expect(stepLabel(1, 6)).toBe('Step 2 of 6');
  });

  it('points at shown controls for a teacher and hides the rest in a classroom', () => {
    const step: LessonStep = { title: 't', show: ['play', 'dimension'], hide: ['meter'], lock: ['dimension', 'speed'] };
    const teacher = controlStates(step, false);
    expect(teacher.play).toEqual({ hidden: false, locked: false, highlighted: true });
    expect(teacher.dimension).toEqual({ hidden: false, locked: true, highlighted: true });
    expect(teacher.speed).toEqual({ hidden: false, locked: true, highlighted: false });
    expect(teacher.meter.hidden).toBe(true);
    expect(teacher.editor.hidden).toBe(false);
    const classroom = controlStates(step, true);
    expect(Object.entries(classroom).filter(([, s]) => !s.hidden).map(([id]) => id)).toEqual(['play', 'dimension']);
    expect([classroom.play.highlighted, classroom.dimension.locked]).toEqual([false, true]);
    // A step that names nothing to show keeps every control but the editor, even in a classroom.
    const open = controlStates({ title: 't' }, true);
    expect(Object.entries(open).filter(([, s]) => s.hidden).map(([id]) => id)).toEqual(['editor']);
  });

  it('maps keys: shortcuts to the controls they work, lesson navigation apart from → (step)', () => {
    expect([' ', 'ArrowRight', 's', 'r', 'n', 'e', '3', 'x'].map(shortcutControl)).toEqual(['play', 'step', 'step', 'reset', 'new-seed', 'editor', 'views', undefined]);
    expect([navigationKey('PageDown', false), navigationKey('ArrowRight', true), navigationKey('PageUp', false), navigationKey('ArrowLeft', true), navigationKey('ArrowRight', false)]).toEqual([
      'next',
      'next',
      'back',
      'back',
      undefined,
    ]);
  });

  it('plans a step: set edits the racing text in place, load swaps the file, cell and run pass through', () => {
    const lesson = { text: read('dimension-vs-dead-ends.yaml'), file: 'dimension-vs-dead-ends.yaml' };
    const find = (file: string) => (file === 'eye.yaml' ? read('eye.yaml') : undefined);
    const current = { ...lesson, cell: 0, ownsLesson: true };
    const set = planStep({ title: 't', action: { set: { 'optimizers.GA.populationSize': 12, 'budget.evaluations': 900 }, run: 300 }, view: 'race' }, 0, current, lesson, find);
    expect(set.reload).toBe(true);
    const data = parse(set.source.text);
    expect([data.optimizers[1].populationSize, data.budget.evaluations, set.run, set.view]).toEqual([12, 900, 300, 'race']);
    expect(set.source.text).toContain('# The headline experiment');
    // A value already in place leaves the text untouched (rewriting would reformat the teacher's file).
    const same = planStep({ title: 't', action: { set: { 'landscape.dim': 2 } } }, 0, current, lesson, find);
    expect([same.reload, same.source.text === lesson.text]).toEqual([false, true]);
    const stay = planStep({ title: 't', action: { run: 'done' } }, 1, current, lesson, find);
    expect([stay.reload, stay.run, stay.source]).toEqual([false, 'done', lesson]);
    const cell = planStep({ title: 't', action: { cell: 3 } }, 1, current, lesson, find);
    expect([cell.reload, cell.cell]).toEqual([true, 3]);
    const load = planStep({ title: 't', action: { load: 'eye.yaml' } }, 2, current, lesson, find);
    expect([load.reload, load.source.file]).toEqual([true, 'eye.yaml']);
    // Back from a loaded file: a step without load returns to the lesson's own scenario.
    const back = planStep({ title: 't' }, 1, { ...load.source, cell: 0, ownsLesson: false }, lesson, find);
    expect([back.reload, back.source]).toEqual([true, lesson]);
    expect(() => planStep({ title: 't', action: { load: 'gone.yaml' } }, 4, current, lesson, find)).toThrow("lesson step 5 loads 'gone.yaml', which is not among the files in sims/");
  });
});
