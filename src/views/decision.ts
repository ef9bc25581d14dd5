/** Decision: a racer's network over its 2-D input plane, refreshed from the worker as it trains. */
import { firstGradientRacer, optionsPanel, RacerChooser } from '../app/view-options.ts';
import { DecisionView } from '../render/decision-view.ts';
import { viewFeed, type ViewModule } from './view-module.ts';

/** Grid cells per side of the decision surface. */
const DECISION_RESOLUTION = 96;

export const view: ViewModule = {
  label: 'Decision',
  shows: 'the network’s output over its input plane',
  applies: (race) => race.feeds.decision,
  stays: 'while-it-applies',
  create(page) {
    const drawer = new DecisionView();
    const chooser = new RacerChooser('decision-racer', 'Network of', 'Whose best weights so far are drawn', () => page.refresh());
    let received = 0;
    return {
      drawer,
      options: optionsPanel('decision-options', chooser.element),
      feed: viewFeed({
        id: 'decision',
        cadence: 'frames',
        request: () => ({ resolution: DECISION_RESOLUTION, racer: chooser.racer }),
        receive(data) {
          drawer.setDecision(data);
          received++;
        },
      }),
      // A new scenario starts on its first gradient racer (else the first); a re-run keeps the reader's choice.
      race: (info, _, fresh) => chooser.fill(info.racers, fresh || chooser.racer >= info.racers.length ? firstGradientRacer(info.racers) : chooser.racer),
      state: () => ({ decisions: received }),
    };
  },
};
