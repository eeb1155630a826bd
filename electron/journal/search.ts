// Full-text search over the view: what a person typed becomes a safe FTS5 query
// (search-query.ts), matches are ranked by bm25 (title above tags above body), and each hit gets
// a snippet with the matched words marked (snippet.ts). Trashed notes are searched only when asked.

import type { NoteSummary } from '../../shared/model.js';
import { highlightTerms, toFtsQuery, unsegmented } from '../../shared/search-query.js';
import { makeSnippet, matchSpans, tagSnippet } from '../../shared/snippet.js';
import { noteListColumns, noteSummary, type NoteListRow, type ReadStore } from './store.js';

export interface SearchOptions {
  /** At most this many hits (default 20). */
  limit?: number;
  /** Live notes (default), the trash, or both. */
  scope?: 'notes' | 'trash' | 'all';
  /** Only titles and tags (a query of one letter being typed: search-query.ts, titlesOnlySoFar). */
  titlesOnly?: boolean;
  /** Only the notes carrying this tag (as typed in the Tags field, without '#'). */
  tag?: string;
}

export interface SearchHit {
  note: NoteSummary;
  /** A short excerpt around the matches, on one line. */
  snippet: string;
  /** [start, end) offsets (UTF-16 units) of the matched words in `snippet`. */
  highlights: [number, number][];
  /** [start, end) offsets of the matched words in the note's title. */
  titleHighlights: [number, number][];
  /** bm25 score: lower is better. */
  score: number;
}

const weights = { title: 10, body: 1, tags: 5 };

/** The most hits one search answers. */
export const maxSearchHits = 1000;

export function searchNotes(store: ReadStore, typed: string, options: SearchOptions = {}): SearchHit[] {
  const query = toFtsQuery(typed);
  if (query === null) return [];
  const match = options.titlesOnly === true ? `{title tags} : (${query})` : query;
  const limit = Math.min(Math.max(1, Math.floor(options.limit ?? 20)), maxSearchHits);
  const deleted = options.scope === 'trash' ? [1] : options.scope === 'all' ? [0, 1] : [0];
  const tagged = options.tag === undefined ? '' : 'AND EXISTS (SELECT 1 FROM json_each(notes.tags) WHERE value = ?)';
  const ranked = store
    .prepared(
      `SELECT ${noteListColumns}, bm25(search, ${weights.title}, ${weights.body}, ${weights.tags}) AS score
         FROM search JOIN notes ON notes.nno = search.rowid
        WHERE search MATCH ? AND notes.deleted IN (${deleted.join(', ')}) ${tagged}
        ORDER BY score, notes.updated DESC
        LIMIT ?`,
    )
    .all(...(options.tag === undefined ? [match, limit] : [match, options.tag, limit])) as (NoteListRow & { score: number })[];
  // The indexed text is read only for the hits kept, not for every match ranked.
  const indexedBody = store.prepared('SELECT body FROM search WHERE rowid = ?');
  const terms = highlightTerms(typed);
  return ranked.map(({ score, ...note }) => {
    const body = unsegmented((indexedBody.get(note.nno) as { body: string }).body);
    const titleHighlights = matchSpans(note.title, terms);
    const inBody = makeSnippet([body], terms);
    // Found by its title only: the title, marked, is shown above; the snippet says how the note
    // begins (as the list does) rather than repeating the title.
    const snippet =
      inBody.highlights.length > 0
        ? inBody
        : titleHighlights.length > 0
          ? { snippet: note.preview, highlights: [] }
          : (tagSnippet(JSON.parse(note.tags) as string[], terms, note.preview) ?? makeSnippet([body, note.title], terms));
    return { note: noteSummary(note), ...snippet, titleHighlights, score };
  });
}
