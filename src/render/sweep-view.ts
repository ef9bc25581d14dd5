/**
 * The sweep: an outcome measure against one sweep key (the dimension, usually), one curve per racer and per value
 * of a second key (the redundancy level), with ±1 standard-error bars. Drawn by uPlot from per-cell summaries of
 * result lines (src/scenario/results.ts); it runs no simulation itself. The x axis is logarithmic when its values
 * span more than a decade (base 2 when they are all powers of two), categorical when they are not numbers. Theory
 * curves the scenario declares for the measure and the x key are drawn beside the measured ones, dashed and grey.
 */
import uPlot from 'uplot';
import type { CellSummary, RacerSummary } from '../scenario/results.ts';
import type { SweepMeasure } from '../scenario/theory.ts';
import { cssColor, racerColor } from './colors.ts';

export type SweepMetric = SweepMeasure;

export const METRICS: readonly { id: SweepMetric; label: string; axis: string }[] = [
  // Axis titles stay short enough for the plot's height on a 1280 × 720 projector with the answer panel open
  // (tests/e2e/page.test.ts); the menu's label carries the detail.
  { id: 'deadEnds', label: 'dead-end rate (local optimum or saddle)', axis: 'share ending at a dead end' },
  { id: 'reachedOptimum', label: 'success rate', axis: 'share reaching the top' },
  { id: 'meanBestFitness', label: 'mean best fitness', axis: 'mean best fitness' },
  { id: 'meanEvaluations', label: 'mean evaluations', axis: 'mean evaluations spent' },
];

type SweepValue = string | number | boolean;

/** What the plot shows. */
export interface SweepChoice {
  metric: SweepMetric;
  /** The sweep key on the x axis. */
  x: string;
  /** A second sweep key (one curve per value), or null. */
  series: string | null;
  /** Labels of the racers shown. */
  racers: readonly string[];
  /** Values of the other sweep keys (those neither on x nor series). */
  fixed: Readonly<Record<string, SweepValue>>;
  /** The sweep values of the cell the race shows, marked on the plot. */
  current?: Readonly<Record<string, unknown>>;
}

export interface SweepData {
  cells: readonly CellSummary[];
  /** The scenario's sweep (key → values in file order). */
  sweep: Readonly<Record<string, readonly SweepValue[]>>;
  /** Every racer label, in scenario order (for stable colours). */
  racers: readonly string[];
  reading: 'fitness' | 'loss';
  /** The scenario's theory curves: a measure against a sweep key, as a function of that key's value. */
  theory?: readonly { label: string; measure: SweepMetric; against: string; at: (x: number) => number }[];
}

export interface Curve {
  label: string;
  racer: number;
  /** Index of the series key's value (0 without a series key). */
  level: number;
  values: (number | null)[];
  errors: (number | null)[];
}

export interface SeriesData {
  x: number[];
  /** Tick labels for a categorical x axis. */
  xLabels?: string[];
  /** Log base of the x axis, or 0 for a linear one. */
  log: 0 | 2 | 10;
  curves: Curve[];
  /** Theory curves for this measure and x key, at the same x values (null where the formula is not finite). */
  theory: { label: string; values: (number | null)[] }[];
  /** Where the cell the race shows sits on the x axis (an x value), and its sweep values, e.g. "race: dim = 8, copies = 4". */
  current?: { x: number; label: string };
}

/** Mean and standard error of a metric for one racer in one cell (binomial SE for shares). */
export function metricOf(result: RacerSummary, metric: SweepMetric, reading: 'fitness' | 'loss' = 'fitness'): { value: number | null; se: number | null } {
  const n = result.replicates;
  if (metric === 'deadEnds' || metric === 'reachedOptimum') {
    if (!n) return { value: null, se: null };
    const p = metric === 'deadEnds' ? result.deadEnds + result.saddles : result.reachedOptimum;
    return { value: p, se: n > 1 ? Math.sqrt((p * (1 - p)) / n) : null };
  }
  if (metric === 'meanEvaluations') return { value: result.meanEvaluations, se: result.seEvaluations };
  const mean = result.meanBestFitness;
  return { value: mean === null ? null : reading === 'loss' ? -mean : mean, se: result.seBestFitness };
}

