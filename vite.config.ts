// Builds the renderer (renderer/) into dist/renderer, which the web host and the Electron shell
// serve. Relative asset paths, so the same build loads from http://127.0.0.1 and from file://.
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

export default defineConfig({
  root: 'renderer',
  base: './',
  plugins: [react()],
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    target: 'es2023',
    sourcemap: true,
    // CodeMirror and React together are larger than Vite's default warning size; that is expected.
    chunkSizeWarningLimit: 1500,
  },
  logLevel: 'warn',
});
