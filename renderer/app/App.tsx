// The app's frame: sidebar, list and main pane, status bar; where the user is (navigation.ts,
// mirrored in the URL hash); the shortcuts; and a notice when bundles arrive. Each screen is its
// own component that loads what it shows through the contract.

import { useCallback, useEffect, useMemo, useReducer, useRef, useState } from 'react';
import { flushSync } from 'react-dom';
import { count } from '../../shared/count.js';
import type { PageCommand } from '../../shared/app-contract.js';
import type { Connection } from '../api/connect.js';
import { useEvent, useFerry, useLoad } from '../api/ferry-context.js';
import type { HostState } from '../api/web-transport.js';
import { ConflictResolver } from '../conflicts/ConflictResolver.js';
import { DevicesView } from '../devices/DevicesView.js';
import { NoteEditor } from '../editor/NoteEditor.js';
import { HistoryPanel } from '../history/HistoryPanel.js';
import { QuickSwitcher } from '../search/QuickSwitcher.js';
import { SettingsView } from '../settings/SettingsView.js';
import { StatusBar } from '../status/StatusBar.js';
import { ListPane } from './ListPane.js';
import { fromHash, move, toHash, type Move, type View } from './navigation.js';
import { commandFor, hint, isMac } from '../../shared/shortcuts.js';
import { Sidebar } from './Sidebar.js';
import { useTheme } from './use-theme.js';
import { useListsHidden } from './use-lists-hidden.js';
import { Welcome, type WelcomeProps } from './Welcome.js';
import { useWindowTitle } from './window-title.js';
import { errorWords } from '../ui/error-words.js';
import { createTypedFields, TypedFieldsContext } from '../notes/typed-fields.js';
import { createSearchedWords, SearchedWordsContext } from '../search/searched-words.js';
import { catchTypeAhead, dropTypeAhead, typeAheadOpened } from '../editor/type-ahead.js';

const addressDelayMs = 300;

