// Paths into the compiled tree, for tests that run code in a child process.
import { fileURLToPath } from 'node:url';

export const repoRoot = fileURLToPath(new URL('../..', import.meta.url));

/** The file:// URL of a compiled module, e.g. distModule('electron/journal/journal.js'). */
export function distModule(path: string): string {
  return new URL(`../../dist/${path}`, import.meta.url).href;
}
