// Reads ahead the notes next to the selected one in a list (api/note-prefetch.ts), so that moving
// with the arrow keys opens them without waiting.

import { useEffect } from 'react';
import { useFerry } from '../api/ferry-context.js';
import { notePrefetch } from '../api/note-prefetch.js';

const readAheadDelayMs = 60;

export function useReadAhead(ids: readonly string[] | null, selectedId: string | null): void {
  const api = useFerry();
  useEffect(() => {
    if (ids === null || selectedId === null) return;
    const at = ids.indexOf(selectedId);
    if (at < 0) return;
    // After the note just opened is drawn, and not for every row passed while a key is held.
    const timer = window.setTimeout(() => {
      const reader = notePrefetch(api);
      for (const next of [ids[at + 1], ids[at - 1]]) if (next !== undefined) reader.prefetch(next);
    }, readAheadDelayMs);
    return () => window.clearTimeout(timer);
  }, [api, ids, selectedId]);
}
