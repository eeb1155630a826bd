// The third schema step, for network sync: the sync server this replica syncs with, its token,
// and the checkpoint of the last sync (what the server held, which replica news was seen), moved
// in the same transaction as the versions a sync page brings.

import type { Migration } from './migration.js';

export const remote: Migration = {
  version: 3,
  name: 'sync server',
  up(db) {
    db.exec(`
      CREATE TABLE remote (
        one           INTEGER PRIMARY KEY CHECK (one = 1),
        url           TEXT NOT NULL,
        token         TEXT NOT NULL,
        -- What the server held at the last answer: what a push must bring it.
        server_vector TEXT NOT NULL DEFAULT '{}',
        -- The revision of replica news last seen (docs/sync-protocol.md, P6).
        replicas_rev  INTEGER NOT NULL DEFAULT 0,
        last_sync     INTEGER,
        last_attempt  INTEGER,
        -- {"code","message"} of the last failed sync, cleared by a good one.
        last_error    TEXT
      );
    `);
  },
};
