/**
 * The interpolation view: the training loss on the straight segment between two trained networks (a racer's best
 * of replicates 1 and 2), as trained and after weight matching reorders the second's hidden units to match the
 * first, with the chord between the end losses dashed and each curve's loss barrier marked where it is reached.
 * Computed in the worker on request (workers/feeds/interpolation.ts); this view only draws it.
 */
import type uPlot from 'uplot';
import type { Frame, InterpolationData, RaceInfo } from '../../workers/protocol.ts';
import { AXIS_STROKE, drawLabel, GRID, LineChart } from './line-chart.ts';
import { toCsv, type View } from './view.ts';

const BEFORE = '#e69f00';
const AFTER = '#56b4e9';
const CHORD = '#8a909c';

export class InterpolationView extends LineChart implements View {
  readonly id = 'interpolation' as const;
  readonly title = 'Interpolation';
  /** Whether the view is in front: the page asks the worker for curves only then. */
  visible = false;
  private data?: InterpolationData;

  setVisible(visible: boolean): void {
    this.visible = visible;
  }

  reset(info: RaceInfo): void {
    this.data = undefined;
    this.setNote(info.feeds.interpolation === true ? 'Computing the interpolation curves…' : `No interpolation view here: ${info.feeds.interpolation}.`);
    this.build();
  }

  /** New curves from the worker. */
  setInterpolation(data: InterpolationData): void {
    this.data = data;
    const f = (v: number) => (Number.isFinite(v) ? v.toPrecision(3) : String(v));
    const [ea, eb] = data.evaluations.map((e) => e.toLocaleString('en-US'));
    const ends = ea === eb ? `${ea} evaluations each` : `${ea} and ${eb} evaluations`;
    this.setNote(
      `${data.label}: best networks of replicates 1 and 2 after ${ends}${data.done ? '' : ' (still training)'}. ` +
        `Loss barrier ${f(data.barrierBefore)} as trained → ${f(data.barrierAfter)} after weight matching ` +
        `(${data.moved} of ${data.units} hidden units moved; same function, other point). ` +
        `Training loss of replicate 1's data: ${f(data.before[0])} at t = 0, ${f(data.before[data.before.length - 1])} at t = 1 ` +
        `(the second network was trained on replicate 2's draw of the data set: ${f(data.ownLossB)} there).`,
    );
    this.build();
  }

  private build(): void {
    if (!this.host) return;
    const d = this.data;
    const n = d ? d.t.length : 0;
    const chord = d ? Array.from(d.t, (t) => d.before[0] + t * (d.before[n - 1] - d.before[0])) : [];
    this.replot(
      {
        scales: { x: { time: false, range: [0, 1] }, y: { range: (_u, min, max) => [Math.min(0, min ?? 0), (max ?? 1) * 1.1 || 1] } },
        axes: [
          { label: 't: (1 − t)·network 1 + t·network 2', stroke: AXIS_STROKE, grid: GRID, labelSize: 24 },
          { label: 'training loss', stroke: AXIS_STROKE, grid: GRID, size: 60 },
        ],
        legend: { live: false },
        series: [
          { label: 't' },
          { label: 'as trained', stroke: BEFORE, width: 2, points: { show: true, size: 5 } },
          { label: 'after weight matching', stroke: AFTER, width: 2, points: { show: true, size: 5 } },
          { label: 'chord between the ends', stroke: CHORD, width: 1, dash: [6, 4], points: { show: false } },
        ],
        hooks: { draw: [(u: uPlot) => this.drawBarriers(u)] },
      },
      d ? [Array.from(d.t), Array.from(d.before), Array.from(d.after), chord] : [[], [], [], []],
    );
  }

  /** A vertical bar from the chord up to each curve where its barrier is reached, with the barrier's value. */
  private drawBarriers(u: uPlot): void {
    const d = this.data;
    if (!d) return;
    const n = d.t.length;
    const dpr = devicePixelRatio || 1;
    const ctx = u.ctx;
    ctx.save();
    // uPlot leaves the last series' dash (the chord's) on the context.
    ctx.setLineDash([]);
    ctx.lineWidth = 2 * dpr;
    // As trained to the right of t, matched to the left: the two bars often stand at the same t.
    const marks: [number, number, string, string, number][] = [
      [d.barrierAtBefore, d.barrierBefore, BEFORE, 'as trained', 1],
      [d.barrierAtAfter, d.barrierAfter, AFTER, 'matched', -1],
    ];
    for (const [at, barrier, color, name, side] of marks) {
      if (!Number.isFinite(barrier)) continue;
      const base = d.before[0] + at * (d.before[n - 1] - d.before[0]);
      const x = u.valToPos(at, 'x', true) + side * 2 * dpr;
      const y0 = u.valToPos(base, 'y', true);
      const y1 = u.valToPos(base + barrier, 'y', true);
      ctx.strokeStyle = color;
      ctx.beginPath();
      ctx.moveTo(x, y0);
      ctx.lineTo(x, y1);
      ctx.stroke();
      // Near either end of the segment the label goes inwards, where there is room.
      const towards = at < 0.2 ? 1 : at > 0.8 ? -1 : side;
      // A label turned inwards may land on the other's: it moves up a line.
      const y = (side > 0 ? Math.min(y0 - 4 * dpr, y1 + 14 * dpr) : y1 - 8 * dpr) - (towards === side ? 0 : 18 * dpr);
      drawLabel(ctx, `barrier ${name}: ${barrier.toPrecision(3)}`, x + towards * 6 * dpr, y, color, towards > 0 ? 'left' : 'right');
    }
    ctx.restore();
  }

  update(_frame: Frame, _shown: readonly boolean[]): void {
    // The curves come from the worker on request (setInterpolation); racer toggles do not apply to them.
  }

  csv(): string {
    const d = this.data;
    const rows: (string | number)[][] = [['t', 'loss_as_trained', 'loss_after_weight_matching']];
    if (d) d.t.forEach((t, i) => rows.push([t, d.before[i], d.after[i]]));
    return toCsv(rows);
  }
}
