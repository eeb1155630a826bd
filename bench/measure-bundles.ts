// Bundles on the standard workload: the full bundle (size, time to create), a clone from it, and
// the incremental bundle a peer holding the initial phase needs after the increment (size, time).
// The workload's journal is the one the commit replay wrote; the incremental bundle's basis is that
// journal's vector at the end of the initial phase (every version is this one replica's).

import { rmSync, statSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { createBundle } from '../electron/bundle/create-bundle.js';
import { cloneFromBundle } from '../electron/bundle/import-bundle.js';
import { Journal } from '../electron/journal/journal.js';
import { formatBytes, formatDuration } from './format-units.js';
import type { Progress } from './progress.js';
import { repeated, type Repeated } from './stats.js';
import type { TempSpace } from './temp-space.js';
import type { Operation } from './workload.js';

export interface BundleFigures {
  versions: number;
  fullBytes: number;
  fullCreateMs: Repeated;
  cloneMs: Repeated;
  incrementVersions: number;
  incrementBytes: number;
  incrementCreateMs: Repeated;
}

export async function measureBundles(journalDir: string, operations: readonly Operation[], temp: TempSpace, progress: Progress, reps: { create: number; clone: number }): Promise<BundleFigures> {
  const journal = Journal.open(journalDir);
  try {
    const lastInitial = Math.max(...operations.filter((op) => op.phase === 'initial').map((op) => op.time));
    const versions = journal.log(Number.MAX_SAFE_INTEGER);
    const increment = versions.filter((v) => v.time > lastInitial);
    const basis = { [journal.replicaId]: journal.vector()[journal.replicaId]! - increment.length };

    const full = temp.file('full.ferry');
    const fullTimes: number[] = [];
    for (let i = 0; i <= reps.create; i++) {
      const begun = performance.now();
      await createBundle(journal, full, { all: true });
      // The first run warms the caches and the JIT; it is not counted.
      if (i > 0) fullTimes.push(performance.now() - begun);
    }
    const fullBytes = statSync(full).size;
    progress(`full bundle: ${formatBytes(fullBytes)}, created in ${formatDuration(repeated(fullTimes).median)} (median of ${reps.create})`);

    const cloneTimes: number[] = [];
    for (let i = 0; i < reps.clone; i++) {
      const dir = temp.folder(`clone-${i}`);
      const begun = performance.now();
      const { journal: cloned } = await cloneFromBundle(full, dir, { deviceName: 'bench clone' });
      cloneTimes.push(performance.now() - begun);
      cloned.close();
      rmSync(dir, { recursive: true, force: true });
    }
    progress(`clone from the full bundle: ${formatDuration(repeated(cloneTimes).median)} (median of ${reps.clone})`);

    const incremental = temp.file('increment.ferry');
    const incrementTimes: number[] = [];
    for (let i = 0; i <= reps.create; i++) {
      const begun = performance.now();
      await createBundle(journal, incremental, { basis });
      if (i > 0) incrementTimes.push(performance.now() - begun);
    }
    const incrementBytes = statSync(incremental).size;
    progress(`incremental bundle (${increment.length} versions): ${formatBytes(incrementBytes)}`);
    return {
      versions: versions.length,
      fullBytes,
      fullCreateMs: repeated(fullTimes),
      cloneMs: repeated(cloneTimes),
      incrementVersions: increment.length,
      incrementBytes,
      incrementCreateMs: repeated(incrementTimes),
    };
  } finally {
    journal.close();
  }
}
