/** Slice: the landscape on a plane through the best point, with each racer's points and path. */
import { button, labelled, optionsPanel } from '../app/view-options.ts';
import { SliceView } from '../render/slice-view.ts';
import type { PlaneMode } from '../../workers/protocol.ts';
import { viewFeed, type ViewModule, type ViewPage } from './view-module.ts';

/** Cells per side of the sampled heat map. */
const SLICE_RESOLUTION = 160;

const PLANES: [PlaneMode, string][] = [
  ['random', 'random pair of directions'],
  ['coordinates', 'two coordinates'],
  ['pca', 'principal components of the paths'],
  ['three-points', 'start, population best, gradient end'],
];

export const view: ViewModule = {
  label: 'Slice',
  shows: 'the landscape on a plane through the best point, with each racer’s points and path',
  applies: (race) => race.feeds.slice,
  stays: 'while-it-applies',
  opensFirst: true,
  create(page) {
    const drawer = new SliceView();
    const plane = planeControls(page);
    return {
      drawer,
      options: plane.panel,
      feed: viewFeed({ id: 'slice', cadence: 'opening', request: () => ({ resolution: SLICE_RESOLUTION }), receive: (slice) => drawer.setSlice(slice) }),
      race: (info) => plane.follow(info.dim),
    };
  },
};

/** The plane's menu, its two coordinates (for a coordinate plane) and Re-centre; each change re-slices. */
function planeControls(page: ViewPage): { panel: HTMLElement; follow(dim: number): void } {
  const mode = document.createElement('select');
  mode.id = 'plane-mode';
  mode.append(
    ...PLANES.map(([value, text]) => {
      const option = document.createElement('option');
      option.value = value;
      option.textContent = text;
      return option;
    }),
  );
  const coordinate = (id: string, axis: string, value: number) => {
    const input = document.createElement('input');
    input.id = id;
    input.type = 'number';
    input.min = '1';
    input.value = String(value);
    const label = document.createElement('label');
    label.className = 'inline';
    label.append(axis, input);
    return { input, label };
  };
  const i = coordinate('plane-i', 'x', 1);
  const j = coordinate('plane-j', 'y', 2);
  const coordinates = document.createElement('span');
  coordinates.id = 'plane-coordinates';
  coordinates.hidden = true;
  coordinates.append(i.label, j.label);
  const apply = async () => {
    const chosen = mode.value as PlaneMode;
    coordinates.hidden = chosen !== 'coordinates';
    const pair: [number, number] = [Number(i.input.value) - 1, Number(j.input.value) - 1];
    if (chosen === 'coordinates' && (pair[0] === pair[1] || pair[0] < 0 || pair[1] < 0)) {
      page.toast('choose two different coordinates', 'error');
      return;
    }
    await page.configure('slice', { mode: chosen, coordinates: pair });
  };
  for (const control of [mode, i.input, j.input]) control.addEventListener('change', () => void apply());
  const recenter = button('recenter', 'Re-centre', 'Redraw the plane through the current best point', () => void apply());
  const panel = optionsPanel('plane-controls', labelled(mode, 'Plane'), coordinates, recenter);
  return {
    panel,
    follow(dim) {
      for (const [{ input }, value] of [[i, 1], [j, 2]] as const) {
        input.max = String(dim);
        input.value = String(Math.min(dim, value));
      }
    },
  };
}
