/**
 * A Pixi application in a DOM element, sized to it. WebGL is preferred: headless Chromium draws WebGPU canvases
 * blank (TOOLCHAIN.md), and WebGL is available everywhere the page needs to run.
 */
import { Application } from 'pixi.js';

export async function createPixiApp(host: HTMLElement, background = 0x11141b): Promise<Application> {
  const app = new Application();
  await app.init({
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

/** What every Pixi-drawn view does the same way: stop drawing while hidden, export its canvas, free it all. */
export abstract class PixiView {
  protected app!: Application;

  setVisible(visible: boolean): void {
    if (visible) this.app.ticker.start();
    else this.app.ticker.stop();
  }

  png(): Promise<Blob> {
    return canvasPng(this.app);
  }

  destroy(): void {
    this.app.destroy(true, { children: true, texture: true });
  }
}
