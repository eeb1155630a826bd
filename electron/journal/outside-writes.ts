// Writes to the journal by another process on this machine: `ferry` in a terminal while the app
// is open, or a second app on the same journal. SQLite's `data_version` moves only when another
// connection commits, so reading it is how a process notices them, for the price of one pragma.
// What they changed is read from the versions that arrived since (rows are numbered in order).

import { toHex } from './ids.js';
import type { ReadStore } from './store.js';

export class OutsideWrites {
  private version: number;
  private last: number;

  constructor(private readonly store: ReadStore) {
    this.version = this.dataVersion();
    this.last = this.lastRow();
  }

  /** The notes that other processes gave new versions since the last call; empty when none. */
  poll(): string[] {
    const version = this.dataVersion();
    const last = this.lastRow();
    const after = this.last;
    this.last = last;
    if (version === this.version) return []; // only this process wrote: nothing to tell it
    this.version = version;
    // Versions written here in between are included too; telling of them again does no harm.
    const rows = this.store.prepared('SELECT DISTINCT notes.note_id AS id FROM versions JOIN notes ON notes.nno = versions.nno WHERE versions.vno > ? AND versions.vno <= ?').all(after, last) as { id: Uint8Array }[];
    return rows.map((row) => toHex(row.id));
  }

  private dataVersion(): number {
    return this.store.db.pragma('data_version', { simple: true }) as number;
  }

  private lastRow(): number {
    return (this.store.prepared('SELECT coalesce(max(vno), 0) AS last FROM versions').get() as { last: number }).last;
  }
}
