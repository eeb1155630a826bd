// A note's history as a side panel: every version, newest first, in words ("Edited title and
// text", on which device, when); what the selected one changed in the text its author had (the
// version before it, or the versions it merged, merged); which versions the note shows now; and a
// way back to any earlier version. Restoring makes a new version with the old fields, so nothing
// in the history is ever lost.

import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { useEvent, useFerry, useLoad } from '../api/ferry-context.js';
import type { HistoryEntry, VersionChanges } from '../api/types.js';
import { LineChanges } from '../diff/LineChanges.js';
import { ago, fullTime } from '../ui/time.js';
import './history.css';
import { errorWords } from '../ui/error-words.js';

export function HistoryPanel(props: { noteId: string; onClose(): void; onRestored(): void }) {
  const { noteId } = props;
  const api = useFerry();
  const loaded = useLoad(
    async (a) => {
      const [entries, note] = await Promise.all([a.history({ noteId }), a.getNote({ noteId })]);
      return { noteId, entries, showing: { heads: note.heads, conflict: note.conflict } };
    },
    [noteId],
    { onEvents: [] },
  );
  const { reload } = loaded;
  useEvent('notesChanged', (payload) => {
    if (payload.origin !== 'draft' && payload.noteIds.includes(noteId)) reload(); // 'draft': no version written
  });
  const [chosen, setChosen] = useState<{ noteId: string; versionId: string } | null>(null);
  const [restoring, setRestoring] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const panel = useRef<HTMLElement>(null);

  // Opened by a person's action: move focus in, so the keyboard (and Escape) work at once.
  useEffect(() => {
    panel.current?.focus();
  }, []);

  const entries = loaded.value?.noteId === noteId ? loaded.value.entries : null;
  const current = loaded.value?.noteId === noteId ? loaded.value.showing : { heads: [], conflict: false };
  // With nothing chosen (or a choice that is gone), a version the note shows now, else the newest.
  const selected = (chosen?.noteId === noteId ? entries?.find((e) => e.id === chosen.versionId) : undefined) ?? entries?.find((e) => current.heads.includes(e.id)) ?? entries?.[0];

  // A version in conflict is kept as the resolution (a version on every head), which ends the
  // conflict; restoring one would build on the shown version only, and leave the conflict.
  const keepsConflict = (entry: HistoryEntry) => current.conflict && current.heads.includes(entry.id);
  const restore = async (entry: HistoryEntry) => {
    setRestoring(true);
    setError(null);
    try {
      if (keepsConflict(entry)) await api.resolveConflict({ noteId, take: entry.id });
      else await api.restoreVersion({ noteId, versionId: entry.id });
      setChosen(null);
      props.onRestored();
      reload();
    } catch (failure) {
      setError(`The version could not be ${keepsConflict(entry) ? 'kept' : 'restored'}: ${errorWords(failure)}`);
    } finally {
      setRestoring(false);
    }
  };

  const onKeyDown = (event: KeyboardEvent<HTMLElement>) => {
    if (event.key === 'Escape') {
      event.preventDefault();
      event.stopPropagation();
      props.onClose();
    }
  };

  const now = Date.now();
  return (
    <aside className="history-panel" aria-label="History" ref={panel} tabIndex={-1} onKeyDown={onKeyDown}>
      <header className="history-header">
        <h2>History</h2>
        <button type="button" aria-label="Close history" onClick={() => props.onClose()}>
          Close
        </button>
      </header>
      {loaded.state === 'failed' ? (
        <div role="alert" className="error-text history-message">
          The history could not be loaded: {loaded.error.message}{' '}
          <button type="button" className="link" onClick={reload}>
            Try again
          </button>
        </div>
      ) : null}
      {entries === null ? (
        loaded.state === 'failed' ? null : (
          <p className="muted history-message" role="status">
            Loading the history…
          </p>
        )
      ) : entries.length === 0 ? (
        <p className="empty">No versions yet: what you type is saved, and becomes the first version when you pause.</p>
      ) : (
        <>
          <EntryList entries={entries} current={current} selectedId={selected?.id ?? null} now={now} onSelect={(entry) => {
              setChosen({ noteId, versionId: entry.id });
              setError(null);
            }} />
          {selected === undefined ? null : (
            <section className="history-detail" aria-label="Selected version">
              <h3>
                {kindInWords(selected)} on {selected.device}, <time dateTime={new Date(selected.time).toISOString()}>{fullTime(selected.time)}</time>
              </h3>
              {current.heads.length === 1 && current.heads[0] === selected.id ? (
                <p className="muted">This is the current version.</p>
              ) : (
                <>
                  {current.heads.includes(selected.id) ? (
                    <p className="muted">
                      {current.conflict
                        ? 'One of the versions in conflict: keeping it ends the conflict, the others stay in the history.'
                        : `The current text merges this version with ${current.heads.length === 2 ? 'another' : `${current.heads.length - 1} others`}: restoring it keeps this one alone.`}
                    </p>
                  ) : current.conflict ? (
                    <p className="muted">The note is in conflict: restoring this version changes the version shown, and the conflict stays until it is resolved.</p>
                  ) : null}
                  <button type="button" className="primary" disabled={restoring} onClick={() => void restore(selected)}>
                    {keepsConflict(selected) ? 'Keep this version' : 'Restore this version'}
                  </button>
                </>
              )}
              {error === null ? null : (
                <p role="alert" className="error-text">
                  {error}
                </p>
              )}
              <EntryChanges key={selected.id} entry={selected} />
            </section>
          )}
        </>
      )}
    </aside>
  );
}

