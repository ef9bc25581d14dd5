/** What every view's drawer offers the page: it draws the latest frame it is given and never computes fitness. */
import type { Frame, RaceInfo } from '../../workers/protocol.ts';

export interface View {
  /** The view's id in the registry (src/views/registry.ts). */
  readonly id: string;
  readonly title: string;
  /** Creates the view's drawing surface inside `host`. */
  mount(host: HTMLElement): Promise<void>;
  /** A new race starts: forget the old one. */
  reset(info: RaceInfo): void;
  /** Draw the latest frame; `shown[k]` says whether racer k is toggled on. */
  update(frame: Frame, shown: readonly boolean[]): void;
  /** The view as a PNG image. */
  png(): Promise<Blob>;
  /** The view is shown or hidden: hidden views stop drawing. */
  setVisible?(visible: boolean): void;
  /** The view's data as CSV, where it has tabular data. */
  csv?(): string;
  destroy(): void;
}

/** CSV text from rows (quotes fields that need it). */
export function toCsv(rows: readonly (readonly (string | number | null)[])[]): string {
  const field = (v: string | number | null) => {
    const text = v === null ? '' : String(v);
    return /[",\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
  };
  return `${rows.map((row) => row.map(field).join(',')).join('\n')}\n`;
}
