import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

/** Paths are resolved from this file, so the config works from the repo root or from `web/`. */
const here = (path: string): string => fileURLToPath(new URL(path, import.meta.url));

const apiProxy = { '/api': { target: 'http://127.0.0.1:8080', changeOrigin: false } };

export default defineConfig({
  root: here('.'),
  base: '/app/',
  // Keep Vite's cache in the repo's node_modules rather than creating web/node_modules.
  cacheDir: here('../node_modules/.vite/web'),
  publicDir: false,
  plugins: [react()],
  // Pure code the server uses too (src/shared): one copy, built into both.
  resolve: { alias: { '@shared': here('../src/shared') } },
  build: {
    outDir: here('./dist'),
    emptyOutDir: true,
    target: 'es2022',
    // Never inline assets as data: URLs: the CSP allows data: for images only, not fonts.
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
    reportCompressedSize: false,
    sourcemap: false,
  },
  server: { proxy: apiProxy },
  preview: { proxy: apiProxy },
});
