/**
 * The eye view: a racer's best eye so far in cross-section (computed in the worker: src/core/eye/cross-section.ts)
 * with light from two distant points converging — or not — on the retina, a magnified strip of the retina where the
 * two blur spots fall, the acuity readout, and a timeline of the stages flat patch → cup → pinhole → lens for every
 * shown racer. Light comes from the left; the eye is drawn to one fixed scale (its retina keeps its length), so the
 * cup visibly deepens and the aperture closes as the race goes on.
 */
import { Container, Graphics, Text, type TextStyleOptions } from 'pixi.js';
import type { EyeData, Frame, RaceInfo } from '../../workers/protocol.ts';
import { EYE_STAGE_NAMES, EYE_STAGES } from '../core/eye/stage.ts';
import { racerColor } from './colors.ts';
import { TEXT_STYLE } from './heat-square-view.ts';
import { createPixiApp, PixiView } from './pixi-host.ts';
import { toCsv, type View } from './view.ts';

const STAGE_NAMES = EYE_STAGES.map((stage) => EYE_STAGE_NAMES[stage]);
/** The two point sources: a warm and a cool colour that stay apart in grey and for colour-vision deficiencies. */
const SOURCE_COLORS = [0xffc34d, 0x8fa8ff] as const;
/** A lens weaker than this (share of a fish lens) is not labelled: its disc is drawn nearly transparent. */
const VISIBLE_LENS = 0.05;
/** Photoreceptors (rhodopsin's "visual purple"), the pigment behind them and the rim, the lens. */
const RETINA = 0xc04a86;
const PIGMENT = 0x4a3426;
const LENS = 0xcfe9ff;
const MUTED = 0xaab0bd;
// Sizes for a projector: the readout reads from the back of a room, the labels from the middle.
const BIG: TextStyleOptions = { ...TEXT_STYLE, fontSize: 22, fontWeight: '600' };
const MEDIUM: TextStyleOptions = { ...TEXT_STYLE, fontSize: 16 };
const SMALL: TextStyleOptions = { ...TEXT_STYLE, fontSize: 14, fill: MUTED };
/** Height of the timeline's header and of one racer's row in it, px. */
const TIMELINE_HEAD = 32;
const TIMELINE_ROW = 32;

const count = (n: number): string => Math.round(n).toLocaleString('en-US');
const microns = (v: number): string => (Number.isFinite(v) ? `${v >= 100 ? Math.round(v) : v.toPrecision(2)} µm` : '∞');

export class EyeView extends PixiView implements View {
  readonly id = 'eye' as const;
  readonly title = 'Eye';
  /** Whether the view is in front: the page asks the worker for eyes only then. */
  visible = false;
  private drawing = new Graphics();
  private labels = new Container();
  private data?: EyeData;
  private shown: readonly boolean[] = [];
  private note = '';

  async mount(host: HTMLElement): Promise<void> {
    this.app = await createPixiApp(host);
    this.app.stage.addChild(this.drawing, this.labels);
    this.app.renderer.on('resize', () => this.draw());
  }

  override setVisible(visible: boolean): void {
    this.visible = visible;
    super.setVisible(visible);
  }

  reset(info: RaceInfo): void {
    this.data = undefined;
    this.note = info.feeds.eye === true ? 'Reading the racers’ eyes…' : info.feeds.eye;
    this.draw();
  }

  /** A new eye from the worker. */
  setEye(data: EyeData): void {
    this.data = data;
    this.draw();
  }

  update(_frame: Frame, shown: readonly boolean[]): void {
    // The eye comes from the worker (setEye), at its own pace; here only which racers the timeline lists.
    if (shown.length === this.shown.length && shown.every((s, k) => s === this.shown[k])) return;
    this.shown = [...shown];
    this.draw();
  }

  private text(text: string, style: TextStyleOptions, x: number, y: number, anchorX = 0, anchorY = 0): Text {
    const label = new Text({ text, style });
    label.anchor.set(anchorX, anchorY);
    label.position.set(Math.round(x), Math.round(y));
    this.labels.addChild(label);
    return label;
  }

