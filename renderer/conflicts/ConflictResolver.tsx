// The conflict inbox's main pane for one note: every head side by side, each with what its
// device changed since the common version, a button to keep it whole, and below an editor for a
// merged text. Either way the engine records a resolution (a version on all the heads), which is
// the only thing that ends a conflict (DESIGN.md, "The view").

import { useId, useState } from 'react';
import type { FerryApi } from '../../shared/app-client.js';
import { hasConflictMarkers } from '../../shared/conflict-markers.js';
import { FerryError } from '../../shared/errors.js';
import { useEvent, useFerry, useLoad } from '../api/ferry-context.js';
import type { ConflictBase, VersionChanges, VersionDetail } from '../api/types.js';
import { LineChanges } from '../diff/LineChanges.js';
import { parseTags } from '../editor/note-fields.js';
import { ago, fullTime } from '../ui/time.js';
import './conflicts.css';
import { errorWords } from '../ui/error-words.js';

interface Side {
  head: VersionDetail;
  /** What this head changed since the text the heads last shared (without one, against another head). */
  changes: VersionChanges;
  /** How the column and its button name the head: the device, plus the time when two heads share a device. */
  name: string;
}

type Conflict =
  | { noteId: string; resolved: false; sides: Side[]; base: ConflictBase; shown: VersionDetail; merged: string | null }
  | { noteId: string; resolved: true };

export function ConflictResolver(props: { noteId: string; onResolved(noteId: string): void }) {
  const { noteId } = props;
  const loaded = useLoad((api) => loadConflict(api, noteId), [noteId], { onEvents: [] });
  const { reload } = loaded;
  // Set once this pane saved a resolution, so the change it causes is not read as one from elsewhere.
  const [resolvedHere, setResolvedHere] = useState<string | null>(null);
  useEvent('notesChanged', (payload) => {
    if (payload.noteIds.includes(noteId) && resolvedHere !== noteId) reload();
  });

  if (resolvedHere === noteId) {
    return (
      <div className="conflict-resolver">
        <p role="status">Saved. The conflict is resolved.</p>
      </div>
    );
  }
  // The last value is kept while another note loads: never show one note's heads under another's id.
  const conflict = loaded.value?.noteId === noteId ? loaded.value : null;
  if (loaded.state === 'failed' && conflict === null) {
    return (
      <div className="conflict-resolver">
        <p role="alert" className="error-text">
          The versions in conflict could not be loaded: {loaded.error.message}
        </p>
        <button type="button" onClick={reload}>
          Try again
        </button>
      </div>
    );
  }
  if (conflict === null) {
    return (
      <div className="conflict-resolver">
        <p className="muted" role="status">
          Loading the versions in conflict…
        </p>
      </div>
    );
  }
  if (conflict.resolved) {
    return (
      <div className="conflict-resolver">
        <p role="status">This conflict was resolved (on another device?)</p>
      </div>
    );
  }
  return (
    <ConflictView
      key={noteId}
      noteId={noteId}
      conflict={conflict}
      reloadError={loaded.state === 'failed' ? loaded.error : null}
      onResolved={() => {
        setResolvedHere(noteId);
        props.onResolved(noteId);
      }}
    />
  );
}

function ConflictView(props: { noteId: string; conflict: Extract<Conflict, { resolved: false }>; reloadError: Error | null; onResolved: () => void }) {
  const { noteId, conflict, reloadError, onResolved } = props;
  const { sides, base, shown, merged } = conflict;
  const [title, setTitle] = useState(shown.title);
  const [body, setBody] = useState(shown.body);
  const [tags, setTags] = useState(shown.tags.join(', '));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const { tags: parsedTags, problem: tagProblem } = parseTags(tags);
  const markersLeft = hasConflictMarkers(body);
  const ids = useId();
  const api = useFerry();

  const resolve = async (args: Parameters<FerryApi['resolveConflict']>[0], what: string) => {
    setBusy(true);
    setError(null);
    try {
      await api.resolveConflict(args);
      onResolved();
    } catch (failure) {
      setError(`${what} could not be saved: ${errorWords(failure)}`);
      setBusy(false);
    }
  };

  const now = Date.now();
  return (
    <div className="conflict-resolver">
      <p className="conflict-explainer">
        {/* Every version written here: two windows on this device typed into the note at once. */}
        {sides.every((side) => side.head.here) ? 'This note was changed in two windows of this device at the same time' : 'This note was changed on two devices at the same time'} and the changes
        overlap. Choose one version, or write the merged text, then save.
      </p>
      <p className="muted conflict-basis">
        {base === null ? (
          sides.length > 2 ? (
            'Each column is compared with another of the versions in conflict.'
          ) : (
            'The versions share no earlier version: each column is compared with the other one.'
          )
        ) : (
          <>
            Each version shows what was changed in it since the last text they shared (
            {base.versions.length > 1 ? `${base.versions.length} versions merged, the latest ` : ''}
            <span title={fullTime(base.time)}>{ago(base.time, now)}</span>).
          </>
        )}
      </p>
      {reloadError === null ? null : (
        <p role="alert" className="error-text">
          The latest versions could not be loaded: {reloadError.message}
        </p>
      )}
      <div className="conflict-heads" role="group" aria-label="Versions in conflict">
        {sides.map((side) => (
          <HeadColumn key={side.head.id} side={side} now={now} busy={busy} onKeep={() => void resolve({ noteId, take: side.head.id }, `The version from ${side.name}`)} />
        ))}
      </div>

      <section className="conflict-merge" aria-labelledby={`${ids}-merge`}>
        <h3 id={`${ids}-merge`}>Or write the merged text</h3>
        <label className="conflict-field">
          <span>Merged title</span>
          <input type="text" value={title} onChange={(event) => setTitle(event.target.value)} disabled={busy} />
        </label>
        <label className="conflict-field">
          <span>Merged text</span>
          <textarea
            value={body}
            onChange={(event) => setBody(event.target.value)}
            rows={8}
            spellCheck
            disabled={busy}
            aria-describedby={markersLeft ? `${ids}-markers` : undefined}
          />
        </label>
        {markersLeft ? (
          <p className="conflict-markers-left" id={`${ids}-markers`}>
            The text still has marker lines (&lt;&lt;&lt;&lt;&lt;&lt;&lt;, =======, &gt;&gt;&gt;&gt;&gt;&gt;&gt;). Where you have chosen, delete them: they are saved as they are.
          </p>
        ) : null}
        <div className="conflict-merge-tools">
          <button type="button" onClick={() => setBody(merged ?? bothBodies(sides))} disabled={busy}>
            Start from both
          </button>
          <span className="muted">
            {merged === null
              ? 'Puts every version’s text in the box, between marker lines, to edit into one.'
              : 'Puts both versions in the box: what they agree on once, and where they collide, each side between marker lines.'}
          </span>
        </div>
        <label className="conflict-field">
          <span>Merged tags</span>
          <input
            type="text"
            value={tags}
            onChange={(event) => setTags(event.target.value)}
            placeholder="Separated by spaces or commas"
            disabled={busy}
            aria-invalid={tagProblem !== null}
            aria-describedby={tagProblem === null ? undefined : `${ids}-tag-problem`}
          />
        </label>
        {tagProblem === null ? null : (
          <p className="error-text" id={`${ids}-tag-problem`}>
            {tagProblem} It is left out of the merged version.
          </p>
        )}
        <div className="conflict-actions">
          <button type="button" className="primary" disabled={busy} onClick={() => void resolve({ noteId, title, body, tags: parsedTags }, 'The merged version')}>
            Save merged version
          </button>
        </div>
      </section>
      {error === null ? null : (
        <p role="alert" className="error-text conflict-error">
          {error}
        </p>
      )}
    </div>
  );
}

