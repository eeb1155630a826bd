// Titles as they are typed, for the list to show before they are versions: a version is written
// only when typing pauses (DESIGN.md, "Typing is not versioning"), and until then the list's row
// would still say "Untitled" beside the title being typed.
//
// A typed title stands in for a row only while the row is older than the keystroke. Once a
// version written after it is listed (the commit that carries it, or any later change), the row's
// own title is the truth again, so a title typed here never hides one changed elsewhere since.

import { createContext, useCallback, useContext, useSyncExternalStore } from 'react';

export interface TypedTitle {
  title: string;
  /** When it was typed (ms, the clock versions are stamped with). */
  at: number;
}

export interface TypedTitles {
  typed: (noteId: string, title: string, at: number) => void;
  get: (noteId: string) => TypedTitle | undefined;
  subscribe: (listener: () => void) => () => void;
}

export function createTypedTitles(): TypedTitles {
  const titles = new Map<string, TypedTitle>();
  const listeners = new Set<() => void>();
  return {
    typed: (noteId, title, at) => {
      titles.set(noteId, { title, at });
      for (const listener of listeners) listener();
    },
    get: (noteId) => titles.get(noteId),
    subscribe: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

/** The title a row shows: the typed one while the row's version is older than the typing. */
export function shownTitle(row: { title: string; updated: number }, typed: TypedTitle | undefined): string {
  return typed !== undefined && row.updated < typed.at ? typed.title : row.title;
}

/** One store per page (App provides it); the default serves a component rendered on its own. */
export const TypedTitlesContext = createContext<TypedTitles>(createTypedTitles());

export function useTypedTitles(): TypedTitles {
  return useContext(TypedTitlesContext);
}

/** The title typed for one note, if any: a row re-renders only when its own note's title is typed. */
export function useTypedTitle(noteId: string): TypedTitle | undefined {
  const store = useTypedTitles();
  const read = useCallback(() => store.get(noteId), [store, noteId]);
  return useSyncExternalStore(store.subscribe, read);
}
