/**
 * The knobs that matter, derived from a scenario: dimension, ruggedness, each racer's main parameter. A knob reads
 * its value from the scenario (or the optimizer's default) and writes back by editing the YAML text in place,
 * comments and layout kept, so the editor, the share link and the knobs never disagree.
 */
import { isMap, parseDocument } from 'yaml';
import { landscapeDef, landscapes } from '../core/landscapes/registry.ts';
import { maps } from '../core/maps/registry.ts';
import { optimizerDef } from '../core/optimizers/registry.ts';
import { mapKeepsInitScale, problemOf } from '../core/run/instance.ts';
import type { Scenario } from '../scenario/schema.ts';
import { landscapeSpec } from '../scenario/cells.ts';
import { resolveSweepPath } from '../scenario/sweep.ts';

export interface Knob {
  readonly id: string;
  readonly label: string;
  readonly path: readonly (string | number)[];
  readonly min: number;
  readonly max: number;
  readonly scale: 'linear' | 'log';
  readonly integer: boolean;
  readonly value: number;
  /** Why the knob cannot be moved (the sweep sets it), if it cannot. */
  readonly disabled?: string;
  /** The sweep key that sets the field, with its values: the knob picks the sweep cell (sweep-knobs.ts). */
  readonly sweep?: { readonly key: string; readonly values: readonly number[] };
}

/** Each map's redundancy knob. */
const MAP_PARAMETER: Record<string, { field: string; label: string; min: number; max: (n: number) => number; fallback: (n: number) => number }> = {
  duplicate: { field: 'copies', label: 'redundancy: copies per site', min: 1, max: () => 16, fallback: () => 2 },
  neutral: { field: 'sites', label: 'redundancy: neutral sites', min: 0, max: (n) => 8 * n, fallback: (n) => n },
  embed: { field: 'genes', label: 'redundancy: embedding genes M', min: 1, max: (n) => 16 * n, fallback: (n) => 2 * n },
  product: { field: 'depth', label: 'redundancy: depth L', min: 1, max: () => 8, fallback: () => 2 },
  permute: { field: 'units', label: 'redundancy: interchangeable units', min: 1, max: () => 16, fallback: () => 2 },
};

/** Each optimizer's main parameter: what the knob shows for it. */
const MAIN_PARAMETER: Record<string, { field: string; label: string; min: number; max: number; scale: 'linear' | 'log'; integer: boolean }> = {
  ga: { field: 'populationSize', label: 'population', min: 2, max: 2000, scale: 'log', integer: true },
  'one-plus-one-ea': { field: 'rate', label: 'mutation rate', min: 0.001, max: 0.5, scale: 'log', integer: false },
  'one-plus-one-es': { field: 'sigma0', label: 'initial step σ₀', min: 0.001, max: 10, scale: 'log', integer: false },
  'mu-lambda-es': { field: 'lambda', label: 'offspring λ', min: 2, max: 500, scale: 'log', integer: true },
  'cma-es': { field: 'sigma0', label: 'initial step σ₀', min: 0.001, max: 10, scale: 'log', integer: false },
  gd: { field: 'learningRate', label: 'learning rate η', min: 1e-4, max: 1, scale: 'log', integer: false },
  momentum: { field: 'learningRate', label: 'learning rate η', min: 1e-4, max: 1, scale: 'log', integer: false },
  nesterov: { field: 'learningRate', label: 'learning rate η', min: 1e-4, max: 1, scale: 'log', integer: false },
  adam: { field: 'learningRate', label: 'learning rate η', min: 1e-4, max: 1, scale: 'log', integer: false },
  sgd: { field: 'learningRate', label: 'learning rate η', min: 1e-4, max: 1, scale: 'log', integer: false },
  langevin: { field: 'temperature', label: 'temperature T', min: 1e-4, max: 10, scale: 'log', integer: false },
};

/** Why a knob the sweep varies cannot be moved. */
export const SWEPT = 'set by the sweep: choose a cell instead';

