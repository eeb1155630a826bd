// Keys typed between asking for a new note (or a day's entry) and its editor taking the focus.
// The engine answers first: a round trip, and a long one while it is busy storing a big import.
// A person who presses the New note key and types at once would lose those first keys, which fall
// on the button they pressed. A hidden text area takes the focus at once instead, and the editor
// that opens takes what was typed in it (takeTypeAhead), so that not a letter is lost.

import type { NoteFields } from './note-fields.js';

let catcher: HTMLTextAreaElement | null = null;

function makeCatcher(): HTMLTextAreaElement {
  const area = document.createElement('textarea');
  area.className = 'visually-hidden type-ahead';
  area.setAttribute('aria-label', 'Text for the note being opened');
  area.tabIndex = -1;
  // Tab would move the focus on, and what follows would be lost: as in the editor, it moves
  // from the title to the text (a line break here).
  area.addEventListener('keydown', (event) => {
    if (event.key !== 'Tab') return;
    event.preventDefault();
    area.setRangeText('\n', area.selectionStart, area.selectionEnd, 'end');
  });
  document.body.append(area);
  return area;
}

/** The editor showing a note, told when the note asked for turned out to be the one it shows. */
type Taker = (noteId: string) => void;
let taker: Taker | null = null;

/** Set by the editor that shows a note (null when it goes). */
export function setTypeAheadTaker(next: Taker | null): void {
  taker = next;
}

/**
 * The note asked for is `noteId` (call it once it is opened). An editor opening it takes the keys
 * as it loads; the editor already showing it (Today, pressed on today's entry) takes them now.
 */
export function typeAheadOpened(noteId: string): void {
  taker?.(noteId);
}

/** The note could not be opened: the focus leaves the hidden text area. */
export function dropTypeAhead(): void {
  catcher?.blur();
}

/** Takes the keys typed from now until the next editor opens (call it as the note is asked for). */
export function catchTypeAhead(): void {
  catcher ??= makeCatcher();
  catcher.value = '';
  catcher.focus({ preventScroll: true });
}

/**
 * What was typed since catchTypeAhead, once; null when nothing is being caught (the focus moved
 * on since: the person went elsewhere). The hidden text area keeps the focus: the caller moves it
 * to the note in the same task, so that no key falls between the two.
 */
export function takeTypeAhead(): string | null {
  if (catcher === null || document.activeElement !== catcher) return null;
  const text = catcher.value;
  catcher.value = '';
  return text;
}

/**
 * The fields of a note just opened with `typed` added: in a new note, the first line is its title
 * and the rest its text (as Enter in the title moves to the text); in a note opened to write on
 * (a day's entry), it goes at the end of the text. `textFocus`: the text, not the title, should
 * have the focus.
 */
export function withTypeAhead(fields: NoteFields, typed: string, newNote: boolean): { fields: NoteFields; textFocus: boolean } {
  if (typed === '') return { fields, textFocus: !newNote };
  if (!newNote) return { fields: { ...fields, body: fields.body + typed }, textFocus: true };
  const lineEnd = typed.indexOf('\n');
  if (lineEnd < 0) return { fields: { ...fields, title: fields.title + typed }, textFocus: false };
  return { fields: { ...fields, title: fields.title + typed.slice(0, lineEnd), body: fields.body + typed.slice(lineEnd + 1) }, textFocus: true };
}
