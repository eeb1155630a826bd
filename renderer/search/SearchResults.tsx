// Search as you type: the hits for what is in the search field, as a listbox that moves like the
// note list. A call goes out at each keystroke (one at a time: use-latest-answer.ts) and again
// when notes change; only the answer for the latest query is shown, so a slow answer to "fe"
// cannot replace the answer to "ferry". While a new answer is on its way the last one stays, so
// the list does not flash empty at every keystroke.

import { memo, useEffect, useId, useImperativeHandle, useMemo, useRef, useState, type KeyboardEvent, type Ref } from 'react';
import type { SearchHit } from '../api/types.js';
import { nothingToFindWords } from '../../shared/search-query.js';
import { listKeyTarget, rowName, type FieldKeys } from '../notes/NoteList.js';
import { useReadAhead } from '../notes/use-read-ahead.js';
import { ago } from '../ui/time.js';
import { Highlighted } from './highlight.js';
import { useLatestAnswer } from './use-latest-answer.js';
import './search.css';

export interface SearchResultsProps {
  query: string;
  selectedId: string | null;
  onSelect: (noteId: string) => void;
  trash?: boolean;
  /** Only the notes carrying this tag (the list of a tag searches in it). */
  tag?: string | null;
  /** Searches every note for the same words instead (offered when a tag narrows the search). */
  onSearchEverywhere?: () => void;
  /** Keys pressed in the search field, passed on to the results. */
  fieldKeys?: Ref<FieldKeys>;
}

/** The contract refuses longer queries; nobody types one, but a paste might be. */
const maxQuery = 1000;
/** Hits asked for as the user types (enough to fill the pane, cheap to find and draw), then on "More results". */
export const hitLimits = [20, 100, 200] as const;

export function SearchResults({ query, selectedId, onSelect, trash, tag, onSearchEverywhere, fieldKeys }: SearchResultsProps) {
  const words = query.trim().slice(0, maxQuery);
  const inTrash = trash === true;
  const inTag = tag ?? null;
  // "More results" raises the limit for these words only; new words start again at the first.
  const [more, setMore] = useState({ words, step: 0 });
  const step = more.words === words ? more.step : 0;
  const limit = hitLimits[step]!;
  const key = words === '' ? null : `${inTrash ? 'trash' : 'notes'}:${inTag ?? ''}:${limit}:${words}`;
  const answer = useLatestAnswer(key, (api) => api.search({ query: words, limit, trash: inTrash, asYouType: true, ...(inTag === null ? {} : { tag: inTag }) }));
  const listRef = useRef<HTMLDivElement>(null);
  const boxRef = useRef<HTMLDivElement>(null);
  const baseId = useId();

  const current = answer !== null && answer.key === key;
  const hits = answer !== null && 'value' in answer ? answer.value : null;
  const selectedIndex = hits === null ? -1 : hits.findIndex((hit) => hit.note.id === selectedId);
  const ids = useMemo(() => hits?.map((hit) => hit.note.id) ?? null, [hits]);
  useReadAhead(ids, selectedId);

  useEffect(() => {
    if (selectedId !== null) scrollOptionIntoView(listRef.current, `${baseId}-${selectedId}`);
  }, [selectedId, baseId]);

  useImperativeHandle(
    fieldKeys,
    () => ({
      down() {
        const hit = hits?.[Math.max(0, selectedIndex)];
        if (hit === undefined) return false;
        boxRef.current?.focus();
        if (hit.note.id !== selectedId) onSelect(hit.note.id);
        return true;
      },
      enter() {
        const hit = hits?.[selectedIndex] ?? hits?.[0];
        if (hit === undefined) return false;
        onSelect(hit.note.id);
        return true;
      },
    }),
    [hits, selectedIndex, selectedId, onSelect],
  );

  if (key === null) return <p className="empty">Type a word to find the notes that hold it.</p>;
  if (answer !== null && current && 'error' in answer) {
    return (
      <p className="empty error-text" role="alert">
        The search failed: {answer.error}
      </p>
    );
  }
  if (hits === null || (!current && hits.length === 0)) {
    return (
      <p className="empty" role="status">
        Searching…
      </p>
    );
  }
  const everywhere =
    inTag !== null && onSearchEverywhere !== undefined ? (
      <button type="button" className="link search-everywhere" onClick={onSearchEverywhere}>
        Search all notes
      </button>
    ) : null;
  if (hits.length === 0) {
    const nothing = nothingToFindWords(words);
    return (
      <p className="empty" role="status" data-query={words}>
        {`${nothing ?? `No notes ${inTag === null ? '' : `tagged #${inTag} `}match “${words}”`}.`}
        {nothing === null && everywhere !== null ? <> {everywhere}</> : null}
      </p>
    );
  }

  function onKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    if (hits === null) return;
    if (event.key === 'Enter') {
      const hit = hits[selectedIndex] ?? hits[0];
      if (hit === undefined) return;
      event.preventDefault();
      onSelect(hit.note.id);
      return;
    }
    const target = hits[listKeyTarget(event.key, selectedIndex, hits.length) ?? -1];
    if (target === undefined) return;
    event.preventDefault();
    scrollOptionIntoView(listRef.current, `${baseId}-${target.note.id}`);
    if (target.note.id !== selectedId) onSelect(target.note.id);
  }

  return (
    <>
      <p className="visually-hidden" role="status">
        {current ? `${hits.length === limit ? `The first ${limit}` : hits.length} ${hits.length === 1 ? 'note matches' : 'notes match'}.` : ''}
      </p>
      <div ref={listRef} className="search-scroll">
        <div
          ref={boxRef}
          className="search-results"
          role="listbox"
          aria-label="Search results"
          aria-busy={!current}
          data-query={current ? words : undefined}
          tabIndex={0}
          aria-activedescendant={selectedIndex < 0 ? undefined : `${baseId}-${selectedId ?? ''}`}
          onKeyDown={onKeyDown}
        >
          {hits.map((hit) => (
            <HitOption key={hit.note.id} id={`${baseId}-${hit.note.id}`} hit={hit} selected={hit.note.id === selectedId} onChoose={onSelect} />
          ))}
        </div>
        {current && hits.length === limit && step + 1 < hitLimits.length ? (
          <button type="button" className="link more-results" onClick={() => setMore({ words, step: step + 1 })}>
            More results
          </button>
        ) : null}
        {everywhere !== null ? (
          <p className="search-scope muted">
            Only notes tagged #{inTag}. {everywhere}
          </p>
        ) : null}
      </div>
    </>
  );
}

