/** The page's pure logic, without a browser: knobs ↔ scenario text, the views' projection helpers, throttled fetches. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Refresher } from '../src/app/refresher.ts';
import { AlignedSteps } from '../src/render/aligned-steps.ts';
import { GLOBAL_OPTIMUM_MARK, LOCAL_OPTIMUM_MARK, RACER_COLORS } from '../src/render/colors.ts';
import { sampleSeries } from '../src/render/sharpness-view.ts';
import type uPlot from 'uplot';
import { clipSegment, inBox } from '../src/render/clip.ts';
import { CELL_MENU_LIMIT, cellLabel, cellMenu } from '../src/app/cell-menu.ts';
import { library, menuEntry, OTHER_FILE } from '../src/app/library.ts';
import { cellAt, expandCells } from '../src/scenario/cells.ts';
import { compatibleLandscapes, compatibleMaps, fromSlider, knobsFor, setField, setLandscape, setMap, toSlider } from '../src/app/knobs.ts';
import { coordinatePlane, principalPlane, projectPoints, randomPlane, threePointPlane } from '../src/core/metrics/projection.ts';
import { genotypeIndex, hypercube, layerOf } from '../src/core/metrics/hypercube.ts';
import { landscapeDef } from '../src/core/landscapes/registry.ts';
import type { DiscreteLandscape } from '../src/core/landscapes/landscape.ts';
import { parseScenario } from '../src/scenario/parse.ts';
import { Rng, deriveRng } from '../src/core/rng.ts';

const gaVsGd = readFileSync(join(__dirname, '..', 'sims', 'ga-vs-gd.yaml'), 'utf8');
const nkRuggedness = readFileSync(join(__dirname, '..', 'sims', 'nk-ruggedness.yaml'), 'utf8');

describe('knobs', () => {
  it('offer dimension and each racer’s main parameter, with defaults where the file is silent', () => {
    const knobs = knobsFor(parseScenario(gaVsGd));
    expect(knobs.map((k) => [k.label, k.value])).toEqual([
      ['dimension N', 2],
      ['GA: population', 60],
      ['Gradient descent: learning rate η', 0.002],
      ['CMA-ES: initial step σ₀', 2],
    ]);
    const nk = knobsFor(parseScenario(nkRuggedness));
    const k = nk.find((knob) => knob.id === 'k')!;
    expect(k.disabled).toContain('sweep');
    expect(nk.find((knob) => knob.label === '(1+1) EA: mutation rate')!.value).toBeCloseTo(1 / 16);
  });

  it('write back into the YAML text without losing comments, and the result validates', () => {
    const text = setField(gaVsGd, ['landscape', 'dim'], 10);
    expect(text).toContain('# GA against gradient descent on a rugged bowl');
    expect(parseScenario(text).landscape.dim).toBe(10);
    const racer = setField(text, ['optimizers', 1, 'learningRate'], 0.01);
    expect(parseScenario(racer).optimizers[1].learningRate).toBe(0.01);
    expect(racer.split('\n').length).toBe(gaVsGd.split('\n').length);
  });

  it('switch landscapes within a space, keeping the dimension and dropping the old one’s fields', () => {
    expect(compatibleLandscapes(parseScenario(gaVsGd)).map((l) => l.id)).toEqual(['sphere', 'rastrigin', 'ackley', 'rosenbrock', 'styblinski-tang', 'schwefel', 'random-field', 'mlp', 'relu-teacher-student', 'eye', 'quadratic', 'matrix-factorisation']);
    const switched = parseScenario(setLandscape(setField(gaVsGd, ['landscape', 'dim'], 7), 'ackley'));
    expect(switched.landscape).toEqual({ id: 'ackley', dim: 7 });
    const nk = parseScenario(setLandscape(nkRuggedness.replace(/sweep:[\s\S]*?views/, 'views'), 'house-of-cards'));
    expect(nk.landscape).toEqual({ id: 'house-of-cards', dim: 16, alleles: 2 });
  });

  it('switch to a landscape that derives its dimension, whose width (not N) is the knob', () => {
    for (const id of ['mlp', 'relu-teacher-student', 'eye']) {
      const switched = parseScenario(setLandscape(setField(gaVsGd, ['landscape', 'dim'], 7), id));
      expect(switched.landscape.id).toBe(id);
      const dimKnob = knobsFor(switched).find((k) => k.id === 'dim')!;
      expect(dimKnob.value).toBe(switched.landscape.dim);
      expect(dimKnob.disabled).toMatch(/widths/);
    }
    const student = parseScenario(setLandscape(gaVsGd, 'relu-teacher-student'));
    const width = knobsFor(student).find((k) => k.id === 'width')!;
    const wider = parseScenario(setField(setLandscape(gaVsGd, 'relu-teacher-student'), width.path, width.value + 2));
    expect(wider.landscape.dim).toBe(student.landscape.dim + 2 * Number(student.landscape.inputs));
    const mlp = parseScenario(setLandscape(gaVsGd, 'mlp'));
    expect(knobsFor(mlp).find((k) => k.id === 'width')?.path).toEqual(['landscape', 'hidden', 0]);
  });

  it('offers a network only the maps that keep its initial scale, and each of them gives a valid scenario', () => {
    const text = setLandscape(gaVsGd, 'mlp');
    const offered = compatibleMaps(parseScenario(text)).map((m) => m.id);
    expect(offered).toEqual(['identity', 'duplicate', 'neutral', 'embed', 'permute']);
    for (const id of offered) expect(parseScenario(setMap(text, id)).landscape.id).toBe('mlp');
    expect(compatibleMaps(parseScenario(gaVsGd)).map((m) => m.id)).toContain('product');
    expect(compatibleMaps(parseScenario(setLandscape(gaVsGd, 'relu-teacher-student'))).map((m) => m.id)).toContain('product');
  });

  it('map slider positions to values and back on linear and log scales', () => {
    for (const knob of [{ min: 2, max: 2000, scale: 'log' as const, integer: true }, { min: 0, max: 3, scale: 'linear' as const, integer: false }]) {
      expect(fromSlider(knob, 0)).toBe(knob.min);
      expect(fromSlider(knob, 1000)).toBe(knob.max);
      for (const v of [knob.min, knob.max]) expect(toSlider(knob, v)).toBe(v === knob.min ? 0 : 1000);
    }
    expect(fromSlider({ min: 1e-4, max: 1, scale: 'log', integer: false }, toSlider({ min: 1e-4, max: 1, scale: 'log' }, 0.01))).toBeCloseTo(0.01, 3);
  });
});

describe('projections', () => {
  const rng = new Rng('projection');
  const dim = 12;
  const random = () => Float64Array.from({ length: dim }, () => rng.normal());
  const dot = (a: Float64Array, b: Float64Array) => a.reduce((s, v, i) => s + v * b[i], 0);

  it('make orthonormal planes of every kind', () => {
    const points = Float64Array.from({ length: 30 * dim }, () => rng.normal());
    for (const plane of [coordinatePlane(random(), 2, 5), randomPlane(random(), rng), threePointPlane(random(), random(), random(), rng), principalPlane(random(), points, 30, rng)]) {
      expect(dot(plane.u, plane.u)).toBeCloseTo(1, 12);
      expect(dot(plane.v, plane.v)).toBeCloseTo(1, 12);
      expect(dot(plane.u, plane.v)).toBeCloseTo(0, 12);
    }
  });

  it('put the three points of a three-point plane on it, at distance 0', () => {
    const [a, b, c] = [random(), random(), random()];
    const plane = threePointPlane(a, b, c, rng);
    const coords = new Float32Array(6);
    const distances = new Float32Array(3);
    const rows = new Float64Array(3 * dim);
    rows.set(a, 0);
    rows.set(b, dim);
    rows.set(c, 2 * dim);
    projectPoints(plane, rows, 3, coords, distances);
    for (const d of distances) expect(d).toBeLessThan(1e-5);
    expect([coords[0], coords[1]]).toEqual([0, 0]);
  });

  it('report the true distance from the plane (Pythagoras with the in-plane part)', () => {
    const origin = new Float64Array(dim);
    const plane = coordinatePlane(origin, 0, 1);
    const x = new Float64Array(dim);
    x[0] = 3;
    x[1] = 4;
    x[5] = 12;
    const coords = new Float32Array(2);
    const distances = new Float32Array(1);
    projectPoints(plane, x, 1, coords, distances);
    expect(Array.from(coords)).toEqual([3, 4]);
    expect(distances[0]).toBe(12);
  });

  it('find the leading principal direction of elongated data', () => {
    const points = new Float64Array(200 * dim);
    const axis = random();
    const norm = Math.sqrt(dot(axis, axis));
    for (let k = 0; k < 200; k++) {
      const t = 10 * rng.normal();
      for (let i = 0; i < dim; i++) points[k * dim + i] = (t * axis[i]) / norm + 0.1 * rng.normal();
    }
    const plane = principalPlane(new Float64Array(dim), points, 200, rng);
    expect(Math.abs(dot(plane.u, axis) / norm)).toBeGreaterThan(0.999);
  });
});

describe('the hypercube', () => {
  it('numbers genotypes by their bits and layers them by Hamming weight', () => {
    expect(genotypeIndex(Uint8Array.of(1, 0, 1), 0, 3)).toBe(5);
    expect(layerOf(0b1011)).toBe(3);
  });

  it('marks local optima exactly and finds every genotype with an uphill path to the optimum', () => {
    const l = landscapeDef('nk')!.create(8, { k: 3, neighbours: 'random', alleles: 2 }, deriveRng('cube')) as DiscreteLandscape;
    const cube = hypercube(l);
    expect(cube.fitness[cube.globalOptimum]).toBe(l.optimumFitness);
    expect(cube.accessible[cube.globalOptimum]).toBe(1);
    for (let g = 0; g < 256; g++) {
      const fitter = Array.from({ length: 8 }, (_, i) => g ^ (1 << i)).filter((h) => cube.fitness[h] > cube.fitness[g]);
      expect(cube.localOptimum[g]).toBe(fitter.length ? 0 : 1);
      // Accessible iff it is the optimum or some fitter neighbour is accessible.
      expect(cube.accessible[g]).toBe(g === cube.globalOptimum || fitter.some((h) => cube.accessible[h]) ? 1 : 0);
      if (cube.localOptimum[g] && g !== cube.globalOptimum) expect(cube.accessible[g]).toBe(0);
    }
  });

  it('marks local optima in colours no racer has, so a mark never reads as a racer there (issue 14)', () => {
    const channels = (c: number) => [c >> 16, (c >> 8) & 255, c & 255];
    const distance = (a: number, b: number) => channels(a).reduce((sum, v, i) => sum + Math.abs(v - channels(b)[i]), 0);
    for (const mark of [GLOBAL_OPTIMUM_MARK, LOCAL_OPTIMUM_MARK]) {
      const nearest = Math.min(...RACER_COLORS.map((racer) => distance(mark, racer)));
      expect([mark.toString(16), nearest >= 100]).toEqual([mark.toString(16), true]);
    }
  });
});

describe('the refresher (throttled worker fetches of the decision, eye and interpolation views)', () => {
  afterEach(() => vi.useRealTimers());

  it('fetches at most once per interval, folds requests made meanwhile into one, and only when wanted', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance'] });
    let wanted = true;
    let release: () => void = () => {};
    const starts: number[] = [];
    const refresher = new Refresher(250, () => wanted, () => {
      starts.push(performance.now());
      return new Promise<void>((resolve) => (release = resolve));
    });
    refresher.request();
    refresher.request();
    await vi.advanceTimersByTimeAsync(0);
    expect(starts).toEqual([0]);
    // Three requests while the first fetch runs: one more fetch, 250 ms after the first began.
    for (let i = 0; i < 3; i++) refresher.request();
    await vi.advanceTimersByTimeAsync(100);
    release();
    await vi.advanceTimersByTimeAsync(100);
    expect(starts).toEqual([0]);
    await vi.advanceTimersByTimeAsync(50);
    expect(starts).toEqual([0, 250]);
    release();
    wanted = false;
    refresher.request();
    await vi.advanceTimersByTimeAsync(1000);
    expect(starts).toEqual([0, 250]);
  });

  it('with a share, waits after a slow fetch until it has taken no more than that share of the time', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance'] });
    const starts: number[] = [];
    // Each fetch takes 100 ms; at a share of 0.2 the next may begin 500 ms after the last began, not 250.
    const refresher = new Refresher(250, () => true, async () => {
      starts.push(performance.now());
      await new Promise((resolve) => setTimeout(resolve, 100));
    }, 0.2);
    refresher.request();
    await vi.advanceTimersByTimeAsync(150);
    refresher.request();
    await vi.advanceTimersByTimeAsync(460);
    expect(starts).toEqual([0, 500]);
    // The next would wait until 1000 ms; hurried (the race paused), it runs at once.
    refresher.request();
    await vi.advanceTimersByTimeAsync(10);
    expect(starts).toEqual([0, 500]);
    refresher.hurry();
    await vi.advanceTimersByTimeAsync(0);
    expect(starts).toEqual([0, 500, 620]);
  });

  it('with a share, counts the worker’s own time for a fetch where the fetch reports it, not its wait in the queue', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance'] });
    const starts: number[] = [];
    // The answer arrives after 1,000 ms (queued behind frames) but cost the worker 20 ms: the interval decides.
    const refresher = new Refresher(250, () => true, async () => {
      starts.push(performance.now());
      await new Promise((resolve) => setTimeout(resolve, 1000));
      return 20;
    }, 0.1);
    refresher.request();
    await vi.advanceTimersByTimeAsync(1000);
    refresher.request();
    await vi.advanceTimersByTimeAsync(10);
    expect(starts).toEqual([0, 1000]);
  });
});

describe('the race chart’s aligned step series', () => {
  it('keeps every improvement of every racer on one sorted x axis, however the racers interleave', () => {
    const steps = new AlignedSteps(2);
    // Racer 0 improves at 1, 5, 9; racer 1 at 1, 3, 7 and 12, but arrives a frame late for 3 and 7.
    for (const [x, v] of [[1, 10], [5, 12], [9, 20]]) steps.add(0, x, v);
    for (const [x, v] of [[1, 11], [3, 13], [7, 17], [12, 19]]) steps.add(1, x, v);
    expect(steps.x).toEqual([1, 3, 5, 7, 9, 12]);
    expect(steps.points(0)).toEqual([[1, 10], [5, 12], [9, 20]]);
    expect(steps.points(1)).toEqual([[1, 11], [3, 13], [7, 17], [12, 19]]);
    expect(steps.y[0]).toEqual([10, null, 12, null, 20, null]);
  });
});

describe('clipping marks to the plot (the slice view’s paths)', () => {
  const box = { left: 0, top: 0, right: 10, bottom: 10 };
  const out = new Float64Array(4);

  it('keeps a segment inside, cuts one that leaves at the edge, and drops one wholly outside', () => {
    expect(clipSegment(1, 1, 9, 9, box, out)).toBe(true);
    expect(Array.from(out)).toEqual([1, 1, 9, 9]);
    expect(clipSegment(5, 5, 15, 5, box, out)).toBe(true);
    expect(Array.from(out)).toEqual([5, 5, 10, 5]);
    // Crossing the whole box diagonally from outside to outside: both ends move onto its border.
    expect(clipSegment(-5, -5, 15, 15, box, out)).toBe(true);
    expect(Array.from(out)).toEqual([0, 0, 10, 10]);
    expect(clipSegment(11, 0, 20, 9, box, out)).toBe(false);
    expect(clipSegment(-1, 5, -1, 8, box, out)).toBe(false);
    expect([inBox(0, 10, box), inBox(10.5, 5, box)]).toEqual([true, false]);
  });
});

describe('the sweep-cell menu', () => {
  // The 100 × 1000 sweep of a 3 KB link once built 100,000 options (19 s, 1.26 GB).
  const sweep = { 'landscape.dim': Array.from({ length: 100 }, (_, i) => i + 2), 'budget.evaluations': Array.from({ length: 1000 }, (_, i) => 10 * (i + 1)) };

  it('lists at most CELL_MENU_LIMIT cells and the chosen one, and says how to reach the rest', () => {
    const menu = cellMenu(sweep, 54_321);
    expect(menu.cells).toBe(100_000);
    expect(menu.options.length).toBe(CELL_MENU_LIMIT + 1);
    expect(menu.options.slice(0, 3).map((o) => o.index)).toEqual([0, 1, 2]);
    expect(menu.options.at(-1)).toEqual({ index: 54_321, label: 'landscape.dim = 56, budget.evaluations = 3220' });
    expect(menu.note).toBe(`The menu lists the first ${CELL_MENU_LIMIT} of 100,000 cells; type a cell's number to race any of them.`);
    expect(cellMenu(sweep, 3).options.length).toBe(CELL_MENU_LIMIT);
  });

  it('lists every cell of a small sweep, labelled as the cells are built', () => {
    const scenario = parseScenario(readFileSync(join(__dirname, '..', 'sims', 'dimension-vs-dead-ends.yaml'), 'utf8'));
    const menu = cellMenu(scenario.sweep, 0);
    const cells = expandCells(scenario);
    expect(menu.note).toBeUndefined();
    expect(menu.options.map((o) => o.index)).toEqual(cells.map((c) => c.index));
    for (const cell of cells) {
      expect(cellLabel(scenario.sweep, cell.index)).toBe(Object.entries(cell.params).map(([k, v]) => `${k} = ${v}`).join(', '));
      expect(cellAt(scenario, cell.index)).toEqual(cell);
    }
  });
});

describe('the scenario menu', () => {
  it('names the racing scenario by its library entry, or by one entry of its own, title (file), for any other file', () => {
    const onemax = library.find((entry) => entry.file === 'onemax-ea.yaml')!;
    expect(menuEntry('onemax-ea.yaml', onemax.title)).toEqual({ value: 'onemax-ea.yaml' });
    // The same text opened from disk, or from a share link, is not the library's entry.
    expect(menuEntry('my-onemax.yaml', onemax.title)).toEqual({ value: OTHER_FILE, label: '(1+1) EA on OneMax (my-onemax.yaml)' });
    expect(menuEntry('shared-link.yaml', 'Rugged or smooth?')).toEqual({ value: OTHER_FILE, label: 'Rugged or smooth? (shared-link.yaml)' });
    expect(library.some((entry) => entry.file === OTHER_FILE)).toBe(false);
  });
});

describe('the sharpness chart', () => {
  it('draws each racer’s samples as points with no line between them (issue 14’s fake trend), its legend swatch in its colour', () => {
    const series = sampleSeries('SGD', 0xf0e442);
    expect(series.paths!({} as uPlot, 1, 0, 9)).toBeNull();
    expect(series.width).toBe(0);
    expect(series.points).toMatchObject({ show: true, width: 1, stroke: '#f0e442', fill: '#f0e442' });
  });
});
