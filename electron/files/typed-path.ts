// Paths as a person gives them (a bundle, an exchange folder), made the absolute paths the engine
// uses: `~` is the home folder (the app's fields have no shell to expand it); a relative path is
// taken from the working folder where there is one (the CLI), and refused where there is none
// (the app, whose engine runs in a folder the person never chose).

import { existsSync, statSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import { FerryError } from '../../shared/errors.js';

export interface PathBase {
  /** Where a relative path starts; null: relative paths are refused. */
  cwd: string | null;
  home: string;
}

/** `example`: a whole path of the kind asked for, for the sentence that refuses a partial one. */
export function typedPath(typed: string, base: PathBase, example: string): string {
  const trimmed = typed.trim();
  if (trimmed === '') throw new FerryError('BadInput', `Give a path, for example ${example}.`);
  const expanded = trimmed === '~' ? base.home : /^~[/\\]/u.test(trimmed) ? join(base.home, trimmed.slice(2)) : trimmed;
  if (!isAbsolute(expanded) && base.cwd === null) {
    throw new FerryError('BadInput', `“${trimmed}” is not a whole path: give the full path, for example ${example} (or ~/… in your home folder).`);
  }
  // A trailing separator says "a folder" (bundlePath): it is kept.
  const path = resolve(base.cwd ?? '/', expanded);
  return /[/\\]$/u.test(expanded) && !/[/\\]$/u.test(path) ? `${path}${expanded.slice(-1)}` : path;
}

/** An exchange folder: a file is refused; a folder not there yet is kept, as a stick not plugged in is. */
export function exchangeFolderPath(typed: string, base: PathBase): string {
  const path = typedPath(typed, base, '/media/usb/ferry').replace(/(?<=.)[/\\]$/u, '');
  if (existsSync(path) && !statSync(path).isDirectory()) throw new FerryError('BadInput', `${path} is a file, not a folder: give the folder that holds (or will hold) the bundles.`);
  return path;
}
