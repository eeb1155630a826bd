// One note, open for editing: title, tags, the text (MarkdownEditor) and/or its preview, the
// banners for a note in the trash or in conflict, and the save indicator.
//
// Every edit goes through a draft saver (draft-saver.ts): saved as the note's draft within
// ~250 ms, committed as a version after ~2 s of rest, on Ctrl/Cmd+S, and when the user leaves the
// note (another noteId, or unmount). As the page closes, what is unsaved goes out in a request
// that survives it (saveOnUnload). When the note changes elsewhere (sync, a bundle, undo, the
// history panel, conflict resolution) it is loaded again; the shown text is replaced only while
// the user has nothing unsaved, and only where it really differs (the engine trims titles and
// sorts tags: what the user is typing is not rewritten under them). Edits made on top of older
// heads are not lost: the draft records the heads it was typed on, and the engine merges.

import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react';
import { flushSync } from 'react-dom';
import type { CallArgs } from '../../shared/app-contract.js';
import { useEvent, useFerry } from '../api/ferry-context.js';
import { notePrefetch } from '../api/note-prefetch.js';
import type { NoteDetail } from '../api/types.js';
import { MarkdownPreview } from '../preview/MarkdownPreview.js';
import { setTask } from '../preview/task-list.js';
import { editorKey } from '../../shared/shortcuts.js';
import { useSearchedWords } from '../search/searched-words.js';
import { createDraftSaver, type DraftSaver, type DraftState } from './draft-saver.js';
import { MarkdownEditor } from './MarkdownEditor.js';
import { useTypedFields } from '../notes/typed-fields.js';
import { previewLead, previewLine } from '../../shared/preview.js';
import { useWindowTitle } from '../app/window-title.js';
import { pageId } from './page-id.js';
import { setTypeAheadTaker, takeTypeAhead, withTypeAhead } from './type-ahead.js';
import { asError, cleanTitle, fieldsOf, parseTags, sameTags, storedFields, typedOnArg, unloadArgs, type NoteFields, type TypedOn } from './note-fields.js';
import './editor.css';

export interface NoteEditorProps {
  noteId: string;
  onShowHistory: () => void;
  onOpenConflict: () => void;
  /** The note was moved to the trash from here (the app closes it, and offers to take it back): which, and its title as shown. */
  onTrashed: (note: { id: string; title: string }) => void;
  onDraftState?: (state: DraftState) => void;
  /** Sends a last draft in a request that survives the page closing; without it, a flush is tried. */
  saveOnUnload?: (args: CallArgs<'commitDraft'>) => void;
  /** Puts the cursor at the end of the text once the note is shown (today's entry: ready to write). */
  focusText?: boolean;
  /** Words to mark in the text; without it, those of the list's search field (searched-words.ts). */
  marked?: string;
  /** Draft timing; the defaults are DESIGN.md's (tests pass short ones). */
  timing?: { saveDelayMs: number; commitDelayMs: number; retryDelayMs?: number };
}

type Mode = 'edit' | 'split' | 'preview';
type Opened = { noteId: string; note: NoteDetail } | { noteId: string; error: Error };
/** A previous note whose last edits could not be saved when the user left it. */
interface Stranded {
  saver: DraftSaver<NoteFields>;
  noteId: string;
  title: string;
  message: string;
}

