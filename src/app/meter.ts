/**
 * The dead-end meter beside the knobs: the share of random starts from which the natural local search (greedy walk,
 * or gradient descent on a continuous landscape) ends at a dead end, for the landscape instance the views show.
 * Estimated in its own worker (the simulation worker module, a second instance) so that neither the page nor the
 * race waits for it; requests are debounced, the latest wins (a superseded estimate is stopped by ending its
 * worker) and a stale answer is never shown.
 */
import * as Comlink from 'comlink';
import type { LandscapeSpec } from '../core/run/spec.ts';
import { cellAt, runSpecs, stopRules } from '../scenario/cells.ts';
import type { Scenario } from '../scenario/schema.ts';
import { cellCount } from '../scenario/sweep.ts';
import type { MeterReading } from '../../workers/sim-api.ts';
import type { WorkerApi } from '../../workers/sim.worker.ts';

export interface MeterRequest {
  readonly spec: LandscapeSpec;
  readonly seed: string | number;
  readonly learningRate?: number;
  readonly tolerance: number;
  readonly gradientTolerance: number;
}

/** What the meter measures for a scenario's cell and seed: instance 0 of the cell's landscape, with its map. */
export function meterRequest(scenario: Scenario, cell: number, seed: string | number): MeterRequest {
  const cellScenario = cell < cellCount(scenario.sweep) ? cellAt(scenario, cell).scenario : scenario;
  const spec = runSpecs(cellScenario, 0)[0].landscape;
  // Gradient descent as the scenario races it, where it races it: its learning rate and stop tolerances.
  const gd = cellScenario.optimizers.find((racer) => racer.id === 'gd');
  const stop = stopRules(cellScenario);
  return {
    spec,
    seed,
    ...(typeof gd?.learningRate === 'number' && { learningRate: gd.learningRate }),
    tolerance: stop.tolerance,
    gradientTolerance: stop.gradientTolerance,
  };
}

function percent(share: number, se: number | null): string {
  const digits = se !== null && se > 0 && se < 0.01 ? 1 : 0;
  return `${(100 * share).toFixed(share > 0 && share < 0.01 && digits === 0 ? 1 : digits)}%`;
}

/** Fewer sampled runs than this that ended (at an optimum or a dead end) give no share. */
export const MIN_DECIDED = 10;

/** Whether a racer of the scenario runs the search the meter measures (the greedy walk, or plain gradient descent). */
export function racesMeterMethod(scenario: Scenario, method: MeterReading['method']): boolean {
  const id = method === 'greedy-walk' ? 'greedy-walk' : 'gd';
  return scenario.optimizers.some((racer) => racer.id === id);
}

/**
 * The meter's sentence, e.g. "Dead ends: 43% ± 3% of greedy walks (250 random starts)". `raced` says whether a racer
 * runs the meter's search; if none does, the sentence says that the meter measures that search only.
 */
export function meterText(reading: MeterReading, raced = true): { value: string; detail: string } {
  const text = measuredText(reading);
  if (raced) return text;
  const search = reading.method === 'greedy-walk' ? 'greedy walks' : 'gradient descent';
  return { ...text, detail: `${text.detail} — the meter measures ${search} only, which no racer here runs` };
}

function measuredText(reading: MeterReading): { value: string; detail: string } {
  const walks = reading.method === 'greedy-walk' ? 'greedy walks' : 'gradient descents';
  const ended = reading.starts - reading.undecided;
  // No share, and not because every run was still moving (that is told below, with the counts): the reason.
  if (reading.share === null && !(reading.starts > 0 && ended === 0)) return { value: '—', detail: reading.reason ?? 'cannot be estimated here' };
  // A share of a handful of runs is noise, and "100%" of one run would read as a verdict: say what is known instead.
  if (reading.share === null || (!reading.exact && ended < MIN_DECIDED)) {
    return {
      value: '—',
      detail: `too few ${walks} ended to tell: ${ended.toLocaleString('en')} of ${reading.starts.toLocaleString('en')} ended (${Math.round(reading.deadEnds).toLocaleString('en')} at a dead end), the rest still climbing when their share of the budget ran out${reading.learningRate !== undefined ? `, learning rate η = ${reading.learningRate}` : ''}`,
    };
  }
  // A sampled share of 0 or 1 has a binomial SE of 0, which is not certainty: give the count instead.
  const certain = reading.exact || reading.se === null || reading.se === 0;
  const value = certain ? percent(reading.share, reading.se) : `${percent(reading.share, reading.se)} ± ${percent(reading.se, reading.se)}`;
  const starts = reading.starts.toLocaleString('en');
  const decided = ended;
  const how = reading.exact
    ? `exact, all ${starts} starts`
    : `${Math.round(reading.deadEnds).toLocaleString('en')} of ${decided.toLocaleString('en')} random starts${reading.undecided ? `; ${reading.undecided} more still moving` : ''}${reading.learningRate !== undefined ? `, learning rate η = ${reading.learningRate}` : ''}`;
  return { value, detail: `of ${walks} (${how})` };
}

export type MeterState = { status: 'idle' | 'estimating' | 'failed'; reading?: MeterReading; error?: string };

export class DeadEndMeter {
  private worker?: Worker;
  private api?: Comlink.Remote<WorkerApi>;
  private timer?: ReturnType<typeof setTimeout>;
  private key = '';
  private requestId = 0;
  /** The request whose estimate is running, if one is. */
  private running?: number;
  state: MeterState = { status: 'idle' };

  constructor(
    private readonly render: (state: MeterState) => void,
    private readonly delayMs = 250,
  ) {}

  /** Asks for an estimate; nothing happens if the question has not changed. */
  request(request: MeterRequest): void {
    const key = JSON.stringify(request);
    if (key === this.key) return;
    this.key = key;
    const id = ++this.requestId;
    clearTimeout(this.timer);
    this.state = { status: 'estimating', reading: this.state.reading };
    this.render(this.state);
    this.timer = setTimeout(() => void this.estimate(id, request), this.delayMs);
  }

  private async estimate(id: number, request: MeterRequest): Promise<void> {
    // A superseded estimate still running is stopped: its worker ends, a fresh one takes the new question.
    if (this.running !== undefined) this.stop();
    this.running = id;
    const api = this.ensure();
    try {
      const reading = await api.deadEnds(request.spec, request.seed, {
        ...(request.learningRate !== undefined && { learningRate: request.learningRate }),
        tolerance: request.tolerance,
        gradientTolerance: request.gradientTolerance,
      });
      if (id !== this.requestId) return;
      this.state = { status: 'idle', reading };
    } catch (error) {
      if (id !== this.requestId) return;
      this.state = { status: 'failed', error: error instanceof Error ? error.message : String(error) };
    } finally {
      if (this.running === id) this.running = undefined;
    }
    this.render(this.state);
  }

  private ensure(): Comlink.Remote<WorkerApi> {
    if (!this.api) {
      this.worker = new Worker(new URL('../../workers/sim.worker.ts', import.meta.url), { type: 'module', name: 'hyperclimb-meter' });
      this.worker.addEventListener('error', (event) => {
        this.stop();
        this.state = { status: 'failed', error: event.message || 'the meter worker failed' };
        this.render(this.state);
      });
      this.api = Comlink.wrap<WorkerApi>(this.worker);
    }
    return this.api;
  }

  private stop(): void {
    this.worker?.terminate();
    this.worker = undefined;
    this.api = undefined;
    this.running = undefined;
  }

  /** Forgets the last question, so the next request is estimated again. */
  invalidate(): void {
    this.key = '';
  }

  destroy(): void {
    clearTimeout(this.timer);
    this.stop();
  }
}
