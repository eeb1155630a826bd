// Search latency: the fixed query set (search-queries.ts) against a journal of many notes, each
// query timed as one `journal.search(q, { limit: 20 })` call. One untimed round first (it reads
// the index into SQLite's page cache and prepares the statements), then the timed rounds; p50
// and p95 are over every timed call.

import { performance } from 'node:perf_hooks';
import { Journal } from '../electron/journal/journal.js';
import { benchQueries, type QueryKind } from './search-queries.js';
import { median, percentile } from './stats.js';

export interface QueryFigures {
  query: string;
  kind: QueryKind;
  /** Hits returned (at most the limit). */
  hits: number;
  medianMs: number;
  maxMs: number;
}

export interface SearchFigures {
  notes: number;
  trashed: number;
  limit: number;
  rounds: number;
  samples: number;
  p50Ms: number;
  p95Ms: number;
  maxMs: number;
  queries: QueryFigures[];
}

export function measureSearch(dir: string, rounds: number, limit = 20): SearchFigures {
  const journal = Journal.open(dir);
  try {
    const status = journal.status();
    const hits = benchQueries.map((q) => journal.search(q.text, { limit }).length);
    const times = benchQueries.map((): number[] => []);
    for (let round = 0; round < rounds; round++) {
      benchQueries.forEach((q, i) => {
        const begun = performance.now();
        journal.search(q.text, { limit });
        times[i]!.push(performance.now() - begun);
      });
    }
    const all = times.flat();
    return {
      notes: status.notes,
      trashed: status.trash,
      limit,
      rounds,
      samples: all.length,
      p50Ms: percentile(all, 50),
      p95Ms: percentile(all, 95),
      maxMs: percentile(all, 100),
      queries: benchQueries.map((q, i) => ({ query: q.text, kind: q.kind, hits: hits[i]!, medianMs: median(times[i]!), maxMs: percentile(times[i]!, 100) })),
    };
  } finally {
    journal.close();
  }
}
