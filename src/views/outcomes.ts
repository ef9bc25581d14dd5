/** Outcomes: how each racer's replicates ended (optimum, local optimum, saddle, stalled, budget…). */
import { OutcomesView } from '../render/outcomes-view.ts';
import type { ViewModule } from './view-module.ts';

export const view: ViewModule = {
  label: 'Outcomes',
  shows: 'how each racer’s replicates ended: at the optimum, at a local optimum, stalled or out of budget',
  create: () => ({ drawer: new OutcomesView() }),
};
