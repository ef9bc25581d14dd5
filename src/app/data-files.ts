/**
 * The files a scenario names beside itself (a data set's CSV, a saved network), as the page has them: those shipped
 * in sims/data/ (bundled, so the library's scenarios open from any static host) and those the reader opened or
 * dropped together with a scenario. The worker reads them from here when it validates a scenario
 * (workers/page-load.ts), by the path the scenario names or, failing that, by the file's own name.
 */
import { MAX_DATA_BYTES } from '../core/nets/csv-table.ts';

const shipped = import.meta.glob('../../sims/data/*.csv', { query: '?raw', import: 'default', eager: true }) as Record<string, string>;

/** Path as a scenario of sims/ names it (data/fruit.csv) → bytes. */
export const openedFiles: Record<string, Uint8Array> = Object.fromEntries(
  Object.entries(shipped).map(([path, text]) => [path.replace('../../sims/', ''), new TextEncoder().encode(text)]),
);

/** Whether a file opened in the page is a saved network (docs/networks.md, "Saved networks"): its format says so up front. */
export async function isSavedNetworkFile(file: File): Promise<boolean> {
  if (!/\.json$/i.test(file.name) || file.size > MAX_DATA_BYTES) return false;
  return /"format"\s*:\s*"hyperclimb-network"/.test(await file.slice(0, 200).text());
}

/** Whether a file opened in the page is a scenario (YAML, or JSON that is not a saved network) rather than its data. */
export async function isScenarioFile(file: File): Promise<boolean> {
  if (/\.ya?ml$/i.test(file.name)) return true;
  if (!/\.json$/i.test(file.name) || file.size > MAX_DATA_BYTES) return false;
  return !(await isSavedNetworkFile(file));
}

/** Keeps a data file opened with a scenario; returns why not when it is too large to be one. */
export async function keepDataFile(file: File): Promise<string | undefined> {
  if (file.size > MAX_DATA_BYTES) return `${file.name} has ${file.size.toLocaleString('en-GB')} bytes; a data file may have at most ${MAX_DATA_BYTES / 1024 / 1024} MiB`;
  openedFiles[file.name] = new Uint8Array(await file.arrayBuffer());
  return undefined;
}
