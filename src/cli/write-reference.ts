/** Writes docs/reference.md, the table of every registry id and field (`npm run reference`); a test keeps it current. */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { referenceMarkdown } from '../scenario/reference.ts';

const target = fileURLToPath(new URL('../../docs/reference.md', import.meta.url));
writeFileSync(target, referenceMarkdown());
process.stdout.write(`wrote ${target}\n`);
