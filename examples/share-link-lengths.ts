/**
 * Share-link lengths for every scenario in sims/ (README.md, "The page"): the full link (the scenario text inside,
 * compressed) against the short link that names the built-in file, as shipped and with every movable knob and the
 * map moved. The state beside the scenario is the longest the page writes: a 6-digit seed, a cell, a view, a lesson
 * step and the classroom flag. Prints a Markdown table and the longest of each kind.
 *
 *   node bin/run-ts.mjs examples/share-link-lengths.ts
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { fromSlider, knobsFor, setField, setMap } from '../src/app/knobs.ts';
import { parseScenario } from '../src/scenario/parse.ts';
import { encodeShareState, encodeShortShareState } from '../src/scenario/share-link.ts';

const sims = fileURLToPath(new URL('../sims/', import.meta.url));
const texts: Record<string, string> = Object.fromEntries(readdirSync(sims).filter((f) => /\.ya?ml$/.test(f)).sort().map((f) => [f, readFileSync(join(sims, f), 'utf8')]));
const builtIns = (file: string) => (Object.hasOwn(texts, file) ? texts[file] : undefined);
const state = { seed: 123456, cell: 12, view: 'interpolation', step: 7, classroom: true } as const;

/** The file with each movable knob let go at 70 % of its slider and another map, as the page's knobs write them. */
function knobsMoved(file: string): string {
  let text = texts[file];
  const scenario = parseScenario(text, file, { readFile: (path) => readFileSync(join(sims, path)) });
  for (const knob of knobsFor(scenario).filter((k) => !k.disabled)) text = setField(text, knob.path, fromSlider(knob, 700));
  return setMap(text, 'duplicate');
}

const rows = Object.keys(texts).map((file) => {
  const full = encodeShareState({ scenario: texts[file], ...state }).length;
  const short = encodeShortShareState({ scenario: texts[file], file, ...state }, builtIns)?.length;
  const moved = encodeShortShareState({ scenario: knobsMoved(file), file, ...state }, builtIns)?.length;
  if (short === undefined || moved === undefined) throw new Error(`${file}: no short link`);
  return { file, full, short, moved };
});
const longest = (key: 'full' | 'short' | 'moved') => rows.reduce((a, b) => (b[key] > a[key] ? b : a));

console.log('| file | full link | short link | short link, knobs and map moved |');
console.log('| --- | ---: | ---: | ---: |');
for (const r of rows) console.log(`| ${r.file} | ${r.full.toLocaleString('en')} | ${r.short} | ${r.moved} |`);
console.log('');
for (const [key, what] of [['full', 'full link'], ['short', 'short link, file as shipped'], ['moved', 'short link, every knob and the map moved']] as const) {
  const r = longest(key);
  console.log(`longest ${what}: ${r[key].toLocaleString('en')} characters (${r.file})`);
}
console.log(`eye.yaml (the default lesson): full link ${rows.find((r) => r.file === 'eye.yaml')!.full.toLocaleString('en')} characters, short link ${rows.find((r) => r.file === 'eye.yaml')!.short}`);
