/** Checks shared by the registries when a researcher's own definition is registered: a bad one is named, not run. */

/** Registered ids appear in scenario files, flags and result lines: plain words only. */
export function idShapeProblem(id: unknown): string | undefined {
  if (typeof id !== 'string' || !/^[A-Za-z0-9][A-Za-z0-9._-]{0,59}$/.test(id)) {
    return `'id' must be a word of letters, digits, '.', '_' or '-' (at most 60), got ${JSON.stringify(id)}`;
  }
  return undefined;
}

/** A definition's id for messages, also when it has none. */
export function describeId(def: unknown): string {
  const id = (def as { id?: unknown } | undefined)?.id;
  return typeof id === 'string' ? `'${id}'` : '(no id)';
}

/** Duck-typed: a user's module may hold another copy of zod, whose objects are not instances of ours. */
export function isZodObject(value: unknown): boolean {
  return !!value && typeof value === 'object' && typeof (value as { shape?: unknown }).shape === 'object' && typeof (value as { parse?: unknown }).parse === 'function';
}
