/** Where a field path sits in a YAML or JSON source: the deepest node of the path that exists, as line and column. */
import { isMap, isPair, isScalar, isSeq, type Document, type LineCounter, type Node } from 'yaml';

export interface Position {
  line: number;
  column: number;
}

/**
 * The position of `path` in the document. With `atKey`, the key of the last segment (for unknown fields);
 * otherwise its value. Missing segments fall back to the nearest existing ancestor.
 */
export function locate(doc: Document, lineCounter: LineCounter, path: readonly PropertyKey[], atKey = false): Position {
  let node: unknown = doc.contents;
  let offset = rangeStart(node) ?? 0;
  for (let i = 0; i < path.length; i++) {
    const segment = path[i];
    if (isMap(node)) {
      const pair = node.items.find((item) => isPair(item) && isScalar(item.key) && String(item.key.value) === String(segment));
      if (!pair) break;
      const keyStart = rangeStart(pair.key);
      const last = i === path.length - 1;
      if (last && atKey && keyStart !== undefined) {
        offset = keyStart;
        break;
      }
      const valueStart = rangeStart(pair.value);
      offset = valueStart ?? keyStart ?? offset;
      node = pair.value;
      if (valueStart === undefined) break;
    } else if (isSeq(node) && typeof segment === 'number') {
      const item = node.items[segment];
      const start = rangeStart(item);
      if (start === undefined) break;
      offset = start;
      node = item;
    } else {
      break;
    }
  }
  const { line, col } = lineCounter.linePos(offset);
  return { line, column: col };
}

function rangeStart(node: unknown): number | undefined {
  const range = (node as Node | null | undefined)?.range;
  return range ? range[0] : undefined;
}
