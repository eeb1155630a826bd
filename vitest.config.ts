import { defineConfig } from 'vitest/config';

// Unit and integration tests sit next to the code as *.test.ts. Playwright specs in e2e/ are
// *.spec.ts and are run by Playwright, never by Vitest.
export default defineConfig({
  test: {
    include: ['shared/**/*.test.ts', 'electron/**/*.test.ts', 'renderer/**/*.test.{ts,tsx}', 'bench/**/*.test.ts'],
    exclude: ['node_modules/**', 'dist/**', 'e2e/**'],
    environment: 'node',
    globalSetup: ['electron/testing/build-dist.ts'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});
