/**
 * Interpolation: the loss between a racer's two trained networks (replicates 1 and 2), before and after weight
 * matching. Costly, so computed when a race opens or ends, when the racer changes, or on Recompute — never per frame.
 */
import { button, firstGradientRacer, optionsPanel, RacerChooser } from '../app/view-options.ts';
import { InterpolationView } from '../render/interpolation-view.ts';
import { viewFeed, type ViewModule } from './view-module.ts';

/** Values of t on the interpolation curves (ends included). */
const INTERPOLATION_POINTS = 41;

export const view: ViewModule = {
  label: 'Interpolation',
  shows: 'the loss between two trained networks, before and after weight matching',
  applies: (race) => race.feeds.interpolation,
  stays: 'while-it-applies',
  create(page) {
    const drawer = new InterpolationView();
    const chooser = new RacerChooser('interpolation-racer', 'Networks of', 'Whose best networks of replicates 1 and 2 are joined', () => page.refresh());
    const recompute = button('interpolation-refresh', 'Recompute', 'Recompute the curves from the networks as they are now', () => page.refresh());
    let received = 0;
    return {
      drawer,
      options: optionsPanel('interpolation-options', chooser.element, recompute),
      feed: viewFeed({
        id: 'interpolation',
        cadence: 'stale',
        request: () => ({ points: INTERPOLATION_POINTS, racer: chooser.racer }),
        receive(data) {
          drawer.setInterpolation(data);
          received++;
        },
      }),
      race: (info, _, fresh) => chooser.fill(info.racers, fresh || chooser.racer >= info.racers.length ? firstGradientRacer(info.racers) : chooser.racer),
      state: () => ({ interpolations: received }),
    };
  },
};