function HeadColumn(props: { side: Side; now: number; busy: boolean; onKeep: () => void }) {
  const { side, now, busy, onKeep } = props;
  const { head, changes, name } = side;
  const headingId = useId();
  return (
    <section className="conflict-head" aria-labelledby={headingId}>
      <header className="conflict-head-header">
        <h3 id={headingId}>
          {head.device}
          {head.here ? <span className="conflict-here">this device</span> : null}{' '}
          <time className="muted" dateTime={new Date(head.time).toISOString()} title={fullTime(head.time)}>
            {ago(head.time, now)}
          </time>
        </h3>
        <button type="button" aria-label={`Keep the version from ${name}`} onClick={onKeep} disabled={busy}>
          Keep this version
        </button>
      </header>
      <p className="conflict-head-title">{head.title === '' ? <span className="muted">(no title)</span> : head.title}</p>
      {head.deleted ? <p className="conflict-head-note">This device moved the note to the trash.</p> : null}
      <p className="conflict-head-tags">{head.tags.length === 0 ? <span className="muted">No tags</span> : head.tags.map((tag) => <span key={tag} className="conflict-tag">{tag}</span>)}</p>
      <FieldChanges changes={changes} />
      <LineChanges lines={changes.lines} label={`Text from ${name}`} />
      <details className="conflict-whole">
        <summary>The whole text from {name}</summary>
        <pre className="conflict-body">{head.body}</pre>
      </details>
    </section>
  );
}

function FieldChanges({ changes }: { changes: VersionChanges }) {
  const words: string[] = [];
  if (changes.title !== null) words.push(`Title changed from “${changes.title.from}” to “${changes.title.to}”.`);
  if (changes.tags.added.length > 0) words.push(`Tags added: ${changes.tags.added.join(', ')}.`);
  if (changes.tags.removed.length > 0) words.push(`Tags removed: ${changes.tags.removed.join(', ')}.`);
  if (words.length === 0) return null;
  return <p className="conflict-field-changes">{words.join(' ')}</p>;
}

async function loadConflict(api: FerryApi, noteId: string): Promise<Conflict> {
  let found: Awaited<ReturnType<FerryApi['conflictHeads']>>;
  try {
    found = await api.conflictHeads({ noteId });
  } catch (error) {
    // The engine refuses heads of a note that is not in conflict: tell that apart from a failure.
    if (error instanceof FerryError && error.code === 'BadInput' && !(await api.getNote({ noteId })).conflict) return { noteId, resolved: true };
    throw error;
  }
  const { heads, base, changes, merged } = found;
  const first = heads[0];
  if (first === undefined || heads.length < 2) return { noteId, resolved: true };
  const sides = heads.map((head, index): Side => {
    const sameDevice = heads.some((h) => h.id !== head.id && h.device === head.device);
    const device = head.here ? `${head.device}, this device` : head.device;
    return { head, changes: changes[index]!, name: sameDevice ? `${device} (${fullTime(head.time)})` : device };
  });
  // The note shows its latest head, ties by id (DESIGN.md): the merged text starts from that one.
  const shown = heads.reduce((best, head) => (head.time > best.time || (head.time === best.time && head.id > best.id) ? head : best), first);
  return { noteId, resolved: false, sides, base, shown, merged };
}

/** Every head's text one after another, between marker lines a person can find and delete (for more than two heads). */
function bothBodies(sides: readonly Side[]): string {
  const parts = sides.map((side, index) => `${index === 0 ? '<<<<<<<' : '======='} From ${side.head.device}, ${fullTime(side.head.time)}\n${side.head.body.replace(/\n$/u, '')}`);
  return `${parts.join('\n')}\n>>>>>>> End of the versions\n`;
}
