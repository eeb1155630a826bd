// The exchange folders a replica watches (DESIGN.md, "Bundles"), kept in the journal so the app and
// `ferry watch` agree on them. Paths are stored absolute.

import type { ReadStore, WriteStore } from './store.js';

export interface ExchangeFolder {
  path: string;
  added: number;
}

export function listExchangeFolders(store: ReadStore): ExchangeFolder[] {
  return store.prepared('SELECT path, added FROM exchange_folders ORDER BY added, path').all() as ExchangeFolder[];
}

/** Adds a folder; false when it was already there. */
export function addExchangeFolder(store: WriteStore, path: string, time: number): boolean {
  return store.prepared('INSERT INTO exchange_folders (path, added) VALUES (?, ?) ON CONFLICT (path) DO NOTHING').run(path, time).changes === 1;
}

/** Removes a folder; false when it was not there. */
export function removeExchangeFolder(store: WriteStore, path: string): boolean {
  return store.prepared('DELETE FROM exchange_folders WHERE path = ?').run(path).changes === 1;
}
