/** Writes sims/scenario.schema.json from the scenario schema (`npm run schema`); a test keeps the copy current. */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { scenarioJsonSchema } from '../scenario/json-schema.ts';

const target = fileURLToPath(new URL('../../sims/scenario.schema.json', import.meta.url));
writeFileSync(target, scenarioJsonSchema());
process.stdout.write(`wrote ${target}\n`);