/**
 * One hit as an option: its title, its snippet with the matched words marked, and when it
 * changed. Named like a note list row (title first); the snippet is its description.
 */
export const HitOption = memo(function HitOption({ id, hit, selected, onChoose, keepFocus }: { id: string; hit: SearchHit; selected: boolean; onChoose: (noteId: string) => void; keepFocus?: boolean }) {
  const title = hit.note.title.trim() === '' ? 'Untitled' : hit.note.title;
  const time = ago(hit.note.updated, Date.now());
  return (
    <div
      id={id}
      className="hit-row"
      role="option"
      aria-selected={selected}
      aria-label={rowName(title, hit.note.conflict, time)}
      aria-describedby={`${id}-snippet`}
      onClick={() => onChoose(hit.note.id)}
      // A click keeps the caret where it was (the quick switcher's field).
      onMouseDown={keepFocus === true ? (event) => event.preventDefault() : undefined}
    >
      <div className="hit-line">
        <span className="hit-title">{title === hit.note.title ? <Highlighted text={title} highlights={hit.titleHighlights} /> : title}</span>
        {hit.note.conflict ? <span className="note-row-conflict">Conflict</span> : null}
        <span className="hit-time">{time}</span>
      </div>
      <div id={`${id}-snippet`} className="hit-snippet">
        <Highlighted text={hit.snippet} highlights={hit.highlights} />
      </div>
    </div>
  );
});

/** Scrolls `list` just enough to show the option with `optionId` (by offsets: jsdom has no scrollIntoView). */
export function scrollOptionIntoView(list: HTMLElement | null, optionId: string): void {
  if (list === null) return;
  const option = list.ownerDocument.getElementById(optionId);
  if (option === null || !list.contains(option)) return;
  const top = option.offsetTop;
  const bottom = top + option.offsetHeight;
  if (top < list.scrollTop) list.scrollTop = top;
  else if (bottom > list.scrollTop + list.clientHeight) list.scrollTop = bottom - list.clientHeight;
}
