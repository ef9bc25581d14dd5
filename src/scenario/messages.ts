/** zod issues rephrased for people who write scenario files by hand. */
import type { z } from 'zod';
import { describeValue, didYouMean } from './issues.ts';
import { knownFields } from './schema-walk.ts';

export interface RawIssue {
  path: PropertyKey[];
  message: string;
  /** Point at the key of the last path segment rather than its value. */
  atKey?: boolean;
  /** A defect inside a file the field names (a data set's CSV): reported at this place in that file instead. */
  at?: { file: string; line: number; column: number };
}

const EXPECTED: Record<string, string> = {
  number: 'a number',
  int: 'an integer',
  string: 'text',
  boolean: 'true or false',
  object: 'a mapping of fields',
  array: 'a list',
};

/** Unknown keys of one mapping reported one by one. */
const MAX_UNKNOWN_KEYS = 10;

const KIND_BY_FIELD: Record<string, string> = { landscape: 'landscape', map: 'map', optimizers: 'optimizer' };

function bound(issue: { minimum?: unknown; maximum?: unknown; inclusive?: boolean; origin?: string }, small: boolean): string {
  const limit = Number(small ? issue.minimum : issue.maximum);
  if (issue.origin === 'array') return small ? `needs at least ${limit} entr${limit === 1 ? 'y' : 'ies'}` : `allows at most ${limit} entries`;
  if (issue.origin === 'string') return small ? 'must not be empty' : `must be at most ${limit} characters long`;
  if (small) return issue.inclusive ? `must be at least ${limit}` : `must be greater than ${limit}`;
  return issue.inclusive ? `must be at most ${limit}` : `must be less than ${limit}`;
}

function valueAt(data: unknown, path: readonly PropertyKey[]): unknown {
  let value = data;
  for (const segment of path) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<PropertyKey, unknown>)[segment];
  }
  return value;
}

/** Turns one zod issue into messages at paths (unknown keys give one message per key, at the key). */
export function translate(issue: z.core.$ZodIssue, data: unknown, root: z.ZodType): RawIssue[] {
  const path = issue.path as PropertyKey[];
  const input = valueAt(data, path);
  switch (issue.code) {
    case 'invalid_type': {
      const expected = EXPECTED[issue.expected] ?? issue.expected;
      if (input === undefined) return [{ path, message: `is required (${expected})` }];
      return [{ path, message: `expected ${expected}, got ${describeValue(input)}` }];
    }
    case 'too_small':
      return [{ path, message: `${bound(issue, true)}, got ${describeValue(input)}` }];
    case 'too_big':
      return [{ path, message: `${bound(issue, false)}, got ${describeValue(input)}` }];
    case 'invalid_value': {
      const options = issue.values.map((v) => String(v));
      const hint = typeof input === 'string' ? didYouMean(input, options) : '';
      const expected = options.length === 1 ? options[0] : `one of ${options.join(', ')}`;
      return [{ path, message: `expected ${expected}, got ${describeValue(input)}${hint}` }];
    }
    case 'unrecognized_keys': {
      const known = knownFields(root, path, data) ?? [];
      // Each message is located in the document; a file of thousands of stray keys gets the first few and a count.
      const shown = issue.keys.slice(0, MAX_UNKNOWN_KEYS);
      const more = issue.keys.length - shown.length;
      const rest: RawIssue[] = more > 0 ? [{ path, message: `and ${more} more unknown field${more === 1 ? '' : 's'} here` }] : [];
      return [...shown.map((key) => ({
        path: [...path, key],
        atKey: true,
        message: `unknown field '${key}'${didYouMean(key, known)}${known.length ? `; fields here: ${known.join(', ')}` : ''}`,
      })), ...rest];
    }
    case 'invalid_union': {
      const discriminated = issue as { note?: string; options?: unknown[] };
      if (discriminated.note === 'No matching discriminator') {
        const field = path.find((p) => typeof p === 'string' && p in KIND_BY_FIELD) as string | undefined;
        const kind = field ? KIND_BY_FIELD[field] : 'kind';
        const options = (discriminated.options ?? []).map(String);
        if (input === undefined) return [{ path, message: `is required: name the ${kind} (one of ${options.join(', ')})` }];
        const hint = typeof input === 'string' ? didYouMean(input, options) : '';
        return [{ path, message: `unknown ${kind} ${describeValue(input)}${hint}; known: ${options.join(', ')}` }];
      }
      if (typeof input === 'number') return [{ path, message: `expected a finite number or text, got ${describeValue(input)} (too large for a number, or not one)` }];
      return [{ path, message: `expected a number or text, got ${describeValue(input)}` }];
    }
    default:
      return [{ path, message: issue.message }];
  }
}

/**
 * All of a schema's issues, translated, with one message per bound: zod's integers carry their own bound of
 * ±(2^53 − 1) beside a field's tighter `.max`, and a value beyond both should be told the field's limit only.
 */
export function translateIssues(issues: readonly z.core.$ZodIssue[], data: unknown, root: z.ZodType): RawIssue[] {
  const boundKey = (issue: z.core.$ZodIssue) => (issue.code === 'too_big' || issue.code === 'too_small' ? `${issue.code}|${JSON.stringify(issue.path)}` : undefined);
  const limit = (issue: z.core.$ZodIssue) => Number((issue as { maximum?: unknown; minimum?: unknown })[issue.code === 'too_big' ? 'maximum' : 'minimum']);
  const tightest = new Map<string, z.core.$ZodIssue>();
  for (const issue of issues) {
    const key = boundKey(issue);
    if (key === undefined) continue;
    const earlier = tightest.get(key);
    if (!earlier || (issue.code === 'too_big' ? limit(issue) < limit(earlier) : limit(issue) > limit(earlier))) tightest.set(key, issue);
  }
  return issues.filter((issue) => boundKey(issue) === undefined || tightest.get(boundKey(issue)!) === issue).flatMap((issue) => translate(issue, data, root));
}
