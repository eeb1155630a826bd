// Where the user is in the app: the place (view), the tag filter, the open note and the history
// panel. A pure reducer, so moving around is tested without a page; the URL hash mirrors it so a
// reload (or a bookmark) opens the same place.

export type View = 'notes' | 'journal' | 'conflicts' | 'trash' | 'devices' | 'settings';

export interface Place {
  view: View;
  tag: string | null;
  noteId: string | null;
  history: boolean;
}

export type Move =
  | { kind: 'go'; view: View; tag?: string | null }
  | { kind: 'open'; noteId: string; view?: View }
  | { kind: 'close' }
  | { kind: 'history'; open: boolean };

export const start: Place = { view: 'notes', tag: null, noteId: null, history: false };

const views: readonly View[] = ['notes', 'journal', 'conflicts', 'trash', 'devices', 'settings'];

export function move(place: Place, m: Move): Place {
  switch (m.kind) {
    case 'go':
      if (m.view === place.view && (m.tag ?? null) === place.tag) return place;
      // The open note stays open when moving between lists that can show it.
      return { view: m.view, tag: m.tag ?? null, noteId: keepsNote(m.view) ? place.noteId : null, history: false };
    case 'open':
      return { view: m.view ?? place.view, tag: m.view === undefined || m.view === place.view ? place.tag : null, noteId: m.noteId, history: place.noteId === m.noteId && place.history };
    case 'close':
      return { ...place, noteId: null, history: false };
    case 'history':
      return place.noteId === null ? place : { ...place, history: m.open };
  }
}

function keepsNote(view: View): boolean {
  return view === 'notes' || view === 'journal';
}

export function toHash(place: Place): string {
  const parts: string[] = [place.view];
  if (place.tag !== null) parts.push(`tag=${encodeURIComponent(place.tag)}`);
  if (place.noteId !== null) parts.push(`note=${place.noteId}`);
  return `#${parts.join('&')}`;
}

export function fromHash(hash: string): Place {
  const [view, ...rest] = hash.replace(/^#/u, '').split('&');
  if (view === undefined || !(views as readonly string[]).includes(view)) return start;
  const params = new URLSearchParams(rest.join('&'));
  const noteId = params.get('note');
  return { view: view as View, tag: params.get('tag'), noteId: noteId !== null && /^[0-9a-f]{32}$/u.test(noteId) ? noteId : null, history: false };
}
