/**
 * The race: best fitness (or loss, for landscapes read as a loss) against evaluations spent, one line per racer,
 * with gradients charged as declared. Every improvement the runs recorded is a point of its racer's step line (the
 * best so far holds until the next improvement), so the chart and the CSV export hold the same numbers; a flat
 * stretch then runs on to the evaluations the racer has spent. Drawn by uPlot (a small, fast, well-kept charting
 * library), and only while the view is in front.
 */
import uPlot from 'uplot';
import type { RunTrace } from '../core/run/trace.ts';
import { liveRaceTraceCsv } from '../scenario/trace-csv.ts';
import type { Frame, RaceInfo } from '../../workers/protocol.ts';
import { AlignedSteps } from './aligned-steps.ts';
import { cssColor, racerColor } from './colors.ts';
import { AXIS_STROKE, GRID, LineChart } from './line-chart.ts';
import { toCsv, type View } from './view.ts';

export class RaceView extends LineChart implements View {
  readonly id = 'race' as const;
  readonly title = 'Race';
  private info?: RaceInfo;
  private steps = new AlignedSteps(0);
  /** Each racer's evaluations (or flops) spent so far, on the x-axis's currency: its line runs on, flat, to there. */
  private spent: number[] = [];
  private spentFlops: number[] = [];
  private spentEvaluations: number[] = [];
  /** Every improvement: evaluations, flops (NaN without measure.flops or where not counted) and best fitness. */
  private traces: { label: string; evaluations: number[]; flops: number[]; best: number[] }[] = [];
  /** The x-axis's currency: evaluations, or arithmetic work where the race measures flops. */
  private axis: 'evaluations' | 'flops' = 'evaluations';
  /** With `measure.trace`: each racer's result-line trace per replicate, once the race has ended. */
  private resultTraces: RunTrace[][] = [];
  /** Called when the race has ended and its traces can be exported. */
  onTraces?: () => void;
  private shown: readonly boolean[] = [];
  private lastFrame?: Frame;
  private logScale = false;
  private visible = false;
  /** Points arrived while hidden, not yet handed to the chart. */
  private stale = false;

  /** Shows the value axis on a logarithmic scale (losses that shrink by orders of magnitude). */
  setLogScale(on: boolean): void {
    this.logScale = on;
    this.redraw();
  }

  /**
   * Reads the race against flops instead of evaluations (races with `measure.flops`): "fewer evaluations, more
   * work per step" on one chart. Improvements whose flops are not counted are left out.
   */
  setAxis(axis: 'evaluations' | 'flops'): void {
    this.axis = axis;
    this.redraw();
  }

  private redraw(): void {
    if (!this.info) return;
    this.steps = new AlignedSteps(this.traces.length);
    this.traces.forEach((trace, k) => trace.best.forEach((best, i) => this.addPoint(k, trace.evaluations[i], trace.flops[i], best)));
    this.spent = this.axis === 'flops' ? this.spentFlops : this.spentEvaluations;
    this.build(this.info);
  }

  private addPoint(k: number, evaluations: number, flops: number, best: number): void {
    const x = this.axis === 'flops' ? flops : evaluations;
    if (Number.isFinite(x)) this.steps.add(k, x, this.value(best));
  }

  setVisible(visible: boolean): void {
    this.visible = visible;
    if (visible && this.stale) this.draw();
  }

  private value(fitness: number): number | null {
    if (!Number.isFinite(fitness)) return null;
    const v = this.info?.reading === 'loss' ? -fitness : fitness;
    return this.logScale && v <= 0 ? null : v;
  }

  reset(info: RaceInfo): void {
    this.info = info;
    this.steps = new AlignedSteps(info.racers.length);
    if (!info.flops) this.axis = 'evaluations';
    this.spentEvaluations = info.racers.map(() => 0);
    this.spentFlops = info.racers.map(() => 0);
    this.spent = this.axis === 'flops' ? this.spentFlops : this.spentEvaluations;
    this.traces = info.racers.map((r) => ({ label: r.label, evaluations: [], flops: [], best: [] }));
    this.resultTraces = info.racers.map(() => []);
    this.build(info);
  }

