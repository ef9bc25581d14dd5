/**
 * The page's views: each id of the registry (src/views/registry.ts) and its module, src/views/<id>.ts, found by
 * name. A registry id without a module, or a module the registry does not list, stops the page at once.
 */
import { VIEW_IDS, type ViewId } from '../views/registry.ts';
import type { ViewModule } from '../views/view-module.ts';

const found = import.meta.glob<ViewModule>(['../views/*.ts', '!../views/registry.ts', '!../views/view-module.ts'], { eager: true, import: 'view' });

const byId = Object.fromEntries(Object.entries(found).map(([path, module]) => [path.replace(/^.*\/(.+)\.ts$/, '$1'), module]));
const unlisted = Object.keys(byId).filter((id) => !(VIEW_IDS as readonly string[]).includes(id));
const missing = VIEW_IDS.filter((id) => !byId[id]);
if (unlisted.length || missing.length) {
  throw new Error(`src/views/registry.ts and the view modules disagree: ${[...missing.map((id) => `no module src/views/${id}.ts`), ...unlisted.map((id) => `src/views/${id}.ts is not in VIEW_IDS`)].join('; ')}`);
}

export const viewModules = byId as Record<ViewId, ViewModule>;
