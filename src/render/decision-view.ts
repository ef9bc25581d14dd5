/**
 * The decision view: a network's output over its 2-D input plane (computed in the worker from a racer's best
 * weights so far) as a heat map, the line where it changes sign, and the data set on top: training points filled,
 * test points as rings, both in the colour of their class (or target). Orange is −, blue is +, as in the TensorFlow
 * Playground the data sets come from.
 */
import type { DecisionData, Frame, RaceInfo } from '../../workers/protocol.ts';
import { heatSquare, readoutPlace } from './heat-square-view.ts';
import { toCsv, type View } from './view.ts';

/** Colours of −1, 0 and +1 (Playground orange and blue; a dark middle that suits the page). */
const NEGATIVE = [245, 147, 34];
const MIDDLE = [24, 28, 38];
const POSITIVE = [8, 119, 189];
const NEGATIVE_DOT = '#f59322';
const POSITIVE_DOT = '#3aa0e8';
/** The page's background (pixi-host.ts's), so the PNG export is opaque like the Pixi views'. */
const BACKGROUND = '#11141b';
const FONT = '12px system-ui, sans-serif';
const LINE_HEIGHT = 15;

/**
 * Drawn on a 2-D canvas, not with Pixi: where WebGL runs in software (this project's test machines, many school
 * computers), presenting the full-size WebGL canvas for each new surface is the browser's own work on the main thread
 * (a CDP profile shows it as "(program)", several times the Race view's), and on the network race, bound by its
 * worker, that CPU slowed the race below the Race view's pace (README, Speed). A 2-D canvas of a few hundred dots
 * and one line is drawn in milliseconds on the CPU and costs nothing to present.
 */
export class DecisionView implements View {
  readonly id = 'decision' as const;
  readonly title = 'Decision';
  private canvas!: HTMLCanvasElement;
  private host!: HTMLElement;
  private observer?: ResizeObserver;
  /** The surface as an image of resolution × resolution pixels, scaled up (smoothly) when drawn. */
  private heat = document.createElement('canvas');
  private data?: DecisionData;
  private note = '';
  private inFront = false;
  /** Something changed while the view was hidden: draw when it is shown. */
  private stale = true;

  async mount(host: HTMLElement): Promise<void> {
    this.host = host;
    this.canvas = document.createElement('canvas');
    this.canvas.setAttribute('role', 'img');
    host.appendChild(this.canvas);
    this.observer = new ResizeObserver(() => this.changed());
    this.observer.observe(host);
  }

  setVisible(visible: boolean): void {
    this.inFront = visible;
    if (visible && this.stale) this.changed();
  }

  reset(info: RaceInfo): void {
    this.data = undefined;
    this.note = info.feeds.decision === true ? 'Computing the decision surface…' : info.feeds.decision;
    this.changed();
  }

  /** A new surface from the worker. */
  setDecision(data: DecisionData): void {
    this.data = data;
    const { resolution: res, values, scale } = data;
    const image = new ImageData(res, res);
    const rgba = image.data;
    for (let cell = 0; cell < values.length; cell++) {
      const t = Math.max(-1, Math.min(1, values[cell] / scale));
      const end = t < 0 ? NEGATIVE : POSITIVE;
      // Mostly saturated even near the boundary, so the two sides read at a glance; the dots stay brighter.
      const a = 0.15 + 0.45 * Math.sqrt(Math.abs(t));
      for (let c = 0; c < 3; c++) rgba[cell * 4 + c] = Math.round(MIDDLE[c] + a * (end[c] - MIDDLE[c]));
      rgba[cell * 4 + 3] = 255;
    }
    this.heat.width = res;
    this.heat.height = res;
    this.heat.getContext('2d')!.putImageData(image, 0, 0);
    this.changed();
  }

  /** Draws now if the view is in front (the surfaces come at the worker's pace, a few a second), else when shown. */
  private changed(): void {
    this.stale = true;
    if (!this.inFront || !this.canvas) return;
    this.stale = false;
    this.draw();
  }

