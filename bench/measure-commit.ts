// Commit throughput and edit latency: whole replays of the workload into fresh journals. The
// rate is versions written over the replay's wall time; the latency is each editNote call's.
// Each figure is the median over the repetitions of that repetition's figure.

import { formatCount, formatDuration } from './format-units.js';
import type { Progress } from './progress.js';
import { replayWorkload } from './replay.js';
import { percentile, repeated, type Repeated } from './stats.js';
import type { TempSpace } from './temp-space.js';
import type { Operation } from './workload.js';

export interface CommitFigures {
  reps: number;
  operations: number;
  versions: number;
  edits: number;
  replaySeconds: Repeated;
  versionsPerSecond: Repeated;
  editP50Ms: Repeated;
  editP99Ms: Repeated;
  editMaxMs: Repeated;
  createP50Ms: Repeated;
}

export interface CommitRun {
  figures: CommitFigures;
  /** The first repetition's journal, closed and kept for the size on disk. */
  journalDir: string;
}

export function measureCommits(operations: readonly Operation[], reps: number, seed: string, temp: TempSpace, progress: Progress): CommitRun {
  const perRep = { seconds: [] as number[], rate: [] as number[], p50: [] as number[], p99: [] as number[], max: [] as number[], create: [] as number[] };
  let versions = 0;
  let edits = 0;
  let journalDir = '';
  for (let rep = 1; rep <= reps; rep++) {
    const dir = temp.folder(`replay-${rep}`);
    progress(`replay ${rep}/${reps}: ${formatCount(operations.length)} operations into a fresh journal`);
    const result = replayWorkload(dir, operations, {
      seed,
      onProgress: (done) => progress(`  replay ${rep}/${reps}: ${formatCount(done)} operations`),
    });
    versions = result.versions;
    edits = result.editMs.length;
    const rate = result.versions / (result.elapsedMs / 1000);
    perRep.seconds.push(result.elapsedMs / 1000);
    perRep.rate.push(rate);
    perRep.create.push(percentile(result.createMs, 50));
    if (result.editMs.length > 0) {
      perRep.p50.push(percentile(result.editMs, 50));
      perRep.p99.push(percentile(result.editMs, 99));
      perRep.max.push(percentile(result.editMs, 100));
    }
    progress(
      `replay ${rep}/${reps}: ${formatDuration(result.elapsedMs)}, ${formatCount(rate)} versions/s` +
        (result.editMs.length > 0 ? `, edit p50 ${formatDuration(percentile(result.editMs, 50))}, p99 ${formatDuration(percentile(result.editMs, 99))}` : ''),
    );
    if (rep === 1) journalDir = dir;
    else temp.remove(dir);
  }
  const orNaN = (samples: number[]): Repeated => (samples.length > 0 ? repeated(samples) : { median: Number.NaN, samples: [] });
  return {
    journalDir,
    figures: {
      reps,
      operations: operations.length,
      versions,
      edits,
      replaySeconds: repeated(perRep.seconds),
      versionsPerSecond: repeated(perRep.rate),
      editP50Ms: orNaN(perRep.p50),
      editP99Ms: orNaN(perRep.p99),
      editMaxMs: orNaN(perRep.max),
      createP50Ms: repeated(perRep.create),
    },
  };
}
