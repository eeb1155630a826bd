// The middle pane: what the current place lists. Notes (all, or by tag) and the trash have a
// search field that searches as you type; conflicts list the notes in conflict; the journal shows
// its calendar.

import { useCallback, useContext, useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { useFerry, useLoad } from '../api/ferry-context.js';
import { JournalCalendar } from '../journal/JournalCalendar.js';
import { NoteList, type FieldKeys } from '../notes/NoteList.js';
import { useNoteList } from '../notes/use-note-list.js';
import { useReadAhead } from '../notes/use-read-ahead.js';
import { SearchResults } from '../search/SearchResults.js';
import { SearchedWordsContext } from '../search/searched-words.js';
import type { Place } from './navigation.js';
import { hint } from '../../shared/shortcuts.js';

interface ListPaneProps {
  place: Place;
  mac: boolean;
  onOpen: (noteId: string) => void;
  onToday: () => void;
  /** Opens the entry of a day (YYYY-MM-DD), blank when it is not written yet. */
  onOpenDay: (day: string) => void;
  onNewNote: () => void;
  /** Leaves a tag's search for the same words in every note. */
  onSearchEverywhere: (query: string) => void;
  /** Words to search for as the list opens (brought from a tag's search), or null. */
  carriedQuery: string | null;
}

export function ListPane({ place, mac, onOpen, onToday, onOpenDay, onNewNote, onSearchEverywhere, carriedQuery }: ListPaneProps) {
  if (place.view === 'journal') return <JournalPane noteId={place.noteId} onOpen={onOpen} onToday={onToday} onOpenDay={onOpenDay} />;
  if (place.view === 'conflicts') return <ConflictList selectedId={place.noteId} onOpen={onOpen} />;
  const trash = place.view === 'trash';
  // A list of its own for each place: its search field starts empty, or with the words carried to it.
  return (
    <NotesPane
      key={`${trash}:${place.tag}`}
      trash={trash}
      tag={place.tag}
      selectedId={place.noteId}
      mac={mac}
      onOpen={onOpen}
      onNewNote={onNewNote}
      onSearchEverywhere={onSearchEverywhere}
      initialQuery={carriedQuery ?? ''}
    />
  );
}

interface NotesPaneProps {
  trash: boolean;
  tag: string | null;
  selectedId: string | null;
  mac: boolean;
  onOpen: (noteId: string) => void;
  onNewNote: () => void;
  onSearchEverywhere: (query: string) => void;
  initialQuery: string;
}

function NotesPane({ trash, tag, selectedId, mac, onOpen, onNewNote, onSearchEverywhere, initialQuery }: NotesPaneProps) {
  const [query, setQuery] = useState(initialQuery);
  // The open note marks the words searched for (searched-words.ts).
  const searched = useContext(SearchedWordsContext);
  useEffect(() => searched?.set(query), [searched, query]);
  // No field, nothing to mark: the list went (another place, the journal, the lists hidden).
  useEffect(() => () => searched?.set(''), [searched]);
  const openResult = useCallback(
    (noteId: string) => {
      searched?.now();
      onOpen(noteId);
    },
    [searched, onOpen],
  );
  const notes = useNoteList({ trash, tag });
  const ids = useMemo(() => notes.value?.map((n) => n.id) ?? null, [notes.value]);
  const searching = query.trim() !== '';
  useReadAhead(searching ? null : ids, selectedId);
  const label = trash ? 'Trash' : tag === null ? 'Notes' : `Notes tagged #${tag}`;
  // ↓ and Enter in the field reach the list shown under it: the results, or the notes.
  const resultKeys = useRef<FieldKeys>(null);
  const listKeys = useRef<FieldKeys>(null);
  const onFieldKey = (event: KeyboardEvent<HTMLInputElement>) => {
    const list = (searching ? resultKeys : listKeys).current;
    const acted = event.key === 'ArrowDown' ? list?.down() : event.key === 'Enter' ? list?.enter() : false;
    if (acted === true) event.preventDefault();
  };
  return (
    <section className="list-pane" aria-label={label}>
      <div className="pane-header">
        {/* Left to the browser as typed (React does not write the value back at every keystroke); a new field per list. */}
        <input
          type="search"
          aria-label="Search notes"
          placeholder={`Search ${trash ? 'the trash' : tag === null ? 'notes' : `#${tag}`} (${hint('search', mac)})`}
          defaultValue={initialQuery}
          // Brought here by "Search all notes": the person was typing, and goes on where they were.
          autoFocus={initialQuery !== ''}
          onChange={(e) => setQuery(e.target.value)}
          onKeyDown={onFieldKey}
        />
      </div>
      {searching ? (
        <SearchResults
          query={query}
          selectedId={selectedId}
          onSelect={openResult}
          trash={trash}
          tag={tag}
          onSearchEverywhere={tag === null ? undefined : () => onSearchEverywhere(query)}
          fieldKeys={resultKeys}
        />
      ) : null}
      {notes.state === 'failed' && notes.value === null ? (
        <p className="empty error-text" role="alert" hidden={searching}>
          The notes could not be listed: {notes.error.message}
        </p>
      ) : (
        // Kept while a search is shown (hidden, not taken down): the first keystroke does not pay
        // for removing it, and clearing the search finds it as it was, with the note opened from
        // the results brought into view.
        <div className="list-kept" hidden={searching}>
          <NoteList
            notes={notes.value ?? []}
            selectedId={selectedId}
            onSelect={onOpen}
            label={label}
            hidden={searching}
            fieldKeys={listKeys}
            empty={
              notes.state === 'loading' ? (
                <span>Loading…</span>
              ) : trash ? (
                'The trash is empty. Notes you delete wait here until you restore them.'
              ) : tag !== null ? (
                `No notes are tagged #${tag}.`
              ) : (
                <span>
                  No notes yet.{' '}
                  <button type="button" className="link" onClick={onNewNote}>
                    Write the first one
                  </button>{' '}
                  ({hint('newNote', mac)}).
                </span>
              )
            }
          />
        </div>
      )}
    </section>
  );
}

function ConflictList({ selectedId, onOpen }: { selectedId: string | null; onOpen: (noteId: string) => void }) {
  const api = useFerry();
  const conflicts = useLoad(() => api.conflicts(), [api]);
  return (
    <section className="list-pane" aria-label="Conflicts">
      <div className="pane-header">
        <strong>Notes in conflict</strong>
      </div>
      <NoteList notes={conflicts.value ?? []} selectedId={selectedId} onSelect={onOpen} label="Notes in conflict" empty={conflicts.state === 'loading' ? 'Loading…' : 'No conflicts. When two devices change the same lines of a note, it is listed here to be resolved.'} />
    </section>
  );
}

function JournalPane({ noteId, onOpen, onToday, onOpenDay }: { noteId: string | null; onOpen: (noteId: string) => void; onToday: () => void; onOpenDay: (day: string) => void }) {
  const api = useFerry();
  // Only for its day, which never changes: read once per note opened, not again on every edit.
  const open = useLoad(() => (noteId === null ? Promise.resolve(null) : api.getNote({ noteId })), [api, noteId], { onEvents: [] });
  return (
    <section className="list-pane" aria-label="Journal">
      <JournalCalendar selectedDay={open.value?.day ?? null} onOpenNote={onOpen} onOpenDay={onOpenDay} onToday={onToday} />
    </section>
  );
}
