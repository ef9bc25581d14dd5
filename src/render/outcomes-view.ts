/**
 * Outcomes: for each racer, how many replicates reached the optimum, ended at a dead end (local optimum or saddle),
 * diverged, stalled, ran out of budget or are still running, as one stacked bar per racer, updating live.
 */
import { Container, Graphics, Text } from 'pixi.js';
import { ENDED_AT } from '../core/run/spec.ts';
import type { Frame, RaceInfo } from '../../workers/protocol.ts';
import { OUTCOME_COLORS, racerColor } from './colors.ts';
import { createPixiApp, PixiView } from './pixi-host.ts';
import { toCsv, type View } from './view.ts';

const ORDER = [...ENDED_AT, 'running'] as const;
const NAMES: Record<(typeof ORDER)[number], string> = {
  optimum: 'optimum',
  'local-optimum': 'local optimum',
  saddle: 'saddle',
  diverged: 'diverged (NaN or ±∞)',
  stalled: 'stalled',
  budget: 'budget spent',
  running: 'running',
};
const TEXT = { fill: 0xd6d9e0, fontFamily: 'system-ui, sans-serif', fontSize: 13 };

export class OutcomesView extends PixiView implements View {
  readonly id = 'outcomes' as const;
  readonly title = 'Outcomes';
  private bars = new Graphics();
  private texts = new Container();
  private info?: RaceInfo;
  private last?: Frame;
  private shown: readonly boolean[] = [];
  private drawn = '';

  async mount(host: HTMLElement): Promise<void> {
    this.app = await createPixiApp(host);
    this.app.stage.addChild(this.bars, this.texts);
    this.app.renderer.on('resize', () => this.last && this.update(this.last, this.shown));
  }

  reset(info: RaceInfo): void {
    this.info = info;
    this.last = undefined;
    this.drawn = '';
    this.bars.clear();
    this.texts.removeChildren().forEach((t) => t.destroy());
    this.changed();
  }

  protected override whenShown(): void {
    if (this.last) this.update(this.last, this.shown);
  }

  update(frame: Frame, shown: readonly boolean[]): void {
    this.last = frame;
    this.shown = shown;
    if (!this.info || !this.isInFront) return;
    const width = this.app.renderer.width / this.app.renderer.resolution;
    // Text is costly to lay out: redraw only when something shown has changed.
    const signature = JSON.stringify([frame.outcomes, shown, width]);
    if (signature === this.drawn) return;
    this.drawn = signature;
    this.changed();
    this.bars.clear();
    this.texts.removeChildren().forEach((t) => t.destroy());
    const labelWidth = 150;
    const barWidth = Math.max(100, width - labelWidth - 40);
    const total = this.info.replicates;
    this.addText(`${total} replicate${total === 1 ? '' : 's'} per racer, each on its own landscape instance and start`, 16, 12, { fill: 0xaab0bd });
    let y = 44;
    frame.outcomes.forEach((counts, k) => {
      if (!shown[k]) return;
      this.bars.rect(16, y + 4, 10, 10).fill(racerColor(k));
      this.addText(this.info!.racers[k].label, 32, y);
      let x = labelWidth;
      for (const outcome of ORDER) {
        const w = (counts[outcome] / total) * barWidth;
        if (w <= 0) continue;
        this.bars.rect(x, y, w, 22).fill(OUTCOME_COLORS[outcome]);
        if (w > 28) this.addText(String(counts[outcome]), x + 4, y + 3, { fill: 0x000000, fontSize: 12 });
        x += w;
      }
      y += 34;
    });
    let x = labelWidth;
    y += 6;
    for (const outcome of ORDER) {
      const t = this.addText(NAMES[outcome], 0, y, { fontSize: 12 });
      // A key that would run off the canvas starts a new row (at 1280 px, 'budget spent' and 'running' did).
      if (x > labelWidth && x + 16 + t.width > width - 16) {
        x = labelWidth;
        y += 20;
      }
      this.bars.rect(x, y + 3, 12, 12).fill(OUTCOME_COLORS[outcome]);
      t.position.set(x + 16, y);
      x += 16 + t.width + 14;
    }
  }

  private addText(text: string, x: number, y: number, style: Partial<typeof TEXT> = {}): Text {
    const t = new Text({ text, style: { ...TEXT, ...style } });
    t.position.set(x, y);
    this.texts.addChild(t);
    return t;
  }

  csv(): string {
    const rows: (string | number)[][] = [['racer', ...ORDER]];
    this.last?.outcomes.forEach((counts, k) => rows.push([this.info!.racers[k].label, ...ORDER.map((o) => counts[o])]));
    return toCsv(rows);
  }
}
