/** Map ids (the words of scenario files and links) → definitions. Adding a map: one file, one line here. */
import { duplicate } from './duplicate.ts';
import { embed } from './embed.ts';
import { identity } from './identity.ts';
import type { MapDef } from './map.ts';
import { neutral } from './neutral.ts';
import { permute } from './permute.ts';
import { product } from './product.ts';

export const maps: readonly MapDef<any>[] = [identity, duplicate, neutral, embed, product, permute];

export const mapIds: readonly string[] = maps.map((m) => m.id);

/** The definition for `id`, or undefined. */
export function mapDef(id: string): MapDef<any> | undefined {
  return maps.find((m) => m.id === id);
}
