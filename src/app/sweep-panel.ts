/**
 * The Sweep tab: runs every cell × replicate of the scenario's sweep in the page's workers (progress, Cancel), or
 * opens a results file written by `hyperclimb run --out` (refusing, with the reason, a file of another scenario or a
 * bad line), plots a measure against one sweep key with one curve per racer and per value of another key, and
 * exports what was run as JSON Lines the command line accepts (`merge`, or `run --out` to resume).
 */
import { ResultsError, digestCheck, fingerprintShape, lineKey, readResultEntries, scenarioFingerprint, summarise, type ResultEntry, type ResultLine } from '../scenario/results.ts';
import type { Scenario } from '../scenario/schema.ts';
import { cellCount } from '../scenario/sweep.ts';
import { compileFormula } from '../scenario/theory.ts';
import { METRICS, SweepView, shortKey, type SweepChoice, type SweepMetric } from '../render/sweep-view.ts';
import { toCsv } from '../render/view.ts';
import { showDefined, withDefinitions } from './glossary.ts';
import { BrowserPool, runSweep, SweepSignal, sweepWorkers } from './sweep-runner.ts';

export interface SweepResults {
  fingerprint: string;
  seed: string | number;
  replicates: number;
  lines: ResultLine[];
  /** 'this page' or the file's name. */
  source: string;
}

export interface SweepPanelEvents {
  toast(message: string, kind?: 'info' | 'error'): void;
  download(name: string, data: string, type: string): void;
  /** The seed a run uses (the reader's, or the scenario's). */
  seed(): string | number;
  /** The reading of the landscape (fitness or loss). */
  reading(): 'fitness' | 'loss';
  /** The sweep values of the cell the race shows, if a race is open. */
  racedCell(): Readonly<Record<string, unknown>> | undefined;
}

const $ = <T extends HTMLElement>(root: HTMLElement, selector: string): T => {
  const element = root.querySelector<T>(selector);
  if (!element) throw new Error(`the sweep panel lacks ${selector}`);
  return element;
};

function option(value: string, text: string): HTMLOptionElement {
  const element = document.createElement('option');
  element.value = value;
  element.textContent = text;
  return element;
}

export class SweepPanel {
  private readonly view: SweepView;
  private scenario?: Scenario;
  private results?: SweepResults;
  private signal?: SweepSignal;
  private pool?: BrowserPool;
  private progress = { done: 0, total: 0 };
  private redrawTimer?: ReturnType<typeof setTimeout>;
  private curves = 0;
  private readonly el: {
    metric: HTMLSelectElement;
    x: HTMLSelectElement;
    series: HTMLSelectElement;
    racer: HTMLSelectElement;
    fixed: HTMLElement;
    run: HTMLButtonElement;
    cancel: HTMLButtonElement;
    bar: HTMLProgressElement;
    count: HTMLElement;
    open: HTMLButtonElement;
    file: HTMLInputElement;
    export: HTMLButtonElement;
    status: HTMLElement;
    empty: HTMLElement;
  };

  constructor(
    private readonly root: HTMLElement,
    private readonly events: SweepPanelEvents,
  ) {
    this.el = {
      metric: $(root, '#sweep-metric'),
      x: $(root, '#sweep-x'),
      series: $(root, '#sweep-series'),
      racer: $(root, '#sweep-racer'),
      fixed: $(root, '#sweep-fixed'),
      run: $(root, '#sweep-run'),
      cancel: $(root, '#sweep-cancel'),
      bar: $(root, '#sweep-progress'),
      count: $(root, '#sweep-count'),
      open: $(root, '#sweep-open'),
      file: $(root, '#sweep-file'),
      export: $(root, '#sweep-export'),
      status: $(root, '#sweep-status'),
      empty: $(root, '#sweep-empty'),
    };
    this.view = new SweepView($(root, '#sweep-plot'));
    this.el.metric.replaceChildren(...METRICS.map((m) => option(m.id, m.label)));
    for (const select of [this.el.metric, this.el.x, this.el.series, this.el.racer]) {
      select.addEventListener('change', () => {
        select.dataset.chosen = select.value;
        this.draw();
      });
    }
    this.el.x.addEventListener('change', () => this.buildChoices());
    this.el.series.addEventListener('change', () => this.buildChoices());
    this.el.run.addEventListener('click', () => void this.run());
    this.el.cancel.addEventListener('click', () => this.cancel());
    this.el.open.addEventListener('click', () => this.el.file.click());
    this.el.file.addEventListener('change', () => {
      const file = this.el.file.files?.[0];
      this.el.file.value = '';
      if (file) void this.openFile(file);
    });
    this.el.export.addEventListener('click', () => this.exportLines());
  }

  get running(): boolean {
    return this.signal !== undefined;
  }

