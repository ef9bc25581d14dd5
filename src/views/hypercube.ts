/** Hypercube: every genotype of a small binary landscape in layers by distance from the optimum, local optima marked. */
import { HypercubeView } from '../render/hypercube-view.ts';
import { viewFeed, type ViewModule } from './view-module.ts';

export const view: ViewModule = {
  label: 'Hypercube',
  shows: 'every genotype in layers by distance from the optimum, local optima marked, the racers on it',
  applies: (race) => race.feeds.hypercube,
  stays: 'while-it-applies',
  opensFirst: true,
  create() {
    const drawer = new HypercubeView();
    return { drawer, feed: viewFeed({ id: 'hypercube', cadence: 'opening', request: () => ({}), receive: (cube) => drawer.setCube(cube) }) };
  },
};
