/**
 * The cheap claims of examples/quoted-figures.ts: figures quoted in sims/ comments, README.md and docs/ that a
 * command of a few seconds prints. The slow ones (races of tens of seconds, the maps table, trained network pairs)
 * are checked by `node bin/run-ts.mjs examples/check-quoted-figures.ts`.
 */
import { describe, expect, it } from 'vitest';
import { CLAIMS, checkClaim, commandKey, runCommand, type Output } from '../examples/quoted-figures.ts';

const outputs = new Map<string, Promise<Output>>();
const outputOf = (claim: (typeof CLAIMS)[number]) => {
  const key = commandKey(claim.command);
  if (!outputs.has(key)) outputs.set(key, runCommand(claim.command));
  return outputs.get(key)!;
};

describe('figures quoted in the docs come from the commands that print them', () => {
  it.each(CLAIMS.filter((c) => c.cheap).map((c) => [`${c.file}: ${c.passage.replace(/\s+/g, ' ').slice(0, 60)}`, c] as const))('%s', async (_, claim) => {
    expect(checkClaim(claim, await outputOf(claim))).toEqual([]);
  }, 60_000);
});
