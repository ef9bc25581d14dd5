/**
 * The eye view's geometry (src/core/eye/cross-section.ts) and stages (src/core/eye/stage.ts): rays end on the
 * retina, a flat patch cannot tell two sources apart, a pinhole's spot shrinks with its aperture, a focused lens
 * beats the pinhole of the same aperture, and the stages follow the sequence flat → cup → pinhole → lens.
 */
import { describe, expect, it } from 'vitest';
import { crossSection, DEFAULT_CROSS_SECTION, type CrossSection } from '../src/core/eye/cross-section.ts';
import { DEFAULT_OPTICS, eyeShape } from '../src/core/eye/optics.ts';
import { eyeOptimum } from '../src/core/eye/optimum.ts';
import { onePercentPath } from '../src/core/eye/path.ts';
import { EYE_STAGES, eyeStage, eyeStageIndex } from '../src/core/eye/stage.ts';

const o = DEFAULT_OPTICS;
const width = (c: CrossSection, s: 0 | 1) => c.spots[s].to - c.spots[s].from;

describe('the eye in cross-section', () => {
  it('a flat patch has no depth, and the two sources light the same stretch of retina', () => {
    const c = crossSection(o, [0, 0, 0]);
    expect(c.shape.depth).toBe(0);
    expect(c.stage).toBe('flat');
    expect(c.spots[0].from).toBe(c.spots[1].from);
    expect(c.spots[0].to).toBe(c.spots[1].to);
    expect(c.overlap).toBe(1);
    expect(width(c, 0)).toBeCloseTo(o.retinaLength, 6);
  });

  it('ends every ray on the retinal arc, and the retina is as long as the optics say', () => {
    for (const x of [[0.2, 0, 0], [0.6, 0.3, 0.2], [1, 0.94, 0], [1, 0.6, 1]]) {
      const c = crossSection(o, x);
      const { radius, depth } = c.shape;
      const n = c.rays.length / 6;
      expect(n).toBe(2 * DEFAULT_CROSS_SECTION.rays);
      for (let r = 0; r < n; r++) {
        const z = c.rays[6 * r + 4];
        const y = c.rays[6 * r + 5];
        expect(Math.hypot(z - (depth - radius), y) / radius).toBeCloseTo(1, 9);
        expect(z).toBeGreaterThanOrEqual(-1e-9);
        expect(z).toBeLessThanOrEqual(depth + 1e-9);
        // Every ray crosses the aperture plane inside the aperture.
        expect(Math.abs(c.rays[6 * r + 3])).toBeLessThanOrEqual(c.apertureHalf + 1e-9);
      }
      let length = 0;
      for (let i = 1; i < c.retina.length / 2; i++) length += Math.hypot(c.retina[2 * i] - c.retina[2 * i - 2], c.retina[2 * i + 1] - c.retina[2 * i - 1]);
      expect(length / o.retinaLength).toBeCloseTo(1, 3);
    }
  });

  it('in a hemispherical cup the chief ray passes the centre of curvature: its image lies at radius × angle', () => {
    const c = crossSection(o, [1, 0.9, 0]);
    expect(c.spots[1].centre).toBeCloseTo(c.shape.radius * DEFAULT_CROSS_SECTION.angle, 9);
    expect(c.spots[0].centre).toBeCloseTo(-c.shape.radius * DEFAULT_CROSS_SECTION.angle, 9);
  });

  it('a pinhole’s blur spot shrinks with its aperture, and the two spots come apart', () => {
    const spots = [0.5, 0.7, 0.85, 0.94, 0.97].map((x1) => crossSection(o, [1, x1, 0]));
    for (let i = 1; i < spots.length; i++) expect(width(spots[i], 0)).toBeLessThan(width(spots[i - 1], 0));
    // Geometric blur of a pinhole: about the aperture itself, projected onto the curved retina.
    const pinhole = spots[3];
    expect(width(pinhole, 0) / (2 * pinhole.apertureHalf)).toBeGreaterThan(0.9);
    expect(width(pinhole, 0) / (2 * pinhole.apertureHalf)).toBeLessThan(1.1);
    expect(spots[0].overlap).toBeGreaterThan(0.5);
    expect(pinhole.overlap).toBe(0);
  });

  it('a lens focused on the retina makes a far smaller spot than the pinhole of the same aperture', () => {
    const best = eyeOptimum(o).x;
    const lens = crossSection(o, best);
    const pinhole = crossSection(o, [best[0], best[1], 0]);
    expect(lens.apertureHalf).toBe(pinhole.apertureHalf);
    expect(lens.lensRadius).toBe(lens.apertureHalf);
    expect(pinhole.lensRadius).toBe(0);
    // Focused: F = P within 1%, so the geometric spot is a small share of the aperture's.
    expect(Math.abs(lens.shape.focalLength / lens.shape.depth - 1)).toBeLessThan(0.01);
    expect(width(lens, 0)).toBeLessThan(0.05 * width(pinhole, 0));
    expect(lens.overlap).toBe(0);
    expect(pinhole.overlap).toBeGreaterThan(0.3);
  });

  it('is deterministic', () => {
    const x = [0.73, 0.41, 0.29];
    expect(crossSection(o, x)).toEqual(crossSection(o, x));
    expect(Array.from(crossSection(o, x).rays)).toEqual(Array.from(crossSection(o, Float64Array.from(x)).rays));
  });
});

