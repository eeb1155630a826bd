// What Settings shows for each exchange folder while the app watches it: the last thing that
// happened there (a bundle imported, this device's bundle written, a file left alone) and what is
// wrong with it now (gone with its stick, a damaged bundle). Pure: the app service keeps one per
// folder and tells the pages when it changes.

import { basename } from 'node:path';
import { count } from '../../shared/count.js';
import type { ExchangeStatus } from '../../shared/sync-status.js';
import type { ExchangeEvent } from '../watch/exchange.js';

/** Something done in the folder, as Settings says it, and when. */
export interface FolderActivity {
  time: number;
  text: string;
}

export interface FolderState {
  /** The last bundle from another device dealt with there: imported, or left alone. */
  lastImport: FolderActivity | null;
  /** The last time this device's bundle was written there, and what it holds for the others. */
  lastWrite: FolderActivity | null;
  /** What stops the folder from working now; null when nothing does. */
  lastError: string | null;
}

export const unwatchedFolder: FolderState = { lastImport: null, lastWrite: null, lastError: null };

export const folderMissing = 'The folder is not there (a USB stick that was pulled?); it is used again as soon as it is back.';

/** An exchange folder that is a file: no stick will bring it back, so the person is told to remove it. */
export const folderIsFile = 'This is a file, not a folder: remove it from the exchange folders, and add the folder that holds the bundles.';

/** The folder's state after `event`. The folder's path is on the row already, so files go by name. */
export function nextFolderState(state: FolderState, event: ExchangeEvent, now: number): FolderState {
  const done = (text: string): FolderActivity => ({ time: now, text });
  switch (event.kind) {
    case 'imported':
      return { ...state, lastImport: done(`Imported ${count(event.versions, 'version')} from “${event.device}” (${basename(event.file)})`), lastError: null };
    case 'skipped':
      return { ...state, lastImport: done(`Left ${basename(event.file)} alone: ${event.reason}`), lastError: null };
    case 'wrote': {
      const holds = event.versions === 0 ? 'nothing the other devices lack' : `${count(event.versions, 'version')} for the other devices`;
      return { ...state, lastWrite: done(`Wrote this device’s bundle (${basename(event.file)}): ${holds}`), lastError: null };
    }
    case 'failed':
      return { ...state, lastError: event.message };
    case 'missing':
      return { ...state, lastError: event.file === true ? folderIsFile : folderMissing };
    case 'back':
      return { ...state, lastError: null };
  }
}

/**
 * What the status bar and the tray say of the folders together (null when there are none): the
 * latest bundle written and read in any of them, and the first folder that does not work now.
 */
export function exchangeStatus(folders: readonly ({ path: string } & FolderState)[]): ExchangeStatus | null {
  if (folders.length === 0) return null;
  const latest = (times: (number | undefined)[]): string | null => {
    const known = times.filter((t): t is number => t !== undefined);
    return known.length === 0 ? null : new Date(Math.max(...known)).toISOString();
  };
  const broken = folders.find((f) => f.lastError !== null);
  return {
    folders: folders.length,
    lastWrite: latest(folders.map((f) => f.lastWrite?.time)),
    lastImport: latest(folders.map((f) => f.lastImport?.time)),
    problem: broken === undefined ? null : `${broken.path}: ${broken.lastError}`,
    missing: broken?.lastError === folderMissing,
  };
}
