/**
 * Checks of the page that several end-to-end tests run inside their own sessions (no page loads of their own):
 * every view visited without an uncaught error, no long tasks while paused, the race chart's points against its
 * CSV export, a view's PNG against the view itself.
 */
import type { Page } from 'playwright-core';

/** The ids of the view tabs the page shows now (views that cannot draw this race are hidden). */
export function visibleViews(page: Page): Promise<string[]> {
  return page.evaluate(() => Array.from(document.querySelectorAll<HTMLButtonElement>('[role="tab"]:not([hidden])'), (tab) => tab.id.replace(/^tab-/, '')));
}

/**
 * Pauses, then on every visible view waits for its last drawing to finish (a quiet half second) and counts long
 * tasks (over 50 ms) for `observeMs`; returns view → count. Clicking each tab in turn also leaves each one, as a reader does.
 */
export async function pausedLongTasks(page: Page, observeMs = 1000): Promise<Record<string, number>> {
  await page.evaluate(() => (globalThis as any).hyperclimb.app.play(false));
  const counts: Record<string, number> = {};
  for (const view of await visibleViews(page)) {
    await page.locator(`#tab-${view}`).click();
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
    counts[view] = await page.evaluate(
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
  return counts;
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

/** A view's PNG export: its size and the alpha of its middle pixel, with the size of the view's canvas. */
export function pngOfView(page: Page, view: string): Promise<{ png: [number, number]; canvas: [number, number]; alpha: number }> {
  return page.evaluate(async (id) => {
    const blob: Blob = await (globalThis as any).hyperclimb.app.views[id].png();
    const image = await createImageBitmap(blob);
    const copy = document.createElement('canvas');
    copy.width = image.width;
    copy.height = image.height;
    const context = copy.getContext('2d')!;
    context.drawImage(image, 0, 0);
    const alpha = context.getImageData(image.width >> 1, image.height >> 1, 1, 1).data[3];
    const canvas = document.querySelector<HTMLCanvasElement>(`#view-${id} canvas`)!;
    return { png: [image.width, image.height] as [number, number], canvas: [canvas.width, canvas.height] as [number, number], alpha };
  }, view);
}
