/**
 * The eye landscape's optics in their limits (flat patch, cup, pinhole, lens), the path of increasing acuity from the
 * flat patch, its gradient and determinism. The registry tests (tests/landscapes.test.ts) check the gradient against
 * finite differences and the optimum against random points as for every landscape.
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_OPTICS, eyeAcuity, eyeShape, type EyeOptics } from '../src/core/eye/optics.ts';
import { eyeOptimum } from '../src/core/eye/optimum.ts';
import { onePercentPath } from '../src/core/eye/path.ts';
import type { ContinuousLandscape } from '../src/core/landscapes/landscape.ts';
import { eye, FLAT_START_SPREAD, type EyeLandscape } from '../src/core/landscapes/eye.ts';
import { deriveRng, Rng } from '../src/core/rng.ts';
import { checkLandscape, problemOf } from '../src/core/run/instance.ts';

const o = DEFAULT_OPTICS;
const acuity = (x0: number, x1: number, x2: number, optics: EyeOptics = o): number => eyeAcuity(optics, [x0, x1, x2]);

/** The constriction x₁ in [from, 1) that maximises f, on a fine grid (the pinhole's best aperture). */
function bestConstriction(f: (x1: number) => number, from = 0.8, steps = 40_000): number {
  let best = from;
  let bestF = -Infinity;
  for (let i = 0; i < steps; i++) {
    const x1 = from + ((1 - from) * i) / steps;
    const v = f(x1);
    if (v > bestF) [best, bestF] = [x1, v];
  }
  return best;
}

