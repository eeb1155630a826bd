// The answer to the latest request a component wants (a search for what the field holds), asked
// again when notes change elsewhere, with no delay added to a keystroke (latest-only.ts). The last
// answer stays until the next arrives, so a list does not flash empty at every keystroke: compare
// its `key` with the current one to know whether it is current.

import { useEffect, useRef, useState } from 'react';
import type { FerryApi } from '../../shared/app-client.js';
import { useEvent, useFerry } from '../api/ferry-context.js';
import { latestOnly } from './latest-only.js';

/** The answer to one request, tagged with the key it answered. */
export type Answer<T> = { key: string; value: T } | { key: string; error: string };

/** Loads `load` for `key` (null: nothing), and again when notes change. */
export function useLatestAnswer<T>(key: string | null, load: (api: FerryApi) => Promise<T>): Answer<T> | null {
  const api = useFerry();
  const latestLoad = useRef(load);
  useEffect(() => {
    latestLoad.current = load;
  });
  const [answer, setAnswer] = useState<Answer<T> | null>(null);
  const [revision, setRevision] = useState(0);
  useEvent('notesChanged', () => setRevision((r) => r + 1));
  const [runner] = useState(() =>
    latestOnly<T>((id, settled) => {
      const key = keyOfId(id);
      setAnswer('value' in settled ? { key, value: settled.value } : { key, error: settled.error instanceof Error ? settled.error.message : String(settled.error) });
    }),
  );
  useEffect(() => () => runner.stop(), [runner]);
  useEffect(() => {
    runner.want(key === null ? null : `${revision}\u0000${key}`, () => latestLoad.current(api));
  }, [runner, api, key, revision]);
  return answer;
}

/** A request's id is the notes' revision and the key: the same search is asked again after a change. */
function keyOfId(id: string): string {
  return id.slice(id.indexOf('\u0000') + 1);
}
