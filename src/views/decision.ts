/** Decision: a racer's network over the plane of two of its inputs, refreshed from the worker as it trains. */
import { button, firstGradientRacer, labelled, optionsPanel, RacerChooser } from '../app/view-options.ts';
import { DecisionView } from '../render/decision-view.ts';
import { viewFeed, type ViewModule } from './view-module.ts';
import { scenarioStem } from '../scenario/file-stem.ts';

/** Grid cells per side of the decision surface. */
const DECISION_RESOLUTION = 96;

export const view: ViewModule = {
  label: 'Decision',
  shows: 'the network’s output over the plane of two inputs',
  applies: (race) => race.feeds.decision,
  stays: 'while-it-applies',
  create(page) {
    const drawer = new DecisionView();
    const chooser = new RacerChooser('decision-racer', 'Network of', 'Whose best weights so far are drawn', () => page.refresh());
    let received = 0;
    /** The inputs (0-based) on the horizontal and vertical axes. */
    let axes: [number, number] = [0, 1];
    let inputs: readonly string[] = [];
    const axisMenus = [
      ['decision-x', 'The input on the horizontal axis'],
      ['decision-y', 'The input on the vertical axis; the other inputs are held at their mean'],
    ].map(([id, title]) => Object.assign(document.createElement('select'), { id, title }) as HTMLSelectElement);
    const axisGroup = document.createElement('span');
    axisGroup.id = 'decision-axes';
    axisGroup.hidden = true;
    axisGroup.append(labelled(axisMenus[0], 'across'), ' ', labelled(axisMenus[1], 'up'));
    /** Offers the network's inputs as axes when it has more than two. */
    const fillAxes = () => {
      axisGroup.hidden = inputs.length <= 2;
      for (const [k, menu] of axisMenus.entries()) {
        menu.replaceChildren(...inputs.map((name, i) => Object.assign(document.createElement('option'), { value: String(i), textContent: name })));
        menu.value = String(axes[k]);
      }
    };
    for (const [k, menu] of axisMenus.entries()) {
      menu.addEventListener('change', () => {
        const next: [number, number] = [...axes];
        next[k] = Number(menu.value);
        // Choosing the other axis's input swaps the two, so the axes stay two different inputs.
        if (next[0] === next[1]) next[1 - k] = axes[k];
        axes = next;
        fillAxes();
        page.refresh();
      });
    }
    const save = button('decision-save', 'Save network', "Download this racer's best network so far as JSON (docs/networks.md, Saved networks)", async () => {
      try {
        page.download(`${scenarioStem(page.file())}-network.json`, await page.savedNetwork(chooser.racer), 'application/json');
      } catch (error) {
        page.toast(`Cannot save the network: ${(error as Error).message}`, 'error');
      }
    });
    return {
      drawer,
      options: optionsPanel('decision-options', chooser.element, document.createTextNode(' '), save, document.createTextNode(' '), axisGroup),
      feed: viewFeed({
        id: 'decision',
        cadence: 'frames',
        request: () => ({ resolution: DECISION_RESOLUTION, racer: chooser.racer, axes }),
        receive(data) {
          drawer.setDecision(data);
          if (data.inputs.join('\n') !== inputs.join('\n')) {
            inputs = data.inputs;
            fillAxes();
          }
          received++;
        },
      }),
      // A new scenario starts on its first gradient racer (else the first) and its first two inputs; a re-run keeps the reader's choice.
      race: (info, _, fresh) => {
        chooser.fill(info.racers, fresh || chooser.racer >= info.racers.length ? firstGradientRacer(info.racers) : chooser.racer);
        if (fresh) {
          axes = [0, 1];
          inputs = [];
          fillAxes();
        }
      },
      state: () => ({ decisions: received }),
    };
  },
};
