// Where the Electron binary is, without `require('electron')`: that call tries to download the
// binary when it is missing, which on a machine that reaches only the npm registry fails slowly
// and noisily. Looks where the electron package keeps it (dist/, named by path.txt) and honours
// ELECTRON_OVERRIDE_DIST_PATH, as the package does. Used by `npm start` and the Electron specs.

import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/** @returns {string | null} the binary's path, or null when it is not installed */
export function electronBinary() {
  const dir = dirname(createRequire(import.meta.url).resolve('electron/package.json'));
  const named = existsSync(join(dir, 'path.txt')) ? readFileSync(join(dir, 'path.txt'), 'utf8').trim() : null;
  const override = process.env.ELECTRON_OVERRIDE_DIST_PATH;
  const path = override !== undefined && override !== '' ? join(override, named ?? 'electron') : named === null ? null : join(dir, 'dist', named);
  return path !== null && existsSync(path) ? path : null;
}
