/** Eye: the best eye so far in cross-section, and the stages each racer reached. */
import { optionsPanel, RacerChooser } from '../app/view-options.ts';
import { EyeView } from '../render/eye-view.ts';
import { viewFeed, type ViewModule } from './view-module.ts';

export const view: ViewModule = {
  label: 'Eye',
  shows: 'the best eye so far in cross-section, and the stages each racer reached',
  applies: (race) => race.feeds.eye,
  stays: 'while-it-applies',
  create(page) {
    const drawer = new EyeView();
    const chooser = new RacerChooser('eye-racer', 'Eye of', 'Whose best eye so far is drawn', () => page.refresh());
    let received = 0;
    return {
      drawer,
      options: optionsPanel('eye-options', chooser.element),
      feed: viewFeed({
        id: 'eye',
        cadence: 'frames',
        request: () => ({ racer: chooser.racer }),
        receive(data) {
          drawer.setEye(data);
          received++;
        },
      }),
      race: (info) => chooser.fill(info.racers, chooser.racer < info.racers.length ? chooser.racer : 0),
      state: () => ({ eyes: received }),
    };
  },
};