  private draw(): void {
    if (!this.app) return;
    this.changed();
    this.drawing.clear();
    for (const child of this.labels.removeChildren()) child.destroy();
    const width = this.app.renderer.width / this.app.renderer.resolution;
    const height = this.app.renderer.height / this.app.renderer.resolution;
    const data = this.data;
    if (!data) {
      this.text(this.note, MEDIUM, 24, 24);
      return;
    }
    const stage = STAGE_NAMES[data.racers[data.racer].stage];
    // The header lines shrink to the view's width rather than run off its edge (narrow windows, projectors).
    const fit = (label: Text) => label.width > width - 32 && label.scale.set((width - 32) / label.width);
    fit(this.text(`Acuity ${data.acuity.toFixed(2)} cycles/rad — ${stage} stage`, BIG, 20, 12));
    const best = data.bestAcuity === null ? '' : ` · the best eye possible: ${data.bestAcuity.toFixed(1)} cycles/rad`;
    fit(this.text(`${data.label}’s best eye after ${count(data.evaluations)} evaluations${best}`, MEDIUM, 20, 42));
    const [x0, x1, x2] = data.traits;
    const { shape } = data.section;
    fit(
      this.text(
        `traits: cup ${x0.toFixed(2)} · rim ${x1.toFixed(2)} · lens ${x2.toFixed(2)}  —  aperture ${microns(shape.aperture)}, depth ${microns(shape.depth)}, focal length ${microns(shape.focalLength)}`,
        SMALL,
        20,
        66,
      ),
    );
    const rows = data.racers.filter((_, k) => this.shown[k] !== false).length;
    const timelineHeight = TIMELINE_HEAD + Math.max(1, rows) * TIMELINE_ROW + 12;
    const top = 94;
    const bottom = height - timelineHeight - 8;
    // At least wide enough for the bar's µm labels beside it.
    const stripWidth = Math.max(180, Math.min(240, width * 0.24));
    this.section(data, 12, top, width - stripWidth - 36, bottom - top);
    this.retinaStrip(data, width - stripWidth - 12, top, stripWidth, bottom - top);
    this.timeline(data, 20, bottom + 8, width - 40);
  }

