/**
 * The control panel: transport (play, step, reset, new seed, speed), the racers with their live numbers and
 * toggles, the sweep cell, and the knobs. Every control has a visible label; moving a knob edits the scenario text.
 */
import type { EndedAt } from '../core/run/spec.ts';
import type { Frame, RaceInfo } from '../../workers/protocol.ts';
import { cssColor, racerColor } from '../render/colors.ts';
import { cellAt } from '../scenario/cells.ts';
import type { Scenario } from '../scenario/schema.ts';
import type { App } from './app.ts';
import { cellMenu } from './cell-menu.ts';
import { showDefined, withDefinitions } from './glossary.ts';
import { compatibleLandscapes, compatibleMaps, fromSlider, knobsFor, setField, setLandscape, setMap, SWEPT, toSlider, type Knob } from './knobs.ts';
import { cellForKnob, sweepKnob } from './sweep-knobs.ts';

const ENDED: Record<EndedAt, string> = {
  optimum: 'reached the optimum',
  'local-optimum': 'stuck at a local optimum',
  saddle: 'stuck at a saddle',
  diverged: 'diverged: its fitness became NaN or ±∞',
  stalled: 'stalled',
  budget: 'budget spent',
};

function valueAt(data: unknown, path: readonly (string | number)[]): unknown {
  let node = data;
  for (const key of path) node = node !== null && typeof node === 'object' ? (node as Record<string | number, unknown>)[key] : undefined;
  return node;
}

function formatNumber(value: number): string {
  if (!Number.isFinite(value)) return '—';
  const abs = Math.abs(value);
  if (abs !== 0 && (abs >= 1e5 || abs < 1e-3)) return value.toExponential(3);
  return Number(value.toPrecision(5)).toString();
}

/** What the racers' table says of replicates, in plain words: how many race, and which one the views draw. */
export function replicatesNote(live: number, total: number): string {
  const drawn = 'the views draw the first of them (replicate 1)';
  if (live < total) return `${live} of ${total} replicates (repeats, each on its own landscape and start) race here, the command line runs all; ${drawn}.`;
  if (live === 1) return 'One replicate (one run on one landscape and start): the views draw it.';
  return `${live} replicates (repeats, each on its own landscape and start): Outcomes counts them all, ${drawn}.`;
}

export class Controls {
  constructor(
    private readonly app: App,
    private readonly root: HTMLElement,
    /** Called with new scenario text when a knob moves. */
    private readonly onText: (text: string) => void,
  ) {
    this.byId<HTMLButtonElement>('play').addEventListener('click', () => app.play());
    this.byId<HTMLButtonElement>('step').addEventListener('click', () => void app.step());
    this.byId<HTMLButtonElement>('reset').addEventListener('click', () => void app.reset());
    this.byId<HTMLButtonElement>('new-seed').addEventListener('click', () => void app.newSeed());
    const speed = this.byId<HTMLInputElement>('speed');
    speed.addEventListener('input', () => {
      app.speed = Math.max(1, Math.round(Math.pow(10, Number(speed.value) / 200)));
      this.byId('speed-value').textContent = `${app.speed.toLocaleString('en')} evaluations per 1/60 s`;
    });
    this.byId<HTMLSelectElement>('cell').addEventListener('change', (event) => void this.chooseCell(Number((event.target as HTMLSelectElement).value)));
    this.byId<HTMLInputElement>('cell-number').addEventListener('change', (event) => {
      const number = Number((event.target as HTMLInputElement).value);
      if (Number.isInteger(number) && number >= 1 && number <= app.cells) void this.chooseCell(number - 1);
      else (event.target as HTMLInputElement).value = String(app.cell + 1);
    });
  }

  private async chooseCell(cell: number): Promise<void> {
    await this.app.setCell(cell);
    // A refused cell leaves the menu on the cell still racing.
    this.byId<HTMLSelectElement>('cell').value = String(this.app.cell);
    this.byId<HTMLInputElement>('cell-number').value = String(this.app.cell + 1);
  }

  private byId<T extends HTMLElement = HTMLElement>(id: string): T {
    const element = this.root.querySelector<T>(`#${id}`);
    if (!element) throw new Error(`the page lacks #${id}`);
    return element;
  }

