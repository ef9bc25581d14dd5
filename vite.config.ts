import { defineConfig, type Plugin } from 'vite';

// Cross-origin isolation lets the page share memory with its workers (SharedArrayBuffer); without it the page
// falls back to transferring typed arrays (TOOLCHAIN.md).
const crossOriginIsolation = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
};

/**
 * The Content-Security-Policy: scripts, workers and styles only from the page's own origin, no eval (Pixi's
 * `pixi.js/unsafe-eval` module replaces its generated code), WebAssembly allowed to compile (future kernels), images
 * also from data: and blob: (the favicon, exports). A scenario's Markdown, however hostile, can run nothing.
 */
const policy = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "worker-src 'self' blob:",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'none'",
];
/** What only a header can say: a <meta> policy cannot forbid framing. */
const headerOnly = ["frame-ancestors 'none'"];
/**
 * The dev server injects each CSS module as a <style> element and reloads through a WebSocket, so dev relaxes
 * exactly those two; the built page and `vite preview` do not.
 */
const devPolicy = policy.map((d) => (d.startsWith('style-src') ? `${d} 'unsafe-inline'` : d.startsWith('connect-src') ? `${d} ws: wss:` : d));

/** The policy in the built index.html too, so that any static host serves the page under it. */
function cspMeta(): Plugin {
  return {
    name: 'hyperclimb-csp-meta',
    apply: 'build',
    transformIndexHtml: () => [{ tag: 'meta', attrs: { 'http-equiv': 'Content-Security-Policy', content: policy.join('; ') }, injectTo: 'head-prepend' }],
  };
}

export default defineConfig({
  base: './',
  server: { headers: { ...crossOriginIsolation, 'Content-Security-Policy': [...devPolicy, ...headerOnly].join('; ') } },
  preview: { headers: { ...crossOriginIsolation, 'Content-Security-Policy': [...policy, ...headerOnly].join('; ') } },
  plugins: [cspMeta()],
  worker: { format: 'es' },
  // Pixi, zod and yaml make one ~760 kB chunk (240 kB gzipped); that is the app, not an accident.
  build: { chunkSizeWarningLimit: 1000 },
});
