/**
 * A Pixi application in a DOM element, sized to it. WebGL is preferred: headless Chromium draws WebGPU canvases
 * blank (TOOLCHAIN.md), and WebGL is available everywhere the page needs to run.
 */
import { Application } from 'pixi.js';

export async function createPixiApp(host: HTMLElement, background = 0x11141b): Promise<Application> {
  const app = new Application();
  await app.init({
    // No ticker: a view renders when its marks change (PixiView.changed), so a paused page does no drawing at all.
    autoStart: false,
    preference: 'webgl',
    background,
    antialias: false,
    resizeTo: host,
    autoDensity: true,
    resolution: Math.min(2, globalThis.devicePixelRatio || 1),
    preserveDrawingBuffer: true,
  });
  app.canvas.setAttribute('role', 'img');
  host.appendChild(app.canvas);
  // resizeTo follows window resizes only; a view shown after being hidden must follow its own box too.
  new ResizeObserver(() => app.resize()).observe(host);
  return app;
}

/**
 * The view as a PNG image, exactly as shown: the canvas itself, background included. (Extracting the stage instead
 * gives the bounds of everything on it — marks far off-screen made a 10,642 × 7,303 image — on a transparent ground.)
 */
export async function canvasPng(app: Application): Promise<Blob> {
  app.render();
  const canvas = app.canvas;
  return new Promise((resolve, reject) => canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('the view could not be exported'))), 'image/png'));
}

/**
 * Least time between two renders of a view. Where WebGL is drawn in software (this project's test machines, many
 * school computers), every render of a large canvas takes CPU from the simulation's worker: at 60 renders a second
 * the Slice view ran the race at a fifth of the Race view's speed. Ten a second keeps points and paths moving.
 */
const MIN_RENDER_INTERVAL_MS = 100;

/**
 * What every Pixi-drawn view does the same way: draw only when something changed and only while in front, export
 * its canvas, free it all.
 */
export abstract class PixiView {
  protected app!: Application;
  private inFront = false;
  private renderQueued = false;
  private renderedAt = -Infinity;
  /** Marks changed since the last render. */
  private stale = true;

  /** Whether the view is in front: hidden views defer their work until shown. */
  protected get isInFront(): boolean {
    return this.inFront;
  }

  setVisible(visible: boolean): void {
    this.inFront = visible;
    if (visible) this.whenShown();
    if (visible && this.stale) this.changed();
  }

  /** A view shown again catches up here with what it deferred while hidden. */
  protected whenShown(): void {}

  /**
   * The marks changed: render them once, at the next animation frame at least MIN_RENDER_INTERVAL_MS after the last
   * render, if the view is in front (else when it is shown).
   */
  protected changed(): void {
    this.stale = true;
    if (!this.inFront || this.renderQueued || !this.app) return;
    this.renderQueued = true;
    const render = () => {
      this.renderQueued = false;
      if (!this.inFront || !this.stale) return;
      this.stale = false;
      this.renderedAt = performance.now();
      this.app.render();
    };
    const wait = this.renderedAt + MIN_RENDER_INTERVAL_MS - performance.now();
    if (wait <= 0) requestAnimationFrame(render);
    else setTimeout(() => requestAnimationFrame(render), wait);
  }

  png(): Promise<Blob> {
    return canvasPng(this.app);
  }

  destroy(): void {
    this.app.destroy(true, { children: true, texture: true });
  }
}
