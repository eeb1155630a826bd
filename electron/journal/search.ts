// Full-text search over the view: what a person typed becomes a safe FTS5 query
// (search-query.ts), matches are ranked by bm25 (title above tags above body), and each hit gets
// a snippet with the matched words marked. Trashed notes are searched only when asked.

import type { NoteSummary } from '../../shared/model.js';
import { toFtsQuery } from './search-query.js';
import { noteSummary, type NoteRow, type ReadStore } from './store.js';

export interface SearchOptions {
  /** At most this many hits (default 20). */
  limit?: number;
  /** Live notes (default), the trash, or both. */
  scope?: 'notes' | 'trash' | 'all';
}

export interface SearchHit {
  note: NoteSummary;
  /** A short excerpt around the matches, on one line. */
  snippet: string;
  /** [start, end) offsets (UTF-16 units) of the matched words in `snippet`. */
  highlights: [number, number][];
  /** bm25 score: lower is better. */
  score: number;
}

const markStart = '\uE000';
const markEnd = '\uE001';
const weights = { title: 10, body: 1, tags: 5 };

export function searchNotes(store: ReadStore, typed: string, options: SearchOptions = {}): SearchHit[] {
  const match = toFtsQuery(typed);
  if (match === null) return [];
  const limit = Math.min(Math.max(1, Math.floor(options.limit ?? 20)), 1000);
  const deleted = options.scope === 'trash' ? [1] : options.scope === 'all' ? [0, 1] : [0];
  // Rank first, then build snippets for the hits kept: snippets for every match would cost
  // a full scan of the matched text on common words.
  const ranked = store.db
    .prepare(
      `SELECT notes.*, bm25(search, ${weights.title}, ${weights.body}, ${weights.tags}) AS score
         FROM search JOIN notes ON notes.nno = search.rowid
        WHERE search MATCH ? AND notes.deleted IN (${deleted.join(', ')})
        ORDER BY score, notes.updated DESC
        LIMIT ?`,
    )
    .all(match, limit) as (NoteRow & { score: number })[];
  const snippetOf = store.db.prepare(`SELECT snippet(search, -1, '${markStart}', '${markEnd}', '…', 12) AS snippet FROM search WHERE search MATCH ? AND rowid = ?`);
  return ranked.map((row) => {
    const marked = (snippetOf.get(match, row.nno) as { snippet: string | null } | undefined)?.snippet ?? '';
    return { note: noteSummary(row), ...parseSnippet(marked), score: row.score };
  });
}

/** Splits a snippet with start/end marks into one-line text and highlight ranges. */
export function parseSnippet(marked: string): { snippet: string; highlights: [number, number][] } {
  const oneLine = marked.replace(/\s+/gu, ' ').trim();
  let snippet = '';
  const highlights: [number, number][] = [];
  let open = -1;
  for (const ch of oneLine) {
    if (ch === markStart) open = snippet.length;
    else if (ch === markEnd) {
      if (open >= 0 && snippet.length > open) highlights.push([open, snippet.length]);
      open = -1;
    } else snippet += ch;
  }
  return { snippet, highlights };
}