describe('the stages of an eye', () => {
  it('names the landmarks of the optics: flat patch, open cup, best pinhole, focused lens eye', () => {
    expect(eyeStage(o, [0, 0, 0])).toBe('flat');
    expect(eyeStage(o, [0, 0, 1])).toBe('flat');
    expect(eyeStage(o, [1, 0, 0])).toBe('cup');
    expect(eyeStage(o, [1, 0.94, 0])).toBe('pinhole');
    expect(eyeStage(o, eyeOptimum(o).x)).toBe('lens');
  });

  it('a cup is a tenth as deep as its opening; a pinhole leaves half the opening; a lens doubles the acuity', () => {
    // depth/opening = tan(θ/2)/2 = 0.1 at θ = 2·atan(0.2).
    const x0 = (2 * Math.atan(0.2)) / (Math.PI / 2);
    const ratio = (x: number) => eyeShape(o, [x, 0, 0]).depth / eyeShape(o, [x, 0, 0]).opening;
    expect(ratio(x0)).toBeCloseTo(0.1, 9);
    expect(eyeStage(o, [x0 - 1e-6, 0, 0])).toBe('flat');
    expect(eyeStage(o, [x0 + 1e-6, 0, 0])).toBe('cup');
    expect(eyeStage(o, [1, 0.49, 0])).toBe('cup');
    expect(eyeStage(o, [1, 0.5, 0])).toBe('pinhole');
    // At the best eye's cup and aperture, lens contrast from 0 upwards: the stage turns to lens where the acuity doubles.
    const best = eyeOptimum(o).x;
    const without = eyeShape(o, [best[0], best[1], 0]).acuity;
    let turned = -1;
    for (let i = 0; i <= 1000 && turned < 0; i++) if (eyeStage(o, [best[0], best[1], i / 1000]) === 'lens') turned = i / 1000;
    expect(eyeShape(o, [best[0], best[1], turned]).acuity).toBeGreaterThanOrEqual(2 * without);
    expect(eyeShape(o, [best[0], best[1], turned - 0.001]).acuity).toBeLessThan(2 * without);
  });

  it('the 1% path runs from the flat patch to the lens eye', () => {
    const path = onePercentPath(o);
    expect(eyeStage(o, path.start)).toBe('flat');
    expect(eyeStage(o, path.end)).toBe('lens');
    expect(EYE_STAGES).toEqual(['flat', 'cup', 'pinhole', 'lens']);
  });

  it('reads traits at an offset, as from a row of a population', () => {
    const row = Float64Array.of(9, 9, 9, 1, 0.94, 0, 9);
    expect(eyeStageIndex(o, row, 3)).toBe(2);
  });
});
