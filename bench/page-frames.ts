/**
 * Frame times of the page in Chromium (`npm run bench:page`): the 95th percentile of requestAnimationFrame
 * intervals with the page idle, racing a GA of 1,000 individuals at N = 100, and drawing 10,000 particles, each as a
 * ratio to the idle page measured in the same run (this machine renders WebGL in software, so absolute times say
 * little about a real GPU). Not a test: a measurement to report.
 */
import { encodeShareState } from '../src/scenario/share-link.ts';
import { openPage, startHarness, type Harness } from '../tests/e2e/browser.ts';

const SECONDS = Number(process.env.SECONDS_PER_CASE ?? 6);

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
  const { page } = await openPage(harness, `#${encodeShareState({ scenario: text, view: 'slice' })}`);
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

const harness = await startHarness();
try {
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
} finally {
  await harness.close();
}


