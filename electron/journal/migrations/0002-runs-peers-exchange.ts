// The second schema step, for more than one replica: what each other replica was last known to
// hold (from its bundles, later from sync), every import recorded as a run that can be undone,
// and the exchange folders this replica watches.

import type { Migration } from './migration.js';

export const runsPeersExchange: Migration = {
  version: 2,
  name: 'peers, runs, exchange folders',
  up(db) {
    db.exec(`
      -- The version vector another replica was last known to hold, and where that was learned.
      CREATE TABLE peer_vectors (
        rno     INTEGER PRIMARY KEY REFERENCES replicas (rno),
        vector  TEXT NOT NULL,
        learned INTEGER NOT NULL,
        source  TEXT NOT NULL
      );

      -- One import (a bundle, a clone, later a sync). Its versions are the rows first_vno..last_vno,
      -- inserted together in the run's one transaction. undone: when it was undone, if it was.
      CREATE TABLE runs (
        run       INTEGER PRIMARY KEY,
        time      INTEGER NOT NULL,
        kind      TEXT NOT NULL,
        source    TEXT NOT NULL,
        peer      INTEGER REFERENCES replicas (rno),
        first_vno INTEGER NOT NULL,
        last_vno  INTEGER NOT NULL,
        undone    INTEGER
      );

      -- Each note a run changed: its heads before (empty for a new note) and after, and what
      -- changed in its view (created, edited, deleted, restored, conflicted).
      CREATE TABLE run_notes (
        run    INTEGER NOT NULL REFERENCES runs (run),
        nno    INTEGER NOT NULL REFERENCES notes (nno),
        change TEXT NOT NULL,
        before BLOB NOT NULL,
        after  BLOB NOT NULL,
        PRIMARY KEY (run, nno)
      ) WITHOUT ROWID;

      -- Folders where this replica leaves its bundle and picks up the others'.
      CREATE TABLE exchange_folders (
        path  TEXT PRIMARY KEY,
        added INTEGER NOT NULL
      ) WITHOUT ROWID;
    `);
  },
};
