/**
 * The page's views, in tab order: key k opens the k-th. Their ids are the words of scenario files (`views`), lesson
 * steps and share links. Adding a view: its module src/views/<id>.ts (view-module.ts says what it declares) and its
 * id here. The list is pure data, so the scenario schema — read by the command line and the worker too — takes the
 * ids without loading the page; the page finds each module by its id (src/app/views.ts).
 */
export const VIEW_IDS = ['slice', 'race', 'hypercube', 'outcomes', 'sweep', 'decision', 'eye', 'sharpness', 'interpolation'] as const;

export type ViewId = (typeof VIEW_IDS)[number];

/** The key that brings a view to the front: its place in the list, 1 to 9 (later views have none). */
export function viewKey(id: ViewId): string | undefined {
  const place = VIEW_IDS.indexOf(id) + 1;
  return place >= 1 && place <= 9 ? String(place) : undefined;
}
