// The fourth schema step, for lists of many notes: each note's preview line (preview.ts) kept in
// its row, written with its search index entry, so that listing 10,000 notes reads rows instead
// of cutting 10,000 bodies from the index and stripping their Markdown on every open. Journals of
// earlier steps get the line of every note computed here, once.

import { previewLead, previewLine } from '../../../shared/preview.js';
import type { Migration } from './migration.js';

export const listPreviews: Migration = {
  version: 4,
  name: 'preview lines for lists',
  up(db) {
    db.exec(`ALTER TABLE notes ADD COLUMN preview TEXT NOT NULL DEFAULT ''`);
    const rows = db.prepare(`SELECT notes.nno, notes.title, (SELECT substr(search.body, 1, ${previewLead}) FROM search WHERE search.rowid = notes.nno) AS lead FROM notes`).all() as { nno: number; title: string; lead: string | null }[];
    const set = db.prepare('UPDATE notes SET preview = ? WHERE nno = ?');
    for (const row of rows) set.run(previewLine(row.lead ?? '', row.title), row.nno);
  },
};
