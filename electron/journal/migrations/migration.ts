// One step of the journal's schema. Steps are listed in order in index.ts, one file each; the
// database's `user_version` says how many have run. Each runs in its own transaction.

import type { WritableDb } from '../database.js';

export interface Migration {
  /** 1, 2, 3, …: becomes `user_version` when the step has run. */
  readonly version: number;
  /** What the step does, in a few words. */
  readonly name: string;
  /** Changes the schema (and data). Synchronous: it runs inside the step's transaction. */
  up(db: WritableDb): void;
}