  /** A scenario (or seed) is in force: keep results that still belong to it, drop the others. */
  setScenario(scenario: Scenario): void {
    const previous = this.scenario;
    this.scenario = scenario;
    if (this.running && previous && this.identity(previous, this.events.seed(), previous.replicates) !== this.identity(scenario, this.events.seed(), scenario.replicates)) {
      this.cancel();
      this.events.toast('The scenario changed, so the sweep was cancelled.');
    }
    if (this.results && !this.running && this.identity(scenario, this.results.seed, this.results.replicates) !== this.results.fingerprint) {
      this.results = undefined;
    }
    this.buildChoices();
    this.update();
  }

  private identity(scenario: Scenario, seed: string | number, replicates: number): string {
    return scenarioFingerprint({ ...scenario, seed, replicates });
  }

  private keys(): string[] {
    return Object.keys(this.scenario?.sweep ?? {});
  }

  /** Fills the selects from the sweep, keeping the reader's choices where they still apply. */
  private buildChoices(): void {
    const scenario = this.scenario;
    if (!scenario) return;
    const keys = this.keys();
    // The reader's own choice where it still applies, else the default.
    const keep = (select: HTMLSelectElement, values: string[], fallback: string) => (select.dataset.chosen !== undefined && values.includes(select.dataset.chosen) ? select.dataset.chosen : fallback);
    const x = keep(this.el.x, keys, keys.includes('landscape.dim') ? 'landscape.dim' : (keys[0] ?? ''));
    this.el.x.replaceChildren(...keys.map((k) => option(k, k)));
    this.el.x.value = x;
    const others = keys.filter((k) => k !== x);
    const series = keep(this.el.series, ['', ...others], others[0] ?? '');
    this.el.series.replaceChildren(option('', 'none'), ...others.map((k) => option(k, k)));
    this.el.series.value = series;
    // The keys are the file's names (landscape.dim, map.copies): their tooltips say them in plain words.
    for (const select of [this.el.x, this.el.series]) select.title = withDefinitions(`The sweep varies ${keys.join(', ')}.`);
    const labels = scenario.optimizers.map((r) => r.label);
    const racer = keep(this.el.racer, ['', ...labels], '');
    this.el.racer.replaceChildren(option('', 'all racers'), ...labels.map((l) => option(l, l)));
    this.el.racer.value = racer;
    // Any further key is held at one value.
    const fixedKeys = others.filter((k) => k !== series);
    const previous = new Map([...this.el.fixed.querySelectorAll('select')].map((s) => [s.dataset.key!, s.value]));
    this.el.fixed.replaceChildren(
      ...fixedKeys.map((key) => {
        const label = document.createElement('label');
        label.className = 'inline';
        label.textContent = `${shortKey(key)} at `;
        const select = document.createElement('select');
        select.dataset.key = key;
        const values = scenario.sweep![key].map(String);
        select.replaceChildren(...values.map((v) => option(v, v)));
        select.value = values.includes(previous.get(key) ?? '') ? previous.get(key)! : values[0];
        select.addEventListener('change', () => this.draw());
        label.append(select);
        return label;
      }),
    );
    this.draw();
  }

  private choice(): SweepChoice {
    const labels = this.scenario?.optimizers.map((r) => r.label) ?? [];
    const fixed: Record<string, string> = {};
    for (const select of this.el.fixed.querySelectorAll('select')) fixed[select.dataset.key!] = select.value;
    return {
      metric: this.el.metric.value as SweepMetric,
      x: this.el.x.value,
      series: this.el.series.value || null,
      racers: this.el.racer.value ? [this.el.racer.value] : labels,
      fixed,
      current: this.events.racedCell(),
    };
  }

  /** Redraws the plot from the results in hand. */
  draw(): void {
    clearTimeout(this.redrawTimer);
    this.redrawTimer = undefined;
    const scenario = this.scenario;
    if (!scenario?.sweep || !this.results?.lines.length) {
      this.view.clear();
      this.curves = 0;
      this.update();
      return;
    }
    const labels = scenario.optimizers.map((r) => ({ optimizer: r.id, label: r.label }));
    this.curves = this.view.show(
      {
        cells: summarise(this.results.lines, labels),
        sweep: scenario.sweep,
        racers: labels.map((l) => l.label),
        reading: this.events.reading(),
        theory: scenario.theory?.map((t) => ({ ...t, at: compileFormula(t.formula) })),
      },
      this.choice(),
    );
    this.update();
  }

