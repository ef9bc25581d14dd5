/**
 * What the page is preparing while a scenario opens, shown over the views: a network's race takes seconds to open
 * (its data and every live replicate's weights are made first), and a blank stage reads as a broken page.
 */
import { landscapeDef } from '../core/landscapes/registry.ts';
import { cellAt } from '../scenario/cells.ts';
import type { Scenario } from '../scenario/schema.ts';

/** What opening cell `cell` of `scenario` with `replicates` live replicates prepares, as a line for the reader. */
export function openingText(scenario: Scenario, cell: number, replicates: number): string {
  const { landscape, optimizers } = scenario.sweep ? cellAt(scenario, cell).scenario : scenario;
  const def = landscapeDef(landscape.id);
  const dim = landscape.dim.toLocaleString('en');
  const what =
    landscape.id === 'relu-teacher-student'
      ? 'the teacher network and its data'
      : landscape.id === 'mlp'
        ? `the network (${dim} weights) and its data`
        : `the ${def?.title ?? landscape.id} landscape (N = ${dim})`;
  const racers = optimizers.map((racer) => racer.label).join(', ');
  const copies = replicates > 1 ? `, ${replicates} replicates each` : '';
  return `Preparing ${what}… starting ${optimizers.length} racer${optimizers.length === 1 ? '' : 's'} (${racers}${copies})…`;
}

/** Shows only when an opening outlasts SHOW_AFTER_MS, so a quick reset does not flash. */
const SHOW_AFTER_MS = 150;

export class LoadProgress {
  private timer?: ReturnType<typeof setTimeout>;

  /** `element` is visible in the page's markup, so the stage says what it is doing before any script has run. */
  constructor(private readonly element: HTMLElement) {}

  show(text: string): void {
    this.element.textContent = text;
    if (!this.element.hidden || this.timer !== undefined) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.element.hidden = false;
    }, SHOW_AFTER_MS);
  }

  hide(): void {
    // Called with every frame: a hidden element is left alone.
    if (this.element.hidden && this.timer === undefined) return;
    clearTimeout(this.timer);
    this.timer = undefined;
    this.element.hidden = true;
  }

  get text(): string | null {
    return this.element.hidden ? null : this.element.textContent;
  }
}