/** Which versions the note shows now: its heads, and whether they are in conflict. */
interface CurrentHeads {
  heads: readonly string[];
  conflict: boolean;
}

function EntryList(props: { entries: HistoryEntry[]; current: CurrentHeads; selectedId: string | null; now: number; onSelect: (entry: HistoryEntry) => void }) {
  const { entries, current, selectedId, now, onSelect } = props;
  const list = useRef<HTMLOListElement>(null);

  // Up and down move between versions, as in any list; Tab still walks the buttons too.
  const onKeyDown = (event: KeyboardEvent<HTMLOListElement>) => {
    if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp') return;
    const buttons = [...(list.current?.querySelectorAll<HTMLButtonElement>('button.history-entry') ?? [])];
    const at = buttons.findIndex((b) => b === document.activeElement);
    if (at === -1) return;
    const next = at + (event.key === 'ArrowDown' ? 1 : -1);
    const button = buttons[next];
    const entry = entries[next];
    if (button === undefined || entry === undefined) return;
    event.preventDefault();
    button.focus();
    onSelect(entry);
  };

  return (
    <ol className="history-list" aria-label="Versions, newest first" ref={list} onKeyDown={onKeyDown}>
      {entries.map((entry) => (
        <li key={entry.id}>
          <button type="button" className="history-entry" aria-pressed={entry.id === selectedId} onClick={() => onSelect(entry)}>
            <span className="history-kind">{kindInWords(entry)}</span>
            {current.heads.includes(entry.id) ? <span className="history-current">{current.conflict ? 'In conflict' : 'Current'}</span> : null}
            <span className="history-meta muted">
              {entry.device} ·{' '}
              <time dateTime={new Date(entry.time).toISOString()} title={fullTime(entry.time)}>
                {ago(entry.time, now)}
              </time>
            </span>
          </button>
        </li>
      ))}
    </ol>
  );
}

/** What the selected version changed in the text its author had (versions never change, so it loads once). */
function EntryChanges({ entry }: { entry: HistoryEntry }) {
  const loaded = useLoad((api) => api.changesOf({ versionId: entry.id }), [entry.id], { onEvents: [] });
  if (loaded.state === 'failed') {
    return (
      <p role="alert" className="error-text">
        What changed could not be shown: {loaded.error.message}
      </p>
    );
  }
  if (loaded.state === 'loading') {
    return (
      <p className="muted" role="status">
        Loading what changed…
      </p>
    );
  }
  const { basis, changes } = loaded.value;
  const textChanged = changes.lines.some((line) => line.kind === 'added' || line.kind === 'removed');
  return (
    <div className="history-changes">
      {basis === 'merge' ? <p className="muted">Compared with the versions it merged, as they merged: what its device changed in that text.</p> : null}
      {basis === 'conflict' ? <p className="muted">It ended a conflict between the versions it merged: compared with the first of them.</p> : null}
      <FieldChangesInWords changes={changes} first={basis === 'nothing'} />
      {textChanged ? <LineChanges lines={changes.lines} label="Changes to the text" /> : <p className="muted">The text did not change.</p>}
    </div>
  );
}

function FieldChangesInWords({ changes, first }: { changes: VersionChanges; first: boolean }) {
  const words: string[] = [];
  const { title, tags } = changes;
  if (title !== null) {
    if (first || title.from === '') words.push(title.to === '' ? 'No title.' : `Titled “${title.to}”.`);
    else if (title.to === '') words.push(`Title removed (it was “${title.from}”).`);
    else words.push(`Title changed from “${title.from}” to “${title.to}”.`);
  }
  if (tags.added.length > 0) words.push(`${tags.added.length === 1 ? 'Tag' : 'Tags'} added: ${tags.added.join(', ')}.`);
  if (tags.removed.length > 0) words.push(`${tags.removed.length === 1 ? 'Tag' : 'Tags'} removed: ${tags.removed.join(', ')}.`);
  if (words.length === 0) return null;
  return <p className="history-field-changes">{words.join(' ')}</p>;
}

const fieldWords = { title: 'title', body: 'text', tags: 'tags' } as const;

/** "Created", "Edited title and text", "Moved to trash", "Restored", "Merged", "Merged, edited text", "Resolved a conflict". */
export function kindInWords(entry: Pick<HistoryEntry, 'kind' | 'changed'>): string {
  switch (entry.kind) {
    case 'created':
      return 'Created';
    case 'trashed':
      return 'Moved to trash';
    case 'restored':
      return 'Restored';
    case 'resolved':
      return 'Resolved a conflict';
    case 'merged':
      return entry.changed.length === 0 ? 'Merged' : `Merged, ${editedWords(entry.changed).toLowerCase()}`;
    case 'edited':
      return editedWords(entry.changed);
  }
}

function editedWords(changed: HistoryEntry['changed']): string {
  const fields = changed.map((field) => fieldWords[field]);
  if (fields.length === 0) return 'Edited';
  const last = fields.pop()!;
  return `Edited ${fields.length === 0 ? last : `${fields.join(', ')} and ${last}`}`;
}
