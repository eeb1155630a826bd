// Type-aware linting for every world (shared/, electron/, renderer/, bench/).
import js from '@eslint/js';
import globals from 'globals';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'bin/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.strictTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        projectService: { allowDefaultProject: ['eslint.config.js', 'vitest.config.ts', 'vite.config.ts', 'playwright.config.ts', 'scripts/*.d.mts'] },
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true, allowBoolean: true }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/no-confusing-void-expression': 'off',
      '@typescript-eslint/prefer-literal-enum-member': 'off',
      // Lengths and orders are counted in code points on purpose (the same on every device).
      '@typescript-eslint/no-misused-spread': 'off',
    },
  },
  {
    // The rules of hooks, in the renderer (React).
    files: ['renderer/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: { 'react-hooks/rules-of-hooks': 'error', 'react-hooks/exhaustive-deps': 'error' },
  },
  {
    files: ['**/*.test.ts', '**/*.test.tsx'],
    rules: {
      // Vitest's asymmetric matchers (expect.stringContaining, …) are typed `any`.
      '@typescript-eslint/no-unsafe-assignment': 'off',
    },
  },
  {
    files: ['shared/**/*.ts'],
    ignores: ['shared/**/*.test.ts'],
    rules: {
      // shared/ runs in the browser and in Node: no imports of Node built-ins.
      'no-restricted-imports': ['error', { patterns: [{ group: ['node:*', 'fs', 'path', 'crypto', 'os'], message: 'shared/ must run in the browser too.' }] }],
    },
  },
  {
    files: ['electron/**/*.ts'],
    ignores: ['electron/shell/**'],
    rules: {
      // Only the thin shell may import electron; the engine runs headless in the CLI, the server and tests.
      'no-restricted-imports': ['error', { paths: [{ name: 'electron', message: 'Only electron/shell/ imports electron.' }] }],
      // The CLI starts on every call: its first toLocaleString loads ICU's number formats (~20 ms).
      'no-restricted-properties': ['error', { property: 'toLocaleString', message: 'Group thousands with grouped() or count() from shared/count.ts.' }],
    },
  },
  {
    // Playwright fixtures that need nothing are declared with an empty pattern: that is its API.
    files: ['e2e/**/*.ts'],
    rules: { 'no-empty-pattern': 'off' },
  },
  {
    files: ['**/*.js', '**/*.mjs', '*.config.ts'],
    ...tseslint.configs.disableTypeChecked,
    languageOptions: { globals: globals.node, parserOptions: { projectService: false, project: null } },
  },
);
