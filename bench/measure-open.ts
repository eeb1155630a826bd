// Opening a journal: `Journal.open` (schema check, migrations, leftover drafts) and `close`, in
// this process. The first open pays for SQLite's first reads and statement compilation; the timed
// runs follow it, with the file in the OS page cache, as for an app that is started again.

import { performance } from 'node:perf_hooks';
import { Journal } from '../electron/journal/journal.js';
import { repeated, type Repeated } from './stats.js';

export interface OpenFigures {
  runs: number;
  /** The first open in this process (not in the median). */
  firstMs: number;
  ms: Repeated;
}

export function measureOpen(dir: string, runs: number): OpenFigures {
  const once = (): number => {
    const begun = performance.now();
    Journal.open(dir).close();
    return performance.now() - begun;
  };
  const firstMs = once();
  return { runs, firstMs, ms: repeated(Array.from({ length: runs }, once)) };
}