describe('eye optics', () => {
  const optimum = eyeOptimum(o);

  it('a flat patch resolves nothing but the direction of light: its receptors see a whole hemisphere', () => {
    for (const lens of [0, 0.5, 1]) {
      const shape = eyeShape(o, [0, 0, lens]);
      expect(shape.depth).toBe(0);
      expect(shape.blur).toBe(Math.PI);
      expect(shape.acuity).toBeLessThan(0.3); // cycles per radian: one cycle over more than 3 rad
      expect(shape.acuity).toBeLessThan(0.003 * optimum.acuity);
    }
  });

  it('deepening the cup sharpens the eye steadily from the flat patch to the hemisphere', () => {
    let previous = acuity(0, 0, 0);
    for (let i = 1; i <= 100; i++) {
      const next = acuity(i / 100, 0, 0);
      expect(next).toBeGreaterThan(previous);
      previous = next;
    }
  });

  it('a pinhole: acuity follows the aperture, best where geometric blur meets photon noise (dim light)', () => {
    const x1 = bestConstriction((c) => acuity(1, c, 0));
    const best = eyeShape(o, [1, x1, 0]);
    // The paper's closed form: R ∝ √ln(cA√(0.5Nπ))/A is largest at ln(cA√(0.5Nπ)) = ½.
    const photonLimited = Math.exp(0.5) / (o.contrast * Math.sqrt(0.5 * o.light * Math.PI));
    expect(best.aperture / photonLimited).toBeGreaterThan(1);
    expect(best.aperture / photonLimited).toBeLessThan(1.05);
    // Wider than the optimum, blur is geometric and the paper's formula R = 0.375 (P/A)√ln(cA√(0.5Nπ)) holds, with
    // our hemisphere term 1/π beside P/A (a receptor of a flat patch still tells light from dark), to within the
    // receptor's width, diffraction and the smooth threshold: 2% here.
    for (const k of [2, 4, 8]) {
      const wide = eyeShape(o, [1, 1 - (k * best.aperture) / best.opening, 0]);
      expect(wide.aperture / best.aperture).toBeCloseTo(k, 9);
      const z = o.contrast * wide.aperture * Math.sqrt(0.5 * o.light * Math.PI);
      const paper = 0.375 * (1 / Math.PI + wide.depth / wide.aperture) * Math.sqrt(Math.log(z));
      expect(Math.abs(wide.acuity / paper - 1)).toBeLessThan(0.02);
      expect(wide.acuity).toBeLessThan(best.acuity);
    }
    // Narrower, photon noise wins: too few photons and nothing is seen.
    expect(eyeShape(o, [1, 1 - (0.3 * best.aperture) / best.opening, 0]).acuity).toBeLessThan(0.01 * best.acuity);
  });

  it('a pinhole in bright light: the best aperture approaches the diffraction optimum √(λP)', () => {
    const bright = { ...o, light: 1e12 };
    const x1 = bestConstriction((c) => acuity(1, c, 0, bright), 0.95);
    const best = eyeShape(bright, [1, x1, 0]);
    const diffraction = Math.sqrt(bright.wavelength * best.depth);
    expect(best.aperture / diffraction).toBeGreaterThan(1);
    expect(best.aperture / diffraction).toBeLessThan(1.05);
  });

  it('a lens improves on the best pinhole, and focusing it sharpens the pinhole steadily', () => {
    const x1 = bestConstriction((c) => acuity(1, c, 0));
    const pinhole = acuity(1, x1, 0);
    expect(optimum.acuity / pinhole).toBeGreaterThan(10);
    // At the pinhole's aperture, lens contrast up to focus (F = P) only helps.
    const shape = eyeShape(o, [1, x1, 0]);
    const focus = (shape.aperture * o.matthiessen) / (2 * shape.depth);
    let previous = pinhole;
    for (let i = 1; i <= 50; i++) {
      const next = acuity(1, x1, (focus * i) / 50);
      expect(next).toBeGreaterThan(previous);
      previous = next;
    }
    expect(eyeShape(o, [1, x1, focus]).focalLength).toBeCloseTo(shape.depth, 9);
  });

  it('the sharpest eye is a hemispherical cup with a fully developed lens focused on the retina', () => {
    expect(optimum.x[0]).toBe(1);
    expect(optimum.x[2]).toBe(1);
    const shape = eyeShape(o, optimum.x);
    expect(Math.abs(shape.focalLength / shape.depth - 1)).toBeLessThan(0.05);
    // Pinned figures (docs/eye.md): change them only with the model.
    expect(optimum.acuity).toBeCloseTo(88.8665, 3);
  });

  it('from the flat patch, 1% steps that each sharpen the eye reach the sharpest eye (no dead end on the path)', () => {
    const path = onePercentPath(o);
    expect(path.increasing).toBe(true);
    expect(path.acuityStart).toBeLessThan(0.3);
    expect(path.acuityEnd / optimum.acuity).toBeGreaterThan(0.99);
    expect(path.stepsBy).toEqual({ cup: 531, aperture: 462, lens: 232 });
    expect(path.steps).toBe(1225);
    // The paper's order: the cup deepens first, then the aperture constricts, then the lens forms.
    expect(path.stages.slice(0, 2).map((s) => s.trait)).toEqual(['cup', 'aperture']);
  });

  it('gradient ascent from the flat patch climbs the focus ridge to the sharpest eye', () => {
    const x = Float64Array.of(0, 0, 0);
    const g = new Float64Array(3);
    let f = eyeAcuity(o, x, 0, g);
    let eta = 1e-3;
    for (let it = 0; it < 100_000 && eta > 1e-15; it++) {
      const y = x.map((v, i) => Math.min(1, Math.max(0, v + (eta * g[i]) / f)));
      const fy = eyeAcuity(o, y);
      if (fy > f) {
        x.set(y);
        f = eyeAcuity(o, x, 0, g);
        eta *= 1.2;
      } else eta /= 2;
    }
    expect(f / optimum.acuity).toBeGreaterThan(0.999);
  });
});

