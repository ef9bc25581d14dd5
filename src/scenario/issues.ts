/** Scenario problems as users read them: file, line, column, field path, and what was expected. */

export interface ScenarioIssue {
  readonly file: string;
  /** 1-based. */
  readonly line: number;
  /** 1-based. */
  readonly column: number;
  /** Field path, e.g. `optimizers[1].populationSize`; empty for the whole file. */
  readonly path: string;
  readonly message: string;
}

/** One line per issue: `file:line:column: path: message`. */
export function formatIssue(issue: ScenarioIssue): string {
  return `${issue.file}:${issue.line}:${issue.column}: ${issue.path ? `${issue.path}: ` : ''}${issue.message}`;
}

export class ScenarioError extends Error {
  constructor(readonly issues: readonly ScenarioIssue[]) {
    super(issues.map(formatIssue).join('\n'));
    this.name = 'ScenarioError';
  }
}

/** `['optimizers', 1, 'label']` → `optimizers[1].label`. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const segment of path) {
    if (typeof segment === 'number') out += `[${segment}]`;
    else if (/[.[\]\s"]/.test(String(segment))) out += `[${JSON.stringify(String(segment))}]`;
    else out += out ? `.${String(segment)}` : String(segment);
  }
  return out;
}

/** A short, readable rendering of a value from the file. */
export function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null (an empty value)';
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 37)}...` : value);
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  return String(value);
}

export { closest, didYouMean } from '../core/words.ts';
