// The list of notes in the middle pane: a listbox of rows (title, conflict badge, snippet, time,
// tags), virtualised so that a journal of 10,000 notes scrolls and opens as fast as one of ten.
// Selection follows the keyboard (arrows, Home, End, Page Up/Down) as it does in a mail client:
// moving the selection opens the note, so every move calls onSelect.
//
// The virtualiser measures its scroll element; before layout (and always under jsdom, which has
// none) that measures 0 and nothing would be drawn, so a zero height counts as one screenful.

import { useCallback, useEffect, useId, useImperativeHandle, useRef, type KeyboardEvent, type ReactNode, type Ref } from 'react';
import { observeElementRect, useVirtualizer, type Rect, type Virtualizer } from '@tanstack/react-virtual';
import type { NoteSummary } from '../api/types.js';
import { ago } from '../ui/time.js';
import { shownText, useTyped } from './typed-fields.js';
import './notes.css';

export interface NoteListProps {
  notes: NoteSummary[];
  selectedId: string | null;
  onSelect: (noteId: string) => void;
  label: string;
  empty: ReactNode;
  /** Hidden for now (kept while search results show): the selection is brought into view once shown. */
  hidden?: boolean;
  /** Keys pressed in the search field above the list, passed on to it. */
  fieldKeys?: Ref<FieldKeys>;
}

/**
 * What a list does with keys pressed in the search field above it: ↓ goes into the list (on the
 * open note, or the first), Enter opens the selected or first one. Each says whether it acted.
 */
export interface FieldKeys {
  down(): boolean;
  enter(): boolean;
}

/** Every row is this tall (px); notes.css sets the same height. */
const rowHeight = 64;
/** What the list assumes it shows before it is measured: enough rows for a tall window. */
const unmeasured: Rect = { width: 300, height: 640 };

export function NoteList({ notes, selectedId, onSelect, label, empty, hidden = false, fieldKeys }: NoteListProps) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const baseId = useId();
  // Stable while the notes are, so the virtualiser does not lay out 10,000 rows again on every render.
  const keyOf = useCallback((index: number) => notes[index]?.id ?? index, [notes]);
  const virtualizer = useVirtualizer<HTMLDivElement, HTMLDivElement>({
    count: notes.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: sizeOfRow,
    getItemKey: keyOf,
    overscan: 6,
    initialRect: unmeasured,
    observeElementRect: observeRectOrAssume,
    scrollToFn: scrollToOffset,
  });

  // Bring the selection into view when it changes (by keyboard, or by the app opening a note),
  // but not when the list merely reloads: a note moving to the top as it is edited must not
  // yank the list away from where the reader scrolled.
  const scrolledFor = useRef<string | null>(null);
  useEffect(() => {
    if (hidden || selectedId === scrolledFor.current) return;
    const index = notes.findIndex((n) => n.id === selectedId);
    if (index < 0) return; // not listed (yet): try again when the notes arrive
    scrolledFor.current = selectedId;
    virtualizer.scrollToIndex(index, { align: 'auto' });
  }, [selectedId, notes, virtualizer, hidden]);

  useImperativeHandle(
    fieldKeys,
    () => ({
      down() {
        const first = notes[0];
        if (first === undefined) return false;
        scrollRef.current?.focus();
        if (!notes.some((n) => n.id === selectedId)) onSelect(first.id);
        return true;
      },
      enter: () => false, // the field is empty: nothing was asked for
    }),
    [notes, selectedId, onSelect],
  );

  if (notes.length === 0) return <div className="note-list-empty empty">{empty}</div>;

  const selectedIndex = notes.findIndex((n) => n.id === selectedId);
  const items = virtualizer.getVirtualItems();
  const pageRows = Math.max(1, Math.floor((virtualizer.scrollRect?.height ?? unmeasured.height) / rowHeight) - 1);
  const selectedRendered = items.some((item) => item.index === selectedIndex);

  function onKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    if (event.key === 'Enter') {
      const note = notes[selectedIndex] ?? notes[0];
      if (note === undefined) return;
      event.preventDefault();
      onSelect(note.id);
      return;
    }
    const target = listKeyTarget(event.key, selectedIndex, notes.length, pageRows);
    if (target === null) return;
    event.preventDefault();
    const note = notes[target];
    if (note === undefined) return;
    virtualizer.scrollToIndex(target, { align: 'auto' });
    if (note.id !== selectedId) onSelect(note.id);
  }

  return (
    <div
      ref={scrollRef}
      className="note-list"
      role="listbox"
      aria-label={label}
      tabIndex={0}
      aria-activedescendant={selectedRendered && selectedId !== null ? `${baseId}-${selectedId}` : undefined}
      onKeyDown={onKeyDown}
    >
      <div role="presentation" className="note-list-sizer" style={{ height: virtualizer.getTotalSize() }}>
        {items.map((item) => {
          const note = notes[item.index];
          if (note === undefined) return null;
          return (
            <NoteRow
              key={item.key.toString()}
              id={`${baseId}-${note.id}`}
              note={note}
              selected={note.id === selectedId}
              position={item.index + 1}
              total={notes.length}
              top={item.start}
              onSelect={onSelect}
            />
          );
        })}
      </div>
    </div>
  );
}

