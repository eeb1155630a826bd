// The fifth schema step: drafts of notes not written yet. A note opened blank (New note, a day's
// entry not begun) is written with its first commit, so that its first version holds the words
// typed, not an empty "Untitled" before them. Until then what is typed is saved here, as durably
// as any draft (the drafts table hangs off a note's row, which such a note does not have yet).

import type { Migration } from './migration.js';

export const firstDrafts: Migration = {
  version: 5,
  name: 'drafts of notes not written yet',
  up(db) {
    db.exec(`
      CREATE TABLE first_drafts (
        note_id      BLOB PRIMARY KEY,
        title        TEXT NOT NULL,
        body         TEXT NOT NULL,
        tags         TEXT NOT NULL,
        -- The fields the note was opened with (body: empty): a draft still equal to them writes nothing.
        opened_title TEXT NOT NULL,
        opened_tags  TEXT NOT NULL,
        saved        INTEGER NOT NULL
      ) WITHOUT ROWID;
    `);
  },
};
