/**
 * The race: best fitness (or loss, for landscapes read as a loss) against evaluations spent, one line per racer,
 * with gradients charged as declared. Drawn by uPlot (a small, fast, well-kept charting library). The CSV export
 * holds every improvement exactly as the runs recorded it.
 */
import type uPlot from 'uplot';
import type { Frame, RaceInfo } from '../../workers/page-session.ts';
import { cssColor, racerColor } from './colors.ts';
import { AXIS_STROKE, GRID, LineChart } from './line-chart.ts';
import { toCsv, type View } from './view.ts';

export class RaceView extends LineChart implements View {
  readonly id = 'race' as const;
  readonly title = 'Race';
  private info?: RaceInfo;
  private x: number[] = [];
  private y: (number | null)[][] = [];
  private ended: boolean[] = [];
  private traces: { label: string; evaluations: number[]; best: number[] }[] = [];
  private logScale = false;

  /** Shows the value axis on a logarithmic scale (losses that shrink by orders of magnitude). */
  setLogScale(on: boolean): void {
    this.logScale = on;
    if (this.info) this.build(this.info);
  }

  private value(fitness: number): number | null {
    if (!Number.isFinite(fitness)) return null;
    const v = this.info?.reading === 'loss' ? -fitness : fitness;
    return this.logScale && v <= 0 ? null : v;
  }

  reset(info: RaceInfo): void {
    this.info = info;
    this.x = [];
    this.y = info.racers.map(() => []);
    this.ended = info.racers.map(() => false);
    this.traces = info.racers.map((r) => ({ label: r.label, evaluations: [], best: [] }));
    this.build(info);
  }

  private build(info: RaceInfo): void {
    const axisLabel = info.reading === 'loss' ? 'best loss (−fitness)' : 'best fitness';
    this.replot(
      {
        scales: { x: { time: false }, y: { distr: this.logScale ? 3 : 1 } },
        axes: [
          { label: 'evaluations (a gradient counts as its declared cost)', stroke: AXIS_STROKE, grid: GRID, labelSize: 24 },
          { label: axisLabel, stroke: AXIS_STROKE, grid: GRID, size: 70 },
        ],
        legend: { live: false },
        series: [{ label: 'evaluations' }, ...info.racers.map((r, k) => ({ label: r.label, stroke: cssColor(racerColor(k)), width: 2, spanGaps: false }))],
      },
      [this.x, ...this.y] as uPlot.AlignedData,
    );
  }

  update(frame: Frame, shown: readonly boolean[]): void {
    if (!this.plot || !this.info) return;
    frame.racers.forEach((racer, k) => {
      const trace = this.traces[k];
      for (let i = 0; i < racer.traceX.length; i++) {
        trace.evaluations.push(racer.traceX[i]);
        trace.best.push(racer.traceY[i]);
      }
    });
    this.x.push(frame.clock);
    frame.racers.forEach((racer, k) => {
      // A finished racer's line stops at its last evaluation instead of running on at its final value.
      this.y[k].push(this.ended[k] ? null : this.value(racer.bestFitness));
      if (racer.endedAt) this.ended[k] = true;
    });
    frame.racers.forEach((_, k) => this.plot!.setSeries(k + 1, { show: shown[k] }, false));
    this.plot.setData([this.x, ...this.y] as uPlot.AlignedData);
  }

  csv(): string {
    const rows: (string | number)[][] = [['racer', 'evaluations', 'best_fitness']];
    for (const trace of this.traces) trace.evaluations.forEach((e, i) => rows.push([trace.label, e, trace.best[i]]));
    return toCsv(rows);
  }
}
