/**
 * The slice view: the landscape on a plane through the best point, as a heat map computed in the worker, with each
 * racer's points as particles and its path as a line. Points are faded by their distance from the plane and the
 * median distance is printed, so the projection never hides how far the points really are.
 */
import { Container, Graphics, Particle, ParticleContainer, Text, Texture } from 'pixi.js';
import type { Frame, RaceInfo, SliceData } from '../../workers/protocol.ts';
import { clipSegment, inBox, type Box } from './clip.ts';
import { racerColor, viridis } from './colors.ts';
import { HeatSquareView, TEXT_STYLE } from './heat-square-view.ts';
import { createPixiApp } from './pixi-host.ts';
import type { View } from './view.ts';


export class SliceView extends HeatSquareView implements View {
  readonly id = 'slice' as const;
  readonly title = 'Slice';
  private paths = new Graphics();
  private segment = new Float64Array(4);
  private particles!: ParticleContainer;
  private pool: Particle[] = [];
  private dot!: Texture;
  private labels = new Container();
  private slice?: SliceData;
  private note = '';
  private lastFrame?: Frame;
  private shown: readonly boolean[] = [];
  private distanceScratch = new Float32Array(0);

  async mount(host: HTMLElement): Promise<void> {
    this.app = await createPixiApp(host);
    const g = new Graphics().circle(8, 8, 7).fill(0xffffff).circle(8, 8, 7).stroke({ width: 1.5, color: 0x000000, alpha: 0.6 });
    this.dot = this.app.renderer.generateTexture(g);
    this.particles = new ParticleContainer({ texture: this.dot, dynamicProperties: { position: true, color: true, vertex: false } });
    this.readout = new Text({ text: '', style: { ...TEXT_STYLE, fontSize: 12, fill: 0xaab0bd, wordWrap: true } });
    this.app.stage.addChild(this.heat, this.paths, this.particles, this.labels);
    this.labels.addChild(this.readout, ...this.axes);
    this.app.renderer.on('resize', () => this.layout());
  }

  reset(info: RaceInfo): void {
    this.slice = undefined;
    this.note = info.feeds.slice === true ? '' : info.feeds.slice;
    this.lastFrame = undefined;
    this.heat.visible = false;
    this.paths.clear();
    for (const p of this.pool) p.alpha = 0;
    this.readout.text = this.note;
    this.layout();
    this.changed();
  }

  /** A new heat map (after a plane change or a new race). */
  setSlice(slice: SliceData): void {
    this.slice = slice;
    const { resolution: res, values } = slice;
    // Colour by rank (histogram equalisation): bumps stay visible even on a steep bowl.
    const order = Array.from(values.keys()).sort((a, b) => values[a] - values[b]);
    const rgba = new Uint8Array(res * res * 4);
    order.forEach((cell, rank) => {
      viridis(rank / (order.length - 1), rgba, cell * 4);
      rgba[cell * 4 + 3] = 255;
    });
    this.setHeat(rgba, res, 'nearest');
    this.axes[0].text = `${slice.axes[0]} →`;
    this.axes[1].text = `↑ ${slice.axes[1]}`;
    this.layout();
    this.changed();
  }

  private layout(): void {
    if (!this.app) return;
    const { left } = this.placeFrame();
    // The readout starts under the square and wraps at the canvas's edge: in a narrow view (a projector's, with a
    // lesson) one line ran past it.
    this.readout.style.wordWrapWidth = Math.max(200, this.app.renderer.width / this.app.renderer.resolution - left - 16);
    if (this.lastFrame) this.update(this.lastFrame, this.shown);
  }

  protected override whenShown(): void {
    this.layout();
  }

  update(frame: Frame, shown: readonly boolean[]): void {
    this.lastFrame = frame;
    this.shown = shown;
    // Hidden, the frame is only kept: it is drawn when the view is shown (whenShown).
    if (!this.slice || !this.isInFront) return;
    this.changed();
    const { left, top, size } = this.square();
    const extent = this.slice.extent;
    const scale = size / (2 * extent);
    const px = (a: number) => left + (a + extent) * scale;
    const py = (b: number) => top + (extent - b) * scale;
    // Paths and points beyond the plotted square are cut at its edge instead of running over the border and caption.
    const box = { left, top, right: left + size, bottom: top + size };
    this.paths.clear();
    let used = 0;
    let total = 0;
    for (const [k, racer] of frame.racers.entries()) if (shown[k] && racer.distances) total += racer.distances.length;
    if (this.distanceScratch.length < total) this.distanceScratch = new Float32Array(total);
    const distances = this.distanceScratch.subarray(0, total);
    let sizeChanged = false;
    frame.racers.forEach((racer, k) => {
      if (!shown[k] || !racer.points || !racer.distances) return;
      const color = racerColor(k);
      if (racer.path && racer.path.length >= 4) {
        this.drawPath(racer.path, px, py, box);
        this.paths.stroke({ width: 2, color, alpha: 0.9 });
        const [x0, y0] = [px(racer.path[0]), py(racer.path[1])];
        if (inBox(x0, y0, box)) this.paths.circle(x0, y0, 4).stroke({ width: 1.5, color: 0xffffff });
      }
      const count = racer.distances.length;
      const radius = count > 2000 ? 2 : count > 200 ? 3 : 5;
      const scale = (2 * radius) / 16;
      for (let i = 0; i < count; i++) {
        const p = this.particle(used);
        p.x = px(racer.points[2 * i]) - radius;
        p.y = py(racer.points[2 * i + 1]) - radius;
        if (p.scaleX !== scale) {
          p.scaleX = p.scaleY = scale;
          sizeChanged = true;
        }
        p.tint = color;
        // Fade with distance from the plane: a point one view-width away is drawn at a quarter opacity.
        p.alpha = inBox(p.x + radius, p.y + radius, box) ? Math.max(0.25, 1 - racer.distances[i] / (2 * extent)) : 0;
        distances[used++] = racer.distances[i];
      }
    });
    // Sizes are static in the GPU buffers (only positions and colours stream every frame): re-upload on change.
    if (sizeChanged) this.particles.update();
    for (let i = used; i < this.pool.length; i++) this.pool[i].alpha = 0;
    if (distances.length) {
      distances.sort();
      const median = distances[distances.length >> 1];
      this.readout.text = `Points drawn: ${distances.length}. Median distance from this plane ${format(median)} (the view spans ±${format(extent)}); fainter = farther.`;
    } else {
      this.readout.text = this.note;
    }
  }

  /** A path in plane coordinates as line segments, each cut to the box; a segment wholly outside is left out. */
  private drawPath(path: Float32Array, px: (a: number) => number, py: (b: number) => number, box: Box): void {
    const out = this.segment;
    let penX = NaN;
    let penY = NaN;
    for (let i = 2; i < path.length; i += 2) {
      if (!clipSegment(px(path[i - 2]), py(path[i - 1]), px(path[i]), py(path[i + 1]), box, out)) continue;
      if (out[0] !== penX || out[1] !== penY) this.paths.moveTo(out[0], out[1]);
      this.paths.lineTo(out[2], out[3]);
      penX = out[2];
      penY = out[3];
    }
  }

  private particle(i: number): Particle {
    while (this.pool.length <= i) {
      const p = new Particle({ texture: this.dot, x: 0, y: 0, alpha: 0 });
      this.pool.push(p);
      this.particles.addParticle(p);
    }
    return this.pool[i];
  }
}

function format(value: number): string {
  return Math.abs(value) >= 1000 || (Math.abs(value) < 0.01 && value !== 0) ? value.toExponential(2) : value.toPrecision(3);
}
