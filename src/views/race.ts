/** Race: best fitness (or loss) against evaluations (or flops) spent, one step line per racer. */
import { button, checkbox, optionsPanel } from '../app/view-options.ts';
import { RaceView } from '../render/race-view.ts';
import type { ViewModule } from './view-module.ts';
import { scenarioStem } from '../scenario/file-stem.ts';

export const view: ViewModule = {
  label: 'Race',
  shows: 'best fitness (or loss) against evaluations (or flops) spent, one line per racer',
  create(page) {
    const drawer = new RaceView();
    // Shown when the scenario records traces (measure.trace); usable once the race has ended and they are whole.
    const traceExport = button('race-trace-csv', 'Trace CSV', 'Download every racer’s improvement trace, as hyperclimb export --format csv writes trace.csv (available when the race ends)', () => {
      const csv = drawer.traceCsv();
      if (csv) page.download(`${scenarioStem(page.file())}-trace.csv`, csv, 'text/csv');
    });
    drawer.onTraces = () => (traceExport.disabled = !drawer.traceCsv());
    // Shown when the race measures flops (measure.flops): the same race read against arithmetic work.
    const againstFlops = checkbox('race-against-flops', 'against flops', (on) => drawer.setAxis(on ? 'flops' : 'evaluations'));
    return {
      drawer,
      options: optionsPanel('race-options', checkbox('log-scale', 'log scale', (on) => drawer.setLogScale(on)), document.createTextNode(' '), againstFlops, document.createTextNode(' '), traceExport),
      race(info) {
        traceExport.hidden = !info.traced;
        traceExport.disabled = true;
        againstFlops.hidden = !info.flops;
        // The drawer reads a race without flops against evaluations: the box follows it.
        if (!info.flops) againstFlops.querySelector('input')!.checked = false;
      },
    };
  },
};
