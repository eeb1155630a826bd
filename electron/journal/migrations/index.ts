// The journal's schema as an ordered list of steps, and the runner: it reads `user_version`,
// refuses a database written by a newer Ferry (without changing a byte of it), and runs each
// missing step in its own transaction.

import { FerryError } from '../../../shared/errors.js';
import { applicationId, inTransaction, type WritableDb } from '../database.js';
import { journalSchema } from './0001-journal.js';
import { runsPeersExchange } from './0002-runs-peers-exchange.js';
import { remote } from './0003-remote.js';
import { listPreviews } from './0004-list-previews.js';
import { firstDrafts } from './0005-first-drafts.js';
import { segmentedSearch } from './0006-segmented-search.js';
import { conflictIndex } from './0007-conflict-index.js';
import type { Migration } from './migration.js';

export const migrations: readonly Migration[] = [journalSchema, runsPeersExchange, remote, listPreviews, firstDrafts, segmentedSearch, conflictIndex];

export function latestSchemaVersion(list: readonly Migration[] = migrations): number {
  return list.length === 0 ? 0 : list[list.length - 1]!.version;
}

/** The steps must be numbered 1, 2, 3, … in order: a gap or a swap is a bug caught at start. */
export function checkMigrationOrder(list: readonly Migration[]): void {
  list.forEach((m, i) => {
    if (m.version !== i + 1) throw new FerryError('Internal', `Migration "${m.name}" is number ${m.version} but stands at place ${i + 1}.`);
  });
}

export interface SchemaState {
  userVersion: number;
  applicationId: number;
}

export function readSchemaState(db: WritableDb): SchemaState {
  return {
    userVersion: db.pragma('user_version', { simple: true }) as number,
    applicationId: db.pragma('application_id', { simple: true }) as number,
  };
}

/**
 * Refuses, before anything is written, a file that is not a Ferry journal or that a newer Ferry
 * wrote. Reading these two pragmas does not change the file. A journal always carries Ferry's
 * application id (init writes it with the first step, under a temporary name), so a database
 * without it, even an empty one, belongs to someone else and is left alone.
 */
export function checkSchemaState(state: SchemaState, file: string, list: readonly Migration[] = migrations): void {
  if (state.applicationId !== applicationId) {
    throw new FerryError('NotAJournal', `${file} is not a Ferry journal (it is another program's SQLite database, or empty); Ferry left it untouched.`);
  }
  const latest = latestSchemaVersion(list);
  if (state.userVersion > latest) {
    throw new FerryError(
      'JournalFromFuture',
      `This journal was written by a newer version of Ferry (schema ${state.userVersion}; this one knows up to ${latest}). Update Ferry to open it; nothing in it was changed.`,
    );
  }
}

/** Runs every step the database lacks, each in a transaction that also moves `user_version`. */
export function migrate(db: WritableDb, list: readonly Migration[] = migrations): number {
  checkMigrationOrder(list);
  let version = readSchemaState(db).userVersion;
  for (const step of list) {
    if (step.version <= version) continue;
    inTransaction(db, () => {
      step.up(db);
      db.pragma(`application_id = ${applicationId}`);
      db.pragma(`user_version = ${step.version}`);
    });
    version = step.version;
  }
  return version;
}
