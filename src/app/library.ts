/** The scenarios shipped in sims/, bundled into the page so it works from any static host. */
const files = import.meta.glob('../../sims/*.{yaml,yml,json}', { query: '?raw', import: 'default', eager: true }) as Record<string, string>;

export interface LibraryEntry {
  /** File name, e.g. ga-vs-gd.yaml. */
  readonly file: string;
  readonly title: string;
  readonly text: string;
}

function titleOf(text: string, file: string): string {
  return /^title:\s*(.+)$/m.exec(text)?.[1].trim().replace(/^['"]|['"]$/g, '') ?? file;
}

export const library: readonly LibraryEntry[] = Object.entries(files)
  .filter(([path]) => !path.endsWith('scenario.schema.json'))
  .map(([path, text]) => {
    const file = path.split('/').pop()!;
    return { file, title: titleOf(text, file), text };
  })
  .sort((a, b) => a.title.localeCompare(b.title));

/** The scenario the page opens with: the eye, a lesson a new reader can step through. */
export const DEFAULT_SCENARIO = 'eye.yaml';

/** The menu's value for a file that is not in the library (opened, dropped, shared or loaded by a lesson). */
export const OTHER_FILE = 'other-file';

/**
 * How the scenario menu names the scenario racing, however it was loaded: its library entry, or else one entry of
 * its own, 'title (file)', in place of any earlier such entry.
 */
export function menuEntry(file: string, title: string, entries: readonly LibraryEntry[] = library): { value: string; label?: string } {
  return entries.some((entry) => entry.file === file) ? { value: file } : { value: OTHER_FILE, label: `${title} (${file})` };
}

/** A built-in file's text by its name (what a short share link names), or undefined. */
export function builtInText(file: string): string | undefined {
  return library.find((entry) => entry.file === file)?.text;
}