const isPowerOfTwo = (v: number) => Number.isInteger(v) && v > 0 && (v & (v - 1)) === 0;

/** The curves for a choice: x in the sweep's order (sorted when numeric), one curve per racer × series value. */
export function sweepSeries(data: SweepData, choice: SweepChoice): SeriesData {
  const xValues = data.sweep[choice.x] ?? [];
  const numeric = xValues.length > 0 && xValues.every((v) => typeof v === 'number');
  const xs = numeric ? [...(xValues as number[])].sort((a, b) => a - b) : xValues.map((_, i) => i);
  const xIndex = (value: unknown) => (numeric ? xs.indexOf(Number(value)) : xValues.findIndex((v) => String(v) === String(value)));
  const levels = choice.series ? (data.sweep[choice.series] ?? []) : [undefined];
  const curves: Curve[] = [];
  for (const [racer, label] of data.racers.entries()) {
    if (!choice.racers.includes(label)) continue;
    levels.forEach((level, l) => {
      const curve: Curve = {
        label: choice.series ? `${label}, ${shortKey(choice.series)} = ${String(level)}` : label,
        racer,
        level: l,
        values: xs.map(() => null),
        errors: xs.map(() => null),
      };
      for (const cell of data.cells) {
        if (choice.series && String(cell.params[choice.series]) !== String(level)) continue;
        if (Object.entries(choice.fixed).some(([key, value]) => key !== choice.x && key !== choice.series && String(cell.params[key]) !== String(value))) continue;
        const i = xIndex(cell.params[choice.x]);
        const result = cell.results.find((r) => r.label === label);
        if (i < 0 || !result) continue;
        const { value, se } = metricOf(result, choice.metric, data.reading);
        curve.values[i] = value;
        curve.errors[i] = se;
      }
      curves.push(curve);
    });
  }
  const positive = numeric && xs.length > 1 && xs[0] > 0;
  const log = positive && xs[xs.length - 1] / xs[0] > 10 ? (xs.every(isPowerOfTwo) ? 2 : 10) : 0;
  const theory = numeric
    ? (data.theory ?? [])
        .filter((t) => t.measure === choice.metric && t.against === choice.x)
        .map((t) => ({ label: t.label, values: xs.map((x) => (Number.isFinite(t.at(x)) ? t.at(x) : null)) }))
    : [];
  const at = choice.current ? xIndex(choice.current[choice.x]) : -1;
  const current = at >= 0 ? { x: xs[at], label: `race: ${Object.entries(choice.current!).map(([key, value]) => `${shortKey(key)} = ${String(value)}`).join(', ')}` } : undefined;
  return { x: xs, ...(!numeric && { xLabels: xValues.map(String) }), log, curves, theory, ...(current && { current }) };
}

/**
 * Labels of a base-2 log axis: powers of two (and values below 1) by value, other ticks unlabelled. uPlot's log-axis
 * filter hands over null for the ticks it drops when the plot is small, as it becomes when its tab is hidden.
 */
export function log2TickLabels(ticks: readonly (number | null)[]): string[] {
  return ticks.map((t) => (t !== null && (isPowerOfTwo(Math.round(t)) || t < 1) ? String(+t.toPrecision(3)) : ''));
}

/** `landscape.dim` → `dim`, `map.copies` → `copies`: legends stay short. */
export function shortKey(key: string): string {
  return key.split('.').pop()!.replace(/\[.*\]$/, '');
}

const DASHES: (number[] | undefined)[] = [undefined, [8, 5], [2, 4], [12, 4, 2, 4]];

export class SweepView {
  private plot?: uPlot;
  private data?: SeriesData;
  private choice?: SweepChoice;
  private observer: ResizeObserver;

  constructor(private readonly host: HTMLElement) {
    this.observer = new ResizeObserver(() => this.fit());
    this.observer.observe(host);
  }

