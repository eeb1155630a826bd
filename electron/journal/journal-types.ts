// The shapes the journal's calls take and give (journal.ts): its dependencies, what an edit, an
// import or an undo returns, the status, and what a version did. The CLI prints them; the app's
// contract will carry them.

import type { ErrorData } from '../../shared/errors.js';
import type { NoteView, Version, VersionVector } from '../../shared/model.js';
import type { RandomBytes } from './ids.js';
import type { ReceiveOptions } from './receive.js';
import type { SyncCheckpoint } from './remote.js';
import type { RunNote } from './runs.js';
import type { HeadMerger } from './view.js';

export interface JournalDeps {
  /** Wall clock in ms (display only: ordering never uses it). */
  clock?: () => number;
  random?: RandomBytes;
  merge?: HeadMerger;
}

export interface CreateOptions extends JournalDeps {
  deviceName?: string;
  /** The journal this replica joins (a clone); a new journal when absent. */
  journalId?: string;
}

export interface EditResult {
  note: NoteView;
  /** The version written, or null when nothing changed. */
  version: Version | null;
}

/** What an editor sends of a note as it is typed. */
export interface TypedFields {
  title: string;
  body: string;
  tags: readonly string[];
}

export interface Draft {
  noteId: string;
  title: string;
  body: string;
  tags: string[];
  /** The heads the draft was begun on: they become its version's parents. */
  base: string[];
  saved: number;
}

export type ChangeKind = 'created' | 'edited' | 'trashed' | 'restored' | 'merged' | 'resolved';

/** What a version did, for histories and the log. */
export interface VersionInfo {
  kind: ChangeKind;
  /** The author's device name, as last heard. */
  device: string;
  /** The fields that differ from what the version was written on (its parent, or its parents merged). */
  changed: ('title' | 'body' | 'tags')[];
}

export interface JournalStatus {
  journalId: string;
  replicaId: string;
  deviceName: string;
  vector: VersionVector;
  path: string;
  notes: number;
  trash: number;
  conflicts: number;
  versions: number;
  drafts: number;
  /** Versions written here that no other replica is known to hold. */
  pending: number;
  /** Other replicas heard of. */
  peers: number;
  /** The sync server's URL, when one is set. */
  remote: string | null;
  lastSync: string | null;
  /** Why the last sync failed, until one works. */
  lastSyncError: ErrorData | null;
  /** Set when a copy of this database was detected: writing has stopped. */
  copied: string | null;
}

/** What a peer told us about itself when its versions arrived (a bundle's header). */
export interface LearnedFromPeer {
  replicaId: string;
  vector: VersionVector;
  devices: Record<string, string>;
  /** When that was true (a sync server's "last seen"); now when absent. */
  heard?: number;
}

export interface ImportResult {
  /** The run recorded, or null when nothing new arrived. */
  run: number | null;
  stored: number;
  alreadyHeld: number;
  /** The notes these versions changed, with each one's change over the whole run (which an earlier page may have begun). */
  notes: RunNote[];
}

/** A note named in an undo: put back, or left alone because it changed after the run. */
export interface UndoneNote {
  noteId: string;
  title: string;
}

export interface UndoResult {
  run: number;
  /** Notes put back as they were before the run. */
  restored: UndoneNote[];
  /** Notes the run created, moved to the trash. */
  trashed: UndoneNote[];
  /** Notes edited after the run, left alone. */
  skipped: UndoneNote[];
}

export type Resolution = { take: string } | { title?: string; body?: string; tags?: readonly string[] };

export interface ImportOptions extends ReceiveOptions {
  /** Where a sync got to, moved in the same transaction as the versions. */
  checkpoint?: SyncCheckpoint;
  /**
   * The run an earlier page of the same sync was recorded as: these versions join it when nothing
   * else was stored since (so one sync is one run), and start a run of their own otherwise.
   */
  continueRun?: number;
  /**
   * The journal these versions belong to, when it is not this replica's: this replica, which must
   * hold nothing yet, joins it in the same transaction (joining.ts), and stores nothing if it may not.
   */
  joining?: string;
}