export function App({ connection }: { connection: Connection }) {
  const api = useFerry();
  const mac = useMemo(() => isMac(navigator.userAgent), []);
  const [place, go] = useReducer(move, window.location.hash, fromHash);
  const [hostState, setHostState] = useState<HostState>('connecting');
  const [switcher, setSwitcher] = useState(false);
  const [notice, setNotice] = useState<{ text: string; error: boolean; action?: NoticeAction } | null>(null);
  const [theme, setTheme] = useTheme();
  const [listsHidden, setListsHidden] = useListsHidden();
  const [typedFields] = useState(createTypedFields);
  const [searchedWords] = useState(() => createSearchedWords());

  useEffect(() => connection.onHostState(setHostState), [connection]);
  // The address follows where the user is (a reload comes back there), once moving pauses: each
  // replaceState costs a few ms, which stepping through the list with the arrows would pay on
  // every note.
  useEffect(() => {
    const hash = toHash(place);
    if (window.location.hash === hash) return;
    const timer = window.setTimeout(() => window.history.replaceState(null, '', hash), addressDelayMs);
    return () => window.clearTimeout(timer);
  }, [place]);

  const say = useCallback((text: string, error = false, action?: NoticeAction) => setNotice(action === undefined ? { text, error } : { text, error, action }), []);
  useEffect(() => {
    if (notice === null) return;
    const timer = window.setTimeout(() => setNotice(null), notice.error ? 12_000 : 6_000);
    return () => window.clearTimeout(timer);
  }, [notice]);

  // The words of a join just told, which the import that made it goes on from (one notice, not two in a row).
  const joinedWords = useRef<{ words: string; at: number } | null>(null);
  useEvent('bundleImported', ({ file, versions, error }) => {
    const name = fileName(file);
    const joined = joinedWords.current !== null && Date.now() - joinedWords.current.at < 2000 ? joinedWords.current.words : null;
    joinedWords.current = null;
    if (error !== null) say(`The bundle ${name} was not imported: ${error.message}`, true);
    else say(`${joined === null ? '' : `${joined} `}Imported ${count(versions, 'version')} from ${name}.`);
  });

  const dispatch = useCallback((m: Move) => go(m), []);
  const newNote = useCallback(() => {
    catchTypeAhead(); // keys typed before the note opens are its first words
    api
      // Opened blank: nothing is written until the first word is typed.
      .createNote({ blank: true })
      .then((note) => {
        dispatch({ kind: 'open', noteId: note.id, view: 'notes' });
        typeAheadOpened(note.id);
      })
      .catch((error: unknown) => {
        dropTypeAhead();
        say(`A new note could not be made: ${errorWords(error)}`, true);
      });
  }, [api, dispatch, say]);
  // Today's entry opens ready to write in: the cursor at the end of its text.
  const [textFocusFor, setTextFocusFor] = useState<string | null>(null);
  useEffect(() => {
    if (place.noteId !== textFocusFor) setTextFocusFor(null);
  }, [place.noteId, textFocusFor]);
  // Today's entry, or another day's from the calendar (written when its first word is typed).
  const openDay = useCallback(
    (day?: string) => {
      catchTypeAhead();
      api
        .today({ blank: true, ...(day === undefined ? {} : { day }) })
        .then((note) => {
          setTextFocusFor(note.id);
          dispatch({ kind: 'open', noteId: note.id, view: 'journal' });
          typeAheadOpened(note.id);
        })
        .catch((error: unknown) => {
          dropTypeAhead();
          say(`${day === undefined ? 'Today’s entry' : `The entry for ${day}`} could not be opened: ${errorWords(error)}`, true);
        });
    },
    [api, dispatch, say],
  );
  const today = useCallback(() => openDay(), [openDay]);

  // This device held nothing and took another device's journal: a note open now was opened blank
  // under the journal it had before (today's entry has another id in the joined one), so it is
  // opened again, or closed. Settings and Devices stay where they are, to show the journal joined.
  useEvent('journalJoined', ({ journalId, from, devices }) => {
    const whose = devices.length === 0 ? `journal ${journalId.slice(0, 8)}` : `the journal of ${devices.map((d) => `“${d}”`).join(', ')} (${journalId.slice(0, 8)})`;
    const words = `This device joined ${whose}, through ${/^https?:/u.test(from) ? from : fileName(from)}.`;
    joinedWords.current = { words, at: Date.now() };
    say(words);
    if (place.view === 'journal') today();
    else if (place.noteId !== null) dispatch({ kind: 'close' });
  });

  // One place runs each command, whether it came from a key press in the page or, in the desktop
  // app, from its menu or tray (the `command` event).
  const run = useCallback(
    (command: PageCommand) => {
      switch (command) {
        case 'newNote':
          newNote();
          break;
        case 'quickSwitcher':
          setSwitcher(true);
          break;
        case 'today':
          today();
          break;
        case 'search':
          // The focus moves in this same task, the list shown first if need be: a key typed at once
          // after the shortcut goes into the search field, never into the note being written.
          if (place.view !== 'notes' && place.view !== 'trash') flushSync(() => dispatch({ kind: 'go', view: 'notes' }));
          if (listsHidden) flushSync(() => setListsHidden(false));
          document.querySelector<HTMLInputElement>('input[type="search"]')?.focus();
          break;
        case 'syncNow':
          api.syncNow().catch((error: unknown) => say(errorWords(error), true));
          break;
        case 'history':
          dispatch({ kind: 'history', open: !place.history });
          break;
        case 'settings':
          dispatch({ kind: 'go', view: 'settings' });
          break;
        case 'conflicts':
          dispatch({ kind: 'go', view: 'conflicts' });
          break;
        case 'lists':
          setListsHidden(!listsHidden);
          break;
      }
    },
    [api, newNote, today, place.view, place.history, dispatch, say, listsHidden, setListsHidden],
  );
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const command = commandFor(event, mac);
      if (command === null) return;
      event.preventDefault();
      run(command);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [mac, run]);
  useEvent('command', ({ name }) => run(name));

  const navigate = useCallback((view: View, tag: string | null = null) => (view === 'journal' && place.view !== 'journal' ? today() : dispatch({ kind: 'go', view, tag })), [dispatch, place.view, today]);
  // A tag's search left for every note takes its words along to the list of all notes, once.
  const [carriedQuery, setCarriedQuery] = useState<string | null>(null);
  const searchEverywhere = useCallback(
    (query: string) => {
      setCarriedQuery(query);
      dispatch({ kind: 'go', view: 'notes', tag: null });
    },
    [dispatch],
  );
  const inAllNotes = place.view === 'notes' && place.tag === null;
  useEffect(() => {
    if (!inAllNotes) setCarriedQuery(null);
  }, [inAllNotes]);
  const open = useCallback((noteId: string) => dispatch({ kind: 'open', noteId }), [dispatch]);
  const wide = place.view === 'devices' || place.view === 'settings';
  useWindowTitle(place.view === 'devices' ? 'Devices' : place.view === 'settings' ? 'Settings' : null);

  return (
    <TypedFieldsContext.Provider value={typedFields}>
      <SearchedWordsContext.Provider value={searchedWords}>
        <div className={`app${wide ? ' wide-main' : ''}${listsHidden ? ' lists-hidden' : ''}`}>
          {listsHidden ? (
            <div className="lists-rail">
              <button type="button" className="lists-toggle" aria-label="Show the sidebar and list" title={`Show the sidebar and list (${hint('lists', mac)})`} onClick={() => setListsHidden(false)}>
                »
              </button>
            </div>
          ) : (
            <Sidebar view={place.view} tag={place.tag} mac={mac} onNavigate={navigate} onNewNote={newNote} onHide={() => setListsHidden(true)} />
          )}
          {wide || listsHidden ? null : <ListPane place={place} mac={mac} onOpen={open} onToday={today} onOpenDay={openDay} onNewNote={newNote} onSearchEverywhere={searchEverywhere} carriedQuery={inAllNotes ? carriedQuery : null} />}
          <main className="main-pane" aria-label="Note">
            {place.view === 'devices' ? (
              <DevicesView onOpenNote={(noteId) => dispatch({ kind: 'open', noteId, view: 'notes' })} />
            ) : place.view === 'settings' ? (
              <SettingsView theme={theme} onTheme={setTheme} />
            ) : place.noteId === null ? (
              place.view === 'notes' && place.tag === null ? (
                <NotesEmptyMain mac={mac} onNewNote={newNote} onToday={today} onSettings={() => dispatch({ kind: 'go', view: 'settings' })} />
              ) : (
                <EmptyMain view={place.view} mac={mac} />
              )
            ) : place.view === 'conflicts' ? (
              <ConflictResolver key={place.noteId} noteId={place.noteId} onResolved={(noteId) => dispatch({ kind: 'open', noteId, view: 'notes' })} />
            ) : (
              <div className="editor-with-history">
                <NoteEditor
                  noteId={place.noteId}
                  onShowHistory={() => dispatch({ kind: 'history', open: !place.history })}
                  onOpenConflict={() => dispatch({ kind: 'open', noteId: place.noteId!, view: 'conflicts' })}
                  onTrashed={(trashed) => {
                    dispatch({ kind: 'close' });
                    say(`“${trashed.title.trim() || 'Untitled'}” is in the trash.`, false, {
                      label: 'Undo',
                      run: () =>
                        api.restoreNote({ noteId: trashed.id }).then(
                          () => dispatch({ kind: 'open', noteId: trashed.id, view: 'notes' }),
                          (error: unknown) => say(`The note could not be taken out of the trash: ${errorWords(error)}`, true),
                        ),
                    });
                  }}
                  saveOnUnload={connection.saveOnUnload}
                  focusText={textFocusFor === place.noteId}
                />
                {place.history ? <HistoryPanel key={place.noteId} noteId={place.noteId} onClose={() => dispatch({ kind: 'history', open: false })} onRestored={() => undefined} /> : null}
              </div>
            )}
          </main>
          <StatusBar hostState={hostState} onOpenConflicts={() => dispatch({ kind: 'go', view: 'conflicts' })} onOpenSettings={() => dispatch({ kind: 'go', view: 'settings' })} />
          <QuickSwitcher open={switcher} onClose={() => setSwitcher(false)} onOpen={(noteId) => dispatch({ kind: 'open', noteId, view: place.view === 'trash' || place.view === 'conflicts' ? 'notes' : place.view })} />
          {notice === null ? null : (
            <div className="toast" role={notice.error ? 'alert' : 'status'}>
              {notice.text}{' '}
              {notice.action === undefined ? null : (
                <button
                  type="button"
                  className="link"
                  onClick={() => {
                    setNotice(null);
                    void notice.action?.run();
                  }}
                >
                  {notice.action.label}
                </button>
              )}{' '}
              <button type="button" className="link" onClick={() => setNotice(null)}>
                Dismiss
              </button>
            </div>
          )}
        </div>
      </SearchedWordsContext.Provider>
    </TypedFieldsContext.Provider>
  );
}

