/**
 * The worker's page API in Node: a race's numbers do not depend on how the page slices time into frames, they equal
 * plain runs of the same specs, and every view's data has the shape the views expect.
 */
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import type { RunTrace } from '../src/core/run/trace.ts';
import { liveRaceTraceCsv } from '../src/scenario/trace-csv.ts';
import { inProcess } from './support/cli.ts';
import { foldTrait } from '../src/core/eye/optics.ts';
import type { ContinuousLandscape } from '../src/core/landscapes/landscape.ts';
import { createLandscape } from '../src/core/run/instance.ts';
import { createRun } from '../src/core/run/run.ts';
import { cellAt, expandCells, runSpecs } from '../src/scenario/cells.ts';
import { parseScenario } from '../src/scenario/parse.ts';
import type { Scenario } from '../src/scenario/schema.ts';
import { liveSpecs, MAX_LIVE_REPLICATES } from '../workers/live-race.ts';
import { loadScenario } from '../workers/page-load.ts';
import { PageSession } from '../workers/page-session.ts';
import type { Frame } from '../workers/protocol.ts';
import { PAGE_RACE_MEMORY_LIMIT, raceMemory } from '../workers/race-memory.ts';
import { openedFiles } from '../src/app/data-files.ts';
import { planTasks, scenarioFingerprint } from '../src/scenario/results.ts';
import { bestSavedNetwork } from '../src/cli/save-network.ts';
import { formatSavedNetwork } from '../src/core/nets/saved-network.ts';
import { startingFrom } from '../src/scenario/attached-files.ts';
import { simApi } from '../workers/sim-api.ts';
import { readSimsFile } from './support/sims.ts';

const pageApi = new PageSession();

function specsOf(file: string, replicates: number) {
  const scenario = parseScenario(readFileSync(join(__dirname, '..', 'sims', file), 'utf8'), file, { readFile: readSimsFile });
  const cell = expandCells(scenario)[0].scenario;
  return Array.from({ length: replicates }, (_, r) => runSpecs(cell, r));
}

function raceToEnd(evaluationsPerFrame: number, file: string): Frame {
  pageApi.open(specsOf(file, 3));
  let frame = pageApi.advance(0);
  for (let i = 0; i < 100_000 && !frame.done; i++) frame = pageApi.advance(evaluationsPerFrame);
  return frame;
}