  /** The cross-section in the box (left, top, w, h): light travels left to right, the aperture a third of the way in. */
  private section(data: EyeData, left: number, top: number, w: number, h: number): void {
    const g = this.drawing;
    const s = data.section;
    // One scale for every eye: the retina's length (the sheet is 1000 µm whatever its shape) fits the height.
    const length = s.shape.theta > 0 ? 2 * s.shape.theta * s.shape.radius : 2 * s.openingHalf;
    const lead = -s.rays[0];
    const k = Math.max(0.05, Math.min(h / (1.12 * length), w / (lead + 0.45 * length)));
    const ox = left + Math.max(8, (w - k * (lead + 0.42 * length)) / 2) + k * lead;
    const oy = top + h / 2;
    const X = (z: number) => ox + k * z;
    const Y = (y: number) => oy - k * y;

    // Incoming light, thin, and the lens over it; then the eye's tissue, so a wide lens never hides the retina; then
    // the light inside the eye on top, a little stronger.
    const rays = s.rays;
    const per = s.raysPerSource;
    for (let r = 0; r < 2 * per; r++) {
      const j = 6 * r;
      g.moveTo(X(rays[j]), Y(rays[j + 1])).lineTo(X(rays[j + 2]), Y(rays[j + 3])).stroke({ width: 1.2, color: SOURCE_COLORS[r < per ? 0 : 1], alpha: 0.55 });
    }
    if (s.lensRadius > 0) {
      // As clear as the lens is strong: a weak lens in a wide aperture is a large but faint disc, and the trace of a
      // lens a flat patch or an open cup carries (a few percent) is all but invisible, as its effect is.
      const strength = Math.min(1, data.traits[2]);
      g.circle(X(0), Y(0), k * s.lensRadius).fill({ color: LENS, alpha: 0.4 * strength }).stroke({ width: 1.5, color: LENS, alpha: Math.min(0.85, 4 * strength) });
    }
    // The pigment behind the retina, then the photoreceptors on top of it.
    const retina = s.retina;
    const n = retina.length / 2;
    const pigment = Math.max(8, 0.026 * k * length);
    const receptors = Math.max(6, 0.016 * k * length);
    const offset = (pigment + receptors) / 2 / k;
    for (let i = 0; i < n; i++) {
      const [nz, ny] = normal(retina, i);
      const z = retina[2 * i] + nz * offset;
      const y = retina[2 * i + 1] + ny * offset;
      if (i === 0) g.moveTo(X(z), Y(y));
      else g.lineTo(X(z), Y(y));
    }
    g.stroke({ width: pigment, color: PIGMENT, join: 'round', cap: 'round' });
    for (let i = 0; i < n; i++) {
      if (i === 0) g.moveTo(X(retina[0]), Y(retina[1]));
      else g.lineTo(X(retina[2 * i]), Y(retina[2 * i + 1]));
    }
    g.stroke({ width: receptors, color: RETINA, join: 'round', cap: 'butt' });

    // The rim narrows the opening to the aperture, in the plane of the opening.
    if (s.openingHalf - s.apertureHalf > 0.5 / k) {
      for (const side of [1, -1]) g.moveTo(X(0), Y(side * s.openingHalf)).lineTo(X(0), Y(side * s.apertureHalf));
      g.stroke({ width: pigment, color: PIGMENT, cap: 'round' });
    }

    for (let r = 0; r < 2 * per; r++) {
      const j = 6 * r;
      g.moveTo(X(rays[j + 2]), Y(rays[j + 3])).lineTo(X(rays[j + 4]), Y(rays[j + 5])).stroke({ width: 1.6, color: SOURCE_COLORS[r < per ? 0 : 1], alpha: 0.9 });
    }

    // The two sources, where their light is drawn from.
    const degrees = ((2 * s.angle * 180) / Math.PI).toFixed(0);
    for (const source of [0, 1]) {
      const j = 6 * (source * per + (per >> 1));
      g.star(X(rays[j]) - 10, Y(rays[j + 1]), 5, 7, 3).fill(SOURCE_COLORS[source]);
    }
    this.text(`two distant points, ${degrees}° apart`, SMALL, X(rays[0]) - 18, top + 4);
    if (s.lensRadius > 0 && data.traits[2] >= VISIBLE_LENS) this.text('lens', SMALL, X(0), Y(s.lensRadius) - 4, 0.5, 1);
    const [nz, ny] = normal(retina, 0);
    this.text('retina', { ...SMALL, fill: RETINA }, X(retina[0] + nz * 3 * offset) + 4, Y(retina[1] + ny * 3 * offset) + 4, 0, 0);

    // Scale bar: 100 µm.
    const barY = top + h - 10;
    g.moveTo(left + 12, barY).lineTo(left + 12 + 100 * k, barY).stroke({ width: 2, color: MUTED });
    this.text('100 µm', SMALL, left + 12, barY - 4, 0, 1);
  }

  /** The retina near the images, magnified: where each point's light lands, and how much the two spots overlap. */
  private retinaStrip(data: EyeData, left: number, top: number, w: number, h: number): void {
    const g = this.drawing;
    const { spots, overlap } = data.section;
    let reach = 10;
    for (const spot of spots) reach = Math.max(reach, Math.abs(spot.from), Math.abs(spot.to));
    reach *= 1.1;
    const barTop = top + 34;
    // In a short view (a projector with the answer open) the bar shrinks rather than push its labels into the timeline.
    const barHeight = Math.max(24, h - 150);
    const Y = (v: number) => barTop + barHeight / 2 - (v / reach) * (barHeight / 2);
    const cx = left + w / 2;
    this.text('on the retina (magnified)', SMALL, cx, top + 4, 0.5, 0);
    g.rect(cx - 8, barTop, 16, barHeight).fill(RETINA);
    spots.forEach((spot, source) => {
      const x = cx + (source === 0 ? -34 : 14);
      const y0 = Y(spot.to);
      const y1 = Y(spot.from);
      g.rect(x, y0, 20, Math.max(2, y1 - y0)).fill({ color: SOURCE_COLORS[source], alpha: 0.85 });
      g.moveTo(cx - 8, Y(spot.centre)).lineTo(cx + 8, Y(spot.centre)).stroke({ width: 2, color: SOURCE_COLORS[source] });
    });
    this.text(`+${count(reach)} µm`, SMALL, cx + 40, barTop, 0, 0.5);
    // A short bar has room for its ends' labels only.
    if (barHeight >= 48) this.text('0', SMALL, cx + 40, Y(0), 0, 0.5);
    this.text(`−${count(reach)} µm`, SMALL, cx + 40, barTop + barHeight, 0, 0.5);
    const verdict = overlap >= 0.5 ? 'the two points blur into one' : overlap > 0 ? 'the two points just come apart' : 'two points, seen apart';
    const wide = microns(Math.max(spots[0].to - spots[0].from, spots[1].to - spots[1].from));
    const below = barTop + barHeight + 10;
    const label = this.text(verdict, { ...MEDIUM, align: 'center', wordWrap: true, wordWrapWidth: w, fill: overlap >= 0.5 ? MUTED : 0xffffff }, cx, below, 0.5, 0);
    this.text(`spots ${wide} wide, overlap ${Math.round(100 * overlap)}%`, { ...SMALL, align: 'center', wordWrap: true, wordWrapWidth: w }, cx, below + label.height + 4, 0.5, 0);
  }

