// The notes a list shows (all, by tag, or the trash), loaded so that a journal of 10,000 notes
// opens at once and stays cheap while the user writes:
// - the first screen comes first (a small call), then the whole list;
// - when notes change, only those are asked for and patched in (patch-note-list.ts); a change of
//   many notes at once (a sync, a bundle) loads the whole list again.
// Calls go out one after another, so an older answer never lands on top of a newer one.

import { useEffect, useRef, useState } from 'react';
import type { FerryApi } from '../../shared/app-client.js';
import { useEvent, useFerry, type Loaded } from '../api/ferry-context.js';
import type { NoteSummary } from '../api/types.js';
import { patchNoteList } from './patch-note-list.js';

export interface NoteListFilter {
  trash: boolean;
  tag: string | null;
}

/** Rows asked for first: more than a tall window shows. */
export const firstScreenRows = 40;
/** More changed notes than this are not patched in one by one: the whole list is loaded again. */
export const patchLimit = 200;

export function useNoteList({ trash, tag }: NoteListFilter): Loaded<NoteSummary[]> {
  const api = useFerry();
  const [loaded, setLoaded] = useState<Loaded<NoteSummary[]>>({ state: 'loading', value: null });
  const queue = useRef<Promise<unknown>>(Promise.resolve());
  /** The filter's generation: answers for an earlier filter are dropped. */
  const generation = useRef(0);
  /** The whole list has arrived for this generation (until then, changes wait for it). */
  const complete = useRef(false);

  const filter = { ...(trash ? { trash } : {}), ...(tag === null ? {} : { tag }) };
  const latest = useRef({ api, filter });
  useEffect(() => {
    latest.current = { api, filter };
  });

  /** Runs `task` after every call queued before it, for this generation only. */
  const enqueue = (task: (api: FerryApi, args: typeof filter) => Promise<void>) => {
    const mine = generation.current;
    const run = () => (mine === generation.current ? task(latest.current.api, latest.current.filter) : undefined);
    queue.current = queue.current.then(run, run);
  };

  const failed = (mine: number) => (error: unknown) => {
    if (mine === generation.current) setLoaded((before) => ({ state: 'failed', value: before.value, error: error instanceof Error ? error : new Error(String(error)) }));
  };

  const loadAll = () => {
    const mine = generation.current;
    enqueue(async (api, args) => {
      const notes = await api.listNotes(args).catch(failed(mine));
      if (notes === undefined || mine !== generation.current) return;
      complete.current = true;
      setLoaded({ state: 'ready', value: notes });
    });
  };

  useEffect(() => {
    const mine = ++generation.current;
    complete.current = false;
    setLoaded((before) => ({ state: 'loading', value: before.value }));
    enqueue(async (api, args) => {
      const first = await api.listNotes({ ...args, limit: firstScreenRows }).catch(failed(mine));
      if (first === undefined || mine !== generation.current || complete.current) return;
      // Loading goes on: the rest follows at once.
      setLoaded({ state: first.length < firstScreenRows ? 'ready' : 'loading', value: first });
      if (first.length < firstScreenRows) complete.current = true;
    });
    enqueue(() => {
      if (!complete.current) loadAll();
      return Promise.resolve();
    });
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the filter's parts are the deps
  }, [api, trash, tag]);

  useEvent('notesChanged', ({ noteIds }) => {
    if (!complete.current || noteIds.length > patchLimit) {
      loadAll();
      return;
    }
    const mine = generation.current;
    enqueue(async (api, args) => {
      const fresh = await api.listNotes({ ...args, noteIds }).catch(() => null);
      if (mine !== generation.current) return;
      if (fresh === null) loadAll();
      else setLoaded((before) => ({ state: 'ready', value: patchNoteList(before.value ?? [], noteIds, fresh) }));
    });
  });

  return loaded;
}
