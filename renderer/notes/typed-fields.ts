// Titles and text as they are typed, for the list to show before they are versions: a version is
// written only when typing pauses (DESIGN.md, "Typing is not versioning"), and until then the
// list's row would still say "Untitled", or show the first words saved, beside the note being typed.
//
// What was typed stands in for a row's title or preview line only while the row is older than the
// keystroke. Once a version written after it is listed (the commit that carries it, or any later
// change), the row's own is the truth again, so what was typed here never hides a change made
// elsewhere since.

import { createContext, useCallback, useContext, useSyncExternalStore } from 'react';

export interface Typed {
  text: string;
  /** When it was typed (ms, the clock versions are stamped with). */
  at: number;
}

/** The latest text typed into one field of each note, and who listens. */
export interface TypedStore {
  typed: (noteId: string, text: string, at: number) => void;
  get: (noteId: string) => Typed | undefined;
  subscribe: (listener: () => void) => () => void;
}

export function createTypedStore(): TypedStore {
  const texts = new Map<string, Typed>();
  const listeners = new Set<() => void>();
  return {
    typed: (noteId, text, at) => {
      const before = texts.get(noteId);
      texts.set(noteId, { text, at });
      if (before?.text !== text) for (const listener of listeners) listener();
    },
    get: (noteId) => texts.get(noteId),
    subscribe: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

/** The titles typed in a page, and the preview lines of the text typed (shared/preview.ts). */
export interface TypedFields {
  titles: TypedStore;
  previews: TypedStore;
}

export function createTypedFields(): TypedFields {
  return { titles: createTypedStore(), previews: createTypedStore() };
}

/** What a row shows: the typed text while the row's version is older than the typing, else its own. */
export function shownText(row: { updated: number }, own: string, typed: Typed | undefined): string {
  return typed !== undefined && row.updated < typed.at ? typed.text : own;
}

/** One set of stores per page (App provides it); the default serves a component rendered on its own. */
export const TypedFieldsContext = createContext<TypedFields>(createTypedFields());

export function useTypedFields(): TypedFields {
  return useContext(TypedFieldsContext);
}

/** What was typed in one field of one note, if anything: a row re-renders only when its own note's field is typed. */
export function useTyped(field: keyof TypedFields, noteId: string): Typed | undefined {
  const store = useTypedFields()[field];
  const read = useCallback(() => store.get(noteId), [store, noteId]);
  return useSyncExternalStore(store.subscribe, read);
}
