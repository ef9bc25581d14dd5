/**
 * Lesson logic without the DOM: which step a link may open, which controls a step shows, hides, locks or points
 * at, and what entering a step does to the race (another file, a cell, knob settings, how far to play). The page
 * (lesson-panel.ts, main.ts) only carries these decisions out, so they are tested here in Node.
 */
import { parse } from 'yaml';
import { CONTROL_IDS, type ControlId, type LessonStep } from '../scenario/schema.ts';
import { resolveSweepPath } from '../scenario/sweep.ts';
import { setField } from './knobs.ts';

export interface ControlState {
  readonly hidden: boolean;
  readonly locked: boolean;
  /** The step is about this control: the page draws attention to it. */
  readonly highlighted: boolean;
}

/** A step index from a link or a key press, kept inside the lesson (0 without steps). */
export function clampStep(step: number | undefined, count: number): number {
  if (count <= 0 || step === undefined || !Number.isFinite(step)) return 0;
  return Math.min(count - 1, Math.max(0, Math.floor(step)));
}

/** "Step 2 of 6" for the 0-based `index`. */
export function stepLabel(index: number, count: number): string {
  return `Step ${index + 1} of ${count}`;
}

/**
 * The state of every control at a step. Outside a classroom link `show` only points at controls, so a teacher
 * keeps them all; a classroom link hides the editor and, where a step names what it shows, everything else.
 */
export function controlStates(step: LessonStep | undefined, classroom: boolean): Record<ControlId, ControlState> {
  const states = {} as Record<ControlId, ControlState>;
  for (const id of CONTROL_IDS) {
    const shown = step?.show?.includes(id) ?? false;
    const hidden = (step?.hide?.includes(id) ?? false) || (classroom && (id === 'editor' || (step?.show !== undefined && !shown)));
    // In a classroom what is shown is all there is: pointing at it too would only add noise.
    states[id] = { hidden, locked: !hidden && (step?.lock?.includes(id) ?? false), highlighted: !hidden && shown && !classroom };
  }
  return states;
}

/** The control a page shortcut works, so a hidden or locked control cannot be worked from the keyboard either. */
export function shortcutControl(key: string): ControlId | undefined {
  if (key === ' ') return 'play';
  if (key === 'ArrowRight' || key === 's') return 'step';
  if (key === 'r') return 'reset';
  if (key === 'n') return 'new-seed';
  if (key === 'e') return 'editor';
  if (/^[1-9]$/.test(key)) return 'views';
  return undefined;
}

/**
 * Lesson navigation keys: PageDown/PageUp (what presentation clickers send) and Shift+→/Shift+← (→ alone steps
 * the race).
 */
export function navigationKey(key: string, shift: boolean): 'next' | 'back' | undefined {
  if (key === 'PageDown' || (shift && key === 'ArrowRight')) return 'next';
  if (key === 'PageUp' || (shift && key === 'ArrowLeft')) return 'back';
  return undefined;
}

export interface ScenarioSource {
  readonly text: string;
  readonly file: string;
}

function valueAt(data: unknown, path: readonly (string | number)[]): unknown {
  let node = data;
  for (const key of path) node = node !== null && typeof node === 'object' ? (node as Record<string | number, unknown>)[key] : undefined;
  return node;
}

/** What entering a step does. */
export interface StepPlan {
  /** The scenario the race should show, and its file name. */
  readonly source: ScenarioSource;
  /** True when the race must be (re)loaded: other text, file or cell than the one racing. */
  readonly reload: boolean;
  readonly cell?: number;
  /** Play until each racer has spent this many evaluations, or until every run ends. */
  readonly run?: number | 'done';
  readonly view?: string;
}

/**
 * The plan for entering `step`. A step without `load` happens in the lesson's own scenario (`lesson`), keeping
 * knob changes made since when that scenario is the one racing (`current`); `set` edits the text in place, with
 * the sweep's path vocabulary. `find` returns a sims/ file's text. Throws an Error naming the step on a missing file
 * or a path the scenario does not have (a loaded file is only checked here).
 */
export function planStep(step: LessonStep, index: number, current: ScenarioSource & { cell: number; ownsLesson: boolean }, lesson: ScenarioSource, find: (file: string) => string | undefined): StepPlan {
  const action = step.action;
  let source: ScenarioSource = current.ownsLesson ? { text: current.text, file: current.file } : lesson;
  if (action?.load !== undefined) {
    const text = find(action.load);
    if (text === undefined) throw new Error(`lesson step ${index + 1} loads '${action.load}', which is not among the files in sims/`);
    source = { text, file: action.load };
  }
  if (action?.set) {
    let text = source.text;
    for (const [key, value] of Object.entries(action.set)) {
      const data = parse(text) as Record<string, unknown>;
      let path: (string | number)[];
      try {
        path = resolveSweepPath(key, data);
      } catch (error) {
        throw new Error(`lesson step ${index + 1} sets '${key}': ${(error as Error).message}`);
      }
      // Rewriting the text reformats it (flow lists, quotes); a value already in place leaves the teacher's file as is.
      if (valueAt(data, path) !== value) text = setField(text, path, value);
    }
    source = { text, file: source.file };
  }
  const cell = action?.cell;
  const reload = source.text !== current.text || source.file !== current.file || (cell !== undefined && cell !== current.cell);
  return { source, reload, ...(cell !== undefined && { cell }), ...(action?.run !== undefined && { run: action.run }), ...(step.view !== undefined && { view: step.view }) };
}
