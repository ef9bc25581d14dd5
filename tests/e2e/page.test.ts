/**
 * The page end to end in Debian's Chromium: it opens on the eye lesson and steps through it, a lesson link opens on
 * its step and a classroom link without the editor, a 1280×720 projector shows the lesson, the whole eye view and sweep view,
 * every scenario shows every view and lesson step without an error (paused views idle, PNGs the size of the view),
 * it races GA against gradient descent, every view draws, a broken scenario shows its error at its line while the
 * race goes on, a share link reproduces the same numbers — the same as the command line's — and a failing worker is
 * reported and recovered from. Screenshots of every view go to test-output/.
 */
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { parseDocument } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatSavedNetwork } from '../../src/core/nets/saved-network.ts';
import { OUTCOME_COLORS, racerColor } from '../../src/render/colors.ts';
import { METRICS } from '../../src/render/sweep-view.ts';
import { expandCells, runSpecs } from '../../src/scenario/cells.ts';
import { parseScenario } from '../../src/scenario/parse.ts';
import { scenarioFingerprint } from '../../src/scenario/results.ts';
import { VIEW_IDS } from '../../src/views/registry.ts';
import { PageSession } from '../../workers/page-session.ts';
import { inProcess } from '../support/cli.ts';
import { colorCounts, colorPixels, openPage, openScenario, OUTPUT, playToEnd, startHarness, state, waitLoaded, waitReady, type Harness } from './browser.ts';
import { offScreen, pausedLongTasks, pngOfView, racePointsAndCsv, showEachView } from './page-checks.ts';

let harness: Harness;

/** A promise a test awaits later: handled now, so that a failure meanwhile is reported by that await, not as unhandled. */
function awaitedLater<T>(promise: Promise<T>): Promise<T> {
  promise.catch(() => {});
  return promise;
}

/**
 * Waits until a view's canvas shows each named colour on at least `least` pixels (50 by default: half a 10 px
 * swatch, a 2 px line 25 px long). Axes, grid and labels are grey or white, so only the data drawn can pass.
 */
async function expectDrawn(page: Page, view: string, colors: Record<string, number>, least = 50): Promise<Record<string, number>> {
  const names = Object.keys(colors);
  const counts = async () => Object.fromEntries((await colorCounts(page, view, Object.values(colors))).map((count, i) => [names[i], count]));
  await expect.poll(counts, { timeout: 20_000, message: `${view} view draws ${names.join(', ')}` }).toSatisfy((c: Record<string, number>) => Object.values(c).every((n) => n >= least));
  return counts();
}

const racers = (labels: string[]) => Object.fromEntries(labels.map((label, k) => [label, racerColor(k)]));
// Viridis ends: the lowest and highest fitness of a landscape texture or a hypercube's nodes.
const VIRIDIS_ENDS = { 'lowest fitness': 0x440154, 'highest fitness': 0xfde725 };

beforeAll(async () => {
  harness = await startHarness();
}, 120_000);

afterAll(async () => {
  await harness?.close();
});

