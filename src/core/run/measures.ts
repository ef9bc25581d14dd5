/**
 * Measurements a run records along the way when the scenario asks for them (`measure:`): the observer's, never
 * charged to the budget, and deterministic (fixed Lanczos start), so they do not change any other number of the run.
 * - `sharpnessEvery: K`: the sharpness (top loss-Hessian eigenvalue, metrics/sharpness.ts) of the optimizer's
 *   current point at generation 0, every K generations, and at the end, as pairs [evaluations, sharpness];
 * - `hessianIndex: true`: the index of the end point (fraction of negative loss-Hessian eigenvalues, from the full
 *   Hessian, N ≤ FULL_HESSIAN_MAX_DIM; null beyond);
 * - `weightChange: true`: ‖x_T − x_0‖ / ‖x_0‖ between the optimizer's start and end points (lazy training: how far
 *   training moves a network's weights, relative to where they started); on an `mlp` also the share of the outputs'
 *   change that the network's linearisation at the start does not explain (nets/linearisation.ts);
 * - `units: true`: per-unit diagnostics of an `mlp`'s end point against its start (nets/unit-diagnostics.ts).
 */
import type { Landscape } from '../landscapes/landscape.ts';
import type { MlpLandscape } from '../landscapes/mlp.ts';
import { criticalIndex, FULL_HESSIAN_MAX_DIM } from '../metrics/critical-index.ts';
import { sharpness } from '../metrics/sharpness.ts';
import { linearisationGap } from '../nets/linearisation.ts';
import { type UnitDiagnostics, unitDiagnostics } from '../nets/unit-diagnostics.ts';
import type { MeasureSpec } from './spec.ts';

export class RunMeasures {
  private readonly trace: [number, number][] = [];
  private lastGeneration = -1;
  private index: number | null | undefined;
  private start: Float64Array | undefined;
  private change: number | undefined;
  private gap: number | undefined;
  private diagnostics: UnitDiagnostics | undefined;

  constructor(
    private readonly spec: MeasureSpec | undefined,
    private readonly landscape: Landscape,
  ) {}

  /** Whether anything is measured at all (runs without `measure:` skip every call). */
  get active(): boolean {
    return this.spec !== undefined && this.landscape.space === 'continuous' && this.landscape.gradient !== undefined;
  }

  /** After generation `generation` (0 = the start): the sharpness of `x` when it is due. */
  step(generation: number, evaluations: number, x: Float64Array | Uint8Array): void {
    if (generation === 0 && (this.spec?.weightChange || this.spec?.units)) this.start = (x as Float64Array).slice();
    const every = this.spec?.sharpnessEvery;
    if (every !== undefined && generation % every === 0) this.record(generation, evaluations, x);
  }

  /** At the end of the run, at the final point `x`. */
  end(generation: number, evaluations: number, x: Float64Array | Uint8Array): void {
    if (this.spec?.sharpnessEvery !== undefined && this.lastGeneration !== generation) this.record(generation, evaluations, x);
    if (this.spec?.hessianIndex && this.landscape.space === 'continuous' && this.index === undefined) {
      this.index = this.landscape.dim <= FULL_HESSIAN_MAX_DIM ? finiteOrNull(criticalIndex(this.landscape, x as Float64Array).index) : null;
    }
    if (this.start && this.spec?.weightChange && this.change === undefined) this.change = relativeDistance(this.start, x as Float64Array);
    const mlp = asMlp(this.landscape);
    if (this.start && this.spec?.weightChange && mlp && this.gap === undefined) {
      this.gap = linearisationGap(mlp.network, mlp.data.x, mlp.samples, this.start, x as Float64Array);
    }
    if (this.start && this.spec?.units && mlp && this.diagnostics === undefined) {
      this.diagnostics = unitDiagnostics(mlp.network, mlp.data.x, mlp.samples, this.start, x as Float64Array);
    }
  }

  /** Sharpness pairs [evaluations, sharpness] from entry `from` on, flattened (for views that take them as they come). */
  sharpnessFrom(from: number): Float64Array {
    const fresh = Math.max(0, this.trace.length - from);
    const out = new Float64Array(2 * fresh);
    for (let i = 0; i < fresh; i++) {
      out[2 * i] = this.trace[from + i][0];
      out[2 * i + 1] = this.trace[from + i][1];
    }
    return out;
  }

  /** The fields a run result carries (none unless asked for). */
  result(): { sharpness?: [number, number][]; hessianIndex?: number | null; weightChange?: number; linearisationGap?: number; units?: UnitDiagnostics } {
    if (!this.active) return {};
    return {
      ...(this.spec?.sharpnessEvery !== undefined && { sharpness: this.trace.map(([e, s]) => [e, s] as [number, number]) }),
      ...(this.spec?.hessianIndex && this.index !== undefined && { hessianIndex: this.index }),
      ...(this.change !== undefined && { weightChange: this.change }),
      ...(this.gap !== undefined && { linearisationGap: this.gap }),
      ...(this.diagnostics !== undefined && { units: this.diagnostics }),
    };
  }

  private record(generation: number, evaluations: number, x: Float64Array | Uint8Array): void {
    if (this.landscape.space !== 'continuous') return;
    this.lastGeneration = generation;
    const value = sharpness(this.landscape, x as Float64Array);
    this.trace.push([evaluations, Number.isFinite(value) ? value : NaN]);
  }
}

/** ‖b − a‖ / ‖a‖ (NaN for a start at the origin, which has no scale to compare with). */
function relativeDistance(a: Float64Array, b: Float64Array): number {
  let moved = 0;
  let start = 0;
  for (let i = 0; i < a.length; i++) {
    moved += (b[i] - a[i]) ** 2;
    start += a[i] ** 2;
  }
  return start > 0 ? Math.sqrt(moved / start) : NaN;
}

/** The landscape as an `mlp` whose genotype is the weights (not through a map, which would read genes otherwise). */
function asMlp(landscape: Landscape): MlpLandscape | undefined {
  return landscape.id === 'mlp' && 'network' in landscape ? (landscape as MlpLandscape) : undefined;
}

function finiteOrNull(value: number): number | null {
  return Number.isFinite(value) ? value : null;
}
