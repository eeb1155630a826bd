// The engine as React components reach it: the contract's client (window.ferry in the desktop
// app, the web transport in a browser) through context, and two hooks that most screens are built
// on: useEvent (an engine event, for as long as the component lives) and useLoad (a call's result,
// loaded again when the notes change elsewhere).

import { createContext, useCallback, useContext, useEffect, useRef, useState, type ReactNode } from 'react';
import type { EventName, EventPayload } from '../../shared/app-contract.js';
import type { FerryApi } from '../../shared/app-client.js';

const FerryContext = createContext<FerryApi | null>(null);

export function FerryProvider({ api, children }: { api: FerryApi; children: ReactNode }) {
  return <FerryContext.Provider value={api}>{children}</FerryContext.Provider>;
}

export function useFerry(): FerryApi {
  const api = useContext(FerryContext);
  if (api === null) throw new Error('useFerry is used outside FerryProvider.');
  return api;
}

/** Listens to one engine event while the component is mounted; the listener may change freely. */
export function useEvent<N extends EventName>(name: N, listener: (payload: EventPayload<N>) => void): void {
  const api = useFerry();
  const latest = useRef(listener);
  latest.current = listener;
  useEffect(() => api.on(name, (payload) => latest.current(payload)), [api, name]);
}

export type Loaded<T> = { state: 'loading'; value: T | null } | { state: 'ready'; value: T } | { state: 'failed'; value: T | null; error: Error };

/**
 * Runs `load` now, whenever `deps` change, and whenever notes change (any origin), keeping the
 * last value while a reload is under way so lists do not flash. `reload` runs it again at once.
 */
export function useLoad<T>(load: (api: FerryApi) => Promise<T>, deps: readonly unknown[], options: { onEvents?: EventName[] } = {}): Loaded<T> & { reload: () => void } {
  const api = useFerry();
  const [loaded, setLoaded] = useState<Loaded<T>>({ state: 'loading', value: null });
  const generation = useRef(0);
  const latestLoad = useRef(load);
  latestLoad.current = load;
  const reload = useCallback(() => {
    const mine = ++generation.current;
    latestLoad
      .current(api)
      .then((value) => {
        if (mine === generation.current) setLoaded({ state: 'ready', value });
      })
      .catch((error: unknown) => {
        if (mine === generation.current) setLoaded((before) => ({ state: 'failed', value: before.value, error: error instanceof Error ? error : new Error(String(error)) }));
      });
    // eslint-disable-next-line react-hooks/exhaustive-deps -- deps are the caller's
  }, [api, ...deps]);
  useEffect(() => {
    setLoaded((before) => ({ state: 'loading', value: before.value }));
    reload();
  }, [reload]);
  const events = options.onEvents ?? ['notesChanged'];
  useEffect(() => {
    const stops = events.map((name) => api.on(name, () => reload()));
    return () => stops.forEach((stop) => stop());
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the event list is fixed per call site
  }, [api, reload, events.join()]);
  return { ...loaded, reload };
}
