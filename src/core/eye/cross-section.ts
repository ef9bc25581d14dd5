/**
 * The drawable cross-section of an eye, in µm, for the page's eye view: the retinal arc, the rim that narrows its
 * opening, the lens, and rays from two distant point sources traced through the aperture and the lens to the retina,
 * where each source makes a blur spot. Light travels along +z; the aperture is the plane z = 0, the bottom of the
 * cup is at z = depth, y runs across the opening. Geometry follows eyeShape (src/core/eye/optics.ts); the lens is
 * the thin-lens stand-in for the graded-index lens there (focal length measured from the aperture), and the rays
 * are geometric only: diffraction and receptor width, which the acuity includes, are not drawn.
 */
import { eyeShape, type EyeOptics, type EyeShape } from './optics.ts';
import { eyeStage, type EyeStage } from './stage.ts';

export interface CrossSectionOptions {
  /** Angle of each source off the axis, radians: the sources sit at ±angle. */
  readonly angle: number;
  /** Rays traced per source, spread evenly across the aperture. */
  readonly rays: number;
  /** Points on the retinal arc. */
  readonly arcPoints: number;
  /** How far in front of the aperture the incoming rays are drawn from, µm. */
  readonly lead: number;
}

/** Five degrees each side: apart enough to separate on a pinhole's retina, not on a cup's. */
export const DEFAULT_CROSS_SECTION: CrossSectionOptions = { angle: (5 * Math.PI) / 180, rays: 9, arcPoints: 65, lead: 450 };

/** Where one source's light falls on the retina: its extent along the arc, µm from the bottom of the cup. */
export interface RetinaSpot {
  readonly from: number;
  readonly to: number;
  /** Where the source's central ray lands (the centre of the image). */
  readonly centre: number;
}

export interface CrossSection {
  readonly shape: EyeShape;
  readonly stage: EyeStage;
  readonly angle: number;
  /** The retinal arc as (z, y) pairs, from one rim to the other. */
  readonly retina: Float64Array;
  /** The opening's half-width w/2 and the aperture's half-width A/2: the rim runs between them in the plane z = 0. */
  readonly openingHalf: number;
  readonly apertureHalf: number;
  /** Radius of the lens disc drawn in the aperture (A/2), 0 without a lens. */
  readonly lensRadius: number;
  /**
   * Rays of both sources, `rays` per source, source 0 first (its rays travel at −angle: they come from above the axis
   * and, the image being inverted, land below it):
   * each ray three (z, y) points — where it is drawn from, where it crosses the aperture, where it meets the retina.
   */
  readonly rays: Float64Array;
  readonly raysPerSource: number;
  /** Each source's blur spot on the retina. */
  readonly spots: readonly [RetinaSpot, RetinaSpot];
  /** How much of the smaller spot the two spots share: 1 when they coincide (cannot be told apart), 0 when apart. */
  readonly overlap: number;
}

/** The cross-section of the eye with traits x (phenotype: x₀ invagination, x₁ constriction, x₂ lens). */
export function crossSection(o: EyeOptics, x: ArrayLike<number>, options: CrossSectionOptions = DEFAULT_CROSS_SECTION): CrossSection {
  const shape = eyeShape(o, x);
  const { theta, radius, depth, opening, aperture, focalLength } = shape;
  const flat = !(theta > 0);
  const retina = new Float64Array(2 * options.arcPoints);
  for (let i = 0; i < options.arcPoints; i++) {
    const u = options.arcPoints === 1 ? 0.5 : i / (options.arcPoints - 1);
    if (flat) {
      retina[2 * i] = 0;
      retina[2 * i + 1] = (u - 0.5) * o.retinaLength;
    } else {
      const phi = (2 * u - 1) * theta;
      retina[2 * i] = depth - radius * (1 - Math.cos(phi));
      retina[2 * i + 1] = radius * Math.sin(phi);
    }
  }
  const n = options.rays;
  const rays = new Float64Array(2 * n * 6);
  const spots: RetinaSpot[] = [];
  // A thin lens sends a bundle of parallel rays through the point of its focal plane that the chief ray passes;
  // without a lens the rays keep their direction.
  const lensed = Number.isFinite(focalLength);
  const land = (y0: number, tan: number): [number, number] => {
    const dz = lensed ? focalLength : 1;
    const dy = lensed ? focalLength * tan - y0 : tan;
    const t = retinaHit(y0, dy, dz, radius, depth, opening / 2, flat);
    return [t * dz, y0 + t * dy];
  };
  for (let s = 0; s < 2; s++) {
    const tan = Math.tan(s === 0 ? -options.angle : options.angle);
    let from = Infinity;
    let to = -Infinity;
    for (let r = 0; r < n; r++) {
      const y0 = n === 1 ? 0 : aperture * (r / (n - 1) - 0.5);
      const [z, y] = land(y0, tan);
      const k = (s * n + r) * 6;
      rays[k] = -options.lead;
      rays[k + 1] = y0 - options.lead * tan;
      rays[k + 2] = 0;
      rays[k + 3] = y0;
      rays[k + 4] = z;
      rays[k + 5] = y;
      const along = arcPosition(z, y, radius, depth, flat);
      from = Math.min(from, along);
      to = Math.max(to, along);
    }
    const [cz, cy] = land(0, tan);
    spots.push({ from, to, centre: arcPosition(cz, cy, radius, depth, flat) });
  }
  const shared = Math.max(0, Math.min(spots[0].to, spots[1].to) - Math.max(spots[0].from, spots[1].from));
  const smaller = Math.min(spots[0].to - spots[0].from, spots[1].to - spots[1].from);
  const overlap = smaller > 0 ? Math.min(1, shared / smaller) : spots[0].from === spots[1].from ? 1 : 0;
  return {
    shape,
    stage: eyeStage(o, x),
    angle: options.angle,
    retina,
    openingHalf: opening / 2,
    apertureHalf: aperture / 2,
    lensRadius: x[2] > 0 && aperture > 0 ? aperture / 2 : 0,
    rays,
    raysPerSource: n,
    spots: [spots[0], spots[1]],
    overlap,
  };
}

/**
 * The ray parameter t ≥ 0 at which the ray (y0, 0) + t·(dy, dz) meets the retina. The retina is the circle through
 * the rim points (±w/2, 0) and the bottom (0, depth); a ray entering the aperture starts inside it and leaves through
 * the arc. The root is taken in the form that stays accurate for nearly flat cups, where the radius is huge.
 */
function retinaHit(y0: number, dy: number, dz: number, radius: number, depth: number, halfOpening: number, flat: boolean): number {
  if (flat) return 0;
  const a = dy * dy + dz * dz;
  const b = 2 * (y0 * dy + (radius - depth) * dz);
  // |p − centre|² − R² at t = 0, written through the rim point so it does not subtract two huge numbers.
  const c = y0 * y0 - halfOpening * halfOpening;
  const root = Math.sqrt(Math.max(0, b * b - 4 * a * c));
  return b > 0 ? (-2 * c) / (b + root) : (-b + root) / (2 * a);
}

/** Signed arc length along the retina from the bottom of the cup to (z, y), µm (y itself on a flat patch). */
function arcPosition(z: number, y: number, radius: number, depth: number, flat: boolean): number {
  if (flat) return y;
  return radius * Math.atan2(y, radius - depth + z);
}
