/** Map ids (the words of scenario files and links) → definitions. Adding a map: one file, one line here. */
import { identity } from './identity.ts';
import type { MapDef } from './map.ts';

export const maps: readonly MapDef<any>[] = [identity];

export const mapIds: readonly string[] = maps.map((m) => m.id);

/** The definition for `id`, or undefined. */
export function mapDef(id: string): MapDef<any> | undefined {
  return maps.find((m) => m.id === id);
}
