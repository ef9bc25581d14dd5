/**
 * The report's plots as SVG, drawn by Vega-Lite (compiled to Vega and rendered headless, no browser or canvas): a
 * well-kept grammar of graphics whose axes, log scales, legends and facets are its own, and whose specs are plain
 * JSON that a reader can take to the Vega editor. Text widths are estimated without a canvas, so labels are laid out
 * the same on every machine.
 */
import { parse, View } from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';

/** One point of a curve: `problem` names the cell (facets), `racer` the curve. */
export interface CurvePoint {
  problem: string;
  racer: string;
  evaluations: number;
  [field: string]: string | number | null;
}

const WIDTH = 320;
const HEIGHT = 220;

/** One panel per cell, in cell order; each panel's own y scale when `ownY` (fitness ranges differ between cells). */
function facetted(points: readonly CurvePoint[], title: string, layer: object, ownY: boolean): TopLevelSpec {
  const problems = [...new Set(points.map((p) => p.problem))];
  const inner = { width: WIDTH, height: HEIGHT, ...layer };
  const base = { $schema: 'https://vega.github.io/schema/vega-lite/v6.json', title, data: { values: points as object[] }, config: { font: 'sans-serif' } };
  if (problems.length === 1) return { ...base, ...inner } as TopLevelSpec;
  const facet = { field: 'problem', type: 'nominal', title: null, sort: problems };
  return { ...base, facet, columns: 2, spec: inner, ...(ownY && { resolve: { scale: { y: 'independent' } } }) } as TopLevelSpec;
}

const x = { field: 'evaluations', type: 'quantitative', title: 'evaluations', scale: { type: 'log', nice: false } };
const color = { field: 'racer', type: 'nominal', title: null, sort: null };

/** ECDF of runtimes over targets: share of (run, target) pairs reached against evaluations. */
export function ecdfSpec(points: readonly CurvePoint[]): TopLevelSpec {
  return facetted(points, 'Runtime ECDF over targets (fixed target)', {
    mark: { type: 'line', interpolate: 'step-after' },
    encoding: { x, y: { field: 'proportion', type: 'quantitative', title: 'share of (run, target) pairs reached', scale: { domain: [0, 1] } }, color },
  }, false);
}

/** Best so far against evaluations: the median, with the band from the 25th to the 75th percentile. */
export function fixedBudgetSpec(points: readonly CurvePoint[]): TopLevelSpec {
  const y = { type: 'quantitative', scale: { zero: false } };
  return facetted(points, 'Best fitness against budget (fixed budget): median, 25–75 % band', {
    layer: [
      { mark: { type: 'area', opacity: 0.18, interpolate: 'step-after' }, encoding: { x, y: { ...y, field: 'q25', title: 'best fitness so far' }, y2: { field: 'q75' }, color } },
      { mark: { type: 'line', interpolate: 'step-after' }, encoding: { x, y: { ...y, field: 'median' }, color } },
    ],
  }, true);
}

/** Renders a Vega-Lite spec to SVG text. */
export async function renderSvg(spec: TopLevelSpec): Promise<string> {
  const view = new View(parse(compile(spec).spec), { renderer: 'none' });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}
