// The bench's scratch folder: one temporary folder for the run (workloads, journals, the git
// repository), removed as the run goes and at its end, unless --keep asks to look inside.

import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface TempSpace {
  readonly root: string;
  /** A new, empty folder `name` inside the scratch folder. */
  folder: (name: string) => string;
  /** A path for a file inside the scratch folder (not created). */
  file: (name: string) => string;
  /** Drops a folder or file no longer needed (left in place when keeping). */
  remove: (path: string) => void;
  cleanup: () => void;
}

export interface TempSpaceOptions {
  /** Where to make the scratch folder (default: the OS temporary folder). */
  parent?: string;
  /** Leave everything in place, for a look inside after the run. */
  keep?: boolean;
}

export function makeTempSpace({ parent = tmpdir(), keep = false }: TempSpaceOptions = {}): TempSpace {
  mkdirSync(parent, { recursive: true });
  const root = mkdtempSync(join(parent, 'ferry-bench-'));
  return {
    root,
    folder: (name) => {
      const dir = join(root, name);
      rmSync(dir, { recursive: true, force: true });
      mkdirSync(dir, { recursive: true });
      return dir;
    },
    file: (name) => join(root, name),
    remove: (path) => {
      if (!keep) rmSync(path, { recursive: true, force: true });
    },
    cleanup: () => {
      if (!keep) rmSync(root, { recursive: true, force: true });
    },
  };
}
