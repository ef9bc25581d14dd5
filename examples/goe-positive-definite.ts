/**
 * The random-matrix limit of "almost every critical point is a saddle": the probability that an N × N GOE matrix is
 * positive definite, for N = 1 … 6, by seeded sampling (src/core/linalg/goe.ts; the same numbers on every machine),
 * beside the exact values where they are known, then the constant c of P_N ≈ A·exp(−c·N²) fitted to the estimates,
 * against Dean & Majumdar's θ = ln 3 / 4 for N → ∞. Prints a Markdown table. About a minute (N = 6 needs 5·10⁷
 * matrices: about 230 of them are positive definite).
 *
 *   node bin/run-ts.mjs examples/goe-positive-definite.ts
 */
import { fitGaussianDecay, GOE_POSITIVE_DEFINITE_EXACT, goePositiveDefinite, type PositiveDefiniteEstimate } from '../src/core/linalg/goe.ts';
import { Rng } from '../src/core/rng.ts';

/** Matrices per N: enough for a few hundred positive definite ones at N = 6 (P_6 ≈ 5·10⁻⁶). */
const SAMPLES: Record<number, number> = { 1: 1e6, 2: 1e6, 3: 1e6, 4: 4e6, 5: 1e7, 6: 5e7 };

const estimates: PositiveDefiniteEstimate[] = [];
/** A mean ± standard error with two significant digits of the error deciding the decimals. */
const withSe = (v: number, se: number) => {
  const digits = Math.max(0, 1 - Math.floor(Math.log10(se)));
  return `${v.toFixed(digits)} ± ${se.toFixed(digits)}`;
};
console.log('| N | matrices | positive definite | P_N (± s.e.) | exact | −ln P_N / N² |');
console.log('|---|---|---|---|---|---|');
for (let n = 1; n <= 6; n++) {
  const e = goePositiveDefinite(n, SAMPLES[n], new Rng(`goe-positive-definite/${n}`));
  estimates.push(e);
  const exact = GOE_POSITIVE_DEFINITE_EXACT[n];
  console.log(
    `| ${n} | ${e.samples.toExponential(0)} | ${e.positiveDefinite} | ${withSe(e.probability, e.se)} | ${exact === undefined ? '—' : exact.toFixed(5)} | ${(-Math.log(e.probability) / (n * n)).toFixed(3)} |`,
  );
}
const all = fitGaussianDecay(estimates);
const large = fitGaussianDecay(estimates.slice(3));
console.log('');
console.log(`fitted c (−ln P_N = c·N² + a), N = 1 … 6: ${all.c.toFixed(3)}; N = 4 … 6: ${large.c.toFixed(3)}; Dean & Majumdar, N → ∞: θ = ln 3 / 4 = ${(Math.log(3) / 4).toFixed(4)}`);
