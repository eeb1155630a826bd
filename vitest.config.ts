import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';

// Unit and integration tests sit next to the code as *.test.ts. Playwright specs in e2e/ are
// *.spec.ts and are run by Playwright, never by Vitest. Renderer tests that need a DOM say
// `// @vitest-environment jsdom` at their top (jsdom, not happy-dom: DOMPurify is only safe there).
export default defineConfig({
  plugins: [react()],
  test: {
    include: ['shared/**/*.test.ts', 'electron/**/*.test.ts', 'renderer/**/*.test.{ts,tsx}', 'bench/**/*.test.ts'],
    exclude: ['node_modules/**', 'dist/**', 'e2e/**'],
    environment: 'node',
    globalSetup: ['electron/testing/build-dist.ts'],
    setupFiles: ['renderer/testing/setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});
