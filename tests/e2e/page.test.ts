/**
 * The page end to end in Debian's Chromium: it loads and races the default scenario, every view draws, a broken
 * scenario shows its error at its line while the race goes on, a share link reproduces the same numbers — the same
 * as the command line's — and a failing worker is reported and recovered from. Screenshots of every view go to
 * test-output/.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { canvasVariance, openPage, OUTPUT, playToEnd, startHarness, state, type Harness } from './browser.ts';

let harness: Harness;

beforeAll(async () => {
  harness = await startHarness();
}, 120_000);

afterAll(async () => {
  await harness?.close();
});

describe('the page', () => {
  it('races the default scenario: counters move, fitness improves, nothing logs an error', async () => {
    const { page, errors } = await openPage(harness);
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
    const shown = await page.locator('[data-racer="0"] .evaluations').textContent();
    expect(Number(shown!.replace(/,/g, ''))).toBeGreaterThan(0);
    await page.screenshot({ path: join(OUTPUT, 'page.png') });
    expect(errors).toEqual([]);
    await page.close();
  });

  it('draws every view (no blank canvas) and saves a screenshot of each', async () => {
    const { page, errors } = await openPage(harness);
    await page.keyboard.press('Space');
    await page.waitForFunction(() => (globalThis as any).hyperclimb.state().clock >= 300, null, { timeout: 60_000 });
    for (const [key, view] of [['1', 'slice'], ['2', 'race'], ['4', 'outcomes']] as const) {
      await page.keyboard.press(key);
      await page.waitForTimeout(400);
      expect([view, await canvasVariance(page, view)]).toEqual([view, expect.any(Number)]);
      expect(await canvasVariance(page, view)).toBeGreaterThan(50);
      await page.locator(`#view-${view}`).screenshot({ path: join(OUTPUT, `view-${view}.png`) });
    }
    await page.selectOption('#scenario-select', 'walks-on-nk.yaml');
    await page.waitForFunction(() => (globalThis as any).hyperclimb.state().racers[0]?.label === 'Greedy walk');
    await page.keyboard.press('3');
    await page.keyboard.press('Space');
    await page.waitForTimeout(1500);
    expect(await canvasVariance(page, 'hypercube')).toBeGreaterThan(50);
    await page.locator('#view-hypercube').screenshot({ path: join(OUTPUT, 'view-hypercube.png') });
    expect(errors).toEqual([]);
    await page.close();
  });

  it('shows a broken scenario’s error at its line and keeps the race going', async () => {
    const { page, errors } = await openPage(harness);
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
    expect(errors).toEqual([]);
    await page.close();
  });

  it('reproduces the same numbers from a share link, equal to the command line’s', async () => {
    const { page } = await openPage(harness);
    await page.selectOption('#scenario-select', 'walks-on-nk.yaml');
    await page.waitForFunction(() => (globalThis as any).hyperclimb.state().racers[0]?.label === 'Greedy walk');
    await page.locator('#new-seed').click();
    await page.waitForFunction(() => (globalThis as any).hyperclimb.state().seed !== 5);
    const first = await playToEnd(page);
    const link = page.url();
    expect(link).toContain('#v=1&s=');
    await page.close();

    const { page: shared } = await openPage(harness, link.slice(harness.url.length));
    const second = await playToEnd(shared);
    expect(second.seed).toBe(first.seed);
    expect(second.racers).toEqual(first.racers);
    expect(second.outcomes).toEqual(first.outcomes);
    await shared.close();

    const out = join(mkdtempSync(join(tmpdir(), 'hyperclimb-e2e-')), 'runs.jsonl');
    await new Promise<void>((resolve, reject) =>
      execFile(process.execPath, ['bin/hyperclimb.mjs', 'run', 'sims/walks-on-nk.yaml', '--seed', String(first.seed), '--replicates', '1', '--out', out], { cwd: join(__dirname, '..', '..') }, (error) => (error ? reject(error) : resolve())),
    );
    const lines = readFileSync(out, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    expect(lines.map((l) => ({ label: l.label, evaluations: l.evaluations, bestFitness: l.bestFitness, endedAt: l.endedAt }))).toEqual(first.racers);
  });

  it('reports a failed worker and recovers on reset', async () => {
    const { page } = await openPage(harness);
    await page.evaluate(() => (globalThis as any).hyperclimb.app.sim.terminate());
    await page.locator('#step').click();
    await page.locator('#toast[data-kind="error"]').waitFor({ state: 'visible' });
    expect(await page.locator('#toast').textContent()).toContain('no race is loaded');
    await page.locator('#reset').click();
    await page.locator('#step').click();
    await page.waitForFunction(() => (globalThis as any).hyperclimb.state().clock > 0);
    await page.close();
  });

  it('opens with a clear message when a share link is damaged', async () => {
    const { page, errors } = await openPage(harness, '#v=1&s=AAAA');
    await page.locator('#toast[data-kind="error"]').waitFor({ state: 'visible' });
    expect(await page.locator('#toast').textContent()).toContain('This link cannot be opened');
    expect((await state(page)).racers.length).toBeGreaterThan(0);
    expect(errors).toEqual([]);
    await page.close();
  });
});
