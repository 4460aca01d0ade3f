// Builds the dashboard into dist/dashboard/public, served by the API process at "/" (src/api/routes/dashboard.ts).
// Preact's JSX goes through esbuild's automatic runtime (tsconfig jsxImportSource), so no Babel preset is needed.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: './',
  build: {
    outDir: fileURLToPath(new URL('../dist/dashboard/public', import.meta.url)),
    emptyOutDir: true,
    target: 'es2020',
    // One small bundle: no source maps shipped, no inlined fonts or CDN assets.
    sourcemap: false,
    reportCompressedSize: true,
    modulePreload: { polyfill: false },
  },
  server: {
    // `npx vite dashboard` for development: API calls go to a local `openchecker up`.
    proxy: Object.fromEntries(
      ['/auth', '/tasks', '/opencheck', '/commands', '/agents', '/queue', '/healthz'].map((p) => [p, process.env.OPENCHECKER_API ?? 'http://127.0.0.1:8080']),
    ),
  },
});
