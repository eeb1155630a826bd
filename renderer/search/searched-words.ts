// The words in the list's search field, for the open note to mark (term-marks.ts, mark-terms.ts).
// Kept outside React state: the field changes at every keystroke, and the results must not wait
// for the whole app to render again; only the editor listens, and hears of a change once typing in
// the field has rested a third of a second (the marks follow the words, not each letter, and stay
// out of the way of the results, which a steady typist brings every 120 ms or so).

import { createContext, useContext, useSyncExternalStore } from 'react';

export interface SearchedWords {
  /** The words the open note marks now. */
  get: () => string;
  /** The field holds these words now. */
  set: (words: string) => void;
  /** The words the field holds are marked now, not after the rest (a note opened from the results). */
  now: () => void;
  subscribe: (listener: () => void) => () => void;
}

export function createSearchedWords(restMs = 350): SearchedWords {
  let shown = '';
  let latest = '';
  let timer: ReturnType<typeof setTimeout> | undefined;
  const listeners = new Set<() => void>();
  const show = (words: string) => {
    if (words === shown) return;
    shown = words;
    for (const listener of listeners) listener();
  };
  return {
    get: () => shown,
    set: (words) => {
      latest = words;
      clearTimeout(timer);
      // Cleared (or the list gone): the marks go at once.
      if (words.trim() === '') show('');
      else timer = setTimeout(() => show(words), restMs);
    },
    now: () => {
      clearTimeout(timer);
      show(latest);
    },
    subscribe: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

export const SearchedWordsContext = createContext<SearchedWords | null>(null);

const nothing = () => '';
const never = () => () => undefined;

/** The searched words the open note marks ('' outside a provider). */
export function useSearchedWords(): string {
  const store = useContext(SearchedWordsContext);
  return useSyncExternalStore(store?.subscribe ?? never, store?.get ?? nothing);
}
