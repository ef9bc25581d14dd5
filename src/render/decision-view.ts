/**
 * The decision view: a network's output over its 2-D input plane (computed in the worker from a racer's best
 * weights so far) as a heat map, the line where it changes sign, and the data set on top: training points filled,
 * test points as rings, both in the colour of their class (or target). Orange is −, blue is +, as in the TensorFlow
 * Playground the data sets come from.
 */
import { Graphics, Text } from 'pixi.js';
import type { DecisionData, Frame, RaceInfo } from '../../workers/protocol.ts';
import { HeatSquareView, TEXT_STYLE } from './heat-square-view.ts';
import { createPixiApp } from './pixi-host.ts';
import { toCsv, type View } from './view.ts';

/** Colours of −1, 0 and +1 (Playground orange and blue; a dark middle that suits the page). */
const NEGATIVE = [245, 147, 34];
const MIDDLE = [24, 28, 38];
const POSITIVE = [8, 119, 189];
const NEGATIVE_DOT = 0xf59322;
const POSITIVE_DOT = 0x3aa0e8;

export class DecisionView extends HeatSquareView implements View {
  readonly id = 'decision' as const;
  readonly title = 'Decision';
  /** Whether the view is in front: the page asks the worker for surfaces only then. */
  visible = false;
  private marks = new Graphics();
  private data?: DecisionData;
  private note = '';

  constructor() {
    super(['x₁ →', '↑ x₂']);
  }

  async mount(host: HTMLElement): Promise<void> {
    this.app = await createPixiApp(host);
    this.readout = new Text({ text: '', style: { ...TEXT_STYLE, fill: 0xaab0bd, wordWrap: true, wordWrapWidth: 600 } });
    this.app.stage.addChild(this.heat, this.marks, this.readout, ...this.axes);
    this.app.renderer.on('resize', () => this.layout());
  }

  override setVisible(visible: boolean): void {
    this.visible = visible;
    super.setVisible(visible);
  }

  reset(info: RaceInfo): void {
    this.data = undefined;
    this.note = info.feeds.decision === true ? 'Computing the decision surface…' : info.feeds.decision;
    this.heat.visible = false;
    this.marks.clear();
    this.readout.text = this.note;
    this.layout();
  }

  /** A new surface from the worker. */
  setDecision(data: DecisionData): void {
    this.data = data;
    const { resolution: res, values, scale } = data;
    const rgba = new Uint8Array(res * res * 4);
    for (let cell = 0; cell < values.length; cell++) {
      const t = Math.max(-1, Math.min(1, values[cell] / scale));
      const end = t < 0 ? NEGATIVE : POSITIVE;
      // Mostly saturated even near the boundary, so the two sides read at a glance; the dots stay brighter.
      const a = 0.15 + 0.45 * Math.sqrt(Math.abs(t));
      for (let c = 0; c < 3; c++) rgba[cell * 4 + c] = Math.round(MIDDLE[c] + a * (end[c] - MIDDLE[c]));
      rgba[cell * 4 + 3] = 255;
    }
    this.setHeat(rgba, res, 'linear');
    this.layout();
  }

  private layout(): void {
    if (!this.app) return;
    const { size } = this.placeFrame();
    this.readout.style.wordWrapWidth = Math.max(200, size);
    this.draw();
    this.changed();
  }

