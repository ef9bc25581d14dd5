/**
 * The page in Chromium (`npm run bench:page`), two measurements to report (not tests):
 * - Frame times: the 95th percentile of requestAnimationFrame intervals with the page idle, racing a GA of 1,000
 *   individuals at N = 100, and drawing 10,000 particles, each as a ratio to the idle page measured in the same run
 *   (this machine renders WebGL in software, so absolute times say little about a real GPU).
 * - Every view, paused and playing: long tasks (main-thread tasks over 50 ms) while paused on it, and evaluations per
 *   second while playing on it, as a ratio to the Race view on the same scenario measured just before and after it.
 * `BENCH_PAGE=views` or `BENCH_PAGE=frames` runs one of the two; `BENCH_FILES=a.yaml,b.yaml` only those scenarios' views.
 */
import { encodeShareState } from '../src/scenario/share-link.ts';
import { openPage, startHarness, type Harness } from '../tests/e2e/browser.ts';
import { benchScenario } from './page-scenario.ts';

const SECONDS = Number(process.env.SECONDS_PER_CASE ?? 6);
/**
 * The bench drives the page with script strings (tsx's name helpers would not exist inside the page), which the
 * page's Content Security Policy forbids; the policy changes nothing that is measured.
 */
const BENCH_PAGE_OPTIONS = { bypassCSP: true };
const ONLY = process.env.BENCH_PAGE;
/** Seconds paused on each view while long tasks are counted, and seconds playing while evaluations are counted. */
const PAUSED_SECONDS = Number(process.env.PAUSED_SECONDS ?? 3);
const PLAYING_SECONDS = Number(process.env.PLAYING_SECONDS ?? 5);

function scenario(populationSize: number): string {
  return `schemaVersion: 1
title: Frame-time workload, ${populationSize} individuals at N = 100
seed: 1
landscape: { id: rastrigin, dim: 100 }
optimizers:
  - { id: ga, label: GA, populationSize: ${populationSize}, crossover: blend, mutationSigma: 0.3 }
budget: { evaluations: 1000000000 }
stop: { atOptimum: false }
replicates: 1
views: [slice]
`;
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))];
}

async function frameTimes(harness: Harness, text: string, play: boolean, speed: number): Promise<{ p95: number; median: number; frames: number; raceFrames: number }> {
  const { page } = await openPage(harness, `#${encodeShareState({ scenario: text, view: 'slice' })}`, BENCH_PAGE_OPTIONS);
  // The dead-end meter estimates once per landscape in its own worker: measure the steady state after it.
  await page.waitForFunction('globalThis.hyperclimb.state().meter.status !== "estimating"', null, { timeout: 60_000 });
  await page.evaluate(`(() => { const app = globalThis.hyperclimb.app; app.speed = ${speed}; app.play(${play}); })()`);
  await page.waitForTimeout(1500);
  // A string, not a function: tsx's name helpers would not exist inside the page.
  const result = (await page.evaluate(`new Promise((resolve) => {
    const intervals = [];
    const start = performance.now();
    const framesBefore = globalThis.hyperclimb.state().frames;
    let last = start;
    const tick = (now) => {
      intervals.push(now - last);
      last = now;
      if (now - start < ${SECONDS * 1000}) requestAnimationFrame(tick);
      else resolve({ intervals: intervals.slice(1), raceFrames: globalThis.hyperclimb.state().frames - framesBefore });
    };
    requestAnimationFrame(tick);
  })`)) as { intervals: number[]; raceFrames: number };
  await page.close();
  return { p95: percentile(result.intervals, 0.95), median: percentile(result.intervals, 0.5), frames: result.intervals.length, raceFrames: result.raceFrames };
}

