// The first schema: identity, replicas with the version vector, immutable versions with bodies
// stored as deltas, the materialised view (`notes`), drafts, and the full-text index.

import type { Migration } from './migration.js';

export const journalSchema: Migration = {
  version: 1,
  name: 'versions, notes view, drafts, search index',
  up(db) {
    db.exec(`
      -- journal_id, replica_id (this replica), created; 'copied' once a copy of this database is detected.
      CREATE TABLE meta (
        key   TEXT PRIMARY KEY,
        value TEXT NOT NULL
      ) WITHOUT ROWID;

      -- Every replica heard of. max_seq is this replica's entry in the version vector.
      CREATE TABLE replicas (
        rno         INTEGER PRIMARY KEY,
        replica_id  BLOB NOT NULL UNIQUE,
        device_name TEXT,
        max_seq     INTEGER NOT NULL DEFAULT 0,
        last_heard  INTEGER
      );

      -- The view, materialised: one row per note, a cache of the versions (fsck recomputes it).
      -- body is NULL when the note shows the body of version 'shown' as it is; a merged body
      -- (several heads merged cleanly) is kept here.
      CREATE TABLE notes (
        nno      INTEGER PRIMARY KEY,
        note_id  BLOB NOT NULL UNIQUE,
        title    TEXT NOT NULL,
        tags     TEXT NOT NULL,
        deleted  INTEGER NOT NULL,
        conflict INTEGER NOT NULL,
        heads    BLOB NOT NULL,
        shown    INTEGER NOT NULL,
        body     TEXT,
        created  INTEGER NOT NULL,
        updated  INTEGER NOT NULL,
        day      TEXT
      );
      CREATE INDEX notes_by_updated ON notes (deleted, updated);
      CREATE INDEX notes_by_day ON notes (day) WHERE day IS NOT NULL;

      -- Immutable, content-addressed versions; vno is the local order of arrival (the log).
      -- body: one format byte, then the full text or a delta against version 'base' (see body-codec.ts).
      CREATE TABLE versions (
        vno     INTEGER PRIMARY KEY,
        id      BLOB NOT NULL UNIQUE,
        nno     INTEGER NOT NULL REFERENCES notes (nno),
        rno     INTEGER NOT NULL REFERENCES replicas (rno),
        seq     INTEGER NOT NULL,
        time    INTEGER NOT NULL,
        parents BLOB NOT NULL,
        title   TEXT NOT NULL,
        tags    TEXT NOT NULL,
        deleted INTEGER NOT NULL,
        base    INTEGER REFERENCES versions (vno),
        chain   INTEGER NOT NULL,
        body    BLOB NOT NULL,
        UNIQUE (rno, seq)
      );
      CREATE INDEX versions_by_note ON versions (nno, vno);

      -- What is being typed, saved durably before it becomes a version; base: the heads it was begun on.
      CREATE TABLE drafts (
        nno   INTEGER PRIMARY KEY REFERENCES notes (nno),
        title TEXT NOT NULL,
        body  TEXT NOT NULL,
        tags  TEXT NOT NULL,
        base  BLOB NOT NULL,
        saved INTEGER NOT NULL
      );

      -- The search index over the view (rowid = notes.nno), diacritics folded, prefixes indexed.
      CREATE VIRTUAL TABLE search USING fts5 (
        title, body, tags,
        tokenize = 'unicode61 remove_diacritics 2',
        prefix = '2 3'
      );
    `);
  },
};
