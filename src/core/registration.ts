/**
 * What the registries share: a list of built-in definitions that a researcher's own registered ones extend, and the
 * checks a registered definition passes first (a bad one is named, not run).
 */

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

/** A registry of definitions by id: the built-in ones, then those registered, in that order. */
export interface Registry<D extends { readonly id: string }> {
  /** Every definition; grows when one is registered. */
  readonly entries: readonly D[];
  /** Ids of the built-in definitions only (registered ones belong to a user's module, not this package). */
  readonly builtInIds: readonly string[];
  /** The definition for `id`, or undefined. */
  find(id: string): D | undefined;
  /**
   * Adds a researcher's definition, which then serves by id like a built-in one. Registering the same definition
   * again does nothing (a module imported twice); another definition under a taken id is refused, so a scenario's
   * words never change meaning.
   */
  register(def: D): void;
}

/**
 * A registry of `kind` (a word for messages: 'landscape', 'optimizer'). `problemOf` checks what is particular to
 * the kind, after the shared checks (an object, an id of the right shape, a title and a summary).
 */
export function createRegistry<D extends { readonly id: string; readonly title: string; readonly summary: string }>(
  kind: string,
  builtIns: readonly D[],
  problemOf: (def: D) => string | undefined,
): Registry<D> {
  const entries = [...builtIns];
  const builtInIds = builtIns.map((def) => def.id);
  const find = (id: string) => entries.find((def) => def.id === id);
  const sharedProblem = (def: D): string | undefined => {
    if (!def || typeof def !== 'object') return `a definition is an object (see define${kind[0].toUpperCase()}${kind.slice(1)})`;
    const idProblem = idShapeProblem(def.id);
    if (idProblem) return idProblem;
    for (const field of ['title', 'summary'] as const) if (typeof def[field] !== 'string') return `'${field}' must be a string`;
    return problemOf(def);
  };
  return {
    entries,
    builtInIds,
    find,
    register(def) {
      const problem = sharedProblem(def);
      if (problem) throw new Error(`cannot register ${kind} ${describeId(def)}: ${problem}`);
      const taken = find(def.id);
      if (taken === def) return;
      if (taken) throw new Error(`cannot register ${kind} '${def.id}': the id is taken by ${builtInIds.includes(def.id) ? `a built-in ${kind}` : `another registered ${kind}`}`);
      entries.push(def);
    },
  };
}
