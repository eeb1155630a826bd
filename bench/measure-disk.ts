// The journal's size on disk after close: journal.db plus any -wal and -shm left beside it, and
// how much of it is the full-text index, from SQLite's dbstat virtual table (compiled into
// better-sqlite3): the pages of the FTS5 table `search`'s shadow tables.

import { existsSync, statSync } from 'node:fs';
import Database from 'better-sqlite3';
import { Journal } from '../electron/journal/journal.js';

/** The shadow tables FTS5 keeps for `CREATE VIRTUAL TABLE search USING fts5 (…)`. */
export const searchIndexTables = ['search_data', 'search_idx', 'search_content', 'search_docsize', 'search_config'] as const;

export interface DiskFigures {
  /** journal.db, -wal and -shm, as found after close. */
  files: Record<string, number>;
  totalBytes: number;
  searchIndexBytes: number;
  withoutSearchIndexBytes: number;
  pageSize: number;
  freelistPages: number;
  /** Bytes of pages per table and index (dbstat), largest first. */
  tables: Record<string, number>;
}

export function measureJournalDisk(dir: string): DiskFigures {
  const file = Journal.fileIn(dir);
  // Sizes first: opening the file below may create a -shm beside it.
  const files: Record<string, number> = {};
  for (const suffix of ['', '-wal', '-shm']) {
    const path = file + suffix;
    if (existsSync(path)) files[`journal.db${suffix}`] = statSync(path).size;
  }
  const totalBytes = Object.values(files).reduce((sum, n) => sum + n, 0);
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const rows = db.prepare('SELECT name, sum(pgsize) AS bytes FROM dbstat GROUP BY name ORDER BY bytes DESC, name').all() as { name: string; bytes: number }[];
    const tables = Object.fromEntries(rows.map((r) => [r.name, r.bytes]));
    const searchIndexBytes = searchIndexTables.reduce((sum, name) => sum + (tables[name] ?? 0), 0);
    return {
      files,
      totalBytes,
      searchIndexBytes,
      withoutSearchIndexBytes: totalBytes - searchIndexBytes,
      pageSize: db.pragma('page_size', { simple: true }) as number,
      freelistPages: db.pragma('freelist_count', { simple: true }) as number,
      tables,
    };
  } finally {
    db.close();
  }
}
