/**
 * What the uPlot charts of the page share: a chart that fills its host and follows its size, an optional line of
 * text above it (a readout, or why the view cannot draw), a rebuild when series change, and PNG export of the
 * canvas. The race, sharpness and interpolation views draw on it.
 */
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';

/** Axis and grid colours that read on the page's dark background. */
export const AXIS_STROKE = '#aab0bd';
export const GRID = { stroke: '#2a2f3a', width: 1 };

/**
 * Text drawn on a chart's canvas (device pixels) on a dark plate, so lines running under it do not hide it.
 * `align` says which end of the text sits at x.
 */
export function drawLabel(ctx: CanvasRenderingContext2D, text: string, x: number, y: number, color: string, align: 'left' | 'right'): void {
  const dpr = devicePixelRatio || 1;
  ctx.font = `${12 * dpr}px system-ui, sans-serif`;
  ctx.textAlign = align;
  ctx.textBaseline = 'alphabetic';
  const width = ctx.measureText(text).width;
  const left = align === 'left' ? x : x - width;
  ctx.fillStyle = 'rgba(15, 17, 23, 0.85)';
  ctx.fillRect(left - 3 * dpr, y - 12 * dpr, width + 6 * dpr, 16 * dpr);
  ctx.fillStyle = color;
  ctx.fillText(text, x, y);
}

export abstract class LineChart {
  protected host!: HTMLElement;
  protected plot?: uPlot;
  /** Text above the chart; hidden while empty. */
  protected note!: HTMLElement;
  private chartHost!: HTMLElement;
  private observer?: ResizeObserver;

  async mount(host: HTMLElement): Promise<void> {
    this.host = host;
    this.note = document.createElement('p');
    this.note.className = 'chart-note';
    this.note.hidden = true;
    this.chartHost = document.createElement('div');
    host.append(this.note, this.chartHost);
    this.observer = new ResizeObserver(() => this.plot?.setSize(this.size()));
    this.observer.observe(host);
  }

  protected setNote(text: string): void {
    this.note.textContent = text;
    this.note.hidden = !text;
    this.plot?.setSize(this.size());
  }

  protected size(): { width: number; height: number } {
    const noteHeight = this.note.hidden ? 0 : this.note.offsetHeight + 6;
    return { width: Math.max(200, this.host.clientWidth - 8), height: Math.max(160, this.host.clientHeight - 40 - noteHeight) };
  }

  /** Replaces the chart (uPlot fixes its series and scales when it is made). */
  protected replot(options: Omit<uPlot.Options, 'width' | 'height'>, data: uPlot.AlignedData): void {
    this.plot?.destroy();
    this.plot = new uPlot({ ...this.size(), ...options }, data, this.chartHost);
  }

  png(): Promise<Blob> {
    const canvas = this.chartHost?.querySelector('canvas');
    if (!canvas) return Promise.reject(new Error('the chart is not drawn yet'));
    return new Promise((resolve, reject) => canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('the chart could not be exported'))), 'image/png'));
  }

  destroy(): void {
    this.observer?.disconnect();
    this.plot?.destroy();
  }
}