  /**
   * A race is opening: racers, knobs and cells from the scenario alone, so the controls are filled while the worker
   * prepares the race (seconds for a network) rather than after.
   */
  prepare(scenario: Scenario): void {
    this.fill(scenario, scenario.optimizers.map((racer) => racer.label));
  }

  /** A new race: rebuild racers, knobs and cells. */
  race(info: RaceInfo, scenario: Scenario): void {
    this.fill(scenario, info.racers.map((racer) => racer.label), info.reading);
    showDefined(this.byId('replicates-note'), replicatesNote(info.replicates, scenario.replicates));
  }

  private fill(scenario: Scenario, racers: readonly string[], reading?: 'fitness' | 'loss'): void {
    this.byId('seed-value').textContent = String(this.app.activeSeed);
    const speed = this.byId<HTMLInputElement>('speed');
    speed.value = String(Math.round(200 * Math.log10(this.app.speed)));
    speed.dispatchEvent(new Event('input'));
    this.buildRacers(racers, reading);
    this.buildCells(scenario);
    // A menu or knob the sweep sets shows the value of the chosen cell.
    const cell = scenario.sweep ? cellAt(scenario, this.app.cell).scenario : undefined;
    this.buildLandscapes(scenario, cell ?? scenario);
    const knobs = knobsFor(scenario).map((knob) => sweepKnob(scenario, knob));
    this.buildKnobs(knobs.map((knob) => ((knob.disabled || knob.sweep) && cell ? { ...knob, value: Number(valueAt(cell, knob.path) ?? knob.value) } : knob)));
  }

  playing(on: boolean): void {
    const button = this.byId<HTMLButtonElement>('play');
    button.textContent = on ? 'Pause' : 'Play';
    button.setAttribute('aria-pressed', String(on));
  }

  frame(frame: Frame): void {
    this.byId('clock').textContent = `${frame.clock.toLocaleString('en')} evaluations per racer${frame.done ? ' · finished' : ''}`;
    const loss = this.app.info?.reading === 'loss';
    frame.racers.forEach((racer, k) => {
      const row = this.root.querySelector<HTMLElement>(`[data-racer="${k}"]`);
      if (!row) return;
      row.querySelector('.evaluations')!.textContent = racer.evaluations.toLocaleString('en');
      row.querySelector('.best')!.textContent = formatNumber(loss ? -racer.bestFitness : racer.bestFitness);
      row.querySelector('.status')!.textContent = racer.endedAt ? ENDED[racer.endedAt] : 'running';
      row.dataset.ended = racer.endedAt ?? '';
    });
  }

  private buildRacers(racers: readonly string[], reading?: 'fitness' | 'loss'): void {
    const body = this.byId('racers-body');
    this.byId('best-heading').textContent = reading === 'loss' ? 'best loss' : reading === 'fitness' ? 'best fitness' : 'best';
    body.replaceChildren(
      ...racers.map((label, k) => {
        const row = document.createElement('tr');
        row.dataset.racer = String(k);
        row.innerHTML = `
          <td><label class="racer-toggle"><input type="checkbox" ${this.app.shown[k] ? 'checked' : ''}>
            <span class="swatch"></span><span class="name"></span></label></td>
          <td class="evaluations num">0</td><td class="best num">—</td><td class="status">running</td>`;
        // Set through the style object: a style attribute in markup is inline style, which the page's CSP refuses.
        row.querySelector<HTMLElement>('.swatch')!.style.background = cssColor(racerColor(k));
        row.querySelector('.name')!.textContent = label;
        row.querySelector('input')!.setAttribute('aria-label', `show ${label}`);
        row.querySelector('input')!.addEventListener('change', (event) => {
          this.app.shown[k] = (event.target as HTMLInputElement).checked;
          this.app.redraw();
        });
        return row;
      }),
    );
  }

  private buildCells(scenario: Scenario): void {
    const select = this.byId<HTMLSelectElement>('cell');
    const menu = cellMenu(scenario.sweep, this.app.cell);
    this.byId('cell-field').hidden = menu.cells < 2;
    // The menu's labels are the file's names for what the sweep varies (map.copies = 8): the tooltip says them plainly.
    this.byId('cell-field').title = withDefinitions(`Sweep cell: the values of ${Object.keys(scenario.sweep ?? {}).join(', ')} this race uses.`);
    select.replaceChildren(
      ...menu.options.map((cell) => {
        const option = document.createElement('option');
        option.value = String(cell.index);
        option.textContent = cell.label;
        return option;
      }),
    );
    select.value = String(this.app.cell);
    this.byId('cell-more').hidden = !menu.note;
    this.byId('cell-note').textContent = menu.note ?? '';
    const number = this.byId<HTMLInputElement>('cell-number');
    number.max = String(menu.cells);
    number.value = String(this.app.cell + 1);
  }