  private draw(): void {
    const dpr = Math.min(2, globalThis.devicePixelRatio || 1);
    const width = this.host.clientWidth;
    const height = this.host.clientHeight;
    if (width === 0 || height === 0) return;
    this.canvas.style.width = `${width}px`;
    this.canvas.style.height = `${height}px`;
    if (this.canvas.width !== Math.round(width * dpr)) this.canvas.width = Math.round(width * dpr);
    if (this.canvas.height !== Math.round(height * dpr)) this.canvas.height = Math.round(height * dpr);
    const ctx = this.canvas.getContext('2d')!;
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    ctx.fillStyle = BACKGROUND;
    ctx.fillRect(0, 0, width, height);
    const square = heatSquare(width, height);
    const { left, top, size } = square;
    ctx.font = FONT;
    ctx.fillStyle = '#d6d9e0';
    ctx.textBaseline = 'top';
    const across = 'x₁ →';
    ctx.fillText(across, left + size / 2 - ctx.measureText(across).width / 2, top + size + 6);
    ctx.save();
    ctx.translate(left - 22, top + size / 2);
    ctx.rotate(-Math.PI / 2);
    const up = '↑ x₂';
    ctx.fillText(up, -ctx.measureText(up).width / 2, 0);
    ctx.restore();
    const place = readoutPlace(width, square);
    const data = this.data;
    if (!data) {
      this.readout(ctx, this.note, place);
      return;
    }
    ctx.imageSmoothingEnabled = true;
    ctx.drawImage(this.heat, left, top, size, size);
    ctx.lineWidth = 1;
    ctx.strokeStyle = '#3a3f4b';
    ctx.strokeRect(left, top, size, size);
    this.boundary(ctx, data, left, top, size);
    const [xMin, xMax, yMin, yMax] = data.extent;
    const px = (x: number) => left + ((x - xMin) / (xMax - xMin)) * size;
    const py = (y: number) => top + ((yMax - y) / (yMax - yMin)) * size;
    const rows = data.targets.length;
    const radius = rows > 2000 ? 2 : rows > 500 ? 3 : 4;
    const dot = (i: number, r: number) => {
      const x = px(data.points[2 * i]);
      const y = py(data.points[2 * i + 1]);
      ctx.moveTo(x + r, y);
      ctx.arc(x, y, r, 0, 2 * Math.PI);
    };
    // Test points first, under the training points: a white ring, then the class's ring inside it.
    const classes: [string, (i: number) => boolean][] = [
      [NEGATIVE_DOT, (i) => data.targets[i] < 0],
      [POSITIVE_DOT, (i) => !(data.targets[i] < 0)],
    ];
    ctx.beginPath();
    for (let i = data.train; i < rows; i++) dot(i, radius + 1.9);
    ctx.lineWidth = 1;
    ctx.strokeStyle = 'rgba(255, 255, 255, 0.85)';
    ctx.stroke();
    ctx.lineWidth = 2.2;
    for (const [color, inClass] of classes) {
      ctx.beginPath();
      for (let i = data.train; i < rows; i++) if (inClass(i)) dot(i, radius + 0.5);
      ctx.strokeStyle = color;
      ctx.stroke();
    }
    // Training points filled, each with a white edge.
    ctx.lineWidth = 1;
    ctx.strokeStyle = 'rgba(255, 255, 255, 0.85)';
    for (const [color, inClass] of classes) {
      ctx.beginPath();
      for (let i = 0; i < data.train; i++) if (inClass(i)) dot(i, radius);
      ctx.fillStyle = color;
      ctx.fill();
      ctx.stroke();
    }
    const loss = Number.isFinite(data.loss) ? data.loss.toPrecision(3) : String(data.loss);
    this.readout(
      ctx,
      `${data.label}: best weights after ${data.evaluations.toLocaleString('en-US')} evaluations (training loss ${loss}). ` +
        `Colour: ${data.meaning}, orange − · blue +; white line: 0. Dots: ${data.train} training points; rings: ${rows - data.train} test points. ` +
        `Across: ${data.axes[0]}; up: ${data.axes[1]}${data.held ? `; ${data.held} (points are every row seen in this plane)` : ''}.` +
        (data.startedFrom ? ` Start: the saved network ${data.startedFrom} (every racer's evaluation 0), not a random initialisation.` : ''),
      place,
    );
  }

  /** The readout under the square, wrapped at word boundaries to the width it has. */
  private readout(ctx: CanvasRenderingContext2D, text: string, { x, y, wrapWidth }: { x: number; y: number; wrapWidth: number }): void {
    ctx.font = FONT;
    ctx.fillStyle = '#aab0bd';
    ctx.textBaseline = 'top';
    let line = '';
    let at = y;
    for (const word of text.split(' ')) {
      const next = line ? `${line} ${word}` : word;
      if (line && ctx.measureText(next).width > wrapWidth) {
        ctx.fillText(line, x, at);
        at += LINE_HEIGHT;
        line = word;
      } else {
        line = next;
      }
    }
    if (line) ctx.fillText(line, x, at);
  }

  /** The zero level of the surface (marching squares over the grid of cell centres), as a white line. */
  private boundary(ctx: CanvasRenderingContext2D, data: DecisionData, left: number, top: number, size: number): void {
    const { resolution: res, values } = data;
    const cell = size / res;
    // Grid point (i, j) sits at the centre of cell (i, j).
    const gx = (i: number) => left + (i + 0.5) * cell;
    const gy = (j: number) => top + (j + 0.5) * cell;
    const cross = (a: number, b: number) => a / (a - b);
    ctx.beginPath();
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
        for (let e = 0; e + 1 < ends.length; e += 2) {
          ctx.moveTo(ends[e][0], ends[e][1]);
          ctx.lineTo(ends[e + 1][0], ends[e + 1][1]);
        }
      }
    }
    ctx.lineWidth = 1.5;
    ctx.strokeStyle = 'rgba(255, 255, 255, 0.8)';
    ctx.stroke();
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

  /** The view as a PNG image, exactly as shown (background included), drawn afresh in case it was hidden. */
  png(): Promise<Blob> {
    this.draw();
    return new Promise((resolve, reject) => this.canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('the view could not be exported'))), 'image/png'));
  }

  destroy(): void {
    this.observer?.disconnect();
    this.canvas.remove();
  }
}
