// Where a bundle the user asked for goes, for the CLI and the app alike.

import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Journal } from '../journal/journal.js';
import { ownBundleName } from '../watch/own-bundle.js';

/**
 * A folder (the stick itself) gets a file named for this device inside it; a file name without
 * an extension gets `.ferry`, so it is recognised on the other side.
 */
export function bundlePath(file: string, journal: Journal): string {
  const isFolder = /[/\\]$/.test(file) || (existsSync(file) && statSync(file).isDirectory());
  if (isFolder) return join(file, ownBundleName(journal.deviceName, journal.replicaId));
  return /\.[^./\\]+$/.test(file) ? file : `${file}.ferry`;
}