/** The views of the page, their keys, and a scenario of sims/ each one draws. */
const VIEW_CASES: { file: string; views: [string, string][] }[] = [
  { file: 'ga-vs-gd.yaml', views: [['race', '2'], ['slice', '1'], ['outcomes', '4'], ['sharpness', '8']] },
  { file: 'walks-on-nk.yaml', views: [['race', '2'], ['hypercube', '3']] },
  { file: 'eye.yaml', views: [['race', '2'], ['eye', '7']] },
  { file: 'neuroevolution-vs-sgd.yaml', views: [['race', '2'], ['decision', '6'], ['interpolation', '9']] },
  { file: 'dimension-vs-dead-ends.yaml', views: [['race', '2'], ['sweep', '5']] },
];

interface ViewFigures {
  file: string;
  view: string;
  pausedLongTasks: number;
  evaluationsPerSecond: number;
  playingLongTasks: number;
}

/** Long tasks and the race clock over `seconds` on the view in front (the page's own PerformanceObserver). */
async function observe(page: import('playwright-core').Page, seconds: number): Promise<{ longTasks: number; clock: number; ms: number }> {
  return (await page.evaluate(`new Promise((resolve) => {
    let longTasks = 0;
    const observer = new PerformanceObserver((list) => { longTasks += list.getEntries().length; });
    observer.observe({ type: 'longtask' });
    const clock0 = globalThis.hyperclimb.state().clock;
    const t0 = performance.now();
    setTimeout(() => {
      observer.disconnect();
      resolve({ longTasks, clock: globalThis.hyperclimb.state().clock - clock0, ms: performance.now() - t0 });
    }, ${seconds * 1000});
  })`)) as { longTasks: number; clock: number; ms: number };
}

async function viewFigures(harness: Harness): Promise<ViewFigures[]> {
  const figures: ViewFigures[] = [];
  // BENCH_FILES=eye.yaml,walks-on-nk.yaml measures those scenarios only.
  const files = process.env.BENCH_FILES?.split(',');
  const unknown = files?.filter((file) => !VIEW_CASES.some((c) => c.file === file)) ?? [];
  // A name the bench does not measure would leave no rows, and an empty table reads as every target met.
  if (unknown.length > 0) throw new Error(`BENCH_FILES names ${unknown.join(', ')}, which the bench does not measure; it measures ${VIEW_CASES.map((c) => c.file).join(', ')}`);
  for (const { file, views } of VIEW_CASES.filter((c) => !files || files.includes(c.file))) {
    const { text, speed } = benchScenario(file);
    const { page } = await openPage(harness, `#${encodeShareState({ scenario: text, view: 'race' })}`, BENCH_PAGE_OPTIONS);
    await page.waitForFunction('globalThis.hyperclimb.state().meter.status !== "estimating"', null, { timeout: 60_000 });
    // The Race view is measured before and after every other view: the mean of those two is that view's reference
    // (a shared machine's load drifts within a scenario's minute), their spread the noise.
    const [race, ...others] = views;
    for (const [view, key] of [race, ...others.flatMap((other) => [other, race])]) {
      await page.keyboard.press(key);
      await page.waitForFunction(`globalThis.hyperclimb.state().view === '${view}'`);
      // What a view computes once when it is opened (the interpolation curves) is not its steady cost.
      if (view === 'interpolation') await page.waitForFunction('globalThis.hyperclimb.state().interpolations > 0', null, { timeout: 60_000 });
      await page.waitForTimeout(1000);
      // Playing: the simulation's speed on this view.
      await page.evaluate(`(() => { const app = globalThis.hyperclimb.app; app.speed = ${speed}; app.play(true); })()`);
      await page.waitForTimeout(1000);
      const playing = await observe(page, PLAYING_SECONDS);
      // Paused: what the view costs at rest, after the last frame has been drawn.
      await page.evaluate('globalThis.hyperclimb.app.play(false)');
      // The last frame is drawn, and the last surface or eye asked for arrives and is drawn (a software-rendered WebGL
      // canvas takes a few hundred ms); then nothing should run.
      await page.waitForTimeout(2500);
      const paused = await observe(page, PAUSED_SECONDS);
      figures.push({ file, view, pausedLongTasks: paused.longTasks, evaluationsPerSecond: (1000 * playing.clock) / playing.ms, playingLongTasks: playing.longTasks });
    }
    await page.close();
  }
  return figures;
}