/** The knobs for a validated scenario. */
export function knobsFor(scenario: Scenario): Knob[] {
  const swept = new Set(Object.keys(scenario.sweep ?? {}).map((key) => JSON.stringify(resolveSweepPath(key, scenario as unknown as Record<string, unknown>))));
  const disabled = (path: (string | number)[]) => (swept.has(JSON.stringify(path)) ? SWEPT : undefined);
  const knobs: Knob[] = [];
  const landscape = scenario.landscape;
  const def = landscapeDef(landscape.id)!;
  const discrete = def.space === 'discrete';
  // A network's dimension is its weight count, set by its widths (the width is the knob, N follows); the eye's is
  // its three traits.
  const derived = def.dimOf ? 'set by the landscape’s own fields (a network’s widths, the eye’s three traits)' : undefined;
  knobs.push({ id: 'dim', label: 'dimension N', path: ['landscape', 'dim'], min: def.minDim, max: Math.max(landscape.dim, discrete ? 256 : 500), scale: 'log', integer: true, value: landscape.dim, disabled: derived ?? disabled(['landscape', 'dim']) });
  if (landscape.id === 'relu-teacher-student') {
    knobs.push({ id: 'width', label: 'student width n', path: ['landscape', 'studentUnits'], min: 1, max: 64, scale: 'linear', integer: true, value: Number(landscape.studentUnits), disabled: disabled(['landscape', 'studentUnits']) });
  }
  if (landscape.id === 'mlp' && Array.isArray(landscape.hidden) && landscape.hidden.length > 0) {
    const path = ['landscape', 'hidden', 0];
    knobs.push({ id: 'width', label: 'hidden width', path, min: 1, max: 256, scale: 'log', integer: true, value: Number(landscape.hidden[0]), disabled: disabled(path) });
  }
  if (landscape.id === 'nk') {
    knobs.push({ id: 'k', label: 'ruggedness K', path: ['landscape', 'k'], min: 0, max: Math.max(0, landscape.dim - 1), scale: 'linear', integer: true, value: Number(landscape.k ?? 2), disabled: disabled(['landscape', 'k']) });
  }
  if (landscape.id === 'rough-mount-fuji') {
    knobs.push({ id: 'theta', label: 'slope θ', path: ['landscape', 'theta'], min: 0, max: 3, scale: 'linear', integer: false, value: Number(landscape.theta ?? 0.5), disabled: disabled(['landscape', 'theta']) });
  }
  const map = scenario.map;
  const mapKnob = map ? MAP_PARAMETER[map.id] : undefined;
  if (map && mapKnob) {
    const path = ['map', mapKnob.field];
    const value = Number(map[mapKnob.field] ?? mapKnob.fallback(landscape.dim));
    knobs.push({ id: 'map', label: mapKnob.label, path, min: Math.max(mapKnob.min, map.id === 'embed' ? landscape.dim : mapKnob.min), max: Math.max(mapKnob.max(landscape.dim), value), scale: 'linear', integer: true, value, disabled: disabled(path) });
  }
  const problem = problemOf({ id: landscape.id, dim: landscape.dim, params: {}, ...(map && map.id !== 'identity' && { map: { id: map.id, params: Object.fromEntries(Object.entries(map).filter(([k]) => k !== 'id')) } }) });
  scenario.optimizers.forEach((racer, index) => {
    const main = MAIN_PARAMETER[racer.id];
    if (!main) return;
    const path = ['optimizers', index, main.field];
    const fallback = Number(optimizerDef(racer.id)!.defaults(problem)[main.field]);
    const value = Number(racer[main.field] ?? fallback);
    knobs.push({ id: `racer-${index}`, label: `${racer.label}: ${main.label}`, path, min: main.min, max: Math.max(main.max, value), scale: main.scale, integer: main.integer, value, disabled: disabled(path) });
  });
  return knobs;
}

/** The scenario text with `value` written at `path` (creating the field if needed), everything else untouched. */
export function setField(text: string, path: readonly (string | number)[], value: unknown): string {
  const doc = parseDocument(text);
  if (!isMap(doc.contents)) throw new Error('the scenario is not a mapping of fields');
  doc.setIn(path, value);
  return doc.toString({ lineWidth: 0 });
}

/** Landscapes a scenario's racers can all climb (same space as the current one). */
export function compatibleLandscapes(scenario: Scenario): { id: string; title: string }[] {
  const space = landscapeDef(scenario.landscape.id)!.space;
  return landscapes.filter((def) => def.space === space).map((def) => ({ id: def.id, title: def.title }));
}

/** The scenario text with another landscape of the same dimension (its own fields reset to their defaults). */
export function setLandscape(text: string, id: string): string {
  const doc = parseDocument(text);
  const current = doc.getIn(['landscape', 'dim']);
  const def = landscapeDef(id);
  if (!def) throw new Error(`unknown landscape '${id}'`);
  // Landscapes that derive their dimension (networks, the eye) take none: their defaults decide it.
  const fields = def.dimOf ? { id } : { id, dim: Math.max(def.minDim, Number(current ?? def.minDim)) };
  doc.setIn(['landscape'], doc.createNode(fields, { flow: true }));
  return doc.toString({ lineWidth: 0 });
}

/** Maps that work on the scenario's landscape (identity first); networks only through maps that keep their initial scale. */
export function compatibleMaps(scenario: Scenario): { id: string; title: string }[] {
  const landscape = landscapeSpec(scenario);
  const space = landscapeDef(landscape.id)!.space;
  return maps
    .filter((def) => def.spaces.includes(space) && mapKeepsInitScale({ ...landscape, map: { id: def.id, params: {} } }))
    .map((def) => ({ id: def.id, title: def.title }));
}

/** The scenario text with another map (its fields at their defaults), or without one for the identity. */
export function setMap(text: string, id: string): string {
  const doc = parseDocument(text);
  if (id === 'identity') doc.deleteIn(['map']);
  else doc.setIn(['map'], doc.createNode({ id }, { flow: true }));
  return doc.toString({ lineWidth: 0 });
}

/** The slider position in [0, 1000] of a knob value, and back. */
export function toSlider(knob: Pick<Knob, 'min' | 'max' | 'scale'>, value: number): number {
  const t = knob.scale === 'log' ? Math.log(value / knob.min) / Math.log(knob.max / knob.min) : (value - knob.min) / (knob.max - knob.min || 1);
  return Math.round(1000 * Math.min(1, Math.max(0, t)));
}

export function fromSlider(knob: Pick<Knob, 'min' | 'max' | 'scale' | 'integer'>, position: number): number {
  const t = position / 1000;
  const value = knob.scale === 'log' ? knob.min * Math.pow(knob.max / knob.min, t) : knob.min + t * (knob.max - knob.min);
  if (knob.integer) return Math.round(value);
  const digits = Math.max(0, 2 - Math.floor(Math.log10(Math.abs(value) || 1)));
  return Number(value.toFixed(Math.min(6, digits)));
}
