// Ferry's version, from the package.json of the checkout or install it runs from. The CLI runs
// both bundled (dist/ferry.mjs) and unbundled (dist/electron/cli/), so the file is looked for in
// the folders above this module.

import { readFileSync } from 'node:fs';

export function ferryVersion(from: string = import.meta.url): string {
  for (let up = 1; up <= 4; up++) {
    try {
      const pkg = JSON.parse(readFileSync(new URL(`${'../'.repeat(up)}package.json`, from), 'utf8')) as { name?: unknown; version?: unknown };
      if (pkg.name === 'ferry-notes' && typeof pkg.version === 'string') return pkg.version;
    } catch {
      // Not here: look one folder up.
    }
  }
  return 'unknown';
}