  /**
   * The plot's size, so that it and its legend fill the box without scrolling (a 1280×720 projector with the answer
   * panel open leaves about 220 px). The legend goes on the box's long side: beside the plot when the box is more than
   * twice as wide as it is high, below it otherwise. Until the plot exists its legend is estimated (22 px a row of 3).
   */
  private size(): { width: number; height: number } {
    const [width, height] = [this.host.clientWidth - 8, this.host.clientHeight - 8];
    const beside = width > 2 * height;
    this.host.classList.toggle('legend-beside', beside);
    const legend = this.host.querySelector<HTMLElement>('.u-legend');
    const entries = (this.data?.curves.length ?? 0) + (this.data?.theory.length ?? 0);
    const legendBox = legend ? { width: legend.offsetWidth + 8, height: legend.offsetHeight } : { width: 180, height: 22 * Math.ceil(entries / 3) };
    // The floors keep a readable plot when the box is smaller still (the stage then scrolls) or hidden (zero).
    return beside ? { width: Math.max(240, width - legendBox.width), height: Math.max(150, height) } : { width: Math.max(240, width), height: Math.max(150, height - legendBox.height) };
  }

  /**
   * Sizes the plot to its box. The legend wraps to the plot's width, which uPlot lays out a microtask after setSize:
   * its setSize hook calls this again once that is done (a setSize inside the hook would be dropped), which changes
   * nothing once the legend's height is the one measured.
   */
  private fit(): void {
    const size = this.plot && this.size();
    if (size && (size.width !== this.plot!.width || size.height !== this.plot!.height)) this.plot!.setSize(size);
  }

