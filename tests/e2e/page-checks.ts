/**
 * Checks of the page that end-to-end tests run inside their own sessions (no page loads of their own): every view
 * shown in turn, no long tasks while paused, the race chart's points against its CSV export, a view's PNG against
 * the view itself.
 */
import type { Page } from 'playwright-core';

/**
 * Shows each visible view in turn, as a reader clicking through the tabs does, each for two animation frames (a view
 * just shown renders at the next, src/render/pixi-host.ts); returns the ids shown. One call in the page, no round trips.
 */
export function showEachView(page: Page): Promise<string[]> {
  return page.evaluate(async () => {
    const shown: string[] = [];
    for (const tab of Array.from(document.querySelectorAll<HTMLButtonElement>('[role="tab"]:not([hidden])'))) {
      tab.click();
      await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
      shown.push(tab.id.replace(/^tab-/, ''));
    }
    return shown;
  });
}

/**
 * Of `selectors`, those whose element is not wholly inside the viewport or is covered at its middle, each with its box
 * (one call in the page). Checked before any click on them: Playwright would scroll one below the fold into view.
 */
export function offScreen(page: Page, selectors: readonly string[]): Promise<string[]> {
  return page.evaluate((parts) => {
    const found: string[] = [];
    for (const selector of parts) {
      const box = document.querySelector(selector)!.getBoundingClientRect();
      const inside = box.left >= 0 && box.top >= 0 && box.right <= innerWidth && box.bottom <= innerHeight;
      const covered = document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2)?.closest(selector) === null;
      if (!inside || covered) found.push(`${selector} ${covered ? 'covered' : 'off screen'} at (${Math.round(box.left)}, ${Math.round(box.top)}) ${Math.round(box.width)}×${Math.round(box.height)}`);
    }
    return found;
  }, selectors);
}

/**
 * Pauses with `view` in front, waits for its last drawing to finish (a quiet half second), then counts long tasks
 * (over 50 ms) for `observeMs`.
 */
export async function pausedLongTasks(page: Page, view: string, observeMs = 1000): Promise<number> {
  await page.evaluate(() => (globalThis as any).hyperclimb.app.play(false));
  await page.locator(`#tab-${view}`).click();
  // Pausing hurries a feed's last fetch; its data, and the drawing it causes, may arrive after the quiet window below
  // on a loaded machine: wait for the answer first.
  await page.waitForFunction(() => (globalThis as any).hyperclimb.state().settled, null, { timeout: 10_000 });
  // A software-rendered WebGL canvas takes a few hundred ms (more on a loaded machine) to draw the view just shown:
  // wait for half a second without a long task, at most 5 s. A view that kept drawing would never be quiet, and
  // the count below would show it.
  await page.evaluate(
    () =>
      new Promise<void>((resolve) => {
        const started = performance.now();
        let last = started;
        const observer = new PerformanceObserver(() => (last = performance.now()));
        observer.observe({ type: 'longtask' });
        const check = () => {
          const now = performance.now();
          if (now - last >= 500 || now - started >= 5000) {
            observer.disconnect();
            resolve();
          } else setTimeout(check, 100);
        };
        setTimeout(check, 100);
      }),
  );
  return page.evaluate(
    (ms) =>
      new Promise<number>((resolve) => {
        let count = 0;
        const observer = new PerformanceObserver((list) => (count += list.getEntries().length));
        observer.observe({ type: 'longtask' });
        setTimeout(() => {
          observer.disconnect();
          resolve(count);
        }, ms);
      }),
    observeMs,
  );
}

/** Per racer, the race chart's points and the CSV export's improvements, both as [evaluations, value drawn]. */
export function racePointsAndCsv(page: Page): Promise<{ points: [number, number][][]; csv: [number, number][][] }> {
  return page.evaluate(() => {
    const app = (globalThis as any).hyperclimb.app;
    const race = app.views.race;
    const labels: string[] = app.info.racers.map((r: { label: string }) => r.label);
    const loss = app.info.reading === 'loss';
    const csv: [number, number][][] = labels.map(() => []);
    for (const line of (race.csv() as string).trim().split('\n').slice(1)) {
      const fields = line.split(',');
      const fitness = Number(fields.pop());
      const evaluations = Number(fields.pop());
      const racer = labels.indexOf(fields.join(',').replace(/^"|"$/g, ''));
      csv[racer].push([evaluations, loss ? -fitness : fitness]);
    }
    return { points: labels.map((_, k) => race.points(k)), csv };
  });
}

/**
 * A view's PNG export beside the canvas it shows: the image's size, the canvas's pixel size and its size on screen ×
 * devicePixelRatio, and how many of the image's pixels are not fully transparent. Null while the view has nothing to
 * export (a sweep with no results yet says so by refusing).
 */
export function pngOfView(page: Page, view: string): Promise<{ png: [number, number]; canvas: [number, number]; shown: [number, number]; opaque: number } | null> {
  return page.evaluate(async (id) => {
    let blob: Blob;
    try {
      blob = await (globalThis as any).hyperclimb.app.views[id].png();
    } catch {
      return null;
    }
    const image = await createImageBitmap(blob);
    const copy = document.createElement('canvas');
    copy.width = image.width;
    copy.height = image.height;
    const context = copy.getContext('2d')!;
    context.drawImage(image, 0, 0);
    const data = context.getImageData(0, 0, image.width, image.height).data;
    let opaque = 0;
    for (let i = 3; i < data.length; i += 4) if (data[i] > 0) opaque++;
    const canvas = document.querySelector<HTMLCanvasElement>(`#view-${id} canvas`)!;
    const box = canvas.getBoundingClientRect();
    return {
      png: [image.width, image.height] as [number, number],
      canvas: [canvas.width, canvas.height] as [number, number],
      shown: [Math.round(box.width * devicePixelRatio), Math.round(box.height * devicePixelRatio)] as [number, number],
      opaque,
    };
  }, view);
}