  private update(): void {
    const scenario = this.scenario;
    const running = this.running;
    const cells = cellCount(scenario?.sweep);
    const replicates = scenario?.replicates ?? 0;
    const total = cells * replicates;
    this.el.run.disabled = running || !scenario?.sweep;
    this.el.cancel.hidden = !running;
    this.el.open.disabled = running;
    this.el.export.disabled = running || !this.results?.lines.length;
    this.el.bar.hidden = !running && this.progress.total === 0;
    this.el.bar.max = Math.max(1, this.progress.total);
    this.el.bar.value = this.progress.done;
    this.el.count.textContent = this.progress.total ? `${this.progress.done.toLocaleString('en')} / ${this.progress.total.toLocaleString('en')} replicates` : '';
    const results = this.results;
    if (results) {
      const racers = scenario?.optimizers.length ?? 1;
      const have = Math.floor(results.lines.length / racers);
      const expected = cells * results.replicates;
      showDefined(this.el.status, `${results.source === 'this page' ? 'Run here' : `From ${results.source}`}: seed ${results.seed}, ${have.toLocaleString('en')} of ${expected.toLocaleString('en')} replicates of its sweep cells${have < expected ? ' (incomplete)' : ''}.`);
    } else {
      showDefined(this.el.status, '');
    }
    this.el.empty.hidden = Boolean(results?.lines.length) || running;
    this.el.empty.textContent = scenario?.sweep
      ? `No results yet. Run sweep runs ${cells} cells × ${replicates} replicates × ${scenario.optimizers.length} racers here (${sweepWorkers()} workers), or open a results file from hyperclimb run --out.`
      : 'This scenario has no sweep.';
  }

  /** Runs the whole sweep in the page's workers. */
  async run(): Promise<void> {
    const scenario = this.scenario;
    if (!scenario?.sweep || this.running) return;
    const seeded = { ...scenario, seed: this.events.seed() };
    const signal = (this.signal = new SweepSignal());
    const pool = (this.pool = new BrowserPool());
    const fingerprint = scenarioFingerprint(seeded);
    this.results = { fingerprint, seed: seeded.seed, replicates: seeded.replicates, lines: [], source: 'this page' };
    const results = this.results;
    this.progress = { done: 0, total: cellCount(seeded.sweep) * seeded.replicates };
    this.draw();
    const started = performance.now();
    try {
      const outcome = await runSweep(
        seeded,
        pool,
        (lines, progress) => {
          results.lines.push(...lines);
          this.progress = { ...progress };
          this.el.bar.value = progress.done;
          this.el.count.textContent = `${progress.done.toLocaleString('en')} / ${progress.total.toLocaleString('en')} replicates`;
          // Curves fill in as cells finish; redraws are throttled.
          this.redrawTimer ??= setTimeout(() => this.draw(), 400);
        },
        signal,
      );
      const failed = outcome.lines.filter((l) => l.error !== undefined);
      if (outcome.status === 'done') {
        this.events.toast(`Sweep done: ${this.progress.total.toLocaleString('en')} replicates in ${((performance.now() - started) / 1000).toFixed(1)} s${failed.length ? `; ${failed.length} runs failed (${failed[0].error})` : ''}.`, failed.length ? 'error' : 'info');
      }
    } finally {
      pool.close();
      if (this.signal === signal) {
        this.signal = undefined;
        this.pool = undefined;
      }
      this.draw();
    }
  }

  cancel(): void {
    if (!this.signal) return;
    this.signal.cancel();
    this.pool?.close();
    this.signal = undefined;
    this.pool = undefined;
    this.events.toast(`Sweep cancelled after ${this.progress.done} of ${this.progress.total} replicates; the finished ones are kept (Export .jsonl, then hyperclimb run --out resumes it).`);
    this.update();
  }

  /** Opens a results file of this scenario (JSON Lines from hyperclimb run --out, merge, or this page). */
  async openFile(file: File): Promise<void> {
    if (file.size > 256 * 1024 ** 2) {
      this.events.toast(`${file.name} is larger than 256 MiB; open a smaller results file`, 'error');
      return;
    }
    this.openText(await file.text(), file.name);
  }

  /**
   * Shows results that ship with the scenario (sims/<name>.results.jsonl) when the panel has none and they belong to
   * the scenario and seed in force; a reader's own results, or a scenario edited since, are left alone.
   */
  async offer(shipped: { name: string; load: () => Promise<string> }): Promise<void> {
    const scenario = this.scenario;
    if (!scenario?.sweep || this.results || this.running) return;
    const text = await shipped.load();
    if (this.scenario !== scenario || this.results || this.running) return;
    const first = text.slice(0, text.indexOf('\n'));
    let fingerprint: unknown;
    let seed: unknown;
    try {
      ({ fingerprint, seed } = JSON.parse(first) as { fingerprint?: unknown; seed?: unknown });
    } catch {
      return;
    }
    const shape = fingerprintShape(fingerprint);
    if (!shape || seed !== this.events.seed() || this.identity(scenario, this.events.seed(), shape.replicates) !== fingerprint) return;
    this.openText(text, shipped.name, false);
  }