export function NoteEditor(props: NoteEditorProps) {
  const { noteId, onShowHistory, onOpenConflict, onTrashed } = props;
  const api = useFerry();
  const typedFields = useTypedFields();
  const searched = useSearchedWords();
  const marked = props.marked ?? searched;
  const [opened, setOpened] = useState<Opened | null>(null);
  const [fields, setFields] = useState<NoteFields>({ title: '', body: '', tags: [] });
  const [tagsText, setTagsText] = useState('');
  const [tagProblem, setTagProblem] = useState<string | null>(null);
  const [draft, setDraft] = useState<{ state: DraftState; error: Error | null }>({ state: 'saved', error: null });
  const [view, setView] = useState<{ mode: Mode; back: Exclude<Mode, 'preview'> }>({ mode: 'edit', back: 'edit' });
  const [actionError, setActionError] = useState<string | null>(null);
  const [stranded, setStranded] = useState<Stranded | null>(null);
  /** The note whose text takes the focus as it opens, because the keys typed while it was asked for went past its title. */
  const [textFirst, setTextFirst] = useState<string | null>(null);
  /** Bumped to put the cursor at the end of the text (words typed ahead, added to the note shown). */
  const [focusEnd, setFocusEnd] = useState<number | undefined>(undefined);
  /** The note whose text the fields hold (set once it has loaded). */
  const loadedRef = useRef<string | null>(null);
  const saverRef = useRef<DraftSaver<NoteFields> | null>(null);
  /** The fields as typed, for the saver and the flush on leaving (state lags a render behind). */
  const fieldsRef = useRef(fields);
  /** Counts edits, so that a reload answered after an edit does not overwrite it. */
  const edits = useRef(0);
  const strandedRef = useRef(stranded);
  const latest = useRef(props);
  const root = useRef<HTMLDivElement>(null);
  const switchingRef = useRef(false);
  /** The note's text as the engine holds it (its draft, else the note), from its last load. */
  const basisRef = useRef<NoteFields | null>(null);
  /** The note as stored when the typing now shown began (opened, loaded again, or committed from here): see typedOn in the contract. */
  const typedOnRef = useRef<TypedOn | null>(null);
  /** When the engine saved the draft the text shown continues (the draft opened, or this page's last save): see `draftSaved` in the contract. */
  const draftSavedRef = useRef<{ noteId: string; saved: number } | null>(null);
  /** What every save and commit says of where its text comes from: this page, the version its typing began on, the draft it continues. */
  const pageArgs = useCallback(
    (id: string) => ({
      page: pageId(),
      ...typedOnArg(typedOnRef.current, id),
      ...(draftSavedRef.current?.noteId === id ? { draftSaved: draftSavedRef.current.saved } : {}),
    }),
    [],
  );

  useEffect(() => {
    latest.current = props;
    strandedRef.current = stranded;
  });
  useLayoutEffect(() => {
    switchingRef.current = opened !== null && opened.noteId !== noteId;
  });

  /** Shows fields that did not come from typing; `tagsText` null leaves the tags input as typed. */
  const showFields = useCallback((next: NoteFields, tagsText: string | null) => {
    fieldsRef.current = next;
    setFields(next);
    if (tagsText !== null) {
      setTagsText(tagsText);
      setTagProblem(null);
    }
  }, []);

  // Open the note: a saver of its own, then its text (the draft, when one was left).
  const saveDelayMs = props.timing?.saveDelayMs;
  const commitDelayMs = props.timing?.commitDelayMs;
  /** One wait between tries after a failure (tests); without it, the saver's growing waits. */
  const retryDelayMs = props.timing?.retryDelayMs;
  useEffect(() => {
    let current = true;
    let lastError: Error | null = null;
    // What the engine's draft holds: what a commit makes a version of, and the next typing begins on.
    let lastSaved: NoteFields | null = null;
    const saver = createDraftSaver<NoteFields, number>({
      save: async (f) => {
        const { saved } = await api.saveDraft({ noteId, title: f.title, body: f.body, tags: f.tags, sent: sentNow(), ...pageArgs(noteId) });
        draftSavedRef.current = { noteId, saved };
        lastSaved = f;
      },
      commit: async () => {
        await api.commitDraft({ noteId, ...pageArgs(noteId) });
        if (draftSavedRef.current?.noteId === noteId) draftSavedRef.current = null;
        // Only while this note is the one shown: a note left behind commits after the next has opened.
        if (lastSaved !== null && typedOnRef.current?.noteId === noteId) typedOnRef.current = { noteId, fields: lastSaved, hash: null };
      },
      schedule: (run, ms) => window.setTimeout(run, ms),
      cancel: (timer) => window.clearTimeout(timer),
      now: () => Date.now(),
      ...(saveDelayMs === undefined ? {} : { saveDelayMs }),
      ...(commitDelayMs === undefined ? {} : { commitDelayMs }),
      ...(retryDelayMs === undefined ? {} : { retryDelaysMs: [retryDelayMs] }),
      onState: (state, error) => {
        // A note left unsaved (below) that a later try saved: its notice goes.
        if (state === 'saved') setStranded((lost) => (lost?.saver === saver ? null : lost));
        if (saverRef.current !== saver) return;
        setDraft({ state, error });
        latest.current.onDraftState?.(state);
      },
      onError: (error) => {
        lastError = error;
      },
    });
    saverRef.current = saver;
    notePrefetch(api)
      .get(noteId)
      .then((note) => {
        if (!current) return;
        if (note.draft !== null) saver.adoptDraft();
        if (note.draft !== null) lastSaved = fieldsOf(note);
        draftSavedRef.current = note.draft === null ? null : { noteId, saved: note.draft.saved };
        typedOnRef.current = { noteId, fields: storedFields(note), hash: null };
        const shown = fieldsOf(note);
        basisRef.current = shown;
        loadedRef.current = noteId;
        // Keys typed while the note was asked for (New note, then typing at once) are its first words.
        const typed = takeTypeAhead();
        const start = withTypeAhead(shown, typed ?? '', isNewNote(note));
        const show = () => {
          setOpened({ noteId, note });
          setDraft({ state: 'saved', error: null });
          setActionError(null);
          showFields(start.fields, start.fields.tags.join(', '));
          setTextFirst(typed !== null && start.textFocus ? noteId : null);
        };
        // Drawn at once when keys were caught: the focus moves from the hidden text area to the
        // note in this same task, so that no key pressed meanwhile falls between the two.
        if (typed === null) show();
        else flushSync(show);
        latest.current.onDraftState?.('saved');
        if (typed !== null && typed !== '') {
          edits.current++;
          saver.edited(start.fields);
        }
      })
      .catch((error: unknown) => {
        if (current) setOpened({ noteId, error: asError(error) });
      });
    return () => {
      current = false;
      saverRef.current = null;
      saver.dispose();
      const title = fieldsRef.current.title;
      void saver.flush().then((done) => {
        if (!done) setStranded({ saver, noteId, title, message: lastError?.message ?? 'the engine did not answer.' });
      });
    };
  }, [api, noteId, saveDelayMs, commitDelayMs, retryDelayMs, showFields, pageArgs]);

  const edit = useCallback((change: Partial<NoteFields>) => {
    const next = { ...fieldsRef.current, ...change };
    edits.current++;
    fieldsRef.current = next;
    setFields(next);
    saverRef.current?.edited(next);
  }, []);

  // Today pressed while today's entry is shown: the keys typed meanwhile go at the end of its text.
  useEffect(() => {
    setTypeAheadTaker((id) => {
      if (id !== noteId || loadedRef.current !== noteId) return; // the editor takes them as the note loads
      const typed = takeTypeAhead();
      if (typed === null) return; // the person went elsewhere meanwhile
      // As the note loads (above): the focus moves to the text in this same task.
      flushSync(() => {
        if (typed !== '') edit(withTypeAhead(fieldsRef.current, typed, false).fields);
        setFocusEnd((n) => (n ?? 0) + 1);
      });
    });
    return () => setTypeAheadTaker(null);
  }, [noteId, edit]);

  // Not while the previous note is still shown as the next one loads: the text is its, not the next one's.
  const onBody = useCallback(
    (body: string) => {
      if (switchingRef.current) return;
      edit({ body });
      // The list's line for this note follows the typing, as its title does.
      const typedIn = loadedRef.current;
      if (typedIn !== null) typedFields.previews.typed(typedIn, previewLine(body.slice(0, previewLead), fieldsRef.current.title), Date.now());
    },
    [edit, typedFields],
  );

  // A task item's box ticked in the preview: that one character of the text, as if typed.
  const tickTask = useCallback(
    (line: number, checked: boolean) => {
      const body = setTask(fieldsRef.current.body, line, checked);
      if (body === null || switchingRef.current) return false;
      onBody(body);
      return true;
    },
    [onBody],
  );

  const onTags = (text: string) => {
    setTagsText(text);
    const { tags, problem } = parseTags(text);
    setTagProblem(problem);
    if (!sameTags(tags, fieldsRef.current.tags)) edit({ tags });
  };

  // Changed elsewhere: load it again; replace the text only when nothing typed is unsaved.
  const reload = useCallback(() => {
    const saver = saverRef.current;
    if (saver === null) return;
    const editsBefore = edits.current;
    api
      .getNote({ noteId })
      .then((note) => {
        if (saverRef.current !== saver) return;
        setOpened({ noteId, note });
        basisRef.current = fieldsOf(note);
        if (saver.hasUnsaved() || edits.current !== editsBefore) return;
        const shown = fieldsRef.current;
        const incoming = fieldsOf(note);
        const titleChanged = cleanTitle(shown.title) !== incoming.title;
        const tagsChanged = !sameTags(shown.tags, incoming.tags);
        // The text shown is the note's again: typing from here begins on this version.
        if (note.draft === null) typedOnRef.current = { noteId, fields: storedFields(note), hash: null };
        if (!titleChanged && !tagsChanged && shown.body === incoming.body) return;
        showFields({ title: titleChanged ? incoming.title : shown.title, body: incoming.body, tags: tagsChanged ? incoming.tags : shown.tags }, tagsChanged ? incoming.tags.join(', ') : null);
      })
      .catch(() => undefined); // the text stays as shown; the next change loads it again
  }, [api, noteId, showFields]);

  // Not for 'draft': that is this very note coming into lists with its first words.
  useEvent('notesChanged', ({ noteIds, origin }) => {
    if (origin !== 'draft' && noteIds.includes(noteId)) reload();
  });

  useWindowTitle(opened !== null && 'note' in opened ? fields.title.trim() || 'Untitled' : null);

  const commitNow = useCallback(() => void saverRef.current?.flush(), []);
  /** Edit and Split are chosen; Preview toggles, back to whichever of them was shown before. */
  const choose = useCallback((mode: Mode) => setView((v) => (mode !== 'preview' ? { mode, back: mode } : v.mode === 'preview' ? { mode: v.back, back: v.back } : { mode, back: v.back })), []);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      // Already handled: on a Mac, Ctrl+E in the text is CodeMirror's end of line.
      if (event.defaultPrevented) return;
      const key = editorKey(event);
      if (key === 'commit') {
        event.preventDefault();
        commitNow();
      } else if (key === 'preview') {
        event.preventDefault();
        choose('preview');
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [commitNow, choose]);

  // The page is closing: what is not yet a version goes out, with any unsaved text, in one
  // request that outlives the page and commits it (as leaving a note does).
  useEffect(() => {
    const leave = (id: string, saver: DraftSaver<NoteFields>, basis: NoteFields | null) => {
      const send = latest.current.saveOnUnload;
      const unsaved = saver.unloadFields();
      if (send === undefined) void saver.flush();
      else if (unsaved !== null) send({ ...unloadArgs(id, unsaved, [...saver.sentFields(), ...(basis === null ? [] : [basis])]), sent: sentNow(), ...pageArgs(id) });
      else if (saver.hasUncommitted()) send({ noteId: id, ...pageArgs(id) });
    };
    const onLeave = (event: Event) => {
      const saver = saverRef.current;
      const lost = strandedRef.current;
      // Words the engine has been refusing (a full disk) would most likely be refused once more:
      // the browser (or the desktop app, main.ts) asks before the page goes.
      if (event.type === 'beforeunload' && (saver?.state() === 'error' || lost !== null)) event.preventDefault();
      if (saver !== null) leave(noteId, saver, basisRef.current);
      if (lost !== null) leave(lost.noteId, lost.saver, null);
    };
    window.addEventListener('pagehide', onLeave);
    window.addEventListener('beforeunload', onLeave);
    return () => {
      window.removeEventListener('pagehide', onLeave);
      window.removeEventListener('beforeunload', onLeave);
    };
  }, [noteId, pageArgs]);

  const trash = async () => {
    setActionError(null);
    try {
      await saverRef.current?.flush();
      await api.trashNote({ noteId });
      onTrashed({ id: noteId, title: fieldsRef.current.title });
    } catch (error) {
      setActionError(`The note was not moved to the trash: ${asError(error).message}`);
    }
  };

  const restore = async () => {
    setActionError(null);
    try {
      const note = await api.restoreNote({ noteId });
      if (saverRef.current !== null) setOpened({ noteId, note });
    } catch (error) {
      setActionError(`The note was not restored: ${asError(error).message}`);
    }
  };

  const retryStranded = useCallback((lost: Stranded) => {
    void lost.saver.flush().then((done) => setStranded((now) => (done && now === lost ? null : now)));
  }, []);

  // A note left with words not saved is tried again by itself too, as the note shown is (draft-saver.ts).
  useEffect(() => {
    if (stranded === null) return;
    const timer = window.setInterval(() => retryStranded(stranded), retryDelayMs ?? strandedRetryMs);
    return () => window.clearInterval(timer);
  }, [stranded, retryStranded, retryDelayMs]);

  const strandedNotice =
    stranded === null ? null : (
      <div className="banner note-banner" role="alert">
        <span>
          Your last edits to “{stranded.title || 'Untitled'}” were not saved: {stranded.message}
        </span>
        <button type="button" onClick={() => retryStranded(stranded)}>
          Try again
        </button>
      </div>
    );

  // While the next note loads (usually read ahead: a few ms), the one shown stays, locked, so the
  // editor is not torn down and built again at every step through the list.
  if (opened === null || (opened.noteId !== noteId && 'error' in opened)) {
    return (
      <div className="note-editor" aria-busy="true">
        {strandedNotice}
      </div>
    );
  }
  if ('error' in opened) {
    return (
      <div className="note-editor">
        {strandedNotice}
        <div className="empty" role="alert">
          <p>This note could not be opened.</p>
          <p className="error-text">{opened.error.message}</p>
        </div>
      </div>
    );
  }

  const { note } = opened;
  const switching = opened.noteId !== noteId;
  const locked = note.deleted || switching;
  const { mode } = view;
  const isNew = isNewNote(note);
  /** Opened blank (New note, a day not begun) and nothing typed into it yet: nothing to save, nothing to trash. */
  const untouchedBlank = note.heads.length === 0 && draft.state === 'saved' && fields.title === note.title && fields.body === note.body && sameTags(fields.tags, note.tags);
  const focusText = () => root.current?.querySelector<HTMLElement>('.cm-content')?.focus();

  return (
    <div
      className="note-editor"
      ref={root}
      data-note-id={opened.noteId}
      aria-busy={switching}
      onBlur={(event) => {
        // Leaving the note (for the search field, the list, another window) is a pause: what was
        // typed becomes a version now, so a search made next finds it.
        const to = event.relatedTarget;
        if (!(to instanceof Node && event.currentTarget.contains(to)) && saverRef.current?.hasUncommitted() === true) commitNow();
      }}
    >
      {strandedNotice}
      {note.deleted ? (
        <div className="banner note-banner">
          <span>This note is in the trash</span>
          <button type="button" onClick={() => void restore()}>
            Restore
          </button>
        </div>
      ) : null}
      {note.conflict ? (
        <div className="banner note-banner conflict" role="alert">
          <span>Conflicting edits, made at the same time on two devices or in two windows: this is the latest, and the others are kept.</span>
          <button type="button" onClick={onOpenConflict}>
            Resolve…
          </button>
        </div>
      ) : null}
      {actionError === null ? null : (
        <div className="banner note-banner" role="alert">
          {actionError}
        </div>
      )}
      <div className="note-header">
        {/* Before the title in the page, after it on screen (CSS order): Tab goes from the title to the tags, then the text. */}
        <div className="note-actions">
          {/* A note opened blank and not typed into holds nothing to be saved: no "Saved" for it. */}
          {untouchedBlank ? null : <SaveIndicator state={draft.state} error={draft.error} />}
          <button type="button" onClick={onShowHistory}>
            History
          </button>
          <div className="segmented" role="group" aria-label="View">
            {(['edit', 'split', 'preview'] as const).map((m) => (
              <button key={m} type="button" aria-pressed={mode === m} onClick={() => choose(m)} title={m === 'preview' ? 'Preview (Ctrl+E, ⌘E on a Mac)' : undefined}>
                {modeNames[m]}
              </button>
            ))}
          </div>
          {/* Typed into, a new note can go to the trash (written first, so the trash can give it back). */}
          {note.deleted || untouchedBlank ? null : (
            <button type="button" className="danger" aria-label="Move to trash" title="Move to trash (restore it from Trash)" onClick={() => void trash()}>
              <span className="wide-only">Move to trash</span>
              <span className="narrow-only">Trash</span>
            </button>
          )}
        </div>
        {/* A text area of one line that wraps (editor.css), so a long title is read whole; a title has no line breaks. */}
        <textarea
          key={opened.noteId /* a new field per note, so that a new note's title takes the focus */}
          className="note-title"
          aria-label="Title"
          placeholder="Untitled"
          rows={1}
          value={fields.title}
          maxLength={500}
          readOnly={locked}
          autoFocus={isNew && textFirst !== opened.noteId}
          onChange={(event) => {
            const title = oneLine(event.target.value);
            edit({ title });
            typedFields.titles.typed(opened.noteId, title, Date.now());
          }}
          onKeyDown={(event) => {
            if (event.key === 'Enter') {
              event.preventDefault();
              focusText();
            }
          }}
        />
      </div>
      <div className="note-tags">
        <input
          aria-label="Tags"
          placeholder="Tags, separated by spaces or commas"
          value={tagsText}
          readOnly={locked}
          aria-invalid={tagProblem !== null}
          aria-describedby={tagProblem === null ? undefined : `tag-problem-${noteId}`}
          onChange={(event) => onTags(event.target.value)}
          onBlur={() => {
            if (tagProblem === null) setTagsText(fieldsRef.current.tags.join(', '));
          }}
        />
        {tagProblem === null ? null : (
          <span className="error-text" id={`tag-problem-${noteId}`}>
            {tagProblem}
          </span>
        )}
      </div>
      <div className={`note-body mode-${mode}`}>
        <div className="note-pane note-source" hidden={mode === 'preview'}>
          <MarkdownEditor value={fields.body} onChange={onBody} docKey={opened.noteId} ariaLabel="Note text" readOnly={note.deleted} marked={marked} autoFocus={(props.focusText === true || textFirst === opened.noteId) && !locked} focusEnd={focusEnd} />
        </div>
        {mode === 'edit' ? null : (
          <div className="note-pane note-rendered">
            <MarkdownPreview text={fields.body} marked={marked} {...(locked ? {} : { onToggleTask: tickTask })} />
          </div>
        )}
      </div>
    </div>
  );
}

const modeNames: Record<Mode, string> = { edit: 'Edit', split: 'Split', preview: 'Preview' };

function SaveIndicator({ state, error }: { state: DraftState; error: Error | null }) {
  if (state === 'error') {
    return (
      <span className="save-state error-text" role="alert">
        Not saved (Ferry keeps trying): {error?.message ?? 'unknown error'}
      </span>
    );
  }
  return (
    <span className="save-state muted" data-state={state}>
      {state === 'saved' ? 'Saved' : 'Saving…'}
    </span>
  );
}

/** How often the words of a note left unsaved are tried again: as the note shown's, at their slowest. */
const strandedRetryMs = 30_000;

/** A title as one line: line breaks pasted into it become spaces. */
function oneLine(text: string): string {
  return text.replace(/\r\n|[\r\n]/gu, ' ');
}

/** When a save leaves the page: increasing within the page and from one page to the next (see `sent` in the contract). */
function sentNow(): number {
  return performance.timeOrigin + performance.now();
}

/** A note just made, with nothing in it yet: its title takes the focus. */
function isNewNote(note: NoteDetail): boolean {
  return note.created === note.updated && note.title === '' && note.body === '' && note.draft === null;
}