  /** One row per shown racer: the stage it is at now, and the evaluations by which it first reached each stage. */
  private timeline(data: EyeData, left: number, top: number, w: number): void {
    const g = this.drawing;
    const nameWidth = Math.min(180, w * 0.2);
    const cell = (w - nameWidth) / STAGE_NAMES.length;
    STAGE_NAMES.forEach((name, s) => {
      const x = left + nameWidth + s * cell;
      this.text(name, { ...MEDIUM, fontWeight: '600' }, x + cell / 2, top + 4, 0.5, 0);
      if (s > 0) this.text('→', SMALL, x, top + 6, 0.5, 0);
    });
    let row = 0;
    data.racers.forEach((racer, k) => {
      if (this.shown[k] === false) return;
      const y = top + TIMELINE_HEAD + row * TIMELINE_ROW;
      row++;
      const color = racerColor(k);
      this.text(racer.label, { ...MEDIUM, fill: color, fontWeight: k === data.racer ? '700' : '400' }, left, y + TIMELINE_ROW / 2 - 2, 0, 0.5);
      racer.reached.forEach((at, s) => {
        const x = left + nameWidth + s * cell + 4;
        const cw = cell - 8;
        const ch = TIMELINE_ROW - 6;
        if (at === null) {
          g.roundRect(x, y, cw, ch, 5).stroke({ width: 1, color: 0x3a3f4b });
          return;
        }
        const current = s === racer.stage;
        g.roundRect(x, y, cw, ch, 5).fill({ color, alpha: current ? 0.55 : 0.22 });
        if (current) g.roundRect(x, y, cw, ch, 5).stroke({ width: 2, color: 0xffffff });
        this.text(at === 0 ? 'from the start' : `by ${count(at)} evals`, { ...SMALL, fill: 0xffffff }, x + cw / 2, y + ch / 2, 0.5, 0.5);
      });
    });
  }

  csv(): string {
    const header = ['racer', 'evaluations', 'stage', ...STAGE_NAMES.map((s) => `reached ${s} (evaluations)`), 'x0 cup', 'x1 rim', 'x2 lens', 'acuity'];
    const data = this.data;
    if (!data) return toCsv([header]);
    return toCsv([
      header,
      ...data.racers.map((racer, k) => {
        const drawn = k === data.racer;
        return [racer.label, racer.evaluations, STAGE_NAMES[racer.stage], ...racer.reached, ...(drawn ? [...data.traits, data.acuity] : [null, null, null, null])];
      }),
    ]);
  }
}

/** The unit normal of the retina at point i, pointing away from the inside of the cup (towards the pigment). */
function normal(retina: Float64Array, i: number): [number, number] {
  const n = retina.length / 2;
  const a = Math.max(0, i - 1);
  const b = Math.min(n - 1, i + 1);
  const dz = retina[2 * b] - retina[2 * a];
  const dy = retina[2 * b + 1] - retina[2 * a + 1];
  const length = Math.hypot(dz, dy) || 1;
  // The arc runs from y < 0 to y > 0; turning its tangent clockwise points out of the cup, towards +z.
  return [dy / length, -dz / length];
}
