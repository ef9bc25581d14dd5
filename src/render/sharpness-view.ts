/**
 * Sharpness against time: the top eigenvalue of the loss Hessian at each measured racer's current point (replicate
 * 1, measured in the worker at fixed generations) against evaluations spent, one point per sample, and a dashed
 * line at each racer's stability limit (2/η for gradient descent). Cohen et al. (2021) found full-batch gradient
 * descent raising the sharpness to 2/η and hovering there; this is the chart that shows it.
 */
import uPlot from 'uplot';
import type { Frame, RaceInfo } from '../../workers/protocol.ts';
import { cssColor, racerColor } from './colors.ts';
import { AXIS_STROKE, drawLabel, GRID, LineChart } from './line-chart.ts';
import { toCsv, type View } from './view.ts';

/** A limit drawn on the chart only while it is at most this many times the largest sharpness (else it is named at the top). */
const LIMIT_REACH = 2.5;

/**
 * The note above the chart, for a reader who has met neither a Hessian nor Lanczos: what is measured, where, how often,
 * and what the dashed lines mean. `racers`: the indices of the racers measured.
 */
export function sharpnessNote(info: RaceInfo, racers: readonly number[]): string {
  const cadences = [...new Set(racers.map((k) => info.racers[k].sharpnessEvery))];
  const unlimited = racers.filter((k) => info.racers[k].needsGradient && !info.racers[k].stability).map((k) => info.racers[k].label);
  return (
    `Sharpness: how steeply the loss curves along its most curved direction (the top eigenvalue of its Hessian, found by ` +
    `the Lanczos method from a few dozen gradients), at each racer’s current point in the run the views draw (replicate 1), ` +
    `every ${cadences.join(' or ')} steps. Dashed: the racer’s stability limit — steps of learning rate η overshoot and ` +
    `diverge on a bowl sharper than 2/η.` +
    (unlimited.length ? ` ${unlimited.join(', ')}: no fixed limit (its step sizes adapt as it goes).` : '')
  );
}

/**
 * A racer's samples as uPlot draws them: points only. The sharpness is sampled every so many steps, and at the edge
 * of stability it swings within a few steps, so a line between two samples would draw a trend never measured.
 */
export function sampleSeries(label: string, color: number): uPlot.Series {
  return {
    label,
    stroke: cssColor(color),
    width: 0,
    paths: () => null,
    // A point's own 1 px rim in its colour is what the legend draws as the racer's swatch (uPlot takes a series
    // without a line's marker from its points' stroke: with none the legend showed names alone).
    points: { show: true, size: 10, width: 1, stroke: cssColor(color), fill: cssColor(color) },
  };
}

export class SharpnessView extends LineChart implements View {
  readonly id = 'sharpness' as const;
  readonly title = 'Sharpness';
  private info?: RaceInfo;
  /** Indices of the racers drawn (those with a sharpness trace), in series order. */
  private racers: number[] = [];
  private xs: number[][] = [];
  private ys: number[][] = [];
  private shown: readonly boolean[] = [];
  private lastFrame?: Frame;
  private logScale = false;

  reset(info: RaceInfo): void {
    this.info = info;
    this.racers = info.feeds.sharpness === true ? info.racers.flatMap((r, k) => (r.sharpnessEvery !== null ? [k] : [])) : [];
    this.xs = this.racers.map(() => []);
    this.ys = this.racers.map(() => []);
    this.shown = info.racers.map(() => true);
    this.setNote(info.feeds.sharpness === true ? this.explanation(info) : `No sharpness view here: ${info.feeds.sharpness}.`);
    this.build();
  }

  /** Shows the sharpness on a logarithmic scale (then every stability limit fits on the chart). */
  setLogScale(on: boolean): void {
    this.logScale = on;
    this.build();
  }

  private explanation(info: RaceInfo): string {
    return sharpnessNote(info, this.racers);
  }

  private build(): void {
    const info = this.info;
    if (!this.host || !info) return;
    this.replot(
      {
        scales: { x: { time: false }, y: { distr: this.logScale ? 3 : 1, range: (_u, min, max) => this.range(min, max) } },
        axes: [
          { label: 'evaluations (a gradient counts as its declared cost)', stroke: AXIS_STROKE, grid: GRID, labelSize: 24 },
          { label: 'sharpness λ_max of the loss Hessian', stroke: AXIS_STROKE, grid: GRID, size: 60 },
        ],
        legend: { live: false },
        series: [
          { label: 'evaluations' },
          ...this.racers.map((k) => sampleSeries(info.racers[k].label, racerColor(k))),
        ],
        hooks: { draw: [(u: uPlot) => this.drawLimits(u)] },
      },
      this.data(),
    );
  }