function reportViews(figures: ViewFigures[]): void {
  console.log(`\nEvery view (${PAUSED_SECONDS} s paused, ${PLAYING_SECONDS} s playing at the file's usual speed; evaluations per racer)\n`);
  console.log('| scenario | view | long tasks, paused | evaluations/s playing | ratio to Race | long tasks, playing |');
  console.log('|---|---|---|---|---|---|');
  /** The Race measurements just before and after figure i (a Race measurement is its own reference). */
  const neighbours = (i: number): ViewFigures[] => {
    const f = figures[i];
    if (f.view === 'race') return [f];
    return [figures[i - 1], figures[i + 1]].filter((r) => r?.file === f.file && r.view === 'race');
  };
  const ratio = (i: number) => {
    const races = neighbours(i);
    return figures[i].evaluationsPerSecond / (races.reduce((sum, r) => sum + r.evaluationsPerSecond, 0) / races.length);
  };
  for (const [i, f] of figures.entries()) {
    console.log(`| ${f.file} | ${f.view} | ${f.pausedLongTasks} | ${Math.round(f.evaluationsPerSecond).toLocaleString('en')} | ${f.view === 'race' ? '–' : ratio(i).toFixed(2)} | ${f.playingLongTasks} |`);
  }
  const paused = figures.reduce((n, f) => n + f.pausedLongTasks, 0);
  const others = [...figures.keys()].filter((i) => figures[i].view !== 'race');
  const slowest = Math.min(...others.map(ratio));
  const noise = Math.max(...others.map((i) => {
    const races = neighbours(i).map((r) => r.evaluationsPerSecond);
    return Math.max(...races) / Math.min(...races);
  }));
  console.log(`\nEach ratio is to the mean of the Race view measured just before and just after; those two differ by up to ${noise.toFixed(2)}× (the noise of this machine).`);
  console.log(`Paused: ${paused} long tasks over all views (target 0) — ${paused === 0 ? 'met' : 'NOT met'}.`);
  console.log(`Playing: the slowest view runs at ${slowest.toFixed(2)}× the Race view's evaluations/s (target: within 1.25×, i.e. ≥ 0.80) — ${slowest >= 0.8 ? 'met' : 'NOT met'}.`);
}

async function reportFrames(harness: Harness): Promise<void> {
  const cases = [
    { name: 'idle page (1,000 individuals loaded, paused)', text: scenario(1000), play: false, speed: 1000 },
    { name: 'racing 1,000 individuals at N = 100', text: scenario(1000), play: true, speed: 1000 },
    { name: 'racing 10,000 individuals (10,000 particles)', text: scenario(10000), play: true, speed: 10000 },
  ];
  const results = [];
  for (const c of cases) results.push({ ...c, ...(await frameTimes(harness, c.text, c.play, c.speed)) });
  const idle = results[0].p95;
  console.log(`\nPage frame times in Chromium (${SECONDS} s per case; WebGL in software on this machine)\n`);
  console.log('| case | p95 frame time | median | ratio of p95 to idle | race frames drawn |');
  console.log('|---|---|---|---|---|');
  for (const r of results) console.log(`| ${r.name} | ${r.p95.toFixed(1)} ms | ${r.median.toFixed(1)} ms | ${(r.p95 / idle).toFixed(2)}× | ${r.raceFrames} |`);
  const ratio = results[2].p95 / idle;
  console.log(`\n10,000 particles: p95 frame time ${ratio.toFixed(2)}× the idle page's (target: at most 2×) — ${ratio <= 2 ? 'met' : 'NOT met'}.`);
}

const harness = await startHarness();
try {
  if (ONLY !== 'frames') reportViews(await viewFigures(harness));
  if (ONLY !== 'views') await reportFrames(harness);
} finally {
  await harness.close();
}


