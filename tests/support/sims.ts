/** Reads the files a scenario of sims/ names beside itself (its data sets), as the command line would. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export const SIMS = join(__dirname, '..', '..', 'sims');

/** `parseScenario`'s readFile for a scenario parsed under its bare file name from sims/. */
export const readSimsFile = (path: string): Uint8Array => readFileSync(join(SIMS, path));
