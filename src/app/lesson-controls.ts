/**
 * The page's elements behind each control name a lesson uses, and how a step's control states are shown: hidden
 * and highlighted by class, locked with `inert` (no clicks, no focus), so none of it fights the `hidden` and
 * `disabled` states the rest of the page sets. Knobs are rebuilt with each race, so the page re-applies after one.
 */
import type { ControlId } from '../scenario/schema.ts';
import type { ControlState } from './lesson.ts';

/** Each control: a selector, and the ancestor that holds its label (a knob's row) when it has one. */
const ELEMENTS: Record<ControlId, { select: string; up?: string }> = {
  play: { select: '#play' },
  step: { select: '#step' },
  reset: { select: '#reset' },
  'new-seed': { select: '#new-seed' },
  speed: { select: '#speed-field' },
  racers: { select: '#racers-section' },
  cell: { select: '#cell-field' },
  landscape: { select: '#landscape', up: '.knob' },
  map: { select: '#map', up: '.knob' },
  dimension: { select: '#knob-dim', up: '.knob' },
  redundancy: { select: '#knob-map', up: '.knob' },
  ruggedness: { select: '#knob-k', up: '.knob' },
  slope: { select: '#knob-theta', up: '.knob' },
  width: { select: '#knob-width', up: '.knob' },
  'optimizer-knobs': { select: '[id^="knob-racer-"]', up: '.knob' },
  meter: { select: '#dead-end-meter' },
  views: { select: '.tabs [role="tab"]' },
  editor: { select: '#editor-panel' },
};

/** The elements of a control now on the page (none when the scenario has no such knob). */
export function controlElements(root: ParentNode, id: ControlId): HTMLElement[] {
  const { select, up } = ELEMENTS[id];
  return [...root.querySelectorAll<HTMLElement>(select)].map((element) => (up ? (element.closest<HTMLElement>(up) ?? element) : element));
}

/** Shows every control's state on the page. */
export function applyControlStates(root: ParentNode, states: Record<ControlId, ControlState>): void {
  for (const [id, state] of Object.entries(states) as [ControlId, ControlState][]) {
    for (const element of controlElements(root, id)) {
      element.classList.toggle('lesson-hidden', state.hidden);
      element.classList.toggle('lesson-locked', state.locked);
      element.classList.toggle('lesson-highlight', state.highlighted);
      element.inert = state.locked;
    }
  }
}
