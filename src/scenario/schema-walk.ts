/** Reading the scenario schema along a data path: which fields an object there accepts (for "did you mean"). */
import type { z } from 'zod';

type AnySchema = z.ZodType;

interface Def {
  type: string;
  innerType?: AnySchema;
  in?: AnySchema;
  shape?: Record<string, AnySchema>;
  element?: AnySchema;
  valueType?: AnySchema;
  options?: AnySchema[];
  discriminator?: string;
  values?: unknown[];
}

function defOf(schema: AnySchema): Def {
  return (schema as unknown as { def: Def }).def;
}

const WRAPPERS = new Set(['optional', 'default', 'nullable', 'prefault', 'readonly', 'catch', 'nonoptional']);

function unwrap(schema: AnySchema): AnySchema {
  let s = schema;
  for (;;) {
    const def = defOf(s);
    if (WRAPPERS.has(def.type) && def.innerType) s = def.innerType;
    else if (def.type === 'pipe' && def.in) s = def.in;
    else return s;
  }
}

/** For a union, the option that matches `data` (by discriminator when there is one). */
function pickOption(schema: AnySchema, data: unknown): AnySchema | undefined {
  const def = defOf(schema);
  if (def.type !== 'union' || !def.options) return schema;
  if (def.discriminator && data && typeof data === 'object') {
    const value = (data as Record<string, unknown>)[def.discriminator];
    return def.options.find((option) => {
      const field = defOf(unwrap(option)).shape?.[def.discriminator!];
      return field && defOf(unwrap(field)).values?.includes(value);
    });
  }
  return def.options.find((option) => defOf(unwrap(option)).type === 'object');
}

/** The field names accepted by the object schema at `path` (following `data` through unions), if any. */
export function knownFields(root: AnySchema, path: readonly PropertyKey[], data: unknown): string[] | undefined {
  let schema: AnySchema | undefined = root;
  let value = data;
  for (const segment of path) {
    schema = pickOption(unwrap(schema), value);
    if (!schema) return undefined;
    const def = defOf(unwrap(schema));
    if (def.type === 'object') schema = def.shape?.[String(segment)];
    else if (def.type === 'array') schema = def.element;
    else if (def.type === 'record') schema = def.valueType;
    else return undefined;
    if (!schema) return undefined;
    value = value && typeof value === 'object' ? (value as Record<string, unknown>)[segment as string] : undefined;
  }
  const at = pickOption(unwrap(schema), value);
  const shape = at ? defOf(unwrap(at)).shape : undefined;
  return shape ? Object.keys(shape) : undefined;
}
