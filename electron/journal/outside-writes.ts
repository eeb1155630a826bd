// Writes to the journal by another process on this machine: `ferry` in a terminal while the app
// is open, or a second app on the same journal. SQLite's `data_version` moves only when another
// connection commits, so reading it is how a process notices them, for the price of one pragma.
// What they changed is read from the versions that arrived since (rows are numbered in order),
// and from the settings other processes may change: the sync server and the exchange folders.

import { toHex } from './ids.js';
import type { ReadStore } from './store.js';

/** What other processes changed since the last look. */
export interface OutsideChanges {
  /** The notes they gave new versions. */
  noteIds: string[];
  /** Whether they set, changed or removed the sync server or its token (`ferry remote set`). */
  remoteChanged: boolean;
  /** Whether they added or removed an exchange folder (`ferry exchange add`). */
  foldersChanged: boolean;
}

export class OutsideWrites {
  private version: number;
  private last: number;
  private remote: string;
  private folders: string;

  constructor(private readonly store: ReadStore) {
    this.version = this.dataVersion();
    this.last = this.lastRow();
    this.remote = this.remoteKey();
    this.folders = this.foldersKey();
  }

  poll(): OutsideChanges {
    const version = this.dataVersion();
    const last = this.lastRow();
    const remote = this.remoteKey();
    const folders = this.foldersKey();
    const after = this.last;
    const before = { remote: this.remote, folders: this.folders };
    this.last = last;
    this.remote = remote;
    this.folders = folders;
    // Only this process wrote: it has told of its own writes already.
    if (version === this.version) return { noteIds: [], remoteChanged: false, foldersChanged: false };
    this.version = version;
    // Versions written here in between are included too; telling of them again does no harm.
    const rows = this.store.prepared('SELECT DISTINCT notes.note_id AS id FROM versions JOIN notes ON notes.nno = versions.nno WHERE versions.vno > ? AND versions.vno <= ?').all(after, last) as { id: Uint8Array }[];
    return { noteIds: rows.map((row) => toHex(row.id)), remoteChanged: remote !== before.remote, foldersChanged: folders !== before.folders };
  }

  /** The exchange folders, as one string. */
  private foldersKey(): string {
    return (this.store.prepared('SELECT path FROM exchange_folders ORDER BY path').all() as { path: string }[]).map((row) => row.path).join('\u0000');
  }

  /** The sync server's address and token, as one string (syncs write the rest of its row). */
  private remoteKey(): string {
    const row = this.store.prepared('SELECT url, token FROM remote WHERE one = 1').get() as { url: string; token: string } | undefined;
    return row === undefined ? '' : JSON.stringify([row.url, row.token]);
  }

  private dataVersion(): number {
    return this.store.db.pragma('data_version', { simple: true }) as number;
  }

  private lastRow(): number {
    return (this.store.prepared('SELECT coalesce(max(vno), 0) AS last FROM versions').get() as { last: number }).last;
  }
}
