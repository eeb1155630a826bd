// Everything one bench run measured, as written to the results file (JSON) and printed. Keep the
// names stable: later runs are compared with earlier files.

import type { AppFigures } from './measure-app.js';
import type { CliFigures } from './measure-cli.js';
import type { CommitFigures } from './measure-commit.js';
import type { OpenFigures } from './measure-open.js';
import type { ReadFigures } from './measure-read.js';
import type { DiskFigures } from './measure-disk.js';
import type { SearchFigures } from './measure-search.js';
import type { GitBundleFigures } from './git-bundles.js';
import type { GitFigures } from './git-history.js';
import type { BundleFigures } from './measure-bundles.js';
import type { MachineInfo, RepoInfo } from './machine.js';
import type { LoadComparison } from './load-sync.js';
import type { PouchFigures } from './measure-pouchdb.js';
import type { SyncFigures } from './measure-sync.js';
import type { TargetCheck } from './targets.js';

export interface WorkloadFigures {
  notes: number;
  editsPerNote: number;
  seed: string;
  operations: number;
  creates: number;
  edits: number;
  deletes: number;
  incrementEdits: number;
  /** The generator's summary line. */
  generator: string;
}

export interface BenchResults {
  format: 'ferry-bench/1';
  startedAt: string;
  durationSeconds: number;
  machine: MachineInfo;
  /** The temporary folder's file system: the journals' commits wait for it. */
  scratchFilesystem: string;
  /** The 1-minute load average when the run started and when it ended (the bench itself adds about 1). */
  loadAverage: { start: number; end: number };
  repo: RepoInfo;
  workload: WorkloadFigures;
  commit: CommitFigures;
  disk: DiskFigures;
  /** Reading random versions of the workload's journal, cold (added after the first runs). */
  reads?: ReadFigures;
  /** One note edited 300 times, every version read cold (added with `reads`). */
  longHistory?: ReadFigures;
  git: GitFigures;
  /** Bundles of the workload (added with the sneakernet issue), and git doing the same. */
  bundles?: BundleFigures;
  gitBundles?: GitBundleFigures;
  /** Network sync through a local `ferry serve` (added with the sync issue), PouchDB on the same workload, the server under load. */
  sync?: SyncFigures;
  pouch?: PouchFigures | null;
  /** Why PouchDB was not measured, when it was not. */
  pouchSkipped?: string | null;
  /** null when --load-seconds 0. */
  load?: LoadComparison | null;
  /** The app in Chromium on the search journal (added with the app issue); null when it was not measured. */
  app?: AppFigures | null;
  /** Why the app was not measured (no Chromium), when it was not. */
  appSkipped?: string | null;
  searchJournal: WorkloadFigures & { buildSeconds: number; disk: DiskFigures };
  search: SearchFigures;
  open: OpenFigures;
  cli: CliFigures;
  targets: TargetCheck[];
}
