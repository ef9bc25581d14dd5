/**
 * The race: best fitness (or loss, for landscapes read as a loss) against evaluations spent, one line per racer,
 * with gradients charged as declared. Drawn by uPlot (a small, fast, well-kept charting library). The CSV export
 * holds every improvement exactly as the runs recorded it.
 */
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import type { Frame, RaceInfo } from '../../workers/page-session.ts';
import { cssColor, racerColor } from './colors.ts';
import { toCsv, type View } from './view.ts';

export class RaceView implements View {
  readonly id = 'race' as const;
  readonly title = 'Race';
  private host!: HTMLElement;
  private plot?: uPlot;
  private info?: RaceInfo;
  private x: number[] = [];
  private y: (number | null)[][] = [];
  private ended: boolean[] = [];
  private traces: { label: string; evaluations: number[]; best: number[] }[] = [];
  private observer?: ResizeObserver;
  private logScale = false;

  async mount(host: HTMLElement): Promise<void> {
    this.host = host;
    this.observer = new ResizeObserver(() => this.plot?.setSize(this.size()));
    this.observer.observe(host);
  }

  private size(): { width: number; height: number } {
    return { width: Math.max(200, this.host.clientWidth - 8), height: Math.max(160, this.host.clientHeight - 40) };
  }

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
    this.plot?.destroy();
    const axisLabel = info.reading === 'loss' ? 'best loss (−fitness)' : 'best fitness';
    const stroke = '#aab0bd';
    const grid = { stroke: '#2a2f3a', width: 1 };
    this.plot = new uPlot(
      {
        ...this.size(),
        scales: { x: { time: false }, y: { distr: this.logScale ? 3 : 1 } },
        axes: [
          { label: 'evaluations (a gradient counts as its declared cost)', stroke, grid, labelSize: 24 },
          { label: axisLabel, stroke, grid, size: 70 },
        ],
        legend: { live: false },
        series: [{ label: 'evaluations' }, ...info.racers.map((r, k) => ({ label: r.label, stroke: cssColor(racerColor(k)), width: 2, spanGaps: false }))],
      },
      [this.x, ...this.y] as uPlot.AlignedData,
      this.host,
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

  png(): Promise<Blob> {
    const canvas = this.host.querySelector('canvas');
    if (!canvas) return Promise.reject(new Error('the race chart is not drawn yet'));
    return new Promise((resolve, reject) => canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('the chart could not be exported'))), 'image/png'));
  }

  destroy(): void {
    this.observer?.disconnect();
    this.plot?.destroy();
  }
}
