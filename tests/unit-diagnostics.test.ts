/**
 * Per-unit diagnostics of mlp (docs/networks.md, "Stuck units are replaced"): dead, stuck and contribution on a
 * hand-built network, where removing a unit is checked against the network built without it; the measure is opt-in
 * and refused where the genotype is not a network's weights; and, measured, narrow networks lose a larger share of
 * their units to death and fit worse than wide ones on the same data.
 */
import { describe, expect, it } from 'vitest';
import { Network } from '../src/core/nets/mlp-net.ts';
import { unitDiagnostics } from '../src/core/nets/unit-diagnostics.ts';
import { createRun } from '../src/core/run/run.ts';
import { expandCells, runSpecs } from '../src/scenario/cells.ts';
import { parseScenario } from '../src/scenario/parse.ts';
import { meanAndSe } from '../src/scenario/results.ts';

const arch = (width: number) => ({ inputs: 2, hidden: [width], activation: 'relu' as const, residual: false, loss: 'mse' as const });
// Six rows in the plane with targets.
const x = new Float64Array([1, 0, 0, 1, -1, 0, 0, -1, 0.5, 0.5, -0.5, 0.25]);
const y = new Float64Array([1, -1, 0.5, 0.2, 0.3, -0.4]);

/** A 2-3-1 ReLU net: layout W0 (2×3 row-major), b0 (3), W1 (3×1), b1. Unit 2 has bias −100: never active. */
function threeUnits(): Float64Array {
  return new Float64Array([0.8, -0.3, 0.2, 0.1, 0.9, 0.4, 0.05, -0.1, -100, 1.2, -0.7, 0.5, 0.1]);
}

describe('unitDiagnostics', () => {
  it('finds the dead unit, the stuck one, and each unit’s contribution as the loss of the network without it', () => {
    const net = new Network(arch(3), x, y);
    const w = threeUnits();
    const w0 = w.slice();
    // Units 0 and 1 moved (incoming weights changed); unit 2 did not (it is dead: no gradient reaches it).
    w0[0] += 0.3;
    w0[4] -= 0.2;
    w0[6] += 0.1;
    const d = unitDiagnostics(net, x, 6, w0, w);
    expect(d.units).toBe(3);
    expect(d.dead).toBe(1);
    expect(d.activeShare[2]).toBe(0);
    expect(d.activeShare[0]).toBeGreaterThan(0);
    expect(d.movement[2]).toBe(0);
    expect(d.stuck).toBe(1);
    const base = net.loss(w, 0, 0, 6);
    for (let unit = 0; unit < 3; unit++) {
      // The 2-2-1 network of the other two units, built from scratch.
      const keep = [0, 1, 2].filter((j) => j !== unit);
      const small = new Network(arch(2), x, y);
      const v = new Float64Array(small.dim);
      keep.forEach((j, c) => {
        v[c] = w[j];
        v[2 + c] = w[3 + j];
        v[4 + c] = w[6 + j];
        v[6 + c] = w[9 + j];
      });
      v[8] = w[12];
      expect(d.contribution[unit]).toBeCloseTo(small.loss(v, 0, 0, 6) - base, 12);
    }
    expect(d.contribution[2]).toBe(0);
  });

  it('is opt-in, and refused where the genotype is not an mlp’s weights', () => {
    const text = (measure: string, extra = '') => `schemaVersion: 1
title: units
landscape: {id: mlp, hidden: [4], activation: relu, samples: 32}
${extra}optimizers: [{id: gd}]
budget: {evaluations: 30}
stop: {atOptimum: false}
${measure}
`;
    const plain = createRun(runSpecs(parseScenario(text('')), 0)[0]);
    plain.finish();
    expect(plain.result()).not.toHaveProperty('units');
    const measured = createRun(runSpecs(parseScenario(text('measure: {units: true}')), 0)[0]);
    measured.finish();
    expect(measured.result().units?.units).toBe(4);
    expect(() => parseScenario(text('measure: {units: true}', 'map: {id: duplicate, copies: 2}\n'))).toThrow(/measure\.units.*map duplicate/s);
  });
});

describe('stuck units, measured', () => {
  it('narrow networks lose a larger share of units to death and fit worse (differences beyond 2 and 3 standard errors)', () => {
    const parsed = parseScenario(`schemaVersion: 1
title: widths
seed: 5
landscape: {id: mlp, hidden: [2], activation: relu, dataset: circles, samples: 64}
optimizers: [{id: adam, learningRate: 0.03}]
budget: {evaluations: 1500}
stop: {atOptimum: false}
measure: {units: true}
replicates: 16
sweep: {landscape.hidden.0: [2, 16]}
`);
    const [narrow, wide] = expandCells(parsed).map((cell) => {
      const dead: number[] = [];
      const loss: number[] = [];
      for (let replicate = 0; replicate < parsed.replicates; replicate++) {
        const run = createRun(runSpecs(cell.scenario, replicate)[0]);
        run.finish();
        const { units, bestFitness } = run.result();
        dead.push(units!.dead! / units!.units);
        loss.push(-bestFitness);
      }
      return { dead: meanAndSe(dead), loss: meanAndSe(loss) };
    });
    const gap = (a: { mean: number | null; se: number | null }, b: { mean: number | null; se: number | null }) =>
      (a.mean! - b.mean!) / Math.hypot(a.se!, b.se!);
    expect(gap(narrow.dead, wide.dead)).toBeGreaterThan(2);
    expect(gap(narrow.loss, wide.loss)).toBeGreaterThan(3);
  });
});
