import { defineConfig } from 'vite';

// Cross-origin isolation lets the page share memory with its workers (SharedArrayBuffer); without it the page
// falls back to transferring typed arrays (TOOLCHAIN.md).
const crossOriginIsolation = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
};

export default defineConfig({
  base: './',
  server: { headers: crossOriginIsolation },
  preview: { headers: crossOriginIsolation },
  worker: { format: 'es' },
  // Pixi, zod and yaml make one ~760 kB chunk (240 kB gzipped); that is the app, not an accident.
  build: { chunkSizeWarningLimit: 1000 },
});
