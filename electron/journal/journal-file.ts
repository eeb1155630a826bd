// The journal's file on disk: making a new one atomically, and opening an existing one only after
// it has been checked to be a Ferry journal this version can read (migrating it if it is older).

import { existsSync, mkdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { FerryError } from '../../shared/errors.js';
import { syncFolder } from '../files/sync-folder.js';
import { configureConnection, inTransaction, journalFileName, openDatabaseFile, translateSqliteError, type WritableDb } from './database.js';
import { newId128, type RandomBytes } from './ids.js';
import { checkSchemaState, migrate, readSchemaState } from './migrations/index.js';
import { WriteStore } from './store.js';
import { markViewCurrent } from './view-rules.js';

export function journalFile(dir: string): string {
  return join(dir, journalFileName);
}

/**
 * Makes a new journal with one replica in `dir`. The file is built under a temporary name and
 * renamed into place, so an interrupted init leaves no half-made journal behind. A clone passes
 * the journal id of the journal it joins; otherwise a new one is drawn.
 */
export function createJournalFile(dir: string, options: { random: RandomBytes; clock: () => number; deviceName: string; journalId?: string }): void {
  const file = journalFile(dir);
  if (existsSync(file)) throw new FerryError('JournalExists', `There is already a journal in ${dir}; use it, or pick another folder with --journal.`);
  try {
    mkdirSync(dir, { recursive: true });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST' || code === 'ENOTDIR') throw new FerryError('BadInput', `${dir} is a file, not a folder: give --journal (or FERRY_HOME) a folder for the journal.`, { cause: error });
    throw new FerryError('ReadOnly', `Cannot create the folder ${dir}: ${(error as Error).message}.`, { cause: error });
  }
  const temp = join(dir, `.${journalFileName}.init-${process.pid}`);
  rmSync(temp, { force: true });
  const db = openDatabaseFile(temp, false);
  try {
    configureConnection(db);
    migrate(db);
    const store = new WriteStore(db);
    inTransaction(db, () => {
      const journalId = options.journalId ?? newId128(options.random);
      const replicaId = newId128(options.random);
      store.setMeta('journal_id', journalId);
      store.setMeta('replica_id', replicaId);
      store.setMeta('created', String(options.clock()));
      store.ensureReplica(replicaId, options.deviceName);
      markViewCurrent({ store });
    });
    // Back to a single file before the rename, so no -wal or -shm is left under the old name.
    db.pragma('journal_mode = DELETE');
    db.close();
    renameSync(temp, file);
    syncFolder(dir);
  } catch (error) {
    if (db.open) db.close();
    rmSync(temp, { force: true });
    throw translateSqliteError(error, `creating a journal in ${dir}`);
  }
}

/** Opens, checks and migrates the journal file in `dir`; returns the connection and the identity. */
export function openJournalFile(dir: string): { db: WritableDb; journalId: string; replicaId: string } {
  const file = journalFile(dir);
  if (existsSync(dir) && !statSync(dir).isDirectory()) throw new FerryError('BadInput', `${dir} is a file, not a folder: point --journal (or FERRY_HOME) at the folder that holds the journal.`);
  if (!existsSync(file)) throw new FerryError('NoJournal', `There is no journal in ${dir}. Run \`ferry init\` to make one there, or point --journal (or FERRY_HOME) at an existing one.`);
  const db = openDatabaseFile(file, true);
  try {
    let state;
    try {
      state = readSchemaState(db);
    } catch (error) {
      throw translateSqliteError(error, `opening ${file}`);
    }
    // Before anything is written: a foreign or newer file is refused untouched.
    checkSchemaState(state, file);
    configureConnection(db);
    migrate(db);
    const store = new WriteStore(db);
    const journalId = store.meta('journal_id');
    const replicaId = store.meta('replica_id');
    if (journalId === undefined || replicaId === undefined) {
      throw new FerryError('NotAJournal', `${file} has a journal's tables but no identity: it was not made by \`ferry init\`.`);
    }
    return { db, journalId, replicaId };
  } catch (error) {
    db.close();
    throw translateSqliteError(error, `opening ${file}`);
  }
}
