/**
 * Checks every claim of examples/quoted-figures.ts against the command that prints its figures, the slow ones too
 * (a few minutes); tests/quoted-figures.test.ts runs only the cheap ones. Exit code 1 when a claim fails.
 *
 *   node bin/run-ts.mjs examples/check-quoted-figures.ts [FILE]   (FILE: only the claims of files whose path contains it)
 */
import { CLAIMS, checkClaim, commandKey, runCommand, type Output } from './quoted-figures.ts';

const outputs = new Map<string, Output>();
const only = process.argv[2];
const claims = CLAIMS.filter((c) => only === undefined || c.file.includes(only));
let failures = 0;
for (const claim of claims) {
  const key = commandKey(claim.command);
  if (!outputs.has(key)) outputs.set(key, await runCommand(claim.command));
  const problems = checkClaim(claim, outputs.get(key)!);
  failures += problems.length;
  console.log(problems.length ? problems.map((p) => `FAIL ${p}`).join('\n') : `ok   ${claim.file}: ${claim.passage.replace(/\s+/g, ' ').slice(0, 90)}`);
}
console.log(`${claims.length} claims, ${failures} problems`);
process.exitCode = failures ? 1 : 0;
