// Notes read ahead of the user: when a note is selected in a list, its neighbours are asked for,
// so that ArrowDown shows the next note without waiting for the engine. A read-ahead answer is
// used once, by the next open of that note, and only while fresh: a change to the note (any
// origin) drops it, and it expires after a short while. Anything not read ahead is asked for as
// before.

import type { FerryApi } from '../../shared/app-client.js';
import type { NoteDetail } from './types.js';

export interface NotePrefetch {
  /** Reads the note ahead (nothing if it is already being read). */
  prefetch(noteId: string): void;
  /** The note: the read-ahead answer if there is a fresh one (used up), else a new read. */
  get(noteId: string): Promise<NoteDetail>;
}

export interface PrefetchOptions {
  now?: () => number;
  /** How long a read-ahead answer may be used (default 10 s). */
  maxAgeMs?: number;
  /** How many notes are kept read ahead (default 6; the oldest goes first). */
  size?: number;
}

const byApi = new WeakMap<FerryApi, NotePrefetch>();

/** The read-ahead of this engine connection (one per connection, for the page's life). */
export function notePrefetch(api: FerryApi): NotePrefetch {
  let found = byApi.get(api);
  if (found === undefined) {
    found = createNotePrefetch(api);
    byApi.set(api, found);
  }
  return found;
}

export function createNotePrefetch(api: FerryApi, { now = () => Date.now(), maxAgeMs = 10_000, size = 6 }: PrefetchOptions = {}): NotePrefetch {
  const ahead = new Map<string, { note: Promise<NoteDetail>; at: number }>();
  api.on('notesChanged', ({ noteIds }) => noteIds.forEach((id) => ahead.delete(id)));
  return {
    prefetch(noteId) {
      if (ahead.has(noteId)) return;
      const note = api.getNote({ noteId });
      note.catch(() => ahead.delete(noteId));
      ahead.set(noteId, { note, at: now() });
      for (const id of ahead.keys()) {
        if (ahead.size <= size) break;
        ahead.delete(id);
      }
    },
    get(noteId) {
      const entry = ahead.get(noteId);
      ahead.delete(noteId);
      return entry !== undefined && now() - entry.at <= maxAgeMs ? entry.note : api.getNote({ noteId });
    },
  };
}
