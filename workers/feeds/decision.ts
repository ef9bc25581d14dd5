/**
 * The decision view's feed: a racer's network evaluated over the plane of two of its inputs (the others held at their
 * mean), with the data set it is trained on.
 */
import type { Landscape } from '../../src/core/landscapes/landscape.ts';
import type { MlpLandscape } from '../../src/core/landscapes/mlp.ts';
import { firstGradientRacer, racerRun, type Feed } from './feed.ts';

/** The landscape as a network whose genotype is its weights (no map in between), on any data, or undefined. */
export function network(landscape: Landscape): MlpLandscape | undefined {
  const net = landscape as Partial<MlpLandscape>;
  if (landscape.id !== 'mlp' || !net.network || !net.data || landscape.dim !== net.network.dim) return undefined;
  return landscape as MlpLandscape;
}

/** Why the decision view cannot draw a landscape. */
export const DECISION_UNAVAILABLE = 'the decision view draws networks of at least 2 inputs (no map in between)';

export const decisionFeed: Feed<'decision', MlpLandscape> = {
  id: 'decision',

  available: (race) => ((network(race.landscape)?.data.inputs ?? 0) >= 2 ? true : DECISION_UNAVAILABLE),

  open: (race) => race.landscape as MlpLandscape,

  /**
   * The decision surface of racer `racer` (default: the first gradient racer, else racer 0): its best weights so far
   * evaluated by the network on a resolution × resolution grid (8 to 256) over the data's bounding box in the plane
   * of inputs `axes` (default the first two).
   */
  fetch(landscape, race, { resolution, racer, axes = [0, 1] }) {
    const k = racer ?? firstGradientRacer(race);
    const run = racerRun(race, k);
    const res = Math.max(8, Math.min(256, Math.round(resolution)));
    const { x: all, y, inputs } = landscape.data;
    const [a, b] = axes;
    if (!(Number.isInteger(a) && Number.isInteger(b) && a >= 0 && b >= 0 && a < inputs && b < inputs && a !== b)) {
      throw new Error(`the decision view's axes are two different inputs of 1 to ${inputs}, not ${a + 1} and ${b + 1}`);
    }
    const rows = y.length;
    // Every row seen in the plane of the two chosen inputs; the other inputs are held at their mean over all rows.
    const mean = new Float64Array(inputs);
    for (let i = 0; i < rows; i++) for (let k = 0; k < inputs; k++) mean[k] += all[i * inputs + k] / rows;
    const x = new Float64Array(2 * rows);
    for (let i = 0; i < rows; i++) {
      x[2 * i] = all[i * inputs + a];
      x[2 * i + 1] = all[i * inputs + b];
    }
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
    const grid = new Float64Array(inputs * res * res);
    for (let j = 0; j < res; j++) {
      const v = cy + half - ((j + 0.5) / res) * 2 * half;
      for (let i = 0; i < res; i++) {
        const at = inputs * (j * res + i);
        grid.set(mean, at);
        grid[at + a] = cx - half + ((i + 0.5) / res) * 2 * half;
        grid[at + b] = v;
      }
    }
    const names = inputNames(landscape);
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
      inputs: names,
      axes: [names[a], names[b]],
      ...(landscape.startedFrom !== undefined && { startedFrom: landscape.startedFrom }),
      ...(inputs > 2 && { held: `${names.filter((_, k) => k !== a && k !== b).join(', ')} held at ${inputs > 3 ? 'their' : 'its'} mean` }),
    };
  },
};

/** A network's input names: a CSV's columns (standardised ones say so), else x1, x2, …. */
function inputNames(landscape: MlpLandscape): string[] {
  const source = landscape.source;
  if (!source) return Array.from({ length: landscape.data.inputs }, (_, k) => `x${k + 1}`);
  return source.inputs.map((name) => (source.standardisation ? `${name} (standardised)` : name));
}
