import { readFileSync } from 'node:fs';
import YAML from 'yaml';
import { encodeShareState } from '/work/wt-p14/src/scenario/share-link.ts';
import { openPage, startHarness } from '/work/wt-p14/tests/e2e/browser.ts';
const FILE = process.env.FILE ?? 'ga-vs-gd.yaml'; const VIEW = process.env.VIEW ?? 'slice';
const doc = YAML.parse(readFileSync('/work/wt-p14/sims/' + FILE, 'utf8'));
delete doc.lesson; delete doc.views;
const harness = await startHarness();
const { page } = await openPage(harness, `#${encodeShareState({ scenario: YAML.stringify(doc), view: VIEW })}`);
await page.waitForTimeout(2000);
for (const variant of ['as is', 'no mask', 'only heat', 'nothing']) {
  const r = await page.evaluate(`new Promise(async (resolve) => {
    const v = globalThis.hyperclimb.app.views[${JSON.stringify(VIEW)}];
    if (${JSON.stringify(variant)} === 'no mask' && v.marks) v.marks.mask = null;
    if (${JSON.stringify(variant)} === 'only heat') v.app.stage.children.forEach((c, i) => (c.visible = i === 0));
    if (${JSON.stringify(variant)} === 'nothing') v.app.stage.children.forEach((c) => (c.visible = false));
    const durations = [];
    const obs = new PerformanceObserver((l) => l.getEntries().forEach((e) => durations.push(Math.round(e.duration))));
    obs.observe({ type: 'longtask' });
    const frame = () => new Promise((r) => requestAnimationFrame(() => r()));
    const t0 = performance.now();
    for (let i = 0; i < 5; i++) { v.app.render(); await frame(); await frame(); }
    const ms = performance.now() - t0;
    await new Promise((r) => setTimeout(r, 300));
    obs.disconnect();
    resolve({ variant: ${JSON.stringify(variant)}, ms: Math.round(ms / 5), durations });
  })`);
  console.log(JSON.stringify(r));
}
await harness.close();
