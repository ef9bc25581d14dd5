/**
 * The sweep-cell menu. A sweep may have 100,000 cells; a menu of that many options took seconds and a gigabyte to
 * build, so it lists the first CELL_MENU_LIMIT cells (and the chosen one) and a number field reaches the rest.
 */
import type { SweepValue } from '../scenario/schema.ts';
import { cellCount, cellValues } from '../scenario/sweep.ts';

/** Most cells the menu lists. */
export const CELL_MENU_LIMIT = 200;

export interface CellMenu {
  /** The cells listed, in order, each with its sweep values as a label. */
  readonly options: readonly { readonly index: number; readonly label: string }[];
  /** All cells of the sweep. */
  readonly cells: number;
  /** What the menu leaves out and how to reach it, when it lists fewer than every cell. */
  readonly note?: string;
}

/** The label of cell `index`: its sweep values, e.g. "landscape.dim = 8, map.copies = 2". */
export function cellLabel(sweep: Record<string, readonly SweepValue[]> | undefined, index: number): string {
  return Object.entries(cellValues(sweep, index))
    .map(([key, value]) => `${key} = ${String(value)}`)
    .join(', ');
}

/** The menu for a sweep with cell `chosen` selected, listing at most `limit` cells besides the chosen one. */
export function cellMenu(sweep: Record<string, readonly SweepValue[]> | undefined, chosen: number, limit = CELL_MENU_LIMIT): CellMenu {
  const cells = cellCount(sweep);
  const listed = Array.from({ length: Math.min(cells, limit) }, (_, index) => index);
  if (chosen >= listed.length && chosen < cells) listed.push(chosen);
  const options = listed.map((index) => ({ index, label: cellLabel(sweep, index) }));
  if (cells <= limit) return { options, cells };
  return { options, cells, note: `The menu lists the first ${limit.toLocaleString('en')} of ${cells.toLocaleString('en')} cells; type a cell's number to race any of them.` };
}
