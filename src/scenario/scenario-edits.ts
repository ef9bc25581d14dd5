/**
 * Scenario text as a base text (a built-in sims/ file) plus the fields changed in it: a value set in place, a
 * landscape or map replaced as a flow mapping (as the page's menus write them), a field removed. A short share link
 * carries these edits instead of the whole text; `textEdits` finds them only when applying them to the base gives
 * back the very same text, comments and layout included, so a short link never opens anything but what was shared.
 */
import { isMap, isScalar, isSeq, parseDocument, type Node } from 'yaml';

export type FieldPath = readonly (string | number)[];

export type ScenarioEdit = { readonly path: FieldPath; readonly value: unknown } | { readonly path: FieldPath; readonly remove: true };

/** `base` with `edits` applied in order, written as the page's knobs write (src/app/knobs.ts); throws if a path cannot be set. */
export function applyEdits(base: string, edits: readonly ScenarioEdit[]): string {
  if (!edits.length) return base;
  const doc = parseDocument(base);
  if (doc.errors.length || !isMap(doc.contents)) throw new Error('the base text is not a mapping of fields');
  for (const edit of edits) {
    if ('remove' in edit) doc.deleteIn(edit.path);
    else doc.setIn(edit.path, edit.value !== null && typeof edit.value === 'object' ? doc.createNode(edit.value, { flow: true }) : edit.value);
  }
  return doc.toString({ lineWidth: 0 });
}

/** A change the edits cannot express (a new block mapping, a reordered list…): the text travels whole instead. */
class Inexpressible extends Error {}

function keyOf(key: unknown): string | number {
  const value = isScalar(key) ? key.value : key;
  if (typeof value === 'string' || (typeof value === 'number' && Number.isInteger(value))) return value;
  throw new Inexpressible();
}

function collect(from: unknown, to: unknown, path: (string | number)[], edits: ScenarioEdit[]): void {
  if (isMap(from) && isMap(to) && Boolean(from.flow) === Boolean(to.flow)) {
    const before = new Map(from.items.map((pair) => [keyOf(pair.key), pair.value] as const));
    const after = new Set<string | number>();
    for (const pair of to.items) {
      const key = keyOf(pair.key);
      after.add(key);
      if (before.has(key)) collect(before.get(key), pair.value, [...path, key], edits);
      else edits.push({ path: [...path, key], value: plain(pair.value) });
    }
    for (const key of before.keys()) if (!after.has(key)) edits.push({ path: [...path, key], remove: true });
    return;
  }
  if (isSeq(from) && isSeq(to) && Boolean(from.flow) === Boolean(to.flow) && from.items.length === to.items.length) {
    from.items.forEach((item, i) => collect(item, to.items[i], [...path, i], edits));
    return;
  }
  // Same value in another notation (1e-3 and 0.001) is left to the final comparison of the texts.
  if (isScalar(from) && isScalar(to) && Object.is(from.value, to.value)) return;
  if (!path.length) throw new Inexpressible();
  edits.push({ path, value: plain(to) });
}

function plain(node: unknown): unknown {
  return node === null || node === undefined ? null : (node as Node).toJSON();
}

/**
 * The edits that turn `base` into exactly `text`, or undefined when `text` is not `base` with fields changed as the
 * page changes them (a comment edited, a block added by hand, a list reordered): such a text is shared whole.
 */
export function textEdits(base: string, text: string): ScenarioEdit[] | undefined {
  if (text === base) return [];
  const from = parseDocument(base);
  const to = parseDocument(text);
  if (from.errors.length || to.errors.length) return undefined;
  const edits: ScenarioEdit[] = [];
  try {
    collect(from.contents, to.contents, [], edits);
    return applyEdits(base, edits) === text ? edits : undefined;
  } catch {
    // Inexpressible, or a path yaml cannot set (a scalar where a mapping was): either way the text is shared whole.
    return undefined;
  }
}
