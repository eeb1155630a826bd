// Reading old versions: bodies are stored as deltas against their first parent with snapshots
// cutting the chains (docs/journal-format.md, S2), and reading any version must stay fast. Random
// versions of the replayed workload's journal are read each through a journal opened afresh, so
// no body cached by an earlier read helps: every read decodes its whole chain.

import { performance } from 'node:perf_hooks';
import Database from 'better-sqlite3';
import { Journal } from '../electron/journal/journal.js';
import { seededRandom } from './seeded-random.js';
import { percentile } from './stats.js';

export interface ReadFigures {
  reads: number;
  p50Ms: number;
  p95Ms: number;
  maxMs: number;
  /** The longest chain of deltas in the journal, and the average over its versions. */
  longestChain: number;
  meanChain: number;
}

/**
 * The worst case for chains: one note of about 4 KB edited `edits` times (a line changed each
 * time), so its chains reach the longest allowed before a snapshot; every version read cold.
 */
export function measureLongHistoryReads(dir: string, edits: number): ReadFigures {
  const clock = { t: Date.UTC(2024, 0, 1) };
  const journal = Journal.create(dir, { deviceName: 'bench', random: seededRandom('long-history'), clock: () => (clock.t += 60_000) });
  const lines = Array.from({ length: 60 }, (_, i) => `Line ${i}: a sentence of ordinary length about the garden, the weather and plans.`);
  const note = journal.createNote({ title: 'Long history', body: lines.join('\n') });
  for (let i = 0; i < edits; i++) {
    lines[(i * 7) % lines.length] = `Line ${(i * 7) % lines.length}: rewritten in edit ${i}, with a few new words.`;
    journal.editNote(note.id, { body: lines.join('\n') });
  }
  journal.close();
  const db = new Database(Journal.fileIn(dir), { readonly: true });
  const ids = (db.prepare('SELECT lower(hex(id)) AS id FROM versions ORDER BY vno').all() as { id: string }[]).map((r) => r.id);
  db.close();
  return readCold(dir, ids);
}

function readCold(dir: string, ids: readonly string[]): ReadFigures {
  const db = new Database(Journal.fileIn(dir), { readonly: true });
  const chains = db.prepare('SELECT max(chain) AS longest, avg(chain) AS mean FROM versions').get() as { longest: number; mean: number };
  db.close();
  const times: number[] = [];
  for (const id of ids) {
    const journal = Journal.open(dir);
    const begun = performance.now();
    journal.version(id);
    times.push(performance.now() - begun);
    journal.close();
  }
  return { reads: ids.length, p50Ms: percentile(times, 50), p95Ms: percentile(times, 95), maxMs: Math.max(...times), longestChain: chains.longest, meanChain: chains.mean };
}

export function measureVersionReads(dir: string, reads: number, seed: string): ReadFigures {
  const db = new Database(Journal.fileIn(dir), { readonly: true });
  const ids = (db.prepare('SELECT lower(hex(id)) AS id FROM versions ORDER BY vno').all() as { id: string }[]).map((r) => r.id);
  db.close();
  const random = seededRandom(`reads:${seed}`);
  return readCold(dir, Array.from({ length: reads }, () => ids[Buffer.from(random(4)).readUInt32BE(0) % ids.length]!));
}