describe('eye landscape', () => {
  const make = (fields: Record<string, unknown> = {}, replicate = 0): ContinuousLandscape =>
    eye.create(3, eye.params.parse(fields), deriveRng('eye-test', replicate)) as ContinuousLandscape;

  it('is the same instance every time (no randomness) and reads as fitness', () => {
    const a = make({}, 0);
    const b = make({}, 7);
    expect(a.optimum).toEqual(b.optimum);
    expect(a.optimumFitness).toBe(b.optimumFitness);
    expect(a.reading).toBe('fitness');
    const rng = new Rng('eye-determinism');
    for (let i = 0; i < 100; i++) {
      const x = Float64Array.of(rng.uniform(), rng.uniform(), rng.uniform());
      expect(a.fitnessAt(x, 0)).toBe(b.fitnessAt(x, 0));
    }
  });

  it('returns the fitness with its gradient; reads a negative value by its magnitude, and slopes gently back from beyond ±1', () => {
    const l = make();
    const g = new Float64Array(3);
    const inside = Float64Array.of(0.5, 0.5, 0.5);
    expect(l.gradient!(inside, g)).toBe(l.fitnessAt(inside, 0));
    expect(Array.from(g).every((v) => v !== 0)).toBe(true);
    // −0.2 reads as 0.2: the same eye, with the gradient mirrored, so a lens grows whichever way its gene moves.
    const negative = Float64Array.of(0.7, -0.4, -0.2);
    const mirrored = Float64Array.of(0.7, 0.4, 0.2);
    const gMirrored = new Float64Array(3);
    expect(l.gradient!(negative, g)).toBe(l.gradient!(mirrored, gMirrored));
    expect(g[0]).toBe(gMirrored[0]);
    expect(g[1]).toBe(-gMirrored[1]);
    expect(g[2]).toBe(-gMirrored[2]);
    // Beyond ±1 a trait stays at its limit, and fitness falls by 10⁻⁵ of the best acuity per unit: gradient descent
    // never stops out there (no false dead ends), and an overshoot still reaches the limit within any tolerance.
    const outside = Float64Array.of(1.5, 0.5, -1.2);
    const slope = 1e-5 * l.optimumFitness!;
    const atLimits = l.fitnessAt(Float64Array.of(1, 0.5, 1), 0);
    expect(l.gradient!(outside, g)).toBeCloseTo(atLimits - slope * 0.7, 12);
    expect(l.fitnessAt(outside, 0)).toBe(l.gradient!(outside, g));
    expect(g[0]).toBeCloseTo(-slope, 12);
    expect(g[2]).toBeCloseTo(slope, 12);
    expect(g[1]).not.toBe(0);
    expect(atLimits - l.fitnessAt(outside, 0)).toBeLessThan(1e-3);
    // The gradient is the derivative of the fitness there too (central differences, away from the folds).
    const h = 1e-6;
    for (const x of [negative, outside]) {
      l.gradient!(x, g);
      for (let i = 0; i < 3; i++) {
        const up = Float64Array.from(x);
        const down = Float64Array.from(x);
        up[i] += h;
        down[i] -= h;
        expect(g[i]).toBeCloseTo((l.fitnessAt(up, 0) - l.fitnessAt(down, 0)) / (2 * h), 4);
      }
    }
  });

  it('starts from flat patches with `start: flat`, and from the whole box by default', () => {
    const flat = problemOf({ id: 'eye', dim: 3, params: { start: 'flat' } });
    expect(Array.from(flat.scale!)).toEqual([FLAT_START_SPREAD, FLAT_START_SPREAD, FLAT_START_SPREAD]);
    expect(problemOf({ id: 'eye', dim: 3, params: {} }).scale).toBeUndefined();
    // Through 8 gene copies the start is still a flat patch: each trait is the mean of its copies.
    const copies = problemOf({ id: 'eye', dim: 3, params: { start: 'flat' }, map: { id: 'duplicate', params: { copies: 8 } } });
    expect(copies.dim).toBe(24);
    expect(copies.scale!.every((s) => Math.abs(s - FLAT_START_SPREAD * Math.sqrt(8)) < 1e-15)).toBe(true);
  });

  it('no grid point beats the declared optimum', () => {
    const l = make();
    const x = new Float64Array(3);
    const n = 30;
    for (let i = 0; i <= n; i++) {
      for (let j = 0; j <= n; j++) {
        for (let k = 0; k <= n; k++) {
          x.set([i / n, j / n, k / n]);
          expect(l.fitnessAt(x, 0)).toBeLessThanOrEqual(l.optimumFitness!);
        }
      }
    }
  });

  it('dim light lowers the best acuity and widens the best pinhole', () => {
    const dim = make({ light: 0.0005 }) as EyeLandscape;
    expect(dim.optimumFitness!).toBeLessThan(make().optimumFitness!);
    const bestPinhole = (optics: EyeOptics) => eyeShape(optics, [1, bestConstriction((c) => acuity(1, c, 0, optics), 0), 0]).aperture;
    // Photon-limited, the best aperture goes as 1/√N (the pinhole test above finds each within 5% of that form).
    const ratio = bestPinhole(dim.optics) / bestPinhole(o);
    expect(ratio).toBeGreaterThan(Math.sqrt(o.light / dim.optics.light) / 1.05);
    expect(ratio).toBeLessThan(Math.sqrt(o.light / dim.optics.light) * 1.05);
  });

  it('has three traits: another dim is refused with a field-level message', () => {
    expect(checkLandscape({ id: 'eye', dim: 3, params: {} })).toEqual([]);
    expect(checkLandscape({ id: 'eye', dim: 4, params: {} })[0]).toMatchObject({ path: ['dim'], message: expect.stringContaining('dim is 3') });
  });
});
