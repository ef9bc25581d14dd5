/**
 * The optics of a cup eye in cross-section, after Nilsson & Pelger (1994, Proc. R. Soc. Lond. B 256:53): a sheet of
 * photoreceptors of fixed length that bends into a cup, whose opening narrows, and in whose aperture a graded-index
 * lens grows. Fitness is spatial resolution: the finest grating (cycles per radian) the eye detects against photon
 * noise. Which formulas are the paper's and which are our reconstruction is set out in docs/eye.md.
 *
 * Three traits in [0, 1]; a genotype value is read by its magnitude, at most 1 (`foldTrait`), so a cup is never
 * flatter than flat or deeper than a hemisphere:
 * - x₀ invagination: the retina is a circular arc of half-angle θ = (π/2)·x₀ (0 flat, 1 a hemispherical cup);
 * - x₁ constriction: a rim narrows the aperture to A = w·(1 − x₁), w the width of the cup's opening;
 * - x₂ lens: refractive-index contrast as a share of a fully developed fish lens, whose focal length is
 *   `matthiessen` lens radii (Matthiessen's ratio 2.5); focal length F = (matthiessen / x₂)·A/2.
 */

export interface EyeOptics {
  /** Length of the light-sensitive sheet in the cross-section, µm (kept constant, as in the paper). */
  readonly retinaLength: number;
  /** Wavelength of light, µm. */
  readonly wavelength: number;
  /** Width of one photoreceptor, µm: the finest blur a focused eye can reach. */
  readonly receptorWidth: number;
  /** Contrast of the scene, c. */
  readonly contrast: number;
  /** Photons per µm² of aperture per integration time, N. */
  readonly light: number;
  /** Focal length of the fully developed lens in lens radii (Matthiessen's ratio). */
  readonly matthiessen: number;
  /** Sharpness β of the smooth threshold ln(1 + z^β)/β that stands for max(0, ln z). */
  readonly threshold: number;
}

export const DEFAULT_OPTICS: EyeOptics = {
  retinaLength: 1000,
  wavelength: 0.5,
  receptorWidth: 2,
  contrast: 0.5,
  light: 0.005,
  matthiessen: 2.5,
  threshold: 16,
};

/** The constant of the paper's resolution formula R = 0.375 (P/A) √ln(c A √(0.5 N π)), cycles per radian. */
export const RESOLUTION_CONSTANT = 0.375;

/** The shape an eye's traits describe, in µm and radians (for views and docs). */
export interface EyeShape {
  /** Half-angle of the retinal arc about its centre of curvature. */
  readonly theta: number;
  /** Radius of curvature of the retina (∞ when flat). */
  readonly radius: number;
  /** Depth P: from the plane of the opening to the bottom of the cup. */
  readonly depth: number;
  /** Width w of the cup's opening. */
  readonly opening: number;
  /** Aperture A. */
  readonly aperture: number;
  /** Focal length of the lens measured from the aperture (∞ without a lens). */
  readonly focalLength: number;
  /** Angular blur Δρ of a receptor at the bottom of the cup, radians (at most π: a hemisphere). */
  readonly blur: number;
  /** The photon term S ≈ ln(c A √(0.5 N π)), 0 when too few photons arrive. */
  readonly photons: number;
  /** Spatial resolution, cycles per radian. */
  readonly acuity: number;
}

const HALF_PI = Math.PI / 2;

/**
 * The trait a genotype value stands for: its magnitude, up to the trait's limit 1 (−0.2 reads as 0.2, 1.3 as 1). A
 * plain clamp at 0 would make every negative value the same eye, a flat region where a step-size-adapting walk that
 * drifted there (nothing stops a lens gene from drifting while the cup deepens) creeps for thousands of steps; read
 * by magnitude, a lens grows whichever way its gene moves from 0. At 1 the trait stays at its limit (a hemisphere,
 * a closed aperture, a full lens), as a trait does; the landscape adds a gentle slope back from beyond it.
 */
export function foldTrait(v: number): number {
  const magnitude = Math.abs(v);
  return magnitude < 1 ? magnitude : 1;
}

/** d foldTrait / dv (0 beyond the limit). */
function foldSlope(v: number): number {
  return Math.abs(v) < 1 ? (v < 0 ? -1 : 1) : 0;
}

/**
 * Spatial resolution (cycles per radian) of the eye whose traits are `x[offset .. offset + 3)`; with `grad`, also
 * writes ∂acuity/∂xᵢ into `grad[0..3)` (through `foldTrait`: 0 for a value beyond ±1).
 */