  /** Draws the curves (or clears the plot when there is nothing to draw); returns how many curves have points. */
  show(data: SweepData, choice: SweepChoice): number {
    this.plot?.destroy();
    this.plot = undefined;
    const series = sweepSeries(data, choice);
    this.data = series;
    this.choice = choice;
    const drawn = series.curves.filter((c) => c.values.some((v) => v !== null)).length;
    if (!series.x.length || !drawn) return 0;
    const oneRacer = new Set(series.curves.map((c) => c.racer)).size === 1;
    // Several racers: colour is the racer and the dash the series value. One racer: colour tells the values apart.
    const colour = (c: Curve) => cssColor(racerColor(oneRacer ? c.level : c.racer));
    const dash = (c: Curve) => (oneRacer ? undefined : DASHES[c.level % DASHES.length]);
    const stroke = '#aab0bd';
    const grid = { stroke: '#2a2f3a', width: 1 };
    const fraction = choice.metric === 'deadEnds' || choice.metric === 'reachedOptimum';
    const errorBars = (u: uPlot) => {
      const ctx = u.ctx;
      series.curves.forEach((curve, k) => {
        if (!u.series[k + 1].show) return;
        ctx.save();
        ctx.strokeStyle = colour(curve);
        ctx.lineWidth = 1.5 * devicePixelRatio;
        curve.values.forEach((v, i) => {
          const e = curve.errors[i];
          if (v === null || e === null || e === 0) return;
          const x = u.valToPos(series.x[i], 'x', true);
          const top = u.valToPos(v + e, 'y', true);
          const bottom = u.valToPos(v - e, 'y', true);
          const cap = 4 * devicePixelRatio;
          ctx.beginPath();
          ctx.moveTo(x, top);
          ctx.lineTo(x, bottom);
          ctx.moveTo(x - cap, top);
          ctx.lineTo(x + cap, top);
          ctx.moveTo(x - cap, bottom);
          ctx.lineTo(x + cap, bottom);
          ctx.stroke();
        });
        ctx.restore();
      });
    };
    // The cell racing now: a dotted vertical line at its x, labelled with its sweep values.
    const currentCell = (u: uPlot) => {
      if (!series.current) return;
      const ctx = u.ctx;
      const x = u.valToPos(series.current.x, 'x', true);
      ctx.save();
      ctx.strokeStyle = '#f2c14e';
      ctx.fillStyle = '#f2c14e';
      ctx.lineWidth = devicePixelRatio;
      ctx.setLineDash([2 * devicePixelRatio, 3 * devicePixelRatio]);
      ctx.beginPath();
      ctx.moveTo(x, u.bbox.top);
      ctx.lineTo(x, u.bbox.top + u.bbox.height);
      ctx.stroke();
      ctx.font = `${11 * devicePixelRatio}px sans-serif`;
      const width = ctx.measureText(series.current.label).width;
      // The label stays inside the plot, on whichever side of the line has room.
      const left = x + 4 * devicePixelRatio + width > u.bbox.left + u.bbox.width ? x - 4 * devicePixelRatio - width : x + 4 * devicePixelRatio;
      ctx.fillText(series.current.label, left, u.bbox.top + 12 * devicePixelRatio);
      ctx.restore();
    };
    const xScale: uPlot.Scale = series.log ? { time: false, distr: 3, log: series.log } : { time: false };
    const xValues = series.xLabels
      ? (_u: uPlot, ticks: number[]) => ticks.map((t) => (Number.isInteger(t) ? (series.xLabels![t] ?? '') : ''))
      : series.log === 2
        ? (_u: uPlot, ticks: (number | null)[]) => log2TickLabels(ticks)
        : undefined;
    const pad = 0.35;
    this.plot = new uPlot(
      {
        ...this.size(),
        scales: {
          x: series.xLabels ? { time: false, range: [-pad, series.x.length - 1 + pad] } : xScale,
          y: fraction ? { range: [-0.02, 1.02] } : {},
        },
        axes: [
          // Ticks and values need 40 px (uPlot's default is 50), its title 20: the rest goes to the plot's height.
          { label: `${choice.x}${series.log ? ` (log scale)` : ''}`, stroke, grid, size: 40, labelSize: 20, ...(xValues && { values: xValues }), ...(series.xLabels && { splits: () => series.x }) },
          {
            label: METRICS.find((m) => m.id === choice.metric)!.axis.replace('best fitness', data.reading === 'loss' ? 'best loss' : 'best fitness'),
            stroke,
            grid,
            size: 70,
            ...(fraction && { values: (_u: uPlot, ticks: number[]) => ticks.map((t) => `${Math.round(100 * t)}%`) }),
          },
        ],
        // Refits once uPlot has laid out the new size (see fit), as a plugin to leave the view's own hooks alone.
        plugins: [{ hooks: { setSize: [() => queueMicrotask(() => this.fit())] } }],
        legend: { live: false },
        cursor: { points: { show: false } },
        series: [
          { label: choice.x },
          ...series.curves.map((c) => ({
            label: c.label,
            stroke: colour(c),
            width: 2,
            ...(dash(c) && { dash: dash(c) }),
            spanGaps: true,
            points: { show: true, size: 7, fill: colour(c) },
          })),
          ...series.theory.map((t) => ({ label: t.label, stroke: '#d8dce4', width: 1.5, dash: [6, 4], spanGaps: true, points: { show: false } })),
        ],
        hooks: { draw: [errorBars, currentCell] },
      },
      [series.x, ...series.curves.map((c) => c.values), ...series.theory.map((t) => t.values)] as uPlot.AlignedData,
      this.host,
    );
    this.fit();
    return drawn;
  }

  clear(): void {
    this.plot?.destroy();
    this.plot = undefined;
    this.data = undefined;
  }

  /** The plotted numbers as rows: x, curve, value, standard error. */
  rows(): (string | number | null)[][] {
    const rows: (string | number | null)[][] = [[this.choice?.x ?? 'x', 'curve', this.choice?.metric ?? 'value', 'se']];
    const data = this.data;
    data?.curves.forEach((c) => c.values.forEach((v, i) => rows.push([data.xLabels ? data.xLabels[i] : data.x[i], c.label, v, c.errors[i]])));
    data?.theory.forEach((t) => t.values.forEach((v, i) => rows.push([data.x[i], t.label, v, null])));
    return rows;
  }

  canvas(): HTMLCanvasElement | null {
    return this.host.querySelector('canvas');
  }

  destroy(): void {
    this.observer.disconnect();
    this.plot?.destroy();
  }
}
