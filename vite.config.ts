import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// sql.js's wasm is served from node_modules through Vite's `?url` import; nothing else to set up.
export default defineConfig({
  plugins: [react()],
  worker: { format: 'es' },
  server: { port: 5173, strictPort: false },
  build: { target: 'es2022', sourcemap: true },
});