  /** Checks and shows results text; returns false (and says why in a toast) when it is refused. */
  openText(text: string, name: string, announce = true): boolean {
    const scenario = this.scenario;
    if (!scenario?.sweep) return false;
    let entries: ResultEntry[];
    let parsed: { lines: ResultLine[]; partialLine?: number };
    try {
      const read = readResultEntries(text, name);
      entries = read.entries;
      parsed = { lines: entries.map((entry) => entry.line), ...(read.partialLine !== undefined && { partialLine: read.partialLine }) };
    } catch (error) {
      const message = error instanceof ResultsError ? `${name}, line ${error.line}: ${error.why}. Nothing was opened.` : `${name} cannot be read: ${(error as Error).message}`;
      this.events.toast(message, 'error');
      return false;
    }
    if (!parsed.lines.length) {
      this.events.toast(`${name} holds no result lines`, 'error');
      return false;
    }
    const first = parsed.lines[0];
    const seed = first.seed;
    const stray = parsed.lines.findIndex((l) => l.fingerprint !== first.fingerprint || l.seed !== seed);
    if (stray >= 0) {
      this.events.toast(`${name} mixes results of different runs (result ${stray + 1} has another fingerprint or seed than the first); open one run's file`, 'error');
      return false;
    }
    const shape = fingerprintShape(first.fingerprint);
    let replicates = scenario.replicates;
    if (shape) {
      replicates = shape.replicates;
      const expected = this.identity(scenario, seed, replicates);
      if (expected !== first.fingerprint) {
        this.events.toast(
          `${name} belongs to another scenario: its fingerprint is ${first.fingerprint}, while “${scenario.title}” with seed ${seed} and ${replicates} replicates has ${expected}. Open the scenario it was run from first.`,
          'error',
        );
        return false;
      }
    } else {
      // An older file without fingerprints: check what can be checked.
      const labels = new Set(scenario.optimizers.map((r) => r.label));
      const keys = JSON.stringify(this.keys());
      const foreign = parsed.lines.find((l) => !labels.has(l.label) || JSON.stringify(Object.keys(l.params)) !== keys);
      if (foreign) {
        this.events.toast(`${name} belongs to another scenario: it has racer “${foreign.label}” with sweep keys ${Object.keys(foreign.params).join(', ') || 'none'}`, 'error');
        return false;
      }
      replicates = Math.max(scenario.replicates, ...parsed.lines.map((l) => l.replicate + 1));
    }
    // Identity first (a file of another run is the likelier mistake), then integrity: the command line refuses a
    // line whose digest does not match its content, and so does the page.
    const changed = entries.find((entry) => digestCheck(entry.line) === 'changed');
    if (changed) {
      this.events.toast(`${name}, line ${changed.lineNumber}: changed after it was written (its digest does not match its content). Nothing was opened.`, 'error');
      return false;
    }
    if (this.running) this.cancel();
    const seen = new Set<string>();
    const lines = parsed.lines.filter((l) => !seen.has(lineKey(l)) && seen.add(lineKey(l)));
    this.results = { fingerprint: first.fingerprint ?? this.identity(scenario, seed, replicates), seed, replicates, lines, source: name };
    this.progress = { done: 0, total: 0 };
    this.draw();
    const notes = [
      parsed.partialLine !== undefined && `line ${parsed.partialLine} is unfinished (an interrupted write) and was left out`,
      !shape && 'it has no fingerprints, so only its racers and sweep keys were checked',
      lines.length < parsed.lines.length && `${parsed.lines.length - lines.length} repeated lines were counted once`,
    ].filter(Boolean);
    if (announce) this.events.toast(`Opened ${name}: ${lines.length.toLocaleString('en')} runs${notes.length ? `; ${notes.join('; ')}` : ''}.`);
    return true;
  }

  /** The lines in hand as JSON Lines, as `hyperclimb run --out` writes them. */
  jsonl(): string {
    return this.results?.lines.length ? `${this.results.lines.map((line) => JSON.stringify(line)).join('\n')}\n` : '';
  }

  private exportLines(): void {
    const text = this.jsonl();
    if (!text) return;
    this.events.download(`${this.baseName()}-sweep.jsonl`, text, 'application/jsonl');
  }

  private baseName(): string {
    return (this.scenario?.title ?? 'sweep').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'sweep';
  }

  csv(): string {
    return toCsv(this.view.rows());
  }

  png(): Promise<Blob> {
    const canvas = this.view.canvas();
    if (!canvas) return Promise.reject(new Error('the sweep plot is empty: run the sweep or open a results file first'));
    return new Promise((resolve, reject) => canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('the plot could not be exported'))), 'image/png'));
  }

  /** For tests and the curious. */
  snapshot(): { running: boolean; done: number; total: number; lines: number; curves: number; source: string | null } {
    return { running: this.running, ...this.progress, lines: this.results?.lines.length ?? 0, curves: this.curves, source: this.results?.source ?? null };
  }
}
