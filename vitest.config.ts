import { defineConfig, mergeConfig } from 'vitest/config';
import viteConfig from './vite.config.ts';

/**
 * Files that change what other files would see in a shared module graph: user modules registered into the
 * registries (which other files iterate, e.g. the golden recordings' "every optimizer has one") and vi.mock; and the
 * corpus, which bounds the peak memory of its own process (a process shared with other files had peaked at 1.04 GiB).
 */
const ISOLATED = ['tests/user-definitions.test.ts', 'tests/cli-user-modules.test.ts', 'tests/share-link.test.ts', 'tests/corpus.test.ts'];

export default mergeConfig(
  viteConfig,
  defineConfig({
    test: {
      testTimeout: 60_000,
      hookTimeout: 60_000,
      projects: [
        // Importing src/ afresh in every file cost about a second a file (half the time of the small files); the
        // modules are pure or deterministic caches, so the other files share one module graph.
        { extends: true, test: { name: 'shared', include: ['tests/**/*.test.ts'], exclude: ISOLATED, isolate: false } },
        { extends: true, test: { name: 'isolated', include: ISOLATED } },
      ],
    },
  }),
);
