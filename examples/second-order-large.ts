/**
 * The race of sims/second-order.yaml (gradient descent, L-BFGS, conjugate gradients and Newton–CG on the quadratic
 * with κ = 1000, in evaluations and flops) at dimensions beyond the file's sweep, which stops at 10⁴ to stay under a
 * minute: N = 10⁵ by default, one replicate (a few minutes on a shared 2-core machine).
 *
 *   node bin/run-ts.mjs examples/second-order-large.ts [N …]
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { main } from '../src/cli/main.ts';

const dims = process.argv.length > 2 ? process.argv.slice(2).map(Number) : [100_000];
if (!dims.every((n) => Number.isSafeInteger(n) && n >= 1)) throw new Error('usage: node bin/run-ts.mjs examples/second-order-large.ts [N …] (whole numbers ≥ 1)');
const source = fileURLToPath(new URL('../sims/second-order.yaml', import.meta.url));
const text = readFileSync(source, 'utf8')
  .replace(/^ {2}landscape\.dim: \[[^\]]*\]$/m, `  landscape.dim: [${dims.join(', ')}]`)
  .replace(/^replicates: \d+$/m, 'replicates: 1');
const dir = mkdtempSync(join(tmpdir(), 'second-order-'));
try {
  const file = join(dir, 'second-order-large.yaml');
  writeFileSync(file, text);
  process.exitCode = await main(['run', file, '--workers', '1'], { stdout: process.stdout, stderr: process.stderr });
} finally {
  rmSync(dir, { recursive: true, force: true });
}
