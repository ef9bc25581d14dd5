/** Sharpness: each gradient racer's top Hessian eigenvalue against time, with its stability limit 2/η. */
import { checkbox, optionsPanel } from '../app/view-options.ts';
import { SharpnessView } from '../render/sharpness-view.ts';
import type { ViewModule } from './view-module.ts';

export const view: ViewModule = {
  label: 'Sharpness',
  shows: 'sharpness (top Hessian eigenvalue) against time, with 2/η',
  applies: (race) => race.feeds.sharpness,
  stays: 'while-it-applies',
  create() {
    const drawer = new SharpnessView();
    return {
      drawer,
      options: optionsPanel('sharpness-options', checkbox('sharpness-log', 'log scale', (on) => drawer.setLogScale(on))),
      state: () => ({ sharpnessPoints: drawer.points }),
    };
  },
};