/** A button a notice offers: Undo, after a note went to the trash. */
interface NoticeAction {
  label: string;
  run: () => Promise<void>;
}

/** A file's name without its folders (a bundle's, in a notice). */
function fileName(path: string): string {
  return path.split(/[/\\]/u).pop() ?? path;
}

function EmptyMain({ view, mac }: { view: View; mac: boolean }) {
  if (view === 'conflicts') return <ConflictsEmptyMain />;
  const text =
    view === 'trash'
      ? 'Choose a note in the trash to read or restore it.'
      : view === 'journal'
        ? `Pick a day, or open today’s entry (${hint('today', mac)}).`
        : `Choose a note, or write a new one (${hint('newNote', mac)}). ${hint('quickSwitcher', mac)} finds any note.`;
  return <p className="empty">{text}</p>;
}

/** The conflict inbox's main pane before a note is chosen: nothing to ask for when nothing is in conflict. */
function ConflictsEmptyMain() {
  // The sync status carries the count (as in the sidebar's badge).
  const status = useLoad((api) => api.syncStatus(), [], { onEvents: ['notesChanged', 'syncStatus'] });
  if (status.value === null) return null;
  return <p className="empty">{status.value.conflicts === 0 ? 'Nothing to resolve.' : 'Choose a note in conflict to see both versions side by side.'}</p>;
}

/** All notes with none chosen: a welcome while the journal has no notes, else where to begin. */
function NotesEmptyMain(props: WelcomeProps) {
  const first = useLoad((api) => api.listNotes({ limit: 1 }), [], { onEvents: ['notesChanged'] });
  if (first.value === null) return null;
  return first.value.length === 0 ? <Welcome {...props} /> : <EmptyMain view="notes" mac={props.mac} />;
}
