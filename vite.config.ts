import { realpathSync } from 'node:fs';
import { defineConfig, searchForWorkspaceRoot } from 'vite';
import react from '@vitejs/plugin-react';

// sql.js's wasm is served from node_modules through Vite's `?url` import; nothing else to set up.
// PGlite (@electric-sql/pglite) finds its wasm and data files next to its own module
// (`new URL(..., import.meta.url)`): it is excluded from pre-bundling (PGlite's documented setting),
// so the dev server serves it from node_modules with those files beside it, and a build emits them
// as assets of PGlite's own lazily loaded chunk (src/worker/pglite.ts).
//
// Tests and benchmarks (RELATA_NO_HMR=1) run the dev server without HMR: other people's edits to
// src/ must not reload or hot-swap a page in the middle of a Playwright test. Every dependency is
// pre-bundled up front (workers included), so the optimizer never discovers a dependency late and
// reloads open pages ("new dependencies optimized … reloading").
const noHmr = process.env.RELATA_NO_HMR === '1';

// The dev server only serves files under the workspace; PGlite fetches its wasm and data files by URL
// (not through the import graph), so its folder is allowed by its real path too (node_modules may be
// a symlink to a shared install, as in a git worktree).
const pgliteDist = (() => {
  try {
    return [realpathSync('node_modules/@electric-sql/pglite/dist')];
  } catch {
    return [];
  }
})();

export default defineConfig({
  plugins: [react()],
  worker: { format: 'es' },
  server: { port: 5173, strictPort: false, fs: { allow: [searchForWorkspaceRoot(process.cwd()), ...pgliteDist] }, ...(noHmr ? { hmr: false } : {}) },
  optimizeDeps: {
    exclude: ['@electric-sql/pglite'],
    entries: ['index.html', 'src/**/*.worker.ts'],
    include: [
      '@codemirror/autocomplete', '@codemirror/commands', '@codemirror/lang-javascript', '@codemirror/language',
      '@codemirror/lint', '@codemirror/state', '@codemirror/view', '@tanstack/react-query',
      '@xyflow/react', 'acorn', 'codemirror', 'comlink', 'elkjs/lib/elk.bundled.js', 'fflate', 'idb', 'react', 'react-dom', 'react-dom/client',
      'react/jsx-dev-runtime', 'react/jsx-runtime', 'sql.js', 'zustand', 'zustand/traditional',
    ],
  },
  build: { target: 'es2022', sourcemap: true },
});
