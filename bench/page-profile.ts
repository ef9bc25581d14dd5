/**
 * Where the page's main thread spends its time while playing (`node bin/run-ts.mjs bench/page-profile.ts`): Chromium's
 * sampling profiler (CDP, via playwright-core) over 5 s on each view in turn, the Race view before and after every
 * other, on one scenario of sims/ as bench:page plays it. "(program)" is the browser's own native work (style, paint,
 * presenting canvases), "(idle)" the time the main thread leaves to the rest of the machine, such as the race's
 * worker. `PROFILE_FILE=eye.yaml PROFILE_VIEWS=race,eye` picks another scenario and its views (the first is the
 * baseline measured between the others); each view is brought up by its key, as a reader would.
 */
import { encodeShareState } from '../src/scenario/share-link.ts';
import { VIEW_IDS, type ViewId, viewKey } from '../src/views/registry.ts';
import { openPage, startHarness } from '../tests/e2e/browser.ts';
import { benchScenario } from './page-scenario.ts';

const FILE = process.env.PROFILE_FILE ?? 'neuroevolution-vs-sgd.yaml';
const VIEWS = profiledViews(process.env.PROFILE_VIEWS ?? 'race,decision');
const SECONDS = 5;

interface CpuProfile {
  nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number } }[];
  samples: number[];
  timeDeltas: number[];
}

/** Milliseconds of self time per function over the profile, the largest first. */
function selfTimes(profile: CpuProfile): [string, number][] {
  const byId = new Map(profile.nodes.map((n) => [n.id, n.callFrame]));
  const times = new Map<string, number>();
  profile.samples.forEach((id, i) => {
    const frame = byId.get(id)!;
    const name = frame.url ? `${frame.functionName || '(anonymous)'} ${frame.url.split('/').pop()}:${frame.lineNumber}` : frame.functionName;
    times.set(name, (times.get(name) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000);
  });
  return [...times].sort((a, b) => b[1] - a[1]);
}

/** The views to profile, each with the key that opens it; an id without a key is refused before the browser starts. */
function profiledViews(list: string): [ViewId, string][] {
  return list.split(',').map((entry) => {
    // `id:key` was the old form; the key now comes from the registry.
    const id = entry.split(':')[0].trim();
    const key = (VIEW_IDS as readonly string[]).includes(id) ? viewKey(id as ViewId) : undefined;
    if (!key) {
      console.error(`PROFILE_VIEWS: "${id}" is not a view with a key; the views are ${VIEW_IDS.filter((v) => viewKey(v)).join(', ')}`);
      process.exit(2);
    }
    return [id as ViewId, key];
  });
}

// Played as bench/page-frames.ts plays a file: no lesson, every racer running throughout, at the file's usual speed.
const { text, speed } = benchScenario(FILE);

const harness = await startHarness();
try {
  const { page } = await openPage(harness, `#${encodeShareState({ scenario: text, view: 'race' })}`, { bypassCSP: true });
  await page.waitForFunction('globalThis.hyperclimb.state().meter.status !== "estimating"', null, { timeout: 60_000 });
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 500 });
  const [race, ...others] = VIEWS;
  console.log(`${FILE}, ${SECONDS} s playing on each view; main-thread milliseconds from Chromium's sampling profiler\n`);
  console.log('| view | evaluations/s | (idle) | (program) | JavaScript and the rest | largest other entries |');
  console.log('|---|---|---|---|---|---|');
  for (const [view, key] of [race, ...others.flatMap((other) => [other, race])]) {
    await page.keyboard.press(key);
    await page.waitForFunction(`globalThis.hyperclimb.state().view === '${view}'`);
    await page.evaluate(`(() => { const app = globalThis.hyperclimb.app; app.speed = ${speed}; app.play(true); })()`);
    await page.waitForTimeout(2000);
    const clock0 = (await page.evaluate('globalThis.hyperclimb.state().clock')) as number;
    const t0 = Date.now();
    await cdp.send('Profiler.start');
    await page.waitForTimeout(SECONDS * 1000);
    const { profile } = (await cdp.send('Profiler.stop')) as { profile: CpuProfile };
    const rate = (1000 * ((await page.evaluate('globalThis.hyperclimb.state().clock')) as number) - 1000 * clock0) / (Date.now() - t0);
    await page.evaluate('globalThis.hyperclimb.app.play(false)');
    const times = selfTimes(profile);
    const of = (name: string) => times.find(([n]) => n === name)?.[1] ?? 0;
    const total = times.reduce((sum, [, ms]) => sum + ms, 0);
    const rest = times.filter(([n]) => n !== '(idle)' && n !== '(program)');
    const largest = rest.slice(0, 3).map(([n, ms]) => `${n} ${ms.toFixed(0)}`).join('; ');
    console.log(`| ${view} | ${Math.round(rate).toLocaleString('en')} | ${of('(idle)').toFixed(0)} | ${of('(program)').toFixed(0)} | ${(total - of('(idle)') - of('(program)')).toFixed(0)} | ${largest} |`);
    await page.waitForTimeout(1000);
  }
  await page.close();
} finally {
  await harness.close();
}
