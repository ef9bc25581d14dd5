/**
 * Shared set-up for end-to-end tests: the page served by vite's dev server and Debian's Chromium driven by
 * playwright-core (no browser download). Console errors and page errors are collected for every page.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { build, preview } from 'vite';

export const CHROMIUM = process.env.HYPERCLIMB_CHROMIUM ?? '/usr/bin/chromium';
const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const OUTPUT = join(ROOT, 'test-output');

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--use-angle=swiftshader',
  '--enable-unsafe-swiftshader',
];

export interface Harness {
  url: string;
  browser: Browser;
  close(): Promise<void>;
}

export async function startHarness(): Promise<Harness> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`Chromium not found at ${CHROMIUM}: install Debian's chromium (apt-get install -y chromium), as .ci/run does`);
  }
  mkdirSync(OUTPUT, { recursive: true });
  // The static build, as a host would serve it: one bundle loads far faster than the dev server's many modules.
  const root = ROOT;
  const outDir = join(OUTPUT, 'site');
  await build({ root, logLevel: 'error', build: { outDir, emptyOutDir: true } });
  const server = await preview({ root, logLevel: 'error', build: { outDir }, preview: { port: 0, host: '127.0.0.1' } });
  const url = server.resolvedUrls!.local[0];
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  return {
    url,
    browser,
    async close() {
      await browser.close();
      await new Promise<void>((resolve) => server.httpServer.close(() => resolve()));
    },
  };
}

export interface PageState {
  ready: boolean;
  /** A scenario (or a lesson step's) is loading. */
  loading: boolean;
  file: string;
  frames: number;
  decisions: number;
  eyes: number;
  interpolations: number;
  sharpnessPoints: number;
  playing: boolean;
  clock: number;
  done: boolean;
  seed: string | number;
  view: string;
  racers: { label: string; evaluations: number; bestFitness: number; endedAt: string | null }[];
  outcomes: Record<string, number>[];
  sweep: { running: boolean; done: number; total: number; lines: number; curves: number; source: string | null };
  meter: { status: 'idle' | 'estimating' | 'failed'; share: number | null; text: string };
  lesson: { step: number; steps: number; title: string; classroom: boolean } | null;
  /** The answer panel shows. */
  answer: boolean;
}

/** `bypassCSP`: for bench/, which drives the page with script strings (tsx's name helpers break functions there). */
export async function openPage(harness: Harness, path = '', options: { bypassCSP?: boolean; viewport?: { width: number; height: number }; deviceScaleFactor?: number } = {}): Promise<{ page: Page; errors: string[] }> {
  const page = await harness.browser.newPage({ viewport: options.viewport ?? { width: 1400, height: 900 }, bypassCSP: options.bypassCSP ?? false, deviceScaleFactor: options.deviceScaleFactor ?? 1 });
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  page.on('pageerror', (error) => errors.push(`page error: ${error.message}`));
  // Whatever the page's Content-Security-Policy refuses is an error of the page, whether or not Chromium logs it.
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) => console.error(`CSP violation: ${event.violatedDirective} refused ${event.blockedURI || 'inline code'}`));
  });
  await page.goto(harness.url + path);
  await waitReady(page);
  return { page, errors };
}

/** Waits until the page has loaded its first race. */
export async function waitReady(page: Page): Promise<void> {
  await page.waitForFunction(() => {
    const s = (globalThis as { hyperclimb?: { state(): PageState } }).hyperclimb?.state();
    return s?.ready && !s.loading && s.frames > 0;
  }, null, { timeout: 60_000 });
}

/** Opens the page and then a scenario of sims/ from the menu, waiting until it races (and its lesson step is in). */
export async function openScenario(harness: Harness, file: string): Promise<{ page: Page; errors: string[] }> {
  const opened = await openPage(harness);
  await opened.page.selectOption('#scenario-select', file);
  await waitLoaded(opened.page, file);
  return opened;
}

/** Waits until `file` races and nothing is loading. */
export async function waitLoaded(page: Page, file: string): Promise<void> {
  await page.waitForFunction((name) => {
    const s = (globalThis as unknown as { hyperclimb: { state(): PageState } }).hyperclimb.state();
    return s.file === name && !s.loading && s.frames > 0;
  }, file, { timeout: 60_000 });
}

export function state(page: Page): Promise<PageState> {
  return page.evaluate(() => (globalThis as unknown as { hyperclimb: { state(): PageState } }).hyperclimb.state());
}

/**
 * For each colour (0xRRGGBB), the opaque pixels of a view's canvas within a small distance of it: what a series,
 * mark or shape drawn in that colour covers. Reads a copy, so WebGL (Pixi) and 2-D (uPlot) canvases alike.
 */
export function colorCounts(page: Page, view: string, colors: readonly number[]): Promise<number[]> {
  return page.evaluate(
    ([id, wanted]) => {
      const source = document.querySelector<HTMLCanvasElement>(`#view-${id} canvas`);
      if (!source) return wanted.map(() => 0);
      const copy = document.createElement('canvas');
      copy.width = source.width;
      copy.height = source.height;
      const context = copy.getContext('2d')!;
      context.drawImage(source, 0, 0);
      const data = context.getImageData(0, 0, copy.width, copy.height).data;
      return wanted.map((color) => {
        const [r, g, b] = [(color >> 16) & 255, (color >> 8) & 255, color & 255];
        let count = 0;
        for (let i = 0; i < data.length; i += 4) {
          if (data[i + 3] > 200 && Math.abs(data[i] - r) + Math.abs(data[i + 1] - g) + Math.abs(data[i + 2] - b) < 40) count++;
        }
        return count;
      });
    },
    [view, colors] as const,
  );
}

/** Pixels of a view's canvas within a small distance of colour `rgb` (0xRRGGBB): a series drawn in that colour. */
export async function colorPixels(page: Page, view: string, rgb: number): Promise<number> {
  return (await colorCounts(page, view, [rgb]))[0];
}

/** Plays until every run has ended (at the highest speed). */
export async function playToEnd(page: Page): Promise<PageState> {
  await page.evaluate(() => {
    const app = (globalThis as unknown as { hyperclimb: { app: { speed: number; play(on?: boolean): void } } }).hyperclimb.app;
    app.speed = 1_000_000;
    app.play(true);
  });
  await page.waitForFunction(() => (globalThis as unknown as { hyperclimb: { state(): PageState } }).hyperclimb.state().done, null, { timeout: 60_000 });
  return state(page);
}
