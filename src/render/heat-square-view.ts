/**
 * What the slice and decision views share: a heat map drawn into the largest square that fits, two axis labels and a
 * readout under it. The layout is shared by both (heatSquare, readoutPlace); the Pixi drawing by the slice view,
 * which subclasses HeatSquareView to colour the pixels and draw its marks on top (the decision view draws on a 2-D
 * canvas, decision-view.ts says why).
 */
import { BufferImageSource, Sprite, Text, Texture } from 'pixi.js';
import { PixiView } from './pixi-host.ts';

export const TEXT_STYLE = { fill: 0xd6d9e0, fontFamily: 'system-ui, sans-serif', fontSize: 12 };
const MARGIN = { left: 48, right: 16, top: 16, bottom: 56 };
/** Narrowest the readout is wrapped to: two lines of it fit in the bottom margin. */
const READOUT_MIN_WIDTH = 360;

export interface Square {
  left: number;
  top: number;
  size: number;
}

/** The largest square a canvas of width × height CSS pixels has room for beside its margins, centred horizontally. */
export function heatSquare(width: number, height: number): Square {
  const size = Math.max(50, Math.min(width - MARGIN.left - MARGIN.right, height - MARGIN.top - MARGIN.bottom));
  return { left: MARGIN.left + (width - MARGIN.left - MARGIN.right - size) / 2, top: MARGIN.top, size };
}

/**
 * Where the readout goes and how wide it wraps: under the square where that leaves it room, else from the canvas's
 * left margin, always inside the canvas (at 1280 px the slice's ran off its right edge).
 */
export function readoutPlace(width: number, { left, top, size }: Square): { x: number; y: number; wrapWidth: number } {
  const x = width - left - MARGIN.right >= READOUT_MIN_WIDTH ? left : MARGIN.left;
  return { x, y: top + size + 26, wrapWidth: Math.max(READOUT_MIN_WIDTH, width - x - MARGIN.right) };
}

export abstract class HeatSquareView extends PixiView {
  protected heat = new Sprite();
  protected readout!: Text;
  protected axes: [Text, Text];

  constructor(axisLabels: [string, string] = ['', '']) {
    super();
    this.axes = [new Text({ text: axisLabels[0], style: TEXT_STYLE }), new Text({ text: axisLabels[1], style: TEXT_STYLE })];
  }

  /** Shows an RGBA image of res × res pixels as the heat map, freeing the previous one. */
  protected setHeat(rgba: Uint8Array, res: number, scaleMode: 'nearest' | 'linear'): void {
    const previous = this.heat.texture;
    this.heat.texture = new Texture({ source: new BufferImageSource({ resource: rgba, width: res, height: res, format: 'rgba8unorm', scaleMode }) });
    if (previous && previous !== Texture.EMPTY) previous.destroy(true);
    this.heat.visible = true;
  }

  /** The largest square the canvas has room for, centred horizontally. */
  protected square(): Square {
    return heatSquare(this.app.renderer.width / this.app.renderer.resolution, this.app.renderer.height / this.app.renderer.resolution);
  }

  /** Puts the heat map, the axis labels and the readout in place; returns the square for the marks. */
  protected placeFrame(): Square {
    const square = this.square();
    const { left, top, size } = square;
    this.heat.position.set(left, top);
    this.heat.width = size;
    this.heat.height = size;
    this.axes[0].position.set(left + size / 2 - this.axes[0].width / 2, top + size + 6);
    this.axes[1].rotation = -Math.PI / 2;
    this.axes[1].position.set(left - 22, top + size / 2 + this.axes[1].width / 2);
    const { x, y, wrapWidth } = readoutPlace(this.app.renderer.width / this.app.renderer.resolution, square);
    this.readout.style.wordWrap = true;
    this.readout.style.wordWrapWidth = wrapWidth;
    this.readout.position.set(x, y);
    return square;
  }
}
