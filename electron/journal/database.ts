// The journal's SQLite file: opening it safely, the pragmas that make a committed edit survive a
// crash or power loss (WAL with synchronous=FULL), and the translation of SQLite's failures into
// errors a person can act on. Read and write handles have different types (a function that only
// reads takes a ReadableDb), after Signal Desktop's ReadableDB/WritableDB.

import { createRequire } from 'node:module';
import Database from 'better-sqlite3';
import { FerryError } from '../../shared/errors.js';

declare const access: unique symbol;
export type ReadableDb = Database.Database & { readonly [access]: 'read' | 'write' };
export type WritableDb = Database.Database & { readonly [access]: 'write' };

/** "FRRY": marks the file as a Ferry journal, so another app's SQLite file is refused. */
export const applicationId = 0x46525259;

export const journalFileName = 'journal.db';

/**
 * Where better-sqlite3's compiled addon is. Naming it spares the `bindings` package's search of a
 * dozen paths at every start (2-3 ms of a CLI command). Node (tests, the CLI, the server) uses the
 * one `npm ci` built in node_modules; the desktop app names its own Electron build with
 * useSqliteAddon before opening anything (docs/native-modules.md), and FERRY_SQLITE_ADDON names
 * one for a process started by it (the CLI shipped with the app, run by Electron as Node).
 */
function defaultAddon(): string | undefined {
  const named = process.env.FERRY_SQLITE_ADDON?.trim();
  if (named !== undefined && named !== '') return named;
  try {
    return createRequire(import.meta.url).resolve('better-sqlite3/build/Release/better_sqlite3.node');
  } catch {
    return undefined;
  }
}

let addon = defaultAddon();

/** Names the compiled addon every database opened from now on loads (the desktop app's Electron build). */
export function useSqliteAddon(path: string): void {
  addon = path;
}

/** better-sqlite3's options naming the addon, for every database Ferry opens (the sync server's too). */
export function addonOption(): { nativeBinding?: string } {
  return addon === undefined ? {} : { nativeBinding: addon };
}

export function openDatabaseFile(file: string, mustExist: boolean): WritableDb {
  try {
    const db = new Database(file, { fileMustExist: mustExist, timeout: 5000, ...addonOption() });
    return db as WritableDb;
  } catch (error) {
    throw translateSqliteError(error, `opening ${file}`);
  }
}

/** Pragmas for durability and speed; run only after the file is known to be ours and current. */
export function configureConnection(db: WritableDb): void {
  db.pragma('journal_mode = WAL');
  // FULL: each commit syncs the WAL, so an edit that was acknowledged survives power loss.
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  db.pragma('cache_size = -16000');
  // Keeps the WAL from growing without bound between checkpoints.
  db.pragma('journal_size_limit = 4194304');
}

/** Runs `work` in one synchronous transaction (IMMEDIATE: takes the write lock up front). */
export function inTransaction<T>(db: WritableDb, work: () => T): T {
  try {
    return db.transaction(work).immediate();
  } catch (error) {
    throw translateSqliteError(error, 'writing to the journal');
  }
}

export function translateSqliteError(error: unknown, doing: string): unknown {
  if (error instanceof FerryError) return error;
  if (!(error instanceof Error)) return error;
  const code = (error as Error & { code?: unknown }).code;
  switch (code) {
    case 'SQLITE_FULL':
      return new FerryError('DiskFull', `The disk is full while ${doing}: nothing was written. Free some space and try again.`, { cause: error });
    case 'SQLITE_READONLY':
    case 'SQLITE_READONLY_DIRECTORY':
    case 'SQLITE_CANTOPEN':
    case 'SQLITE_PERM':
    case 'SQLITE_AUTH':
      return new FerryError('ReadOnly', `Ferry may not write to the journal (${doing}), which it needs even to read it: check that its folder exists and that you may write to it (${error.message}).`, { cause: error });
    case 'SQLITE_BUSY':
    case 'SQLITE_LOCKED':
      return new FerryError('JournalBusy', `The journal is busy: another Ferry process is writing to it. Try again in a moment.`, { cause: error });
    case 'SQLITE_NOTADB':
      return new FerryError('NotAJournal', `That is not a Ferry journal: the file is not an SQLite database (${doing}). Point --journal at a folder made by \`ferry init\`.`, { cause: error });
    case 'SQLITE_CORRUPT':
      return new FerryError('Corrupt', `The journal file is damaged (${error.message}) while ${doing}. Keep a copy of the folder and run \`ferry fsck\` to see what is wrong.`, { cause: error });
    case 'SQLITE_IOERR':
      return new FerryError('ReadOnly', `The disk reported an error while ${doing} (${error.message}); nothing was written. Check the drive.`, { cause: error });
    default:
      if (typeof code === 'string' && code.startsWith('SQLITE_IOERR')) {
        return new FerryError('ReadOnly', `The disk reported an error while ${doing} (${error.message}); nothing was written. Check the drive.`, { cause: error });
      }
      if (typeof code === 'string' && code.startsWith('SQLITE_FULL')) {
        return new FerryError('DiskFull', `The disk is full while ${doing}: nothing was written. Free some space and try again.`, { cause: error });
      }
      return error;
  }
}