  private buildLandscapes(scenario: Scenario, cell: Scenario): void {
    const select = this.byId<HTMLSelectElement>('landscape');
    select.replaceChildren(
      ...compatibleLandscapes(scenario).map(({ id, title }) => {
        const option = document.createElement('option');
        option.value = id;
        option.textContent = title;
        return option;
      }),
    );
    select.value = cell.landscape.id;
    select.disabled = Object.keys(scenario.sweep ?? {}).some((key) => key.startsWith('landscape.id'));
    select.onchange = () => this.onText(setLandscape(this.app.text, select.value));
    const mapSelect = this.byId<HTMLSelectElement>('map');
    mapSelect.replaceChildren(
      ...compatibleMaps(scenario).map(({ id, title }) => {
        const option = document.createElement('option');
        option.value = id;
        option.textContent = id === 'identity' ? 'none (identity)' : title;
        return option;
      }),
    );
    mapSelect.value = cell.map?.id ?? 'identity';
    mapSelect.disabled = Object.keys(scenario.sweep ?? {}).some((key) => key.startsWith('map.id'));
    mapSelect.onchange = () => this.onText(setMap(this.app.text, mapSelect.value));
  }

  /** A knob of a sweep key: it shows the sweep value it would snap to, and on release races that cell. */
  private sweepKnob(knob: Knob, field: HTMLElement, input: HTMLInputElement, output: HTMLOutputElement): void {
    const { key, values } = knob.sweep!;
    const target = () => cellForKnob(this.app.scenario!, this.app.cell, key, knob, fromSlider(knob, Number(input.value)));
    field.title = `Set by the sweep (${key}: ${values.join(', ')}): moving it races the sweep cell with the nearest of these values`;
    output.textContent += ' (sweep cell)';
    input.addEventListener('input', () => (output.textContent = `${formatNumber(Number(target().value))} (sweep cell)`));
    input.addEventListener('change', () => {
      const { cell } = target();
      // The same cell: the slider goes back to its value; another one rebuilds the knobs when it races.
      if (cell !== this.app.cell) return void this.chooseCell(cell);
      input.value = String(toSlider(knob, knob.value));
      output.textContent = `${formatNumber(knob.value)} (sweep cell)`;
    });
  }

  private buildKnobs(knobs: Knob[]): void {
    const host = this.byId('knobs');
    // Held before the knobs are replaced: it may sit among them.
    const meter = document.getElementById('dead-end-meter');
    host.replaceChildren(
      ...knobs.map((knob) => {
        const field = document.createElement('div');
        field.className = 'knob';
        const id = `knob-${knob.id}`;
        field.innerHTML = `<label for="${id}"></label><input id="${id}" type="range" min="0" max="1000" step="1"><output for="${id}"></output>`;
        field.querySelector('label')!.textContent = knob.label;
        const input = field.querySelector('input')!;
        const output = field.querySelector('output')!;
        input.value = String(toSlider(knob, knob.value));
        output.textContent = formatNumber(knob.value);
        if (knob.disabled) {
          input.disabled = true;
          field.title = knob.disabled;
          output.textContent += knob.disabled === SWEPT ? ' (this sweep cell)' : ' (fixed)';
        }
        if (knob.sweep) {
          this.sweepKnob(knob, field, input, output);
          return field;
        }
        input.addEventListener('input', () => (output.textContent = formatNumber(fromSlider(knob, Number(input.value)))));
        input.addEventListener('change', () => this.onText(setField(this.app.text, knob.path, fromSlider(knob, Number(input.value)))));
        return field;
      }),
    );
    // The dead-end meter sits right after the landscape's own knobs (dimension, ruggedness, redundancy).
    if (meter) {
      const fields = [...host.children];
      const lastLandscapeKnob = knobs.reduce((last, knob, i) => (knob.id.startsWith('racer-') ? last : i), -1);
      host.insertBefore(meter, fields[lastLandscapeKnob + 1] ?? null);
    }
  }
}