describe('the page session', () => {
  it('gives the same results whatever the frame size, equal to plain runs', () => {
    const slow = raceToEnd(7, 'walks-on-nk.yaml');
    const fast = raceToEnd(5000, 'walks-on-nk.yaml');
    const strip = (f: Frame) => f.racers.map(({ label, evaluations, bestFitness, endedAt }) => ({ label, evaluations, bestFitness, endedAt }));
    expect(strip(fast)).toEqual(strip(slow));
    expect(fast.outcomes).toEqual(slow.outcomes);
    const direct = specsOf('walks-on-nk.yaml', 1)[0].map((spec) => {
      const run = createRun(spec);
      run.finish();
      const r = run.result();
      return { label: spec.optimizer.label, evaluations: r.evaluations, bestFitness: r.bestFitness, endedAt: r.endedAt };
    });
    expect(strip(fast)).toEqual(direct);
    expect(fast.outcomes.map((o) => Object.values(o).reduce((a, b) => a + b, 0))).toEqual([3, 3, 3, 3]);
  });

  it('keeps each race in its own session: two raced in turn send what each sends alone', () => {
    const budgets = [0, 50, 50, 50];
    const alone = (file: string) => {
      const session = new PageSession();
      session.open(specsOf(file, 1));
      return budgets.map((evaluations) => session.advance(evaluations));
    };
    const a = new PageSession();
    const b = new PageSession();
    a.open(specsOf('ga-vs-gd.yaml', 1));
    b.open(specsOf('walks-on-nk.yaml', 1));
    const together = budgets.map((evaluations) => [a.advance(evaluations), b.advance(evaluations)]);
    const untimed = (frame: Frame) => ({ ...frame, computeMs: 0 });
    expect(together.map(([frame]) => untimed(frame))).toEqual(alone('ga-vs-gd.yaml').map(untimed));
    expect(together.map(([, frame]) => untimed(frame))).toEqual(alone('walks-on-nk.yaml').map(untimed));
  });

  it('races a scenario on a CSV with the data the page bundles, to the numbers the command line gets', () => {
    const text = readFileSync(join(__dirname, '..', 'sims', 'your-own-data.yaml'), 'utf8').replace('evaluations: 6000', 'evaluations: 600');
    const page = loadScenario(text, 'your-own-data.yaml', 0, openedFiles);
    if (!('scenario' in page)) throw new Error(JSON.stringify(page.issues));
    const cli = parseScenario(text, 'sims/your-own-data.yaml', { readFile: (path) => readFileSync(join(__dirname, '..', path)) });
    expect(scenarioFingerprint(page.scenario)).toBe(scenarioFingerprint(cli));
    pageApi.open([runSpecs(expandCells(page.scenario)[0].scenario, 0)]);
    let frame = pageApi.advance(0);
    for (let i = 0; i < 1000 && !frame.done; i++) frame = pageApi.advance(5000);
    const outcomes = simApi.runReplicate({ cell: 0, replicate: 0, specs: runSpecs(expandCells(cli)[0].scenario, 0) });
    expect(frame.racers.map((r) => r.bestFitness)).toEqual(outcomes.map((o) => o.result!.bestFitness));
    // The page's Save network writes what run --save-network writes for the same racer.
    const fingerprint = scenarioFingerprint(cli);
    const fromPage = pageApi.savedNetwork(1, { fingerprint, seed: cli.seed, cell: 0 });
    const fromCli = bestSavedNetwork(cli, planTasks(cli)[0], [], fingerprint, 'Adam');
    expect(fromPage).toEqual(fromCli);
    expect(() => loadScenario(text, 'your-own-data.yaml', 0, {})).not.toThrow();
    expect(loadScenario(text, 'your-own-data.yaml', 0, {})).toMatchObject({ issues: [{ path: 'landscape.data.file', message: expect.stringContaining('the page has no file fruit.csv: open it together with the scenario') }] });
  });

  it('starts a race from a saved network opened with its scenario: at evaluation 0 every racer draws that network', () => {
    const text = readFileSync(join(__dirname, '..', 'sims', 'your-own-data.yaml'), 'utf8');
    const plain = loadScenario(text, 'your-own-data.yaml', 0, openedFiles);
    if (!('scenario' in plain)) throw new Error(JSON.stringify(plain.issues));
    pageApi.open([runSpecs(expandCells(plain.scenario)[0].scenario, 0)]);
    const randomStart = pageApi.fetch('decision', { resolution: 8, racer: 1 });
    for (let i = 0; i < 3; i++) pageApi.advance(100);
    const saved = pageApi.savedNetwork(1, { fingerprint: scenarioFingerprint(plain.scenario), seed: plain.scenario.seed, cell: 0 });
    const files = { ...openedFiles, 'fruit-net.json': new TextEncoder().encode(formatSavedNetwork(saved)) };
    const started = startingFrom(text, 'your-own-data.yaml', 'fruit-net.json');
    if (started.problem !== undefined) throw new Error(started.problem);
    const page = loadScenario(started.text, 'your-own-data.yaml', 0, files);
    if (!('scenario' in page)) throw new Error(JSON.stringify(page.issues));
    const specs = runSpecs(expandCells(page.scenario)[0].scenario, 0);
    expect(pageApi.open([specs]).feeds.decision).toBe(true);
    // The saved network's own predictions over the view's grid, the inputs not on an axis at their mean.
    const landscape = createLandscape(specs[0].landscape, page.scenario.seed, 0) as ContinuousLandscape & { data: { x: Float64Array; inputs: number }; network: { predict: (...args: unknown[]) => void } };
    const { x, inputs } = landscape.data;
    const rows = x.length / inputs;
    const mean = new Float64Array(inputs);
    for (let r = 0; r < rows; r++) for (let k = 0; k < inputs; k++) mean[k] += x[r * inputs + k] / rows;
    const weights = Float64Array.from(saved.weights);
    for (const racer of [0, 1]) {
      const surface = pageApi.fetch('decision', { resolution: 8, racer });
      expect(surface).toMatchObject({ startedFrom: 'fruit-net.json', resolution: 8 });
      // Its training loss is the one the file records, to the bit: same weights, same rows, the saved standardisation.
      expect(Object.is(surface.loss, saved.trainingLoss)).toBe(true);
      const [xMin, xMax, yMin, yMax] = surface.extent;
      const out = new Float64Array(1);
      for (let j = 0; j < 8; j++) {
        for (let i = 0; i < 8; i++) {
          const point = Float64Array.from(mean);
          point[0] = xMin + ((i + 0.5) / 8) * (xMax - xMin);
          point[1] = yMax - ((j + 0.5) / 8) * (yMax - yMin);
          landscape.network.predict(weights, 0, point, 1, out);
          expect(surface.values[8 * j + i]).toBeCloseTo(Math.tanh(out[0] / 2), 6);
        }
      }
      expect(Array.from(surface.values)).not.toEqual(Array.from(randomStart.values));
    }
    // The racers train on from it.
    for (let i = 0; i < 3; i++) pageApi.advance(100);
    expect(pageApi.fetch('decision', { resolution: 8, racer: 1 }).loss).toBeLessThan(saved.trainingLoss);
  });

  it('refuses a saved network that does not fit the scenario, naming the field that differs, where the start is named', () => {
    const text = readFileSync(join(__dirname, '..', 'sims', 'your-own-data.yaml'), 'utf8');
    const plain = loadScenario(text, 'your-own-data.yaml', 0, openedFiles);
    if (!('scenario' in plain)) throw new Error(JSON.stringify(plain.issues));
    pageApi.open([runSpecs(expandCells(plain.scenario)[0].scenario, 0)]);
    const saved = pageApi.savedNetwork(1, { fingerprint: scenarioFingerprint(plain.scenario), seed: plain.scenario.seed, cell: 0 });
    const started = startingFrom(text, 'your-own-data.yaml', 'net.json');
    if (started.problem !== undefined) throw new Error(started.problem);
    const startLine = started.text.split('\n').findIndex((line) => line.includes('file: net.json')) + 1;
    // The first refusal (each sweep cell of the example says it too).
    const refusal = (network: object) => {
      const load = loadScenario(started.text, 'your-own-data.yaml', 0, { ...openedFiles, 'net.json': new TextEncoder().encode(JSON.stringify(network)) });
      return 'issues' in load ? load.issues[0] : undefined;
    };
    expect(refusal({ ...saved, architecture: { ...saved.architecture, activation: 'relu' } })).toEqual({
      file: 'your-own-data.yaml',
      line: startLine,
      column: expect.any(Number),
      path: 'landscape.start.file',
      message: expect.stringContaining('architecture.activation differs: the saved network has relu, this landscape tanh'),
    });
    const swapped = { ...saved, data: { ...saved.data!, inputs: ['height_cm', 'width_cm', 'mass_g', 'hue'] } };
    expect(refusal(swapped)).toMatchObject({ path: 'landscape.start.file', message: expect.stringContaining('data.inputs differs: the saved network reads inputs height_cm, width_cm') });
    expect(refusal({ ...saved, data: { ...saved.data!, target: 'hue' } })).toMatchObject({ path: 'landscape.start.file', message: expect.stringContaining('data.target differs') });
    expect(refusal({ ...saved, data: { ...saved.data!, classes: ['apple', 'quince'] } })).toMatchObject({ message: expect.stringContaining('data.classes differs: the saved network tells apple from quince; this landscape apple from pear') });
    expect(refusal(saved)).toBeUndefined();
    // A landscape that is not a network takes no saved network at all.
    const sphere = readFileSync(join(__dirname, '..', 'sims', 'ga-vs-gd.yaml'), 'utf8');
    expect(startingFrom(sphere, 'ga-vs-gd.yaml', 'net.json').problem).toMatch(/^net\.json is a saved network, which starts an mlp landscape; ga-vs-gd\.yaml's landscape\.id is /);
  });

  it('draws a network of four CSV inputs over any two of them, the others held at their mean, and says so', () => {
    const page = loadScenario(readFileSync(join(__dirname, '..', 'sims', 'your-own-data.yaml'), 'utf8'), 'your-own-data.yaml', 0, openedFiles);
    if (!('scenario' in page)) throw new Error(JSON.stringify(page.issues));
    const specs = [runSpecs(expandCells(page.scenario)[0].scenario, 0)];
    expect(pageApi.open(specs).feeds.decision).toBe(true);
    for (let i = 0; i < 5; i++) pageApi.advance(300);
    const surface = pageApi.fetch('decision', { resolution: 8, racer: 1, axes: [1, 2] });
    expect(surface.inputs).toEqual(['width_cm (standardised)', 'height_cm (standardised)', 'mass_g (standardised)', 'hue (standardised)']);
    expect(surface).toMatchObject({ axes: ['height_cm (standardised)', 'mass_g (standardised)'], held: 'width_cm (standardised), hue (standardised) held at their mean' });
    // A cell of the grid is the network at the mean of every row with the two chosen inputs set to the cell's centre.
    const landscape = createLandscape(specs[0][0].landscape, page.scenario.seed, 0) as ContinuousLandscape & { data: { x: Float64Array; inputs: number }; network: { predict: (...args: unknown[]) => void } };
    const { x, inputs } = landscape.data;
    const rows = x.length / inputs;
    const point = new Float64Array(inputs);
    for (let r = 0; r < rows; r++) for (let k = 0; k < inputs; k++) point[k] += x[r * inputs + k] / rows;
    const [xMin, xMax, , yMax] = surface.extent;
    point[1] = xMin + (0.5 / 8) * (xMax - xMin);
    point[2] = yMax - (0.5 / 8) * (yMax - surface.extent[2]);
    const out = new Float64Array(1);
    const run = createRun(specs[0][1], { landscape });
    while (run.evaluations < surface.evaluations) run.step(1);
    landscape.network.predict(run.bestGenes(), 0, point, 1, out);
    expect(surface.values[0]).toBeCloseTo(Math.tanh(out[0] / 2), 6);
    expect(surface.points[0]).toBe(Math.fround(x[1]));
    expect(() => pageApi.fetch('decision', { resolution: 8, racer: 1, axes: [2, 2] })).toThrow('two different inputs of 1 to 4');
  });

  it('sends each improvement once, in order', () => {
    pageApi.open(specsOf('ga-vs-gd.yaml', 1));
    const traces = [[], [], []] as number[][];
    let frame = pageApi.advance(0);
    for (let i = 0; i < 60 && !frame.done; i++) {
      frame.racers.forEach((r, k) => traces[k].push(...r.traceX));
      frame = pageApi.advance(50);
    }
    for (const trace of traces) {
      expect(trace.length).toBeGreaterThan(1);
      expect(trace.every((x, i) => i === 0 || x > trace[i - 1])).toBe(true);
    }
  });

  it('projects continuous racers onto the slice plane and samples the plane', () => {
    const info = pageApi.open(specsOf('ga-vs-gd.yaml', 2));
    expect(info).toMatchObject({ space: 'continuous', dim: 2, feeds: { slice: true }, reading: 'loss', replicates: 2 });
    expect(info.feeds.hypercube).toContain('binary');
    const frame = pageApi.advance(100);
    const ga = frame.racers[0];
    expect(ga.points!.length).toBe(2 * 60);
    expect(ga.distances!.length).toBe(60);
    // In two dimensions the plane is the whole space: nothing lies off it.
    for (const d of ga.distances!) expect(d).toBeLessThan(1e-4);
    for (const mode of ['coordinates', 'random', 'pca', 'three-points'] as const) {
      pageApi.configure('slice', { mode, coordinates: [0, 1] });
      const slice = pageApi.fetch('slice', { resolution: 64 });
      expect(slice.values.length).toBe(64 * 64);
      expect(slice.min).toBeLessThanOrEqual(slice.max);
      expect(slice.extent).toBeGreaterThan(0);
      expect(slice.mode).toBe(mode);
    }
  });

  it('lists genotypes for the hypercube of small binary landscapes', () => {
    const info = pageApi.open(specsOf('walks-on-nk.yaml', 1));
    expect(info).toMatchObject({ space: 'discrete', feeds: { hypercube: true } });
    const cube = pageApi.fetch('hypercube', {});
    expect(cube.fitness.length).toBe(1024);
    const frame = pageApi.advance(50);
    expect(frame.racers[3].genotypes!.length).toBe(20);
    for (const g of frame.racers[0].genotypes!) expect(g >= 0 && g < 1024).toBe(true);
    expect(() => pageApi.fetch('slice', { resolution: 32 })).toThrow('continuous');
  });

  it.each(readdirSync(join(__dirname, '..', 'sims')).filter((f) => f.endsWith('.yaml')))('opens %s, races a few frames and draws its views', (file) => {
    const info = pageApi.open(specsOf(file, 2));
    let frame = pageApi.advance(0);
    for (let i = 0; i < 3 && !frame.done; i++) frame = pageApi.advance(200);
    expect(frame.racers.length).toBeGreaterThan(0);
    for (const racer of frame.racers) expect(racer.evaluations).toBeGreaterThan(0);
    if (info.feeds.slice === true) {
      const slice = pageApi.fetch('slice', { resolution: 16 });
      expect(slice.values.length).toBe(16 * 16);
      expect(Array.from(slice.values).every(Number.isFinite)).toBe(true);
    }
    if (info.feeds.hypercube === true) expect(pageApi.fetch('hypercube', {})).toBeDefined();
    if (info.feeds.decision === true) expect(Array.from(pageApi.fetch('decision', { resolution: 8 }).values).every(Number.isFinite)).toBe(true);
    else expect(() => pageApi.fetch('decision', { resolution: 8 })).toThrow(info.feeds.decision);
    if (info.feeds.eye === true) expect(pageApi.fetch('eye', {}).section.rays.every(Number.isFinite)).toBe(true);
    else expect(() => pageApi.fetch('eye', {})).toThrow(info.feeds.eye);
    if (info.feeds.interpolation === true) expect(Array.from(pageApi.fetch('interpolation', { points: 5 }).before).every(Number.isFinite)).toBe(true);
    else expect(() => pageApi.fetch('interpolation', { points: 5 })).toThrow(info.feeds.interpolation);
  });

  it('draws a network’s decision surface on its 2-D data, and it changes as the racer trains', () => {
    const info = pageApi.open(specsOf('neuroevolution-vs-sgd.yaml', 1));
    expect(info.feeds.decision).toBe(true);
    const before = pageApi.fetch('decision', { resolution: 32 });
    // The default racer is the first gradient racer (SGD).
    expect(before).toMatchObject({ racer: 3, label: 'SGD', resolution: 32, scale: 1, train: 192 });
    expect(before.values.length).toBe(32 * 32);
    expect(before.points.length).toBe(2 * 256);
    expect(before.targets.length).toBe(256);
    expect(Array.from(before.values).every((v) => Number.isFinite(v) && Math.abs(v) <= 1)).toBe(true);
    const [xMin, xMax, yMin, yMax] = before.extent;
    for (let i = 0; i < 256; i++) {
      expect(before.points[2 * i]).toBeGreaterThan(xMin);
      expect(before.points[2 * i]).toBeLessThan(xMax);
      expect(before.points[2 * i + 1]).toBeGreaterThan(yMin);
      expect(before.points[2 * i + 1]).toBeLessThan(yMax);
    }
    for (let i = 0; i < 20; i++) pageApi.advance(100);
    const after = pageApi.fetch('decision', { resolution: 32 });
    expect(after.evaluations).toBeGreaterThan(before.evaluations);
    expect(after.loss).toBeLessThan(before.loss);
    const change = after.values.reduce((sum, v, i) => sum + Math.abs(v - before.values[i]), 0) / after.values.length;
    expect(change).toBeGreaterThan(0.01);
    // Any racer can be chosen; a landscape that is not a network on 2-D data says why it cannot be drawn.
    expect(pageApi.fetch('decision', { resolution: 16, racer: 0 })).toMatchObject({ racer: 0, label: 'GA' });
    expect(pageApi.open(specsOf('ga-vs-gd.yaml', 1)).feeds.decision).toBe('the decision view draws networks of at least 2 inputs (no map in between)');
    expect(() => pageApi.fetch('decision', { resolution: 16 })).toThrow('at least 2 inputs');
  });

  it('reads each racer’s best genotype as an eye through the map, and stamps the stages it reaches', () => {
    const scenario = parseScenario(readFileSync(join(__dirname, '..', 'sims', 'eye.yaml'), 'utf8'), 'eye.yaml');
    // The second cell reads each trait as the mean of 8 gene copies: 24 genes, 3 traits.
    const specs = runSpecs(expandCells(scenario)[1].scenario, 0);
    const info = pageApi.open([specs]);
    expect(info).toMatchObject({ dim: 24, feeds: { eye: true } });
    const start = pageApi.fetch('eye', { racer: 1 });
    for (let i = 0; i < 40; i++) pageApi.advance(50);
    const data = pageApi.fetch('eye', { racer: 1 });
    expect(data).toMatchObject({ racer: 1, label: 'Adaptive walk', evaluations: 2000 });
    expect(data.acuity).toBeGreaterThan(start.acuity);
    // The same racer run on its own to the same spending: its best genes, averaged over copies, are the traits shown.
    const run = createRun(specs[1]);
    while (!run.done && run.evaluations < 2000) run.step(1);
    const genes = Array.from(run.bestGenes());
    const mean = [0, 1, 2].map((t) => foldTrait(genes.slice(8 * t, 8 * t + 8).reduce((a, b) => a + b, 0) / 8));
    data.traits.forEach((v, t) => expect(v).toBeCloseTo(mean[t], 12));
    // Fitness is the acuity less a slope of 10⁻⁵ of the best eye per unit beyond ±1 (docs/eye.md).
    const fitness = run.result().bestFitness;
    expect(data.acuity).toBeGreaterThanOrEqual(fitness);
    expect(data.acuity - fitness).toBeLessThan(1e-3);
    expect(data.section.stage).toBe(['flat', 'cup', 'pinhole', 'lens'][data.racers[1].stage]);
    for (const racer of data.racers) {
      // Reaching a stage means having reached every earlier one, no later than it.
      const reached = racer.reached;
      expect(reached[racer.stage]).not.toBeNull();
      for (let s = 1; s < reached.length; s++) if (reached[s] !== null) expect(reached[s]).toBeGreaterThanOrEqual(reached[s - 1]!);
      for (const e of reached) if (e !== null) expect(e).toBeLessThanOrEqual(racer.evaluations);
    }
    expect(data.racers.map((r) => r.label)).toEqual(['GA', 'Adaptive walk']);
    // Each stage is stamped at the generation that reached it, not at the end of the frame: one frame of 2,000
    // evaluations gives the same stamps as forty of 50, each of them an improvement of the racer's trace.
    pageApi.open([specs]);
    pageApi.advance(2000);
    expect(pageApi.fetch('eye', { racer: 1 }).racers.map((r) => r.reached)).toEqual(data.racers.map((r) => r.reached));
    data.racers.forEach((racer, k) => {
      const run = createRun(specs[k]);
      while (!run.done && run.evaluations < 2000) run.step(1);
      const trace = run.traceFrom(0);
      const improvedAt = new Set(Array.from({ length: trace.length / 2 }, (_, i) => trace[2 * i]));
      for (const at of racer.reached) if (at !== null && at > 0) expect([k, improvedAt.has(at)]).toEqual([k, true]);
    });
    expect(new Set(data.racers[0].reached.filter((at) => at !== null)).size).toBeGreaterThan(1);
    // Without a map the genes are the traits.
    const direct = specs.map((spec) => ({ ...spec, landscape: { ...spec.landscape, map: undefined } }));
    expect(pageApi.open([direct])).toMatchObject({ dim: 3, feeds: { eye: true } });
    for (let i = 0; i < 5; i++) pageApi.advance(50);
    const plain = createRun(direct[0]);
    while (!plain.done && plain.evaluations < 250) plain.step(1);
    expect(pageApi.fetch('eye', { racer: 0 }).traits).toEqual(Array.from(plain.bestGenes(), foldTrait));
    expect(pageApi.fetch('eye', { racer: 0 }).label).toBe('GA');
    expect(() => pageApi.fetch('eye', { racer: 2 })).toThrow('there is no racer 3');
    expect(pageApi.open(specsOf('ga-vs-gd.yaml', 1)).feeds.eye).toBe('the eye view draws the eye landscape');
    expect(() => pageApi.fetch('eye', {})).toThrow('eye landscape');
  });

  describe('sharpness view', () => {
    // Gradient descent with small steps on Rastrigin (its loss Hessian is diagonal: 2 + 40π²·cos(2πxᵢ)), and a GA.
    const rastrigin = parseScenario(`schemaVersion: 1
title: t
seed: 6
landscape: {id: rastrigin, dim: 4}
optimizers: [{id: ga, populationSize: 20}, {id: gd, learningRate: 0.0004}]
budget: {evaluations: 4000}
stop: {atOptimum: false}
replicates: 2
`);
    const specs = (replicates: number) => Array.from({ length: replicates }, (_, r) => runSpecs(rastrigin, r));

    /** Every sharpness pair each racer sends, racing to the end in frames of `perFrame` evaluations. */
    function sharpnessTraces(perFrame: number): number[][] {
      const info = pageApi.open(specs(2));
      const traces: number[][] = info.racers.map(() => []);
      let frame = pageApi.advance(0);
      for (let i = 0; i < 100_000; i++) {
        frame.racers.forEach((r, k) => r.sharpness && traces[k].push(...r.sharpness));
        if (frame.done) break;
        frame = pageApi.advance(perFrame);
      }
      return traces;
    }

    it('measures gradient racers at a bounded cadence, and the values are the Hessian’s top eigenvalue', () => {
      const info = pageApi.open(specs(2));
      expect(info.feeds.sharpness).toBe(true);
      expect(info.racers.map((r) => r.sharpnessEvery === null)).toEqual([true, false]);
      expect(info.racers[1].stability).toEqual({ value: 5000, label: '2/η = 5000' });
      expect(info.racers[0].stability).toBeNull();
      // Lanczos costs 2·min(N, 20) = 8 gradients here: at least 3 × 8 steps between measurements.
      expect(info.racers[1].sharpnessEvery).toBeGreaterThanOrEqual(24);
      const slow = sharpnessTraces(7);
      const fast = sharpnessTraces(5000);
      expect(fast).toEqual(slow);
      const gd = slow[1];
      expect(slow[0]).toEqual([]);
      expect(gd.length / 2).toBeGreaterThan(50);
      expect(gd.length / 2).toBeLessThanOrEqual(152);
      for (let i = 2; i < gd.length; i += 2) expect(gd[i]).toBeGreaterThan(gd[i - 2]);
      // At the end: the Hessian's top entry at gradient descent's final point.
      const run = createRun(specs(1)[0][1]);
      run.finish();
      const x = run.points().genes;
      const exact = Math.max(...Array.from(x, (xi) => 2 + 40 * Math.PI ** 2 * Math.cos(2 * Math.PI * xi)));
      expect(gd[gd.length - 2]).toBe(run.result().evaluations);
      expect(Math.abs(gd[gd.length - 1] - exact)).toBeLessThan(1e-4 * exact);
      expect(exact).toBeGreaterThan(100);
    });

    it('says why not for discrete landscapes and races without gradients', () => {
      expect(pageApi.open(specsOf('walks-on-nk.yaml', 1)).feeds.sharpness).toContain('continuous landscape with gradients');
      const text = readFileSync(join(__dirname, '..', 'sims', 'ga-vs-gd.yaml'), 'utf8').replace(/  - id: gd\n    label: Gradient descent\n    learningRate: 0.002\n/, '');
      const scenario = parseScenario(text, 'no-gd.yaml');
      expect(scenario.optimizers.map((o) => o.id)).toEqual(['ga', 'cma-es']);
      expect(pageApi.open([runSpecs(scenario, 0)]).feeds.sharpness).toContain('gradient racers');
    });
  });

  describe('interpolation view', () => {
    const pair = (network = 'hidden: [16]') =>
      parseScenario(`schemaVersion: 1
title: t
seed: 4
landscape: {id: mlp, ${network}, activation: relu, dataset: circles, samples: 128}
optimizers: [{id: adam, learningRate: 0.02}]
budget: {evaluations: 1500}
stop: {atOptimum: false}
replicates: 2
`);

    it('joins replicates 1 and 2: the ends are the two networks, and weight matching lowers the barrier', () => {
      const scenario = pair();
      const specs = [runSpecs(scenario, 0), runSpecs(scenario, 1)];
      expect(pageApi.open(specs).feeds.interpolation).toBe(true);
      let frame = pageApi.advance(0);
      while (!frame.done) frame = pageApi.advance(300);
      const data = pageApi.fetch('interpolation', { points: 21 });
      expect(data).toMatchObject({ racer: 0, label: 'adam', evaluations: [1500, 1500], done: true, units: 16 });
      expect(data.t.length).toBe(21);
      // t = 0 is replicate 1's best network: its training loss is the race's best loss.
      expect(data.before[0]).toBe(-frame.racers[0].bestFitness);
      // t = 1 is replicate 2's best network, on replicate 1's data set.
      const runB = createRun(specs[1][0]);
      runB.finish();
      const landscape = createLandscape(specs[0][0].landscape, specs[0][0].seed, 0) as ContinuousLandscape;
      expect(data.before[20]).toBe(-landscape.fitnessAt(runB.bestGenes() as Float64Array, 0));
      expect(data.ownLossB).toBe(-runB.result().bestFitness);
      // The aligned network computes the same function: same ends, other path.
      expect(data.after[0]).toBe(data.before[0]);
      expect(data.after[20]).toBeCloseTo(data.before[20], 12);
      expect(data.moved).toBeGreaterThan(0);
      expect(data.barrierBefore).toBeGreaterThan(0.1);
      expect(data.barrierAfter).toBeLessThan(data.barrierBefore / 2);
    });

    it('aligns residual networks too (one permutation per residual stream): the aligned end computes the same function', () => {
      const scenario = pair('hidden: [8, 8], residual: true');
      const specs = [runSpecs(scenario, 0), runSpecs(scenario, 1)];
      expect(pageApi.open(specs).feeds.interpolation).toBe(true);
      let frame = pageApi.advance(0);
      while (!frame.done) frame = pageApi.advance(500);
      const data = pageApi.fetch('interpolation', { points: 11 });
      expect(data.units).toBe(16);
      expect(data.after[0]).toBe(data.before[0]);
      expect(data.after[10]).toBeCloseTo(data.before[10], 12);
      expect(data.moved).toBeGreaterThan(0);
      expect(Number.isFinite(data.barrierAfter)).toBe(true);
    });

    it('refuses, with the reason, landscapes weight matching does not cover', () => {
      const specsOfScenario = (scenario: ReturnType<typeof pair>, replicates: number) => Array.from({ length: replicates }, (_, r) => runSpecs(scenario, r));
      const cases: [ReturnType<typeof pair>, number, string][] = [
        [pair(), 1, 'replicates: 2'],
        [parseScenario(readFileSync(join(__dirname, '..', 'sims', 'ga-vs-gd.yaml'), 'utf8')), 2, 'mlp networks'],
      ];
      for (const [scenario, replicates, reason] of cases) {
        const info = pageApi.open(specsOfScenario(scenario, replicates));
        expect(info.feeds.interpolation).toContain(reason);
        expect(() => pageApi.fetch('interpolation', { points: 9 })).toThrow(reason);
      }
    });
  });
});

/** The scenario of text the page accepts (fails the test if it refuses it). */
function accepted(text: string): Scenario {
  const result = loadScenario(text, 'x.yaml');
  if ('issues' in result) throw new Error(result.issues[0].message);
  return result.scenario;
}

/** Scenario text racing `racers` on a sphere of dimension `dim`. */
function sphereText(dim: number | string, racers = '[{id: gd}]', replicates = 1, sweep = ''): string {
  return `schemaVersion: 1\ntitle: Big\nlandscape:\n  id: sphere\n  dim: ${dim}\noptimizers: ${racers}\nbudget: {evaluations: 100}\nreplicates: ${replicates}\n${sweep}`;
}

describe('the worker refuses what the page cannot hold, before allocating it', () => {
  it('loads every shipped scenario', () => {
    for (const file of readdirSync(join(__dirname, '..', 'sims')).filter((f) => f.endsWith('.yaml'))) {
      const result = loadScenario(readFileSync(join(__dirname, '..', 'sims', file), 'utf8'), file, 0, openedFiles);
      expect('issues' in result ? result.issues : [], file).toEqual([]);
    }
  });

  it('refuses a sphere of dim 3,000,000 at its dimension, with the estimate and the limit', () => {
    const result = loadScenario(sphereText(3_000_000), 'shared-link.yaml');
    expect('issues' in result && result.issues).toEqual([
      expect.objectContaining({ file: 'shared-link.yaml', line: 5, column: 8, path: 'landscape.dim', message: expect.stringMatching(/^the page would need about 12 GiB to race this live \(.*GiB for the slice view's paths\), above its limit of 1\.0 GiB; lower the dimension, or run it with the command line/) }),
    ]);
    // Just under the limit it opens: the estimate is what refuses, not a cap on the dimension.
    const dim = Math.floor(PAGE_RACE_MEMORY_LIMIT / raceMemory(liveSpecs(accepted(sphereText(1000)), 0)).bytes * 1000 * 0.98);
    expect(loadScenario(sphereText(dim), 'x')).toHaveProperty('scenario');
  });

  it('blames the racer whose population is largest, counting every live replicate', () => {
    const racers = '\n  - {id: gd}\n  - {id: ga, populationSize: 3000}';
    const once = loadScenario(sphereText(2000, racers, 1), 'x.yaml');
    expect(once).toHaveProperty('scenario');
    const result = loadScenario(sphereText(2000, racers, 1000), 'x.yaml');
    expect('issues' in result && result.issues[0]).toMatchObject({ path: 'optimizers[1]', line: 8, message: expect.stringContaining("lower this racer's population or the dimension or the replicates") });
    const specs = liveSpecs(accepted(sphereText(2000, racers, 1)), 0);
    const live = raceMemory(Array.from({ length: MAX_LIVE_REPLICATES }, () => specs[0]));
    expect(live.racers[1]).toBe(MAX_LIVE_REPLICATES * raceMemory(specs).racers[1]);
  });

  it('checks the sweep cell the page opens, and says which', () => {
    const sweep = 'sweep:\n  landscape.dim: [2, 3000000]\n';
    expect(loadScenario(sphereText(2, '[{id: gd}]', 1, sweep), 'x.yaml')).toMatchObject({ cells: 2, cell: 0 });
    const result = loadScenario(sphereText(2, '[{id: gd}]', 1, sweep), 'x.yaml', 5);
    expect('issues' in result && result.issues[0].message).toMatch(/above its limit of 1\.0 GiB.*\(sweep cell 2\)$/);
  });

  it('keeps the previous race when open is asked for a race too large, allocating nothing', () => {
    pageApi.open(specsOf('ga-vs-gd.yaml', 1));
    const before = pageApi.advance(10).clock;
    const huge = liveSpecs(accepted(sphereText(2)), 0);
    huge[0][0] = { ...huge[0][0], landscape: { ...huge[0][0].landscape, dim: 3_000_000 } };
    expect(() => pageApi.open(huge)).toThrow(/This race cannot open: the page would need about 12 GiB/);
    expect(pageApi.advance(10).clock).toBe(before + 10);
  });
});

describe('the page race exchanges what the command line exchanges', () => {
  it("exports each racer's trace as hyperclimb export --format csv writes trace.csv, row for row", async () => {
    const folder = mkdtempSync(join(tmpdir(), 'hyperclimb-page-trace-'));
    const scenario = parse(readFileSync(join(__dirname, '..', 'sims', 'rastrigin-race.yaml'), 'utf8'));
    Object.assign(scenario, { replicates: 2, sweep: { 'landscape.dim': [2, 3] }, measure: { trace: { points: 8, budgets: 6 } } });
    scenario.budget.evaluations = 400;
    const text = stringify(scenario);
    writeFileSync(join(folder, 'race.yaml'), text);
    const run = await inProcess('run', join(folder, 'race.yaml'), '--workers', '1', '--out', join(folder, 'race.jsonl'));
    expect(run.stderr).toBe('');
    expect((await inProcess('export', join(folder, 'race.jsonl'), '--format', 'csv', '--out', folder)).code).toBe(0);
    const [header, ...cliRows] = readFileSync(join(folder, 'trace.csv'), 'utf8').trim().split('\n');
    expect(header).toBe('cell,landscape.dim,racer,replicate,kind,evaluations,best');

    const parsed = parseScenario(text, 'race.yaml');
    const cell = 1;
    const session = new PageSession();
    const info = session.open(liveSpecs(parsed, cell), { index: cell, params: cellAt(parsed, cell).params });
    expect(info.traced).toBe(true);
    const traces: RunTrace[][] = info.racers.map(() => []);
    let frame = session.advance(0);
    for (let i = 0; i < 1000 && !frame.done; i++) {
      frame = session.advance(37);
      frame.racers.forEach((racer, k) => racer.traces && traces[k].push(...racer.traces));
    }
    expect(traces.map((t) => t.length)).toEqual([2, 2, 2]);
    // Only the frame that ends the race carries them.
    expect(session.advance(37).racers.some((racer) => racer.traces)).toBe(false);
    const [pageHeader, ...pageRows] = liveRaceTraceCsv(info.cell, info.racers.map((r) => r.label), traces).trim().split('\n');
    expect(pageHeader).toBe(header);
    const cellRows = cliRows.filter((row) => row.startsWith(`${cell},`));
    // Merged traces (8 points) and budgets both appear; a budget row is there for every replicate and racer.
    expect(cellRows.filter((row) => row.includes(',budget,'))).toHaveLength(2 * 3 * 6);
    expect(pageRows).toEqual(cellRows);
  });
});

describe('the page race against arithmetic work', () => {
  it("sends each racer's flops so far and at each improvement, ending at the run's result flops", () => {
    const session = new PageSession();
    const specs = specsOf('second-order.yaml', 2);
    const info = session.open(specs);
    expect(info.flops).toBe(true);
    const improvements = info.racers.map(() => ({ evaluations: [] as number[], flops: [] as number[] }));
    let frame: Frame | undefined;
    for (let i = 0; i < 10_000 && !frame?.done; i++) {
      frame = session.advance(i === 0 ? 0 : 911);
      frame.racers.forEach((racer, k) => {
        expect(racer.traceFlops).toHaveLength(racer.traceX.length);
        improvements[k].evaluations.push(...racer.traceX);
        improvements[k].flops.push(...racer.traceFlops!);
      });
    }
    expect(frame!.done).toBe(true);
    specs[0].forEach((spec, k) => {
      // A plain run, one generation at a time: the flops it has spent when each improvement lands.
      const run = createRun(spec);
      const expected = { evaluations: [0], flops: [run.flops!] };
      while (!run.done) {
        const before = run.improvements;
        run.step(1);
        const trace = run.traceFrom(before);
        for (let i = 0; i < trace.length; i += 2) {
          expected.evaluations.push(trace[i]);
          expected.flops.push(run.flops!);
        }
      }
      expect(frame!.racers[k].flops).toBe(run.result().flops);
      expect(frame!.racers[k].flops).toBeGreaterThan(0);
      expect(improvements[k]).toEqual(expected);
    });
  });
});
