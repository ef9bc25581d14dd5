/**
 * The worker's page API in Node: a race's numbers do not depend on how the page slices time into frames, they equal
 * plain runs of the same specs, and every view's data has the shape the views expect.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createRun } from '../src/core/run/run.ts';
import { expandCells, runSpecs } from '../src/scenario/cells.ts';
import { parseScenario } from '../src/scenario/parse.ts';
import { pageApi, type Frame } from '../workers/page-session.ts';

function specsOf(file: string, replicates: number) {
  const scenario = parseScenario(readFileSync(join(__dirname, '..', 'sims', file), 'utf8'), file);
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
    expect(info).toMatchObject({ space: 'continuous', dim: 2, slice: true, reading: 'loss', replicates: 2 });
    expect(info.hypercube).toContain('binary');
    const frame = pageApi.advance(100);
    const ga = frame.racers[0];
    expect(ga.points!.length).toBe(2 * 60);
    expect(ga.distances!.length).toBe(60);
    // In two dimensions the plane is the whole space: nothing lies off it.
    for (const d of ga.distances!) expect(d).toBeLessThan(1e-4);
    for (const mode of ['coordinates', 'random', 'pca', 'three-points'] as const) {
      pageApi.setPlane(mode, [0, 1]);
      const slice = pageApi.slice(64);
      expect(slice.values.length).toBe(64 * 64);
      expect(slice.min).toBeLessThanOrEqual(slice.max);
      expect(slice.extent).toBeGreaterThan(0);
      expect(slice.mode).toBe(mode);
    }
  });

  it('lists genotypes for the hypercube of small binary landscapes', () => {
    const info = pageApi.open(specsOf('walks-on-nk.yaml', 1));
    expect(info).toMatchObject({ space: 'discrete', hypercube: true });
    const cube = pageApi.hypercube();
    expect(cube.fitness.length).toBe(1024);
    const frame = pageApi.advance(50);
    expect(frame.racers[3].genotypes!.length).toBe(20);
    for (const g of frame.racers[0].genotypes!) expect(g >= 0 && g < 1024).toBe(true);
    expect(() => pageApi.slice(32)).toThrow('continuous');
  });

  it.each(readdirSync(join(__dirname, '..', 'sims')).filter((f) => f.endsWith('.yaml')))('opens %s, races a few frames and draws its views', (file) => {
    const info = pageApi.open(specsOf(file, 2));
    let frame = pageApi.advance(0);
    for (let i = 0; i < 3 && !frame.done; i++) frame = pageApi.advance(200);
    expect(frame.racers.length).toBeGreaterThan(0);
    for (const racer of frame.racers) expect(racer.evaluations).toBeGreaterThan(0);
    if (info.slice === true) {
      const slice = pageApi.slice(16);
      expect(slice.values.length).toBe(16 * 16);
      expect(Array.from(slice.values).every(Number.isFinite)).toBe(true);
    }
    if (info.hypercube === true) expect(pageApi.hypercube()).toBeDefined();
    if (info.decision === true) expect(Array.from(pageApi.decision(8).values).every(Number.isFinite)).toBe(true);
    else expect(() => pageApi.decision(8)).toThrow(info.decision);
    if (info.eye === true) expect(pageApi.eye().section.rays.every(Number.isFinite)).toBe(true);
    else expect(() => pageApi.eye()).toThrow(info.eye);
  });

  it('draws a network’s decision surface on its 2-D data, and it changes as the racer trains', () => {
    const info = pageApi.open(specsOf('neuroevolution-vs-sgd.yaml', 1));
    expect(info.decision).toBe(true);
    const before = pageApi.decision(32);
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
    const after = pageApi.decision(32);
    expect(after.evaluations).toBeGreaterThan(before.evaluations);
    expect(after.loss).toBeLessThan(before.loss);
    const change = after.values.reduce((sum, v, i) => sum + Math.abs(v - before.values[i]), 0) / after.values.length;
    expect(change).toBeGreaterThan(0.01);
    // Any racer can be chosen; a landscape that is not a network on 2-D data says why it cannot be drawn.
    expect(pageApi.decision(16, 0)).toMatchObject({ racer: 0, label: 'GA' });
    expect(pageApi.open(specsOf('ga-vs-gd.yaml', 1)).decision).toBe('the decision view draws networks on 2-D data sets');
    expect(() => pageApi.decision(16)).toThrow('2-D data sets');
  });

  it('reads each racer’s best genotype as an eye through the map, and stamps the stages it reaches', () => {
    const scenario = parseScenario(readFileSync(join(__dirname, '..', 'sims', 'eye.yaml'), 'utf8'), 'eye.yaml');
    // The second cell reads each trait as the mean of 8 gene copies: 24 genes, 3 traits.
    const specs = runSpecs(expandCells(scenario)[1].scenario, 0);
    const info = pageApi.open([specs]);
    expect(info).toMatchObject({ dim: 24, eye: true });
    const start = pageApi.eye(1);
    for (let i = 0; i < 40; i++) pageApi.advance(50);
    const data = pageApi.eye(1);
    expect(data).toMatchObject({ racer: 1, label: 'Adaptive walk', evaluations: 2000 });
    expect(data.acuity).toBeGreaterThan(start.acuity);
    // The same racer run on its own to the same spending: its best genes, averaged over copies, are the traits shown.
    const run = createRun(specs[1]);
    while (!run.done && run.evaluations < 2000) run.step(1);
    const genes = Array.from(run.bestGenes());
    const mean = [0, 1, 2].map((t) => Math.min(1, Math.max(0, genes.slice(8 * t, 8 * t + 8).reduce((a, b) => a + b, 0) / 8)));
    data.traits.forEach((v, t) => expect(v).toBeCloseTo(mean[t], 12));
    // Fitness is the acuity less a slope of 10⁻⁵ of the best eye per unit outside the box (docs/eye.md).
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
    // Without a map the genes are the traits.
    const direct = specs.map((spec) => ({ ...spec, landscape: { ...spec.landscape, map: undefined } }));
    expect(pageApi.open([direct])).toMatchObject({ dim: 3, eye: true });
    for (let i = 0; i < 5; i++) pageApi.advance(50);
    const plain = createRun(direct[0]);
    while (!plain.done && plain.evaluations < 250) plain.step(1);
    expect(pageApi.eye(0).traits).toEqual(Array.from(plain.bestGenes(), (v) => Math.min(1, Math.max(0, v))));
    expect(pageApi.eye(0).label).toBe('GA');
    expect(() => pageApi.eye(2)).toThrow('there is no racer 3');
    expect(pageApi.open(specsOf('ga-vs-gd.yaml', 1)).eye).toBe('the eye view draws the eye landscape');
    expect(() => pageApi.eye()).toThrow('eye landscape');
  });
});
