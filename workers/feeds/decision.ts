/** The decision view's feed: a racer's network evaluated over its 2-D input plane, with the data set it is trained on. */
import type { Landscape } from '../../src/core/landscapes/landscape.ts';
import type { MlpLandscape } from '../../src/core/landscapes/mlp.ts';
import { firstGradientRacer, racerRun, type Feed } from './feed.ts';

/** The landscape as a network whose genotype is its weights (no map in between), on any data, or undefined. */
export function network(landscape: Landscape): MlpLandscape | undefined {
  const net = landscape as Partial<MlpLandscape>;
  if (landscape.id !== 'mlp' || !net.network || !net.data || landscape.dim !== net.network.dim) return undefined;
  return landscape as MlpLandscape;
}

export const decisionFeed: Feed<'decision', MlpLandscape> = {
  id: 'decision',

  available: (race) => (network(race.landscape)?.data.inputs === 2 ? true : 'the decision view draws networks on 2-D data sets'),

  open: (race) => race.landscape as MlpLandscape,

  /**
   * The decision surface of racer `racer` (default: the first gradient racer, else racer 0): its best weights so far
   * evaluated by the network on a resolution × resolution grid (8 to 256) over the data's bounding box.
   */
  fetch(landscape, race, { resolution, racer }) {
    const k = racer ?? firstGradientRacer(race);
    const run = racerRun(race, k);
    const res = Math.max(8, Math.min(256, Math.round(resolution)));
    const { x, y } = landscape.data;
    const rows = y.length;
    let xMin = Infinity;
    let xMax = -Infinity;
    let yMin = Infinity;
    let yMax = -Infinity;
    let scale = 0;
    for (let i = 0; i < rows; i++) {
      xMin = Math.min(xMin, x[2 * i]);
      xMax = Math.max(xMax, x[2 * i]);
      yMin = Math.min(yMin, x[2 * i + 1]);
      yMax = Math.max(yMax, x[2 * i + 1]);
      scale = Math.max(scale, Math.abs(y[i]));
    }
    // A square with equal scales on both axes (circles stay round), 10 % larger than the data.
    const half = 0.55 * Math.max(xMax - xMin, yMax - yMin, 1e-9);
    const cx = (xMin + xMax) / 2;
    const cy = (yMin + yMax) / 2;
    const extent: [number, number, number, number] = [cx - half, cx + half, cy - half, cy + half];
    const grid = new Float64Array(2 * res * res);
    for (let j = 0; j < res; j++) {
      const v = cy + half - ((j + 0.5) / res) * 2 * half;
      for (let i = 0; i < res; i++) {
        grid[2 * (j * res + i)] = cx - half + ((i + 0.5) / res) * 2 * half;
        grid[2 * (j * res + i) + 1] = v;
      }
    }
    const out = new Float64Array(res * res);
    landscape.network.predict(run.bestGenes() as Float64Array, 0, grid, res * res, out);
    const logistic = landscape.network.arch.loss === 'cross-entropy';
    const values = new Float32Array(res * res);
    for (let i = 0; i < values.length; i++) values[i] = logistic ? Math.tanh(out[i] / 2) : out[i];
    const result = run.result();
    return {
      racer: k,
      label: run.spec.optimizer.label,
      evaluations: result.evaluations,
      loss: -result.bestFitness,
      resolution: res,
      extent,
      values,
      scale: logistic ? 1 : scale || 1,
      meaning: logistic ? 'P(+1) − P(−1)' : 'network output',
      points: Float32Array.from(x),
      targets: Float32Array.from(y),
      train: landscape.samples,
    };
  },
};
