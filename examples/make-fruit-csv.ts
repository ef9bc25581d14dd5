/**
 * Writes sims/data/fruit.csv, the small data set of sims/your-own-data.yaml, from a stated formula (no real fruit
 * were measured; the numbers are invented, so the file is free of any licence). 300 fruit:
 *   width ~ U(5, 9) cm; shape r ~ U(0.85, 1.55); height = r · width;
 *   mass = 0.5 · width² · height · (1 + 0.05·N(0, 1)) g (a squat solid of density about 1);
 *   hue ~ U(0, 1), unrelated to the class (an input that carries nothing);
 *   kind = pear when r > 1.2, else apple, then 5 % of the labels flipped (noise no model can learn).
 * Values are rounded to 2 decimals. Streams come from the repo's seeded generator, so the file is the same on any
 * machine: `node bin/run-ts.mjs examples/make-fruit-csv.ts` rewrites it byte for byte (tests/csv-data.test.ts checks).
 */
import { writeFileSync } from 'node:fs';
import { deriveRng } from '../src/core/rng.ts';

export function fruitCsv(): string {
  const rng = deriveRng('fruit.csv', 'rows');
  const lines = ['width_cm,height_cm,mass_g,hue,kind'];
  for (let i = 0; i < 300; i++) {
    const width = 5 + 4 * rng.uniform();
    const r = 0.85 + 0.7 * rng.uniform();
    const height = r * width;
    const mass = 0.5 * width * width * height * (1 + 0.05 * rng.normal());
    const hue = rng.uniform();
    const flip = rng.uniform() < 0.05;
    const pear = r > 1.2 !== flip;
    lines.push([width, height, mass, hue].map((v) => v.toFixed(2)).join(',') + `,${pear ? 'pear' : 'apple'}`);
  }
  return `${lines.join('\n')}\n`;
}

if (process.argv[1]?.endsWith('make-fruit-csv.ts')) writeFileSync(new URL('../sims/data/fruit.csv', import.meta.url), fruitCsv());
