/**
 * `npm run golden:update`: recomputes every golden recording (tests/golden/recordings.ts) and rewrites
 * tests/golden/recordings.json. Run it when an optimizer is added, or when a change of numbers is intended; the diff
 * of the file is then part of the change to review. It prints what changed.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { goldenCases, record, RECORDINGS_FILE, recordingsText, type Recording } from './recordings.ts';

const key = (r: { optimizer: string; landscape: string }) => `${r.optimizer} on ${r.landscape}`;
const before = new Map<string, string>(
  existsSync(RECORDINGS_FILE) ? (JSON.parse(readFileSync(RECORDINGS_FILE, 'utf8')) as Recording[]).map((r) => [key(r), JSON.stringify(r)]) : [],
);
const recordings = goldenCases().map(({ optimizer, landscape }) => record(optimizer, landscape));
writeFileSync(RECORDINGS_FILE, recordingsText(recordings));
const now = new Set(recordings.map(key));
const added = recordings.filter((r) => !before.has(key(r))).map(key);
const changed = recordings.filter((r) => before.has(key(r)) && before.get(key(r)) !== JSON.stringify(r)).map(key);
const removed = [...before.keys()].filter((k) => !now.has(k));
const list = (label: string, items: string[]) => `${label}: ${items.length}${items.length ? ` (${items.join('; ')})` : ''}`;
process.stdout.write(`wrote ${fileURLToPath(RECORDINGS_FILE)}: ${recordings.length} recordings; ${[list('added', added), list('changed', changed), list('removed', removed)].join(', ')}\n`);
