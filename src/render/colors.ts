/** Colours shared by the views: one per racer (Okabe–Ito, distinguishable with colour-vision deficiencies) and a fitness colour map. */
import type { EndedAt } from '../core/run/spec.ts';

/** Okabe & Ito (2008) palette, without black. */
export const RACER_COLORS = [0xe69f00, 0x56b4e9, 0x009e73, 0xf0e442, 0x0072b2, 0xd55e00, 0xcc79a7, 0x999999];

export function racerColor(index: number): number {
  return RACER_COLORS[index % RACER_COLORS.length];
}

export function cssColor(color: number): string {
  return `#${color.toString(16).padStart(6, '0')}`;
}

/**
 * The hypercube's marks for local optima (squares): white for the global one, grey for the others. Neither is a
 * racer's colour, so a mark never reads as a racer standing there (racers are rings in their colour).
 */
export const GLOBAL_OPTIMUM_MARK = 0xffffff;
export const LOCAL_OPTIMUM_MARK = 0xbfc4cc;

/** Colour of each outcome in the outcome view and legends. */
export const OUTCOME_COLORS: Record<EndedAt | 'running', number> = {
  optimum: 0x009e73,
  'local-optimum': 0xd55e00,
  saddle: 0xe69f00,
  diverged: 0xcc79a7,
  stalled: 0x999999,
  budget: 0x56b4e9,
  running: 0x3a3f4b,
};

// Viridis (van der Walt & Smith 2015), 9 stops, linear in between: perceptually uniform, readable in grey.
const VIRIDIS = [
  [68, 1, 84],
  [71, 44, 122],
  [59, 81, 139],
  [44, 113, 142],
  [33, 144, 141],
  [39, 173, 129],
  [92, 200, 99],
  [170, 220, 50],
  [253, 231, 37],
];

/** Viridis colour for t in [0, 1] as RGB bytes written at out[offset..offset+2]. */
export function viridis(t: number, out: Uint8Array, offset: number): void {
  const x = Math.min(1, Math.max(0, Number.isFinite(t) ? t : 0)) * (VIRIDIS.length - 1);
  const i = Math.min(VIRIDIS.length - 2, Math.floor(x));
  const f = x - i;
  for (let c = 0; c < 3; c++) out[offset + c] = Math.round(VIRIDIS[i][c] + f * (VIRIDIS[i + 1][c] - VIRIDIS[i][c]));
}

/** Viridis colour for t in [0, 1] as a 0xRRGGBB number. */
export function viridisHex(t: number): number {
  const rgb = new Uint8Array(3);
  viridis(t, rgb, 0);
  return (rgb[0] << 16) | (rgb[1] << 8) | rgb[2];
}