interface NoteRowProps {
  id: string;
  note: NoteSummary;
  selected: boolean;
  position: number;
  total: number;
  top: number;
  onSelect: (noteId: string) => void;
}

/**
 * One note. Its name is said as "title, in conflict, 5 min ago, tagged a, b" (written out
 * rather than taken from the row's text, which runs the parts together) and the snippet is its
 * description.
 */
function NoteRow({ id, note, selected, position, total, top, onSelect }: NoteRowProps) {
  const typed = shownText(note, note.title, useTyped('titles', note.id));
  const title = typed.trim() === '' ? 'Untitled' : typed;
  const snippet = shownText(note, note.snippet, useTyped('previews', note.id));
  const time = ago(note.updated, Date.now());
  return (
    <div
      id={id}
      className="note-row"
      role="option"
      aria-selected={selected}
      aria-posinset={position}
      aria-setsize={total}
      aria-label={rowName(title, note.conflict, time, note.tags)}
      aria-describedby={`${id}-snippet`}
      style={{ transform: `translateY(${top}px)` }}
      onClick={() => onSelect(note.id)}
    >
      <div className="note-row-line">
        <span className="note-row-title">{title}</span>
        {note.conflict ? <span className="note-row-conflict">Conflict</span> : null}
        <span className="note-row-time">{time}</span>
      </div>
      <div className="note-row-line">
        <span id={`${id}-snippet`} className="note-row-snippet">
          {snippet}
        </span>
        {note.tags.length === 0 ? null : <RowTags tags={note.tags} />}
      </div>
    </div>
  );
}

/** Tags shown in a row: the first few, shortened to fit, and how many more (all of them are in the row's name). */
const rowTagCount = 2;

function RowTags({ tags }: { tags: readonly string[] }) {
  const more = tags.length - rowTagCount;
  return (
    <span className="note-row-tags" aria-hidden="true">
      {tags.slice(0, rowTagCount).map((tag) => (
        <span key={tag} className="tag-chip" title={tag}>
          {tag}
        </span>
      ))}
      {more > 0 ? (
        <span className="tag-chip tag-chip-more" title={tags.slice(rowTagCount).join(', ')}>
          +{more}
        </span>
      ) : null}
    </span>
  );
}

/** A note row's accessible name, title first; search hits are named the same way. */
export function rowName(title: string, conflict: boolean, time: string, tags: readonly string[] = []): string {
  return [title, ...(conflict ? ['in conflict'] : []), time, ...(tags.length === 0 ? [] : [`tagged ${tags.join(', ')}`])].join(', ');
}

/**
 * The row a key moves the selection to in a list of `count` rows (or null when the key is not a
 * move). With nothing selected (`current` -1), any move starts at the first row — or the last
 * for End. Shared by every listbox in the renderer that moves like this one.
 */
export function listKeyTarget(key: string, current: number, count: number, pageRows = 10): number | null {
  if (count === 0) return null;
  const last = count - 1;
  const clamp = (index: number) => Math.min(last, Math.max(0, index));
  switch (key) {
    case 'ArrowDown':
      return current < 0 ? 0 : clamp(current + 1);
    case 'ArrowUp':
      return current < 0 ? 0 : clamp(current - 1);
    case 'PageDown':
      return current < 0 ? 0 : clamp(current + pageRows);
    case 'PageUp':
      return current < 0 ? 0 : clamp(current - pageRows);
    case 'Home':
      return 0;
    case 'End':
      return last;
    default:
      return null;
  }
}

function sizeOfRow(): number {
  return rowHeight;
}

/** The library's own measurement, except that an unlaid-out (zero-height) element counts as a screenful. */
function observeRectOrAssume(instance: Virtualizer<HTMLDivElement, HTMLDivElement>, report: (rect: Rect) => void): (() => void) | undefined {
  return observeElementRect(instance, (rect) => report(rect.height > 0 ? rect : { width: rect.width, height: unmeasured.height }));
}

/** Scrolls by setting scrollTop: the list never scrolls smoothly, and jsdom has no element.scrollTo(). */
function scrollToOffset(offset: number, { adjustments = 0 }: { adjustments?: number }, instance: Virtualizer<HTMLDivElement, HTMLDivElement>): void {
  if (instance.scrollElement !== null) instance.scrollElement.scrollTop = offset + adjustments;
}