  /** The racers' traces on one x axis (uPlot's join leaves gaps where a racer has no point). */
  private data(): uPlot.AlignedData {
    if (!this.racers.length) return [[]];
    return uPlot.join(this.racers.map((_, i) => [this.xs[i], this.ys[i]] as uPlot.AlignedData));
  }

  /** The limits of the shown racers, [racer, value, label]. */
  private limits(): [number, number, string][] {
    return this.racers.flatMap((k) => {
      const limit = this.info!.racers[k].stability;
      return limit && this.shown[k] ? [[k, limit.value, limit.label] as [number, number, string]] : [];
    });
  }

  /** The data's range, widened to the limits that are near it (all of them on a log scale). */
  private range(min: number | null, max: number | null): uPlot.Range.MinMax {
    let lo = min ?? 0;
    let hi = max ?? 1;
    for (const [, value] of this.limits()) {
      if (this.logScale || value <= LIMIT_REACH * Math.max(hi, 1e-12)) {
        lo = Math.min(lo, value);
        hi = Math.max(hi, value);
      }
    }
    if (this.logScale) return [Math.max(1e-6, lo > 0 ? lo / 1.25 : hi / 1e3), Math.max(hi * 1.25, 1e-5)];
    const pad = 0.08 * (hi - Math.min(lo, 0) || 1);
    return [lo >= 0 ? 0 : lo - pad, hi + pad];
  }

  private drawLimits(u: uPlot): void {
    const ctx = u.ctx;
    const dpr = devicePixelRatio || 1;
    const { left, top, width, height } = u.bbox;
    const yMax = u.scales.y.max ?? 1;
    ctx.save();
    let above = 0;
    for (const [k, value, label] of this.limits()) {
      const color = cssColor(racerColor(k));
      const name = `${this.info!.racers[k].label}: ${label}`;
      if (value > yMax) {
        // Off the chart: named at the top, with an arrow.
        drawLabel(ctx, `${name} ↑`, left + width - 6 * dpr, top + (16 + 18 * above++) * dpr, color, 'right');
        continue;
      }
      const y = u.valToPos(value, 'y', true);
      if (y > top + height) continue;
      ctx.strokeStyle = color;
      ctx.lineWidth = 1.5 * dpr;
      ctx.setLineDash([8 * dpr, 5 * dpr]);
      ctx.beginPath();
      ctx.moveTo(left, y);
      ctx.lineTo(left + width, y);
      ctx.stroke();
      drawLabel(ctx, name, left + width - 6 * dpr, y - 6 * dpr, color, 'right');
    }
    ctx.restore();
  }

  update(frame: Frame, shown: readonly boolean[]): void {
    if (!this.plot) return;
    let fresh = false;
    // A redraw hands the last frame over again: its samples are in already.
    const seen = frame === this.lastFrame;
    this.lastFrame = frame;
    if (!seen) this.racers.forEach((k, i) => {
      const pairs = frame.racers[k]?.sharpness;
      if (!pairs) return;
      for (let p = 0; p + 1 < pairs.length; p += 2) {
        this.xs[i].push(pairs[p]);
        this.ys[i].push(pairs[p + 1]);
        fresh = true;
      }
    });
    const toggled = shown.some((on, k) => on !== this.shown[k]);
    this.shown = shown.slice();
    this.racers.forEach((k, i) => this.plot!.setSeries(i + 1, { show: shown[k] }, false));
    if (fresh || toggled) this.plot.setData(this.data());
  }

  /** Points received so far, over all racers (for tests). */
  get points(): number {
    return this.xs.reduce((n, xs) => n + xs.length, 0);
  }

  csv(): string {
    const rows: (string | number)[][] = [['racer', 'evaluations', 'sharpness', 'stability_limit']];
    this.racers.forEach((k, i) => {
      const racer = this.info!.racers[k];
      this.xs[i].forEach((x, p) => rows.push([racer.label, x, this.ys[i][p], racer.stability?.value ?? '']));
    });
    return toCsv(rows);
  }
}