  private build(info: RaceInfo): void {
    const axisLabel = info.reading === 'loss' ? 'best loss (−fitness)' : 'best fitness';
    const stepped = uPlot.paths.stepped!({ align: 1 });
    this.replot(
      {
        scales: { x: { time: false, range: (_u, min, max) => [Math.min(min ?? 0, 0), Math.max(max ?? 1, ...this.spent, 1)] }, y: { distr: this.logScale ? 3 : 1 } },
        axes: [
          { label: this.axis === 'flops' ? 'flops (the landscape’s and the method’s arithmetic)' : 'evaluations (a gradient counts as its declared cost)', stroke: AXIS_STROKE, grid: GRID, labelSize: 24 },
          { label: axisLabel, stroke: AXIS_STROKE, grid: GRID, size: 70 },
        ],
        legend: { live: false },
        // The other racers' improvements are gaps in a racer's series: its step line spans them.
        series: [{ label: this.axis }, ...info.racers.map((r, k) => ({ label: r.label, stroke: cssColor(racerColor(k)), width: 2, spanGaps: true, paths: stepped }))],
        hooks: { draw: [(u: uPlot) => this.drawSinceLastImprovement(u)] },
      },
      [this.steps.x, ...this.steps.y] as uPlot.AlignedData,
    );
    this.stale = false;
  }

  /** From each shown racer's last improvement to the evaluations it has spent: its best so far, unchanged. */
  private drawSinceLastImprovement(u: uPlot): void {
    const ctx = u.ctx;
    ctx.save();
    ctx.lineWidth = 2 * (devicePixelRatio || 1);
    this.steps.y.forEach((ys, k) => {
      if (!u.series[k + 1]?.show) return;
      let last = ys.length - 1;
      while (last >= 0 && ys[last] === null) last--;
      if (last < 0 || this.spent[k] <= this.steps.x[last]) return;
      const y = u.valToPos(ys[last]!, 'y', true);
      ctx.strokeStyle = cssColor(racerColor(k));
      ctx.beginPath();
      ctx.moveTo(u.valToPos(this.steps.x[last], 'x', true), y);
      ctx.lineTo(u.valToPos(this.spent[k], 'x', true), y);
      ctx.stroke();
    });
    ctx.restore();
  }

  update(frame: Frame, shown: readonly boolean[]): void {
    if (frame.racers.some((racer) => racer.traces)) {
      frame.racers.forEach((racer, k) => racer.traces && (this.resultTraces[k] = racer.traces));
      this.onTraces?.();
    }
    if (!this.plot || !this.info) return;
    let changed = shown.length !== this.shown.length || shown.some((on, k) => on !== this.shown[k]);
    // A redraw hands the last frame over again: its improvements are in already.
    const fresh = frame !== this.lastFrame;
    this.lastFrame = frame;
    if (fresh) frame.racers.forEach((racer, k) => {
      const trace = this.traces[k];
      for (let i = 0; i < racer.traceX.length; i++) {
        const flops = racer.traceFlops?.[i] ?? NaN;
        trace.evaluations.push(racer.traceX[i]);
        trace.flops.push(flops);
        trace.best.push(racer.traceY[i]);
        this.addPoint(k, racer.traceX[i], flops, racer.traceY[i]);
        changed = true;
      }
      const flops = racer.flops ?? 0;
      if (racer.evaluations !== this.spentEvaluations[k] || flops !== this.spentFlops[k]) {
        this.spentEvaluations[k] = racer.evaluations;
        this.spentFlops[k] = flops;
        changed = true;
      }
    });
    this.shown = shown.slice();
    if (!changed) return;
    this.stale = true;
    if (this.visible) this.draw();
  }

  private draw(): void {
    if (!this.plot) return;
    this.shown.forEach((on, k) => this.plot!.setSeries(k + 1, { show: on }, false));
    this.plot.setData([this.steps.x, ...this.steps.y] as uPlot.AlignedData);
    this.stale = false;
  }

  /** The points the chart draws for racer k, [evaluations or flops, value] (for tests: they are the CSV's improvements). */
  points(k: number): [number, number][] {
    return this.steps.points(k);
  }

  /**
   * The race's traces in the layout of `hyperclimb export --format csv`'s trace.csv (docs/exchange-formats.md), or
   * undefined before the race has ended or when the scenario records no traces (`measure.trace`).
   */
  traceCsv(): string | undefined {
    if (!this.info?.traced || this.resultTraces.some((traces) => !traces.length)) return undefined;
    return liveRaceTraceCsv(this.info.cell, this.info.racers.map((r) => r.label), this.resultTraces);
  }

  csv(): string {
    const rows: (string | number)[][] = [['racer', 'evaluations', 'best_fitness']];
    for (const trace of this.traces) trace.evaluations.forEach((e, i) => rows.push([trace.label, e, trace.best[i]]));
    return toCsv(rows);
  }
}
