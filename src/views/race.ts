/** Race: best fitness (or loss) against evaluations spent, one step line per racer. */
import { checkbox, optionsPanel } from '../app/view-options.ts';
import { RaceView } from '../render/race-view.ts';
import type { ViewModule } from './view-module.ts';

export const view: ViewModule = {
  label: 'Race',
  shows: 'best fitness (or loss) against evaluations spent, one line per racer',
  create() {
    const drawer = new RaceView();
    return { drawer, options: optionsPanel('race-options', checkbox('log-scale', 'log scale', (on) => drawer.setLogScale(on))) };
  },
};