  private draw(): void {
    this.marks.clear();
    const data = this.data;
    if (!data) {
      this.readout.text = this.note;
      return;
    }
    const { left, top, size } = this.square();
    const [xMin, xMax, yMin, yMax] = data.extent;
    const px = (x: number) => left + ((x - xMin) / (xMax - xMin)) * size;
    const py = (y: number) => top + ((yMax - y) / (yMax - yMin)) * size;
    this.marks.rect(left, top, size, size).stroke({ width: 1, color: 0x3a3f4b });
    this.boundary(data, left, top, size);
    const rows = data.targets.length;
    const radius = rows > 2000 ? 2 : rows > 500 ? 3 : 4;
    // Test points first, under the training points.
    for (let i = data.train; i < rows; i++) {
      const color = data.targets[i] < 0 ? NEGATIVE_DOT : POSITIVE_DOT;
      const x = px(data.points[2 * i]);
      const y = py(data.points[2 * i + 1]);
      this.marks.circle(x, y, radius + 1.9).stroke({ width: 1, color: 0xffffff, alpha: 0.85 });
      this.marks.circle(x, y, radius + 0.5).stroke({ width: 2.2, color });
    }
    for (let i = 0; i < data.train; i++) {
      const color = data.targets[i] < 0 ? NEGATIVE_DOT : POSITIVE_DOT;
      this.marks.circle(px(data.points[2 * i]), py(data.points[2 * i + 1]), radius).fill(color).stroke({ width: 1, color: 0xffffff, alpha: 0.85 });
    }
    const loss = Number.isFinite(data.loss) ? data.loss.toPrecision(3) : String(data.loss);
    this.readout.text =
      `${data.label}: best weights after ${data.evaluations.toLocaleString('en-US')} evaluations (training loss ${loss}). ` +
      `Colour: ${data.meaning}, orange − · blue +; white line: 0. Dots: ${data.train} training points; rings: ${rows - data.train} test points. ` +
      `Across: ${data.axes[0]}; up: ${data.axes[1]}${data.held ? `; ${data.held} (points are every row seen in this plane)` : ''}.` +
      (data.startedFrom ? ` Start: the saved network ${data.startedFrom} (every racer's evaluation 0), not a random initialisation.` : '');
  }

  /** The zero level of the surface (marching squares over the grid of cell centres), as a white line. */
  private boundary(data: DecisionData, left: number, top: number, size: number): void {
    const { resolution: res, values } = data;
    const cell = size / res;
    // Grid point (i, j) sits at the centre of cell (i, j).
    const gx = (i: number) => left + (i + 0.5) * cell;
    const gy = (j: number) => top + (j + 0.5) * cell;
    const cross = (a: number, b: number) => a / (a - b);
    for (let j = 0; j + 1 < res; j++) {
      for (let i = 0; i + 1 < res; i++) {
        const v00 = values[j * res + i];
        const v10 = values[j * res + i + 1];
        const v01 = values[(j + 1) * res + i];
        const v11 = values[(j + 1) * res + i + 1];
        const ends: [number, number][] = [];
        if (v00 < 0 !== v10 < 0) ends.push([gx(i + cross(v00, v10)), gy(j)]);
        if (v10 < 0 !== v11 < 0) ends.push([gx(i + 1), gy(j + cross(v10, v11))]);
        if (v01 < 0 !== v11 < 0) ends.push([gx(i + cross(v01, v11)), gy(j + 1)]);
        if (v00 < 0 !== v01 < 0) ends.push([gx(i), gy(j + cross(v00, v01))]);
        for (let e = 0; e + 1 < ends.length; e += 2) this.marks.moveTo(ends[e][0], ends[e][1]).lineTo(ends[e + 1][0], ends[e + 1][1]);
      }
    }
    this.marks.stroke({ width: 1.5, color: 0xffffff, alpha: 0.8 });
  }

  update(_frame: Frame, _shown: readonly boolean[]): void {
    // The surface comes from the worker (setDecision), at its own pace; racer toggles do not hide the data.
  }

  csv(): string {
    const data = this.data;
    if (!data) return toCsv([['x1', 'x2', 'output']]);
    // The held inputs are part of what the surface means: the header says them.
    const { resolution: res, extent, values } = data;
    const [xMin, xMax, yMin, yMax] = extent;
    const rows: (string | number)[][] = [[data.axes[0], data.axes[1], data.held ? `${data.meaning} (${data.held})` : data.meaning]];
    for (let j = 0; j < res; j++) {
      for (let i = 0; i < res; i++) rows.push([xMin + ((i + 0.5) / res) * (xMax - xMin), yMax - ((j + 0.5) / res) * (yMax - yMin), values[j * res + i]]);
    }
    return toCsv(rows);
  }
}
