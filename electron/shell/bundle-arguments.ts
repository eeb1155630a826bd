// Bundles handed to the app by the system: a `.ferry` file opened from a file manager (its path in
// the command line on Linux and Windows, also when the app is already running and a second start
// passes its command line on; an `open-file` event on macOS). Pure: which arguments are bundles.

import { isAbsolute, resolve } from 'node:path';

export const bundleExtension = '.ferry';

/** The bundle paths among a command line's arguments (after the executable and the app path), made absolute. */
export function bundleFilesIn(args: readonly string[], cwd: string): string[] {
  const files: string[] = [];
  for (const arg of args) {
    if (arg.startsWith('-') || !arg.toLowerCase().endsWith(bundleExtension)) continue;
    const path = isAbsolute(arg) ? arg : resolve(cwd, arg);
    if (!files.includes(path)) files.push(path);
  }
  return files;
}