describe('the page', () => {
  it('opens on the eye lesson, steps through it, and opens a step or a classroom from a link', async () => {
    const { page, errors } = await openPage(harness);
    expect((await state(page)).lesson).toEqual({ step: 0, steps: 8, title: 'A flat patch sees only where light comes from', classroom: false });
    expect((await state(page)).view).toBe('eye');
    expect(await page.locator('#lesson-count').textContent()).toBe('Step 1 of 8');
    expect(await page.locator('#lesson-back').isDisabled()).toBe(true);
    await page.screenshot({ path: join(OUTPUT, 'lesson.png') });
    // Step 2 plays the first 400 evaluations and pauses there, with the eye view drawing the GA's eye.
    await page.locator('#lesson-next').click();
    await page.waitForFunction(() => { const s = (globalThis as any).hyperclimb.state(); return s.lesson.step === 1 && s.clock >= 400 && !s.playing && s.eyes >= 1; }, null, { timeout: 30_000 });
    // The GA spends whole generations (40 + 10 × 39), the walk exactly 400.
    expect((await state(page)).racers.map((r) => r.evaluations)).toEqual([430, 400]);
    expect(await page.locator('#lesson-count').textContent()).toBe('Step 2 of 8');
    expect(await page.locator('#play').evaluate((button) => button.classList.contains('lesson-highlight'))).toBe(true);
    await page.locator('#lesson-reveal').click();
    expect(await page.locator('#lesson-answer').textContent()).toContain('no valley');
    await page.keyboard.press('PageDown');
    await page.waitForFunction(() => (globalThis as any).hyperclimb.state().lesson.step === 2);
    expect(await page.locator('#lesson-answer').isHidden()).toBe(true);
    await page.keyboard.press('Shift+ArrowLeft');
    await page.waitForFunction(() => (globalThis as any).hyperclimb.state().lesson.step === 1);
    expect(page.url()).toContain('step=1');
    await page.locator('#lesson-back').click();
    await page.waitForFunction(() => (globalThis as any).hyperclimb.state().lesson.step === 0);

    // The link of step 6 (no action) as a classroom link: that step, no editor, no scenario menu, only the controls it shows.
    const link = `${page.url().slice(harness.url.length).replace(/step=\d+/, 'step=5')}&classroom=1`;
    const { page: classroom, errors: classroomErrors } = await openPage(harness, link);
    expect((await state(classroom)).lesson).toMatchObject({ step: 5, title: 'How many generations?', classroom: true });
    for (const hidden of ['#editor-panel', '#scenario-select', '#open-file', '#play', '#speed', '#dead-end-meter', '#share-classroom']) {
      expect([hidden, await classroom.locator(hidden).isHidden()]).toEqual([hidden, true]);
    }
    expect(await classroom.locator('#racers-section').isVisible()).toBe(true);
    await classroom.keyboard.press('e');
    await classroom.keyboard.press('Space');
    expect(await classroom.locator('#editor-panel').isHidden()).toBe(true);
    expect((await state(classroom)).playing).toBe(false);
    await classroom.screenshot({ path: join(OUTPUT, 'lesson-classroom.png') });
    expect(classroomErrors).toEqual([]);
    await classroom.close();

    // On a 1280×720 projector the header's buttons are on the brand's row, the transport's four on Play's, even with a
    // lesson's Classroom link and the narrower controls column a lesson leaves. (Next on every step of every lesson:
    // the walk over every scenario below.)
    await page.setViewportSize({ width: 1280, height: 720 });
    const rowOf = async (selector: string) => (await page.locator(selector).boundingBox())!;
    const [brand, actions, play, newSeed] = [await rowOf('.brand'), await rowOf('.top-actions'), await rowOf('#play'), await rowOf('#new-seed')];
    expect({ header: actions.y < brand.y + brand.height, transport: newSeed.y === play.y }).toEqual({ header: true, transport: true });
    // Without a lesson (nk-ruggedness has none) the header and the transport take the same rows as with one.
    const rows = async () => ({ header: (await rowOf('header.top')).height, actions: (await rowOf('.top-actions')).y, play: (await rowOf('#play')).y, newSeed: (await rowOf('#new-seed')).y });
    const withLesson = await rows();
    await page.selectOption('#scenario-select', 'nk-ruggedness.yaml');
    await waitLoaded(page, 'nk-ruggedness.yaml');
    expect((await state(page)).lesson).toBeNull();
    expect(await rows()).toEqual(withLesson);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('answers the question both ways on a 1280×720 first screen, each line one click from its experiment', async () => {
    const { page, errors } = await openPage(harness, '', { viewport: { width: 1280, height: 720 } });
    expect((await state(page)).answer).toBe(true);
    // The panel and every line’s button inside the viewport at load.
    const parts = [page.locator('#answer'), ...(await page.locator('.answer-open').all())];
    expect(parts.length).toBe(7);
    for (const [k, part] of parts.entries()) {
      const box = (await part.boundingBox())!;
      expect([k, box.x >= 0 && box.y >= 0 && box.x + box.width <= 1280 && box.y + box.height <= 720]).toEqual([k, true]);
    }
    await page.screenshot({ path: join(OUTPUT, 'answer.png') });
    // Where they help: the house of cards opens drawn on its Sweep view, from its shipped results, even from the Race
    // view, which that scenario also names (loading it from the menu would keep Race in front).
    await page.locator('#tab-race').click();
    expect((await state(page)).view).toBe('race');
    await page.locator(".answer-side[data-side='helps'] .answer-open").first().click();
    await waitLoaded(page, 'house-of-cards-vs-n.yaml');
    await page.waitForFunction(() => { const s = (globalThis as any).hyperclimb.state(); return s.view === 'sweep' && s.sweep.lines === 1400; }, null, { timeout: 30_000 });
    expect((await state(page)).answer).toBe(false);
    // Where they do not: back from the header, then Styblinski–Tang opens with its lesson.
    await page.locator('#answer-toggle').click();
    await page.locator(".answer-side[data-side='does-not'] .answer-open").first().click();
    await waitLoaded(page, 'dimension-vs-dead-ends.yaml');
    expect((await state(page)).lesson).toMatchObject({ step: 0, title: 'Two wells in one dimension' });
    // Closed, it stays closed in this browser until the header's button brings it back.
    await page.locator('#answer-toggle').click();
    await page.locator('.answer-close').click();
    await page.reload();
    await waitReady(page);
    expect((await state(page)).answer).toBe(false);
    await page.locator('#answer-toggle').click();
    expect((await state(page)).answer).toBe(true);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('fits the eye lesson, its view with the timeline, the sweep view and the answer panel on a 1280×720 and a 1366×768 projector', async () => {
    // At a devicePixelRatio of 2, which changes no layout, so that exports show they are the canvas's pixels (below).
    const { page, errors } = await openPage(harness, '', { viewport: { width: 1280, height: 720 }, deviceScaleFactor: 2 });
    for (const viewport of [{ width: 1280, height: 720 }, { width: 1366, height: 768 }]) {
      await page.setViewportSize(viewport);
      await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
      const where = `${viewport.width}×${viewport.height}`;
      expect([where, (await state(page)).answer, (await state(page)).view]).toEqual([where, true, 'eye']);
      // The eye view's whole canvas, its timeline at the bottom included, with no scrolling of the stage (polled: the
      // canvas follows its box a frame or more after the window's resize).
      const fits = () =>
        page.evaluate(() => {
          const canvas = document.querySelector('#view-eye canvas')!.getBoundingClientRect();
          const stage = document.querySelector('#views')!;
          return { canvasOnScreen: canvas.top >= 0 && canvas.bottom <= innerHeight + 0.5, stageScrolls: stage.scrollHeight > stage.clientHeight + 1 };
        });
      await expect.poll(fits, { timeout: 5_000, message: where }).toEqual({ canvasOnScreen: true, stageScrolls: false });
      expect([where, await offScreen(page, ['#answer', '#lesson-count', '#lesson-next'])]).toEqual([where, []]);
      await page.screenshot({ path: join(OUTPUT, `lesson-${where.replace('×', 'x')}.png`), scale: 'css' });
    }
    // A Pixi view's PNG (the eye) and a chart's (the race) are twice their size on screen, as their canvases are.
    expect(await page.evaluate(() => devicePixelRatio)).toBe(2);
    for (const view of ['eye', 'race']) {
      await page.locator(`#tab-${view}`).click();
      await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
      const png = (await pngOfView(page, view))!;
      expect([view, png.png, png.shown, png.opaque > 0]).toEqual([view, png.canvas, png.canvas, true]);
    }
    // The Sweep view with its lesson, with and without the answer panel: the plot (axis titles drawn on its canvas) and
    // legend on screen, every measure's y-axis title, centred on the plot area, inside the canvas, the stage unscrolled.
    const sweepFits = () =>
      page.evaluate((yTitles) => {
        const canvas = document.querySelector('#view-sweep canvas')!.getBoundingClientRect();
        const plotArea = document.querySelector('#view-sweep .u-over')!.getBoundingClientRect();
        const legend = document.querySelector('#view-sweep .u-legend')!.getBoundingClientRect();
        const stage = document.querySelector('#views')!;
        const onScreen = (box: DOMRect) => box.left >= 0 && box.top >= 0 && box.right <= innerWidth && box.bottom <= innerHeight + 0.5;
        // uPlot's default axis-label font.
        const context = document.createElement('canvas').getContext('2d')!;
        context.font = 'bold 12px system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, "Noto Sans", sans-serif';
        const half = Math.max(...yTitles.map((title) => context.measureText(title).width)) / 2;
        const middle = plotArea.top + plotArea.height / 2;
        return { canvas: onScreen(canvas), legend: onScreen(legend), yTitle: middle - half >= canvas.top && middle + half <= canvas.bottom, stageScrolls: stage.scrollHeight > stage.clientHeight + 1 };
      }, METRICS.map((metric) => metric.axis));
    for (const file of ['house-of-cards-vs-n.yaml', 'dimension-vs-dead-ends.yaml']) {
      await page.selectOption('#scenario-select', file);
      await waitLoaded(page, file);
      await page.locator('#tab-sweep').click();
      await page.waitForFunction(() => (globalThis as any).hyperclimb.state().sweep.curves > 0, null, { timeout: 30_000 });
      for (const viewport of [{ width: 1280, height: 720 }, { width: 1366, height: 768 }]) {
        await page.setViewportSize(viewport);
        for (const answer of [true, false]) {
          if ((await state(page)).answer !== answer) await page.locator('#answer-toggle').click();
          const where = `${file} at ${viewport.width}×${viewport.height}, answer ${answer ? 'open' : 'closed'}`;
          expect([where, (await state(page)).lesson !== null, (await state(page)).view]).toEqual([where, true, 'sweep']);
          await expect.poll(() => sweepFits(), { timeout: 5_000, message: where }).toEqual({ canvas: true, legend: true, yTitle: true, stageScrolls: false });
          if (answer) await page.screenshot({ path: join(OUTPUT, `sweep-${file.replace(/\.yaml$/, '')}-${viewport.width}x${viewport.height}.png`), scale: 'css' });
        }
      }
    }
    expect(errors).toEqual([]);
    await page.close();
  });

  // One session at 1280×720 through every scenario of the menu: every view it shows, then every step of its lesson
  // (each on the view the step opens, not on all: 32 steps × every view would double the walk). Each view's idle and
  // export checks run on its first appearance with something to export rather than on all: they take seconds each.
  it('shows every scenario on every view and every lesson step without an error, Next on screen, paused views idle, PNGs the view', async () => {
    const started = Date.now();
    const { page, errors } = await openPage(harness, '', { viewport: { width: 1280, height: 720 } });
    const files = await page.evaluate(() => Array.from(document.querySelectorAll<HTMLOptionElement>('#scenario-select option'), (option) => option.value));
    const shipped = readdirSync(join(__dirname, '..', '..', 'sims')).filter((name) => /\.(ya?ml|json)$/.test(name) && name !== 'scenario.schema.json');
    expect([...files].sort()).toEqual([...shipped].sort());
    const problems: string[] = [];
    const blame = (where: string) => problems.push(...errors.splice(0).map((error) => `${where}: ${error}`));
    const longTasks: Record<string, string> = {};
    const pngs: Record<string, string> = {};
    let steps = 0;
    const seconds = { load: 0, views: 0, idleAndPng: 0, lessons: 0 };
    let lap = Date.now();
    const time = (phase: keyof typeof seconds) => {
      seconds[phase] += (Date.now() - lap) / 1000;
      lap = Date.now();
    };
    for (const file of files) {
      await page.selectOption('#scenario-select', file);
      await waitLoaded(page, file);
      // A frame more than the opening one, so views draw a race under way.
      await page.evaluate(() => (globalThis as any).hyperclimb.app.step());
      time('load');
      const views = await showEachView(page);
      time('views');
      blame(`${file}, views ${views.join(', ')}`);
      for (const view of views.filter((id) => !(id in pngs))) {
        // Exported in front, as the PNG button does (a hidden chart shrinks to its least size).
        await page.locator(`#tab-${view}`).click();
        await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
        const png = await pngOfView(page, view);
        if (!png) continue;
        // The image is the canvas as shown (× devicePixelRatio), and something is drawn on it.
        pngs[view] = `${file}: ${png.png.join('×')} PNG of a ${png.canvas.join('×')} canvas shown at ${png.shown.join('×')}, ${png.opaque > 0 ? 'drawn' : 'fully transparent'}`;
        const sized = [png.png, png.shown].every(([width, height]) => width === png.canvas[0] && height === png.canvas[1]);
        if (!sized || png.opaque === 0) problems.push(`${view} view's PNG on ${pngs[view]}`);
        longTasks[view] = `${file}: ${await pausedLongTasks(page, view)} long tasks paused`;
        blame(`${file}, paused on ${view}`);
      }
      time('idleAndPng');
      const lesson = (await state(page)).lesson;
      for (let step = 0; step < (lesson?.steps ?? 0); step++) {
        await page.waitForFunction((k) => { const s = (globalThis as any).hyperclimb.state(); return s.lesson?.step === k && !s.loading; }, step, { timeout: 30_000 });
        const where = `${file}, lesson step ${step + 1}`;
        problems.push(...(await offScreen(page, ['#lesson-count', '#lesson-next'])).map((part) => `${where}: ${part}`));
        await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
        blame(where);
        steps++;
        if (step < lesson!.steps - 1) await page.locator('#lesson-next').click();
      }
      time('lessons');
    }
    console.log(`every scenario: ${files.length} scenarios, ${steps} lesson steps in ${((Date.now() - started) / 1000).toFixed(1)} s`, { seconds, pngs, longTasks });
    expect(problems).toEqual([]);
    expect(Object.keys(pngs).sort()).toEqual([...VIEW_IDS].sort());
    expect(Object.values(longTasks).filter((text) => !/: 0 long tasks/.test(text))).toEqual([]);
    await page.close();
  }, 300_000);

  it('races GA against gradient descent: counters move, fitness improves, nothing logs an error', async () => {
    const { page, errors } = await openScenario(harness, 'ga-vs-gd.yaml');
    const before = await state(page);
    expect(before.racers.map((r) => r.label)).toEqual(['GA', 'Gradient descent', 'CMA-ES']);
    await page.keyboard.press('Space');
    await page.waitForFunction(() => (globalThis as any).hyperclimb.state().clock >= 600, null, { timeout: 60_000 });
    const after = await state(page);
    expect(after.playing || after.done).toBe(true);
    after.racers.forEach((racer, k) => {
      expect(racer.evaluations).toBeGreaterThan(before.racers[k].evaluations);
      expect(racer.bestFitness).toBeGreaterThanOrEqual(before.racers[k].bestFitness);
    });
    expect(after.racers.some((r, k) => r.bestFitness > before.racers[k].bestFitness)).toBe(true);
    await expectRaceChartHoldsEveryImprovement(page);
    const shown = await page.locator('[data-racer="0"] .evaluations').textContent();
    expect(Number(shown!.replace(/,/g, ''))).toBeGreaterThan(0);
    await page.waitForFunction(() => (globalThis as any).hyperclimb.state().meter.status === 'idle' && (globalThis as any).hyperclimb.state().meter.share !== null, null, { timeout: 30_000 });
    expect((await state(page)).meter.text).toMatch(/^Dead ends: \d+(\.\d)?%( ± \d+(\.\d)?%)? of gradient descents \(\d+ of \d+ random starts/);
    await page.screenshot({ path: join(OUTPUT, 'page.png') });
    expect(errors).toEqual([]);
    // That race ran under the Content-Security-Policy, sent by vite preview and written into the built page; with it
    // in force, an inline script (what an injection would add) does not run. (Code evaluated by the test itself is
    // exempt from the policy, so the probe is a script element, which is not.)
    const served = await fetch(harness.url);
    expect(served.headers.get('content-security-policy')).toMatch(/script-src 'self' 'wasm-unsafe-eval';.*style-src 'self';/);
    expect(await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content')).toMatch(/^default-src 'self'; script-src 'self' 'wasm-unsafe-eval'/);
    const ran = await page.evaluate(() => {
      const script = document.createElement('script');
      script.textContent = 'document.body.dataset.injected = "ran"';
      document.head.append(script);
      return document.body.dataset.injected === 'ran';
    });
    expect(ran).toBe(false);
    // The refusal is reported (by the listener every page of these tests has, and in Chromium's own console line).
    await expect.poll(() => errors.some((e) => /^CSP violation: script-src(-elem)? refused inline/.test(e))).toBe(true);
    expect(errors.every((e) => /inline|Content Security Policy/.test(e))).toBe(true);
    await page.close();
  });

  // Every view in turn on three scenarios: about 50 s on two busy cores, past the default minute under heavy load.
  it('draws every view (no blank canvas) and saves a screenshot of each', async () => {
    const { page, errors } = await openScenario(harness, 'ga-vs-gd.yaml');
    await page.keyboard.press('Space');
    await page.waitForFunction(() => (globalThis as any).hyperclimb.state().clock >= 300, null, { timeout: 60_000 });
    const gaVsGd = racers(['GA', 'Gradient descent', 'CMA-ES']);
    const outcomeBars = async () => (await colorCounts(page, 'outcomes', Object.values(OUTCOME_COLORS))).reduce((a, b) => a + b, 0);
    for (const [key, view] of [['1', 'slice'], ['2', 'race'], ['4', 'outcomes']] as const) {
      await page.keyboard.press(key);
      if (view === 'slice') {
        // The landscape texture and the GA's population; gradient descent and CMA-ES are one point each there (a
        // dot of radius 5, about 78 px, partly under its path and faded with distance from the plane): a third of one.
        console.log('slice view pixels:', await expectDrawn(page, view, { GA: gaVsGd.GA, ...VIRIDIS_ENDS }));
        console.log('slice view pixels:', await expectDrawn(page, view, { 'Gradient descent': gaVsGd['Gradient descent'], 'CMA-ES': gaVsGd['CMA-ES'] }, 25));
      } else console.log(`${view} view pixels:`, await expectDrawn(page, view, gaVsGd));
      await page.locator(`#view-${view}`).screenshot({ path: join(OUTPUT, `view-${view}.png`) });
    }
    // One bar per racer, split by how its replicates ended: at least 3 bars 22 px high and 10 px wide.
    expect(await outcomeBars()).toBeGreaterThan(3 * 22 * 10);
    await page.selectOption('#scenario-select', 'walks-on-nk.yaml');
    await page.waitForFunction(() => (globalThis as any).hyperclimb.state().racers[0]?.label === 'Greedy walk');
    await page.keyboard.press('3');
    await page.keyboard.press('Space');
    console.log('hypercube view pixels:', await expectDrawn(page, 'hypercube', VIRIDIS_ENDS));
    // The walker: one ring of radius 6, 2 px wide (about 75 px), crossed by edges: a third of it.
    console.log('hypercube view pixels:', await expectDrawn(page, 'hypercube', { 'Greedy walk': racerColor(0) }, 25));
    await page.locator('#view-hypercube').screenshot({ path: join(OUTPUT, 'view-hypercube.png') });
    expect(await page.locator('#tab-decision').isHidden()).toBe(true);
    // A network on 2-D data: its decision surface, refreshed from the worker as it trains.
    await page.evaluate(() => (globalThis as any).hyperclimb.app.play(false));
    await page.selectOption('#scenario-select', 'neuroevolution-vs-sgd.yaml');
    await page.waitForFunction(() => (globalThis as any).hyperclimb.state().racers[3]?.label === 'SGD');
    await page.keyboard.press('6');
    expect((await state(page)).view).toBe('decision');
    await page.evaluate(() => {
      const app = (globalThis as any).hyperclimb.app;
      app.speed = 100;
      app.play(true);
    });
    await page.waitForFunction(() => { const s = (globalThis as any).hyperclimb.state(); return s.decisions >= 2 && s.clock >= 200; }, null, { timeout: 30_000 });
    await page.evaluate(() => (globalThis as any).hyperclimb.app.play(false));
    // The data set's two classes (decision-view.ts's dot colours).
    console.log('decision view pixels:', await expectDrawn(page, 'decision', { 'class −1': 0xf59322, 'class +1': 0x3aa0e8 }));
    await page.locator('#view-decision').screenshot({ path: join(OUTPUT, 'view-decision.png') });
    // The same networks' sharpness (key 8) and interpolation curves (key 9): Adam, which has no 2/η line, draws its
    // own line in its colour once it has a few points; the two curves of replicates 1 and 2 come from the worker.
    await page.keyboard.press('8');
    expect((await state(page)).view).toBe('sharpness');
    await page.evaluate(() => (globalThis as any).hyperclimb.app.play(true));
    await page.waitForFunction(() => (globalThis as any).hyperclimb.state().sharpnessPoints >= 8, null, { timeout: 30_000 });
    await page.evaluate(() => (globalThis as any).hyperclimb.app.play(false));
    await expect.poll(() => colorPixels(page, 'sharpness', 0x0072b2), { timeout: 20_000 }).toBeGreaterThan(200);
    // Points and no line: the legend still shows each racer's colour (SGD, Adam), taken from its points' rim.
    const swatches = await page.locator('#view-sharpness .u-legend .u-marker').evaluateAll((markers) => markers.map((m) => getComputedStyle(m).borderTopColor));
    expect(swatches).toEqual([racerColor(3), racerColor(4)].map((c) => `rgb(${c >> 16}, ${(c >> 8) & 255}, ${c & 255})`));
    await page.locator('#view-sharpness').screenshot({ path: join(OUTPUT, 'view-sharpness.png') });
    await page.keyboard.press('9');
    await page.waitForFunction(() => { const s = (globalThis as any).hyperclimb.state(); return s.view === 'interpolation' && s.interpolations >= 1; }, null, { timeout: 30_000 });
    expect(await colorPixels(page, 'interpolation', 0xe69f00)).toBeGreaterThan(500); // as trained
    expect(await colorPixels(page, 'interpolation', 0x56b4e9)).toBeGreaterThan(500); // after weight matching
    await page.locator('#view-interpolation').screenshot({ path: join(OUTPUT, 'view-interpolation.png') });
    expect(await page.locator('#tab-eye').isHidden()).toBe(true);
    // The eye: its scenario opens on the eye view, which draws the best eye as the race goes on.
    await page.evaluate(() => (globalThis as any).hyperclimb.app.play(false));
    await page.selectOption('#scenario-select', 'eye.yaml');
    await page.waitForFunction(() => (globalThis as any).hyperclimb.state().racers[1]?.label === 'Adaptive walk');
    expect((await state(page)).view).toBe('eye');
    await page.keyboard.press('Space');
    await page.waitForFunction(() => { const s = (globalThis as any).hyperclimb.state(); return s.eyes >= 2 && s.clock >= 100; }, null, { timeout: 30_000 });
    await page.evaluate(() => (globalThis as any).hyperclimb.app.play(false));
    // The best eye's retina and pigment cup (eye-view.ts's colours).
    console.log('eye view pixels:', await expectDrawn(page, 'eye', { retina: 0xc04a86, pigment: 0x4a3426 }));
    await page.locator('#view-eye').screenshot({ path: join(OUTPUT, 'view-eye.png') });
    await expectTabsAndSliceExportOnTheEye(page);
    await expectOpenedFileInMenuAndRaced(page);
    await expectSavedNetworkStartsTheRace(page);
    await expectLessonLoadNamedInMenu(page);
    expect(errors).toEqual([]);
    await page.close();
  }, 120_000);

  it('shows a broken scenario’s (or lesson’s) error at its line and keeps the race going', async () => {
    const { page, errors } = await openScenario(harness, 'ga-vs-gd.yaml');
    await page.keyboard.press('e');
    const editor = page.locator('#editor-host textarea');
    const text = await editor.inputValue();
    await editor.fill(text.replace('id: rastrigin', 'id: rastrign'));
    const problem = page.locator('.editor-problems .problem').first();
    await problem.waitFor({ timeout: 10_000 });
    expect(await problem.textContent()).toMatch(/^line \d+, column \d+: landscape\.id: unknown landscape "rastrign" \(did you mean 'rastrigin'\?\)/);
    const line = Number((await problem.textContent())!.match(/^line (\d+)/)![1]);
    expect(text.split('\n')[line - 1]).toContain('id: rastrigin');
    expect(await page.locator('.editor-gutter .bad').textContent()).toBe(String(line));
    const frames = (await state(page)).frames;
    await page.locator('#play').click();
    await page.waitForFunction((n) => (globalThis as any).hyperclimb.state().frames > n + 5, frames);
    expect((await state(page)).racers[0].label).toBe('GA');
    // A lesson's mistyped control is shown the same way, and the lesson stays on its step.
    await editor.fill(text.replace(/show: \[\s*meter, racers\s*\]/, 'show: [meter, racerz]'));
    await page.locator('.editor-problems .problem', { hasText: 'racerz' }).waitFor({ timeout: 10_000 });
    expect(await page.locator('.editor-problems .problem').first().textContent()).toMatch(/^line \d+, column \d+: lesson\[2\]\.show\[1\]: expected one of .*, got "racerz" \(did you mean 'racers'\?\)/);
    expect((await state(page)).lesson).toMatchObject({ step: 0, steps: 5 });
    expect(errors).toEqual([]);
    await page.close();
  });

  it('reproduces the same numbers from a share link, equal to the command line’s', async () => {
    const { page } = await openPage(harness);
    await page.selectOption('#scenario-select', 'walks-on-nk.yaml');
    await page.waitForFunction(() => (globalThis as any).hyperclimb.state().racers[0]?.label === 'Greedy walk');
    await page.locator('#new-seed').click();
    await page.waitForFunction(() => (globalThis as any).hyperclimb.state().seed !== 5);
    // The new seed is random (crypto.getRandomValues): print it, so a failure can be replayed with --seed.
    console.log(`share-link test seed: ${(await state(page)).seed}`);
    const first = await playToEnd(page);
    const link = page.url();
    // A built-in file travels as its name, the digest of its text and the reader's seed and view.
    expect(link.slice(link.indexOf('#'))).toMatch(/^#v=1&sim=walks-on-nk\.yaml&h=[0-9a-f]{8}&seed=\d+&view=\w+$/);
    expect(link.length - harness.url.length).toBeLessThan(200);
    await page.close();

    // The command line's run (main() in this process) goes on while the browser replays the link.
    const out = join(mkdtempSync(join(tmpdir(), 'hyperclimb-e2e-')), 'runs.jsonl');
    const command = awaitedLater(inProcess('run', 'sims/walks-on-nk.yaml', '--seed', String(first.seed), '--replicates', '1', '--out', out));
    const { page: shared } = await openPage(harness, link.slice(harness.url.length));
    const second = await playToEnd(shared);
    expect(second.seed).toBe(first.seed);
    expect(second.racers).toEqual(first.racers);
    expect(second.outcomes).toEqual(first.outcomes);
    await shared.close();

    expect(await command).toMatchObject({ code: 0, stderr: '' });
    const lines = readFileSync(out, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    expect(lines.map((l) => ({ label: l.label, evaluations: l.evaluations, bestFitness: l.bestFitness, endedAt: l.endedAt }))).toEqual(first.racers);
  });

  it('runs the headline sweep in its workers, equal to the command line, and opens, refuses and exports results files', async () => {
    const { page, errors } = await openPage(harness);
    await page.selectOption('#scenario-select', 'dimension-vs-dead-ends.yaml');
    await waitLoaded(page, 'dimension-vs-dead-ends.yaml');
    await page.waitForFunction(() => (globalThis as any).hyperclimb.state().racers[0]?.label === 'Hill climber');
    // The meter follows the cell: N = 1 without redundancy, gradient descent on Styblinski–Tang.
    await page.waitForFunction(() => (globalThis as any).hyperclimb.state().meter.status === 'idle' && (globalThis as any).hyperclimb.state().meter.share !== null, null, { timeout: 30_000 });
    const meter = (await state(page)).meter;
    expect(meter.text).toMatch(/^Dead ends: \d+(\.\d)?% ± \d+(\.\d)?% of gradient descents/);
    expect(meter.share!).toBeGreaterThan(0.3);
    expect(meter.share!).toBeLessThan(0.65);
    await page.selectOption('#cell', '8');
    await page.waitForFunction((before) => { const m = (globalThis as any).hyperclimb.state().meter; return m.status === 'idle' && m.text !== before; }, meter.text, { timeout: 30_000 });
    expect((await state(page)).meter.share!).toBeGreaterThan(0.95);

    await page.keyboard.press('5');
    expect((await state(page)).view).toBe('sweep');
    // The sweep opens drawn: the results that ship with the scenario, and the theory curve it declares (dashed, grey).
    await page.waitForFunction(() => (globalThis as any).hyperclimb.state().sweep.lines === 1200, null, { timeout: 30_000 });
    expect((await state(page)).sweep).toMatchObject({ source: 'dimension-vs-dead-ends.results.jsonl', curves: 6 });
    expect(await page.locator('#sweep-empty').isHidden()).toBe(true);
    await expect.poll(() => colorPixels(page, 'sweep', 0xd8dce4), { timeout: 10_000 }).toBeGreaterThan(100);
    const started = Date.now();
    await page.locator('#sweep-run').click();
    await page.waitForFunction(() => (globalThis as any).hyperclimb.state().sweep.done > 0);
    expect((await state(page)).sweep.running).toBe(true);
    await page.waitForFunction(() => { const s = (globalThis as any).hyperclimb.state().sweep; return !s.running && s.lines === 1200; }, null, { timeout: 120_000 });
    const ran = (await state(page)).sweep;
    console.log(`page sweep: 400 replicates in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    // The command line's run of the same sweep (main() in this process) goes on while the page is checked below.
    const dir = mkdtempSync(join(tmpdir(), 'hyperclimb-e2e-sweep-'));
    const out = join(dir, 'runs.jsonl');
    const command = awaitedLater(inProcess('run', 'sims/dimension-vs-dead-ends.yaml', '--workers', '2', '--out', out));
    expect(ran.curves).toBe(6);
    console.log('sweep view pixels:', await expectDrawn(page, 'sweep', racers(['Hill climber', 'GA', 'Gradient descent'])));
    await page.evaluate(() => ((document.querySelector('#toast') as HTMLElement).hidden = true));
    await page.locator('#view-sweep').screenshot({ path: join(OUTPUT, 'view-sweep.png') });
    await page.screenshot({ path: join(OUTPUT, 'sweep.png') });
    await expectLeavingTheSweepThrowsNothing(page, errors);

    // Export: the command line's lines for the same scenario and seed, fingerprint included (wallMs apart).
    const [download] = await Promise.all([page.waitForEvent('download'), page.locator('#sweep-export').click()]);
    const exported = readFileSync((await download.path())!, 'utf8');
    expect(await command).toMatchObject({ code: 0, stderr: '' });
    const cliText = readFileSync(out, 'utf8');
    const strip = (text: string) => text.replace(/,"wallMs":[^}]*}/g, '}');
    expect(strip(exported)).toBe(strip(cliText));

    // Open results: a bad line is named, a file of another scenario is refused, the CLI's file is drawn.
    const toast = page.locator('#toast');
    const bad = join(dir, 'bad.jsonl');
    writeFileSync(bad, cliText.split('\n').slice(0, 3).join('\n') + '\n{not json\n');
    await page.setInputFiles('#sweep-file', bad);
    await page.waitForFunction(() => /bad\.jsonl, line 4: not a JSON line/.test(document.querySelector('#toast')!.textContent!));
    expect(await toast.getAttribute('data-kind')).toBe('error');
    const foreign = join(dir, 'foreign.jsonl');
    writeFileSync(foreign, cliText.replace(/"fingerprint":"10x40x3-[0-9a-f]{16}"/g, '"fingerprint":"10x40x3-0123456789abcdef"'));
    await page.setInputFiles('#sweep-file', foreign);
    await page.waitForFunction(() => /foreign\.jsonl belongs to another scenario/.test(document.querySelector('#toast')!.textContent!));
    expect((await state(page)).sweep.source).toBe('this page');
    const tampered = join(dir, 'tampered.jsonl');
    writeFileSync(tampered, cliText.replace(/"bestFitness":(-?[0-9.e+-]+)/, (_, value) => `"bestFitness":${Number(value) + 1}`));
    await page.setInputFiles('#sweep-file', tampered);
    await page.waitForFunction(() => /tampered\.jsonl, line 1: changed after it was written/.test(document.querySelector('#toast')!.textContent!));
    expect((await state(page)).sweep.source).toBe('this page');
    await page.setInputFiles('#sweep-file', out);
    await page.waitForFunction(() => /^Opened runs\.jsonl: 1,200 runs/.test(document.querySelector('#toast')!.textContent!));
    expect((await state(page)).sweep).toMatchObject({ source: 'runs.jsonl', lines: 1200, curves: 6 });
    await page.selectOption('#sweep-racer', 'Gradient descent');
    expect((await state(page)).sweep.curves).toBe(2);

    // Cancel stops at once and keeps whole replicates.
    await page.locator('#sweep-run').click();
    await page.waitForFunction(() => (globalThis as any).hyperclimb.state().sweep.done >= 3);
    await page.locator('#sweep-cancel').click();
    const cancelled = (await state(page)).sweep;
    expect(cancelled.running).toBe(false);
    expect(cancelled.lines % 3).toBe(0);
    expect(cancelled.lines).toBeLessThan(1200);

    // A sweep scenario that names the sweep first opens on it, drawn from its shipped results, its theory included.
    await page.selectOption('#scenario-select', 'house-of-cards-vs-n.yaml');
    await page.waitForFunction(() => { const s = (globalThis as any).hyperclimb.state(); return s.view === 'sweep' && s.sweep.lines === 1400; }, null, { timeout: 30_000 });
    expect((await state(page)).sweep).toMatchObject({ source: 'house-of-cards-vs-n.results.jsonl', curves: 2 });
    await expect.poll(() => colorPixels(page, 'sweep', 0xd8dce4), { timeout: 10_000 }).toBeGreaterThan(100);
    // N is the sweep's key: its knob, let go near the top, races the cell N = 16, which the plot marks (dotted, yellow).
    const racedDim = () => page.evaluate(() => (globalThis as any).hyperclimb.app.info?.cell.params['landscape.dim']);
    expect(await racedDim()).toBe(4);
    await page.locator('#knob-dim').evaluate((input: HTMLInputElement) => {
      input.value = '990';
      input.dispatchEvent(new Event('change'));
    });
    await expect.poll(racedDim, { timeout: 30_000 }).toBe(16);
    expect(await page.locator('#knob-dim + output').textContent()).toBe('16 (sweep cell)');
    await expect.poll(() => colorPixels(page, 'sweep', 0xf2c14e), { timeout: 10_000 }).toBeGreaterThan(20);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('reports a failed worker and recovers on reset', async () => {
    const { page } = await openScenario(harness, 'ga-vs-gd.yaml');
    await page.evaluate(() => (globalThis as any).hyperclimb.app.sim.terminate());
    await page.locator('#step').click();
    await page.locator('#toast[data-kind="error"]').waitFor({ state: 'visible' });
    expect(await page.locator('#toast').textContent()).toContain('no race is loaded');
    await page.locator('#reset').click();
    // A step while the reset's new race is still opening is ignored, so step until one lands.
    await expect
      .poll(async () => {
        await page.locator('#step').click();
        return (await state(page)).clock;
      }, { timeout: 30_000 })
      .toBeGreaterThan(0);
    await page.close();
  });

  it('opens with a clear message when a share link is damaged', async () => {
    const { page, errors } = await openPage(harness, '#v=1&s=AAAA');
    await page.locator('#toast[data-kind="error"]').waitFor({ state: 'visible' });
    expect(await page.locator('#toast').textContent()).toMatch(/^This link cannot be opened: .*\. Opened the default lesson, “[^”]+”, instead\.$/);
    expect((await state(page)).racers.length).toBeGreaterThan(0);
    // A short link naming a file the page does not have, and one made against an older version of a file it has.
    // A fragment alone would not reload the page: leave it first, in the same tab.
    const reopen = async (fragment: string) => {
      await page.goto('about:blank');
      await page.goto(`${harness.url}${fragment}`);
      await waitReady(page);
    };
    await reopen('#v=1&sim=eye-v2.yaml&h=0123abcd');
    await page.locator('#toast', { hasText: 'eye-v2.yaml' }).waitFor({ state: 'visible' });
    expect(await page.locator('#toast').textContent()).toMatch(/^This link cannot be opened: the link names the built-in scenario 'eye-v2\.yaml', which this page does not have .*Opened the default lesson/);
    await reopen('#v=1&sim=walks-on-nk.yaml&h=0123abcd&seed=9');
    await page.locator('#toast', { hasText: 'has changed since' }).waitFor({ state: 'visible' });
    expect(await page.locator('#toast').textContent()).toBe('walks-on-nk.yaml has changed since this link was made: this is the current walks-on-nk.yaml; its numbers may differ from the ones shared.');
    expect(await state(page)).toMatchObject({ file: 'walks-on-nk.yaml', seed: 9 });
    expect(errors).toEqual([]);
    await page.close();
  });
});

// Checks run inside the sessions above (issue 14): views that draw only what changed, the race's every improvement,
// exports the size of the view, the scenario menu following what races.

/** The race chart draws exactly the improvements its CSV export lists, racer by racer. */
async function expectRaceChartHoldsEveryImprovement(page: Page): Promise<void> {
  const { points, csv } = await racePointsAndCsv(page);
  csv.forEach((improvements, k) => expect([k, points[k]]).toEqual([k, improvements]));
  // More improvements than frames could show: the chart is not one point per frame.
  expect(csv.flat().length).toBeGreaterThan(csv.length);
}

/**
 * On the eye: Slice and Hypercube tabs as they can draw, and the Slice PNG (once a 10,642 × 7,303 transparent image
 * there) the size of the view and opaque. (No long task paused: the walk over every scenario.)
 */
async function expectTabsAndSliceExportOnTheEye(page: Page): Promise<void> {
  expect(await page.locator('#tab-slice').isVisible()).toBe(true);
  expect(await page.locator('#tab-hypercube').isHidden()).toBe(true);
  await page.keyboard.press('1');
  // In front and past two animation frames (a view just shown renders at the next): the export is of the view shown.
  await page.waitForFunction(() => (globalThis as any).hyperclimb.state().view === 'slice');
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
  const png = (await pngOfView(page, 'slice'))!;
  expect([png.png, png.shown]).toEqual([png.canvas, png.canvas]);
  expect(png.opaque).toBe(png.png[0] * png.png[1]);
}

/** A file opened from disk is named in the scenario menu; its race (OneMax) draws every improvement. */
async function expectOpenedFileInMenuAndRaced(page: Page): Promise<void> {
  const file = join(mkdtempSync(join(tmpdir(), 'hyperclimb-e2e-open-')), 'my-onemax.yaml');
  writeFileSync(file, readFileSync(join(__dirname, '..', '..', 'sims', 'onemax-ea.yaml'), 'utf8'));
  await page.setInputFiles('#file-input', file);
  await waitLoaded(page, 'my-onemax.yaml');
  expect(await page.locator('#scenario-select option:checked').textContent()).toMatch(/\(my-onemax\.yaml\)$/);
  expect(await page.locator('#tab-slice').isHidden()).toBe(true);
  await playToEnd(page);
  await expectRaceChartHoldsEveryImprovement(page);
}

/** A lesson step that loads another file of sims/ names that file in the scenario menu; Back names the lesson's again. */
async function expectLessonLoadNamedInMenu(page: Page): Promise<void> {
  const file = join(mkdtempSync(join(tmpdir(), 'hyperclimb-e2e-lesson-')), 'my-lesson.yaml');
  const steps = ['  - {title: One, text: A sphere.}', '  - {title: Two, text: OneMax., action: {load: onemax-ea.yaml}}'];
  writeFileSync(file, ['schemaVersion: 1', 'title: My lesson', 'landscape: {id: sphere, dim: 4}', 'optimizers: [{id: gd}]', 'budget: {evaluations: 200}', 'lesson:', ...steps, ''].join('\n'));
  const menu = () => page.locator('#scenario-select option:checked').textContent();
  await page.setInputFiles('#file-input', file);
  await waitLoaded(page, 'my-lesson.yaml');
  expect(await menu()).toBe('My lesson (my-lesson.yaml)');
  await page.locator('#lesson-next').click();
  await waitLoaded(page, 'onemax-ea.yaml');
  expect(await menu()).toBe('(1+1) EA on OneMax');
  await page.locator('#lesson-back').click();
  await waitLoaded(page, 'my-lesson.yaml');
  expect(await menu()).toBe('My lesson (my-lesson.yaml)');
}

/**
 * A saved network opened with its scenario starts every racer from its weights (the first frame's losses are the
 * file's trainingLoss, to the bit); opened after a scenario that is not a network, it is refused and said why.
 */
async function expectSavedNetworkStartsTheRace(page: Page): Promise<void> {
  const root = join(__dirname, '..', '..');
  const text = readFileSync(join(root, 'sims', 'your-own-data.yaml'), 'utf8');
  const cli = parseScenario(text, 'sims/your-own-data.yaml', { readFile: (path) => readFileSync(join(root, path)) });
  const session = new PageSession();
  session.open([runSpecs(expandCells(cli)[0].scenario, 0)]);
  session.advance(300);
  const saved = session.savedNetwork(1, { fingerprint: scenarioFingerprint(cli), seed: cli.seed, cell: 0 });
  const dir = mkdtempSync(join(tmpdir(), 'hyperclimb-e2e-network-'));
  // Without its lesson, so that opening it runs nothing.
  const scenario = parseDocument(text);
  scenario.delete('lesson');
  writeFileSync(join(dir, 'my-fruit.yaml'), scenario.toString());
  writeFileSync(join(dir, 'fruit-net.json'), formatSavedNetwork(saved));
  await page.setInputFiles('#file-input', [join(dir, 'my-fruit.yaml'), join(dir, 'fruit-net.json')]);
  await waitLoaded(page, 'my-fruit.yaml');
  await page.waitForFunction(() => /^Opened my-fruit\.yaml: every racer starts from fruit-net\.json/.test(document.querySelector('#toast')!.textContent!));
  expect((await state(page)).racers.map((r) => r.bestFitness)).toEqual([-saved.trainingLoss, -saved.trainingLoss]);
  await page.selectOption('#scenario-select', 'ga-vs-gd.yaml');
  await waitLoaded(page, 'ga-vs-gd.yaml');
  await page.setInputFiles('#file-input', join(dir, 'fruit-net.json'));
  await page.waitForFunction(() => /fruit-net\.json is a saved network, which starts an mlp landscape; ga-vs-gd\.yaml's landscape\.id is/.test(document.querySelector('#toast')!.textContent!));
}

/** Leaving the Sweep tab after a run (its log-axis ticks relabelled on a hidden plot) throws nothing. */
async function expectLeavingTheSweepThrowsNothing(page: Page, errors: string[]): Promise<void> {
  const plotWidth = () => page.evaluate(() => document.querySelector<HTMLElement>('#view-sweep .uplot')!.offsetWidth);
  const shown = await plotWidth();
  await page.locator('#tab-race').click();
  // Hidden, the plot shrinks to its floor size and draws its ticks again: wait for that, not for a fixed time.
  await expect.poll(plotWidth, { timeout: 10_000 }).not.toBe(shown);
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
  await page.locator('#tab-sweep').click();
  expect(errors).toEqual([]);
}

