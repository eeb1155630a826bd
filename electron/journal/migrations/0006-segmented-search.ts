// The sixth schema step: the search index holds each character of Chinese, Japanese, Korean,
// Thai, Lao, Khmer and Burmese text as a token of its own (search-query.ts, segmented), so that a
// word of them is found inside a run written without spaces (東京 in 東京旅行). Journals of earlier
// steps have the entries that hold such text written again here, once; the rest are unchanged.

import { segmented } from '../../../shared/search-query.js';
import type { Migration } from './migration.js';

export const segmentedSearch: Migration = {
  version: 6,
  name: 'search by character in scripts written without spaces',
  up(db) {
    // In batches, so that a journal of long notes is not read into memory whole.
    const batch = db.prepare('SELECT rowid, title, body, tags FROM search WHERE rowid > ? ORDER BY rowid LIMIT 500');
    const rewrite = db.prepare('UPDATE search SET title = ?, body = ?, tags = ? WHERE rowid = ?');
    for (let after = 0; ; ) {
      const rows = batch.all(after) as { rowid: number; title: string; body: string; tags: string }[];
      if (rows.length === 0) break;
      for (const row of rows) {
        const title = segmented(row.title);
        const body = segmented(row.body);
        const tags = segmented(row.tags);
        if (title !== row.title || body !== row.body || tags !== row.tags) rewrite.run(title, body, tags, row.rowid);
      }
      after = rows[rows.length - 1]!.rowid;
    }
  },
};
