// Where the built renderer is (dist/renderer, made by `npm run build`): found from this file by
// walking up to Ferry's package.json, so it works from the sources, from dist/ and from the
// bundles (the CLI's and the desktop app's, also inside the installed app's archive).

import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** dist/renderer of this checkout (or installed package), when `npm run build` has made it. */
export function builtRendererDir(): string | null {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest) && (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name === 'ferry-notes') {
      const renderer = join(dir, 'dist', 'renderer');
      return existsSync(join(renderer, 'index.html')) ? renderer : null;
    }
    const parent = dirname(dir);
    if (parent === dir) return null;
    dir = parent;
  }
}