export function eyeAcuity(o: EyeOptics, x: ArrayLike<number>, offset = 0, grad?: Float64Array): number {
  const r0 = x[offset];
  const r1 = x[offset + 1];
  const r2 = x[offset + 2];
  const x0 = foldTrait(r0);
  const x1 = foldTrait(r1);
  const x2 = foldTrait(r2);
  const L = o.retinaLength;
  const theta = HALF_PI * x0;
  // Depth h = L(1 − cos θ)/(2θ) and opening w = L sin θ/θ of an arc of length L; series near θ = 0.
  let h: number;
  let dh: number;
  let w: number;
  let dw: number;
  if (theta < 1e-4) {
    const t2 = theta * theta;
    h = (L * theta) / 4 - (L * theta * t2) / 48;
    dh = L / 4 - (L * t2) / 16;
    w = L * (1 - t2 / 6);
    dw = (-L * theta) / 3;
  } else {
    const s = Math.sin(theta);
    const c = Math.cos(theta);
    h = (L * (1 - c)) / (2 * theta);
    dh = (L * (theta * s - (1 - c))) / (2 * theta * theta);
    w = (L * s) / theta;
    dw = (L * (theta * c - s)) / (theta * theta);
  }
  if (w < 0) w = 0;
  const open = 1 - x1;
  const A = w * open;
  if (grad) grad.fill(0, 0, 3);
  if (!(A > 0)) return 0;

  // Photon term: S = ln(1 + z^β)/β with z = c·A·√(0.5 N π), a smooth max(0, ln z).
  const beta = o.threshold;
  const z = o.contrast * A * Math.sqrt(0.5 * o.light * Math.PI);
  const t = beta * Math.log(z);
  const S = (t > 0 ? t + Math.log1p(Math.exp(-t)) : Math.log1p(Math.exp(t))) / beta;
  if (!(S > 0)) return 0;
  const sqrtS = Math.sqrt(S);

  // Blur: u = 1/Δρ = P / √(G² + d² + (λP/A)²), G = A − κ x₂ P the defocus width, κ = 2/matthiessen.
  const kappa = 2 / o.matthiessen;
  const P = h;
  const G = A - kappa * x2 * P;
  const lam = o.wavelength;
  const d = o.receptorWidth;
  const D2 = G * G + d * d + (lam * lam * P * P) / (A * A);
  const root = Math.sqrt(D2);
  const u = P / root;
  const q = 1 / Math.PI + u; // a receptor never sees more than a hemisphere
  const acuity = RESOLUTION_CONSTANT * q * sqrtS;

  if (grad) {
    const sigma = 1 / (1 + Math.exp(-t)); // dS/dA = σ(t)/A
    // Partial derivatives of the acuity with respect to P, A and x₂.
    const dD2dP = -2 * G * kappa * x2 + (2 * lam * lam * P) / (A * A);
    const dD2dA = 2 * G - (2 * lam * lam * P * P) / (A * A * A);
    const dD2dx2 = -2 * G * kappa * P;
    const duD = -P / (2 * D2 * root);
    const dudP = 1 / root + duD * dD2dP;
    const dudA = duD * dD2dA;
    const dudx2 = duD * dD2dx2;
    const k = RESOLUTION_CONSTANT;
    const dAcuityDP = k * sqrtS * dudP;
    const dAcuityDA = k * (sqrtS * dudA + (q * sigma) / (2 * sqrtS * A));
    const dAcuityDx2 = k * sqrtS * dudx2;
    // Chain rule through θ = (π/2)x₀, P = h(θ), A = w(θ)(1 − x₁).
    grad[0] = foldSlope(r0) * HALF_PI * (dAcuityDP * dh + dAcuityDA * dw * open);
    grad[1] = -foldSlope(r1) * dAcuityDA * w;
    grad[2] = foldSlope(r2) * dAcuityDx2;
  }
  return acuity;
}

/** The shape and optical quantities of the eye with traits x (µm, radians, cycles per radian). */
export function eyeShape(o: EyeOptics, x: ArrayLike<number>): EyeShape {
  const x0 = foldTrait(x[0]);
  const x1 = foldTrait(x[1]);
  const x2 = foldTrait(x[2]);
  const L = o.retinaLength;
  const theta = HALF_PI * x0;
  const depth = theta < 1e-4 ? (L * theta) / 4 : (L * (1 - Math.cos(theta))) / (2 * theta);
  const opening = Math.max(0, theta < 1e-4 ? L : (L * Math.sin(theta)) / theta);
  const aperture = opening * (1 - x1);
  const focalLength = x2 > 0 ? ((o.matthiessen / x2) * aperture) / 2 : Infinity;
  const acuity = eyeAcuity(o, x);
  let blur = Math.PI;
  let photons = 0;
  if (aperture > 0) {
    const z = o.contrast * aperture * Math.sqrt(0.5 * o.light * Math.PI);
    const t = o.threshold * Math.log(z);
    photons = (t > 0 ? t + Math.log1p(Math.exp(-t)) : Math.log1p(Math.exp(t))) / o.threshold;
    const G = aperture - (2 / o.matthiessen) * x2 * depth;
    const D2 = G * G + o.receptorWidth ** 2 + (o.wavelength * depth) ** 2 / (aperture * aperture);
    blur = 1 / (1 / Math.PI + depth / Math.sqrt(D2));
  }
  return { theta, radius: theta > 0 ? L / (2 * theta) : Infinity, depth, opening, aperture, focalLength, blur, photons, acuity };
}
