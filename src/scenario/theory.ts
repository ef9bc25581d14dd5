/**
 * Theory curves a scenario declares for its sweep (`theory:`): a formula in the swept value x, drawn beside the
 * measured curves of one measure. Formulas are read by a small parser into a function (+ − × / ^, parentheses,
 * numbers, x, and ln, exp, sqrt), never evaluated as code, so a scenario's text can compute nothing else.
 */
import { z } from 'zod';

/** The measures a sweep plots (src/render/sweep-view.ts names and draws them). */
export const SWEEP_MEASURES = ['deadEnds', 'reachedOptimum', 'meanBestFitness', 'meanEvaluations'] as const;
export type SweepMeasure = (typeof SWEEP_MEASURES)[number];

export class FormulaError extends Error {}

const FUNCTIONS: Record<string, (v: number) => number> = { ln: Math.log, exp: Math.exp, sqrt: Math.sqrt };

/** The formula as a function of x; a FormulaError says what is wrong and at which character. */
export function compileFormula(text: string): (x: number) => number {
  const tokens = [...text.matchAll(/\s*(\d+(?:\.\d*)?(?:[eE][+-]?\d+)?|\.\d+(?:[eE][+-]?\d+)?|[A-Za-z]+|[-+*/^()]|\S)/g)].map((m) => ({
    text: m[1],
    at: m.index + m[0].length - m[1].length + 1,
  }));
  let i = 0;
  const peek = () => tokens[i]?.text;
  const fail = (what: string): never => {
    const token = tokens[i];
    throw new FormulaError(token ? `${what} at character ${token.at} (“${token.text}”)` : `${what} at the end`);
  };
  const expect = (text: string) => (peek() === text ? i++ : fail(`expected “${text}”`));
  type F = (x: number) => number;
  const sum = (): F => {
    let left = product();
    while (peek() === '+' || peek() === '-') {
      const op = tokens[i++].text;
      const [a, b] = [left, product()];
      left = op === '+' ? (x) => a(x) + b(x) : (x) => a(x) - b(x);
    }
    return left;
  };
  const product = (): F => {
    let left = unary();
    while (peek() === '*' || peek() === '/') {
      const op = tokens[i++].text;
      const [a, b] = [left, unary()];
      left = op === '*' ? (x) => a(x) * b(x) : (x) => a(x) / b(x);
    }
    return left;
  };
  const unary = (): F => {
    if (peek() === '-') {
      i++;
      const a = unary();
      return (x) => -a(x);
    }
    return power();
  };
  // Right-associative, and binding tighter than a leading minus: −x^2 is −(x²), 2^3^2 is 2^9.
  const power = (): F => {
    const base = primary();
    if (peek() !== '^') return base;
    i++;
    const exponent = unary();
    return (x) => base(x) ** exponent(x);
  };
  const primary = (): F => {
    const token = tokens[i];
    if (!token) return fail('expected a number, x or “(”');
    if (/^[\d.]/.test(token.text)) {
      i++;
      const value = Number(token.text);
      return () => value;
    }
    if (token.text === 'x') {
      i++;
      return (x) => x;
    }
    if (token.text === '(') {
      i++;
      const inner = sum();
      expect(')');
      return inner;
    }
    const fn = FUNCTIONS[token.text];
    if (fn) {
      i++;
      expect('(');
      const arg = sum();
      expect(')');
      return (x) => fn(arg(x));
    }
    return fail(`expected a number, x, “(” or one of ${Object.keys(FUNCTIONS).join(', ')}`);
  };
  const formula = sum();
  if (i < tokens.length) fail('unexpected text');
  return formula;
}

export const theorySchema = z
  .strictObject({
    label: z.string().min(1).max(200).describe('The curve’s legend, e.g. “theory: 1 − 0.516ᴺ”.'),
    measure: z.enum(SWEEP_MEASURES).describe('The measure whose plot shows the curve.'),
    against: z.string().min(1).describe('The sweep key that is x in the formula (e.g. landscape.dim).'),
    formula: z
      .string()
      .min(1)
      .max(500)
      .superRefine((text, ctx) => {
        try {
          compileFormula(text);
        } catch (error) {
          if (!(error instanceof FormulaError)) throw error;
          ctx.addIssue({ code: 'custom', message: `the formula cannot be read: ${error.message}` });
        }
      })
      .describe('A function of x: numbers, x, + − * / ^, parentheses, ln, exp, sqrt; e.g. 1 - 0.516^x.'),
  })
  .describe('A theory curve drawn on the sweep view beside the measured ones.');

export type Theory = z.output<typeof theorySchema>;
