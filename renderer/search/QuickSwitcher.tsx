// The quick switcher (Ctrl/Cmd+K or Ctrl/Cmd+P, bound by the app): a modal with one field. Empty,
// it lists the notes changed most recently; typed into, it searches. The arrows move through the
// list while the caret stays in the field, Enter opens the note, Escape or a click outside
// closes, and focus goes back to wherever it was before the switcher opened.

import { useEffect, useId, useRef, useState, type KeyboardEvent, type MouseEvent } from 'react';
import { createPortal } from 'react-dom';
import { asNameSoFar } from '../../shared/search-query.js';
import type { NoteSummary, SearchHit } from '../api/types.js';
import { listKeyTarget } from '../notes/NoteList.js';
import { HitOption, scrollOptionIntoView } from './SearchResults.js';
import { useLatestAnswer } from './use-latest-answer.js';
import './search.css';

export interface QuickSwitcherProps {
  open: boolean;
  onClose: () => void;
  onOpen: (noteId: string) => void;
}

const limit = 20;
const maxQuery = 1000;

export function QuickSwitcher({ open, onClose, onOpen }: QuickSwitcherProps) {
  // Mounted only while open, so every opening starts with an empty field and a fresh list.
  return open ? <SwitcherDialog onClose={onClose} onOpen={onOpen} /> : null;
}

function SwitcherDialog({ onClose, onOpen }: Omit<QuickSwitcherProps, 'open'>) {
  const [query, setQuery] = useState('');
  const words = query.trim().slice(0, maxQuery);
  const answer = useLatestAnswer<SearchHit[]>(
    words === '' ? 'recent' : `search:${words}`,
    // A name is looked up by the starts of its words: "jour 2024-10" finds "Journal 2024-10-28".
    (api) => (words === '' ? api.listNotes({ limit }).then(asHits) : api.search({ query: asNameSoFar(words), limit, asYouType: true })),
  );
  const current = answer !== null && answer.key === (words === '' ? 'recent' : `search:${words}`);
  const items = answer !== null && 'value' in answer ? answer.value : [];
  // The active row belongs to one answer: a new answer starts again at its first row.
  const [active, setActive] = useState({ answer, index: 0 });
  const activeIndex = active.answer === answer ? active.index : 0;
  const activeItem = items[activeIndex];

  const inputRef = useRef<HTMLInputElement>(null);
  const listRef = useRef<HTMLDivElement>(null);
  const pressedInside = useRef(false);
  const baseId = useId();
  const listId = `${baseId}-list`;
  const optionId = (noteId: string) => `${baseId}-${noteId}`;

  useEffect(() => {
    const before = document.activeElement;
    inputRef.current?.focus();
    return () => {
      if (before instanceof HTMLElement && before.isConnected) before.focus();
    };
  }, []);

  useEffect(() => {
    if (activeItem !== undefined) scrollOptionIntoView(listRef.current, `${baseId}-${activeItem.note.id}`);
  }, [activeItem, baseId]);

  function open(noteId: string) {
    onOpen(noteId);
    onClose();
  }

  function onKeyDown(event: KeyboardEvent<HTMLElement>) {
    switch (event.key) {
      case 'Escape':
        event.preventDefault();
        event.stopPropagation();
        onClose();
        return;
      case 'Enter':
        event.preventDefault();
        if (activeItem !== undefined) open(activeItem.note.id);
        return;
      case 'ArrowDown':
      case 'ArrowUp': {
        event.preventDefault();
        const target = listKeyTarget(event.key, activeIndex, items.length);
        if (target !== null) setActive({ answer, index: target });
        return;
      }
      case 'Tab':
        // The field is the dialog's only stop; Tab must not wander into the page behind it.
        event.preventDefault();
        return;
    }
  }

  function onBackdropClick(event: MouseEvent<HTMLDivElement>) {
    // Only a click that began and ended on the backdrop: not a text selection dragged out of the field.
    if (event.target === event.currentTarget && !pressedInside.current) onClose();
    pressedInside.current = false;
  }

  return createPortal(
    <div className="qs-backdrop" onMouseDown={(e) => (pressedInside.current = e.target !== e.currentTarget)} onClick={onBackdropClick}>
      <div className="qs-dialog" role="dialog" aria-modal="true" aria-label="Quick switcher" onKeyDown={onKeyDown}>
        <input
          ref={inputRef}
          className="qs-input"
          type="text"
          aria-label="Find a note"
          placeholder="Find a note by its words…"
          autoComplete="off"
          spellCheck={false}
          aria-controls={listId}
          aria-activedescendant={activeItem === undefined ? undefined : optionId(activeItem.note.id)}
          value={query}
          onChange={(e) => setQuery(e.target.value)}
        />
        {answer !== null && current && 'error' in answer ? (
          <p className="qs-message error-text" role="alert">
            {words === '' ? 'The notes could not be listed' : 'The search failed'}: {answer.error}
          </p>
        ) : current && items.length === 0 ? (
          <p className="qs-message muted" role="status">
            {words === '' ? 'No notes yet.' : `No notes match “${words}”.`}
          </p>
        ) : null}
        <div ref={listRef} id={listId} className="qs-list" role="listbox" aria-label={words === '' ? 'Recent notes' : 'Matching notes'} aria-busy={!current}>
          {items.map((hit, index) => (
            <HitOption
              key={hit.note.id}
              id={optionId(hit.note.id)}
              hit={hit}
              selected={index === activeIndex}
              onChoose={open}
              keepFocus
            />
          ))}
        </div>
      </div>
    </div>,
    document.body,
  );
}

/** The notes changed most recently (listNotes answers newest first), shown as hits with nothing marked. */
function asHits(notes: NoteSummary[]): SearchHit[] {
  return notes.map((note) => ({ note, snippet: note.snippet, highlights: [], titleHighlights: [] }));
}
