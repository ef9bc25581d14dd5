/**
 * Sweep: results of the scenario's whole sweep (run in the page's workers, or opened from a results file) as a
 * measure against one sweep key, one curve per racer and per value of another key.
 */
import { shippedResults } from '../app/shipped-results.ts';
import { SweepPanel } from '../app/sweep-panel.ts';
import type { View } from '../render/view.ts';
import type { ViewModule } from './view-module.ts';

/** The panel's bars, status line and plot (sweep-panel.ts fills them). */
const MARKUP = `
  <div class="sweep-bar">
    <label class="inline">Measure <select id="sweep-metric"></select></label>
    <label class="inline">against <select id="sweep-x"></select></label>
    <label class="inline">one curve per <select id="sweep-series"></select></label>
    <label class="inline">for <select id="sweep-racer"></select></label>
    <span id="sweep-fixed" class="inline"></span>
  </div>
  <div class="sweep-bar">
    <button id="sweep-run" type="button" class="primary" title="Run every cell × replicate of the sweep in this page's workers">Run sweep</button>
    <button id="sweep-cancel" type="button" hidden>Cancel</button>
    <progress id="sweep-progress" max="1" value="0" hidden></progress>
    <span id="sweep-count" class="small"></span>
    <span class="sweep-files">
      <button id="sweep-open" type="button" title="Open a results file written by hyperclimb run --out for this scenario">Open results…</button>
      <input id="sweep-file" type="file" accept=".jsonl,.json,.ndjson,application/jsonl,text/plain" hidden />
      <button id="sweep-export" type="button" title="The runs shown, as JSON Lines the command line accepts" disabled>Export .jsonl</button>
    </span>
  </div>
  <p id="sweep-status" class="small sweep-status"></p>
  <p id="sweep-empty" class="sweep-empty"></p>
  <div id="sweep-plot" class="sweep-plot"></div>`;

export const view: ViewModule = {
  label: 'Sweep',
  shows: 'the whole sweep’s results: a measure against a sweep key, one curve per racer',
  applies: (_, scenario) => (scenario.sweep ? true : 'the scenario has no sweep'),
  stays: 'always',
  create(page) {
    let panel: SweepPanel | undefined;
    const drawer: View = {
      id: 'sweep',
      title: 'Sweep',
      async mount(host) {
        host.classList.add('sweep');
        // Static markup of this module's own, no scenario text: nothing in it can run.
        host.innerHTML = MARKUP;
        panel = new SweepPanel(host, { ...page, reading: () => page.race?.reading ?? 'fitness', racedCell: () => page.race?.cell.params });
      },
      // The sweep draws whole sweeps' results, not the live race.
      reset() {},
      update() {},
      setVisible: (visible) => visible && panel!.draw(),
      png: () => panel!.png(),
      csv: () => panel!.csv(),
      destroy() {},
    };
    return {
      drawer,
      race(_, scenario) {
        panel!.setScenario(scenario);
        // A scenario that ships its sweep's results opens with them drawn (sims/<name>.results.jsonl).
        const shipped = shippedResults(page.file());
        if (shipped) void panel!.offer(shipped).catch((error: Error) => page.toast(`${shipped.name} could not be loaded: ${error.message}`, 'error'));
      },
      state: () => ({ sweep: panel!.snapshot() }),
    };
  },
};
