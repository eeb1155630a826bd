// Devices and runs: every replica this journal has heard of, with what each holds compared with
// this one, and every sync or bundle import as a run that can be undone in one step (DESIGN.md,
// "Bundles"). Both lists load again when notes change or the sync status moves.

import { useId, useState } from 'react';
import { count } from '../../shared/count.js';
import { useFerry, useLoad } from '../api/ferry-context.js';
import type { Peer, Run } from '../api/types.js';
import { ago, fullTime } from '../ui/time.js';
import './devices.css';
import { useNow } from '../ui/use-now.js';
import { errorWords } from '../ui/error-words.js';

const reloadOn = ['notesChanged', 'syncStatus'] as const;

export function DevicesView(props: { onOpenNote(noteId: string): void }) {
  const now = useNow(30_000);
  return (
    <div className="devices-view">
      <PeersSection now={now} />
      <RunsSection now={now} onOpenNote={(noteId) => props.onOpenNote(noteId)} />
    </div>
  );
}

function PeersSection({ now }: { now: number }) {
  const peers = useLoad((api) => api.peers(), [], { onEvents: [...reloadOn] });
  const others = peers.value?.filter((p) => !p.self) ?? [];
  const heading = useId();
  return (
    <section className="devices-section" aria-labelledby={heading}>
      <h1 id={heading}>Devices</h1>
      {peers.state === 'failed' && <LoadFailed error={peers.error} onRetry={peers.reload} />}
      {peers.value === null ? (
        peers.state === 'loading' && <p className="muted">Loading devices…</p>
      ) : (
        <>
          <table className="devices-table">
            <thead>
              <tr>
                <th scope="col">Device</th>
                <th scope="col">What it holds</th>
                <th scope="col">Last heard</th>
                <th scope="col">Heard through</th>
              </tr>
            </thead>
            <tbody>
              {peers.value.map((peer) => (
                <PeerRow key={peer.replicaId} peer={peer} now={now} />
              ))}
            </tbody>
          </table>
          {others.length === 0 && <p className="empty">No other device yet. Set a sync server in Settings, or carry a bundle on a USB stick.</p>}
        </>
      )}
    </section>
  );
}

function PeerRow({ peer, now }: { peer: Peer; now: number }) {
  const source = sourceWords(peer.source);
  return (
    <tr className={peer.self ? 'devices-self' : undefined}>
      <th scope="row">
        {peer.deviceName ?? <span className="muted">unnamed device</span>} <code className="devices-id">{peer.replicaId.slice(0, 8)}</code>
        {peer.self && <span className="devices-badge">this device</span>}
      </th>
      <td>{peer.self ? <span className="muted">—</span> : holdsWords(peer)}</td>
      <td>{peer.lastHeard === null ? <span className="muted">{peer.self ? '—' : 'never'}</span> : <time title={fullTime(peer.lastHeard)}>{ago(peer.lastHeard, now)}</time>}</td>
      <td>{source === null ? <span className="muted">—</span> : <span title={source.where}>{source.kind}</span>}</td>
    </tr>
  );
}

function RunsSection({ now, onOpenNote }: { now: number; onOpenNote: (noteId: string) => void }) {
  const runs = useLoad((api) => api.runs({ limit: 50 }), [], { onEvents: [...reloadOn] });
  const heading = useId();
  return (
    <section className="devices-section" aria-labelledby={heading}>
      <h1 id={heading}>Sync and import runs</h1>
      {runs.state === 'failed' && <LoadFailed error={runs.error} onRetry={runs.reload} />}
      {runs.value === null ? (
        runs.state === 'loading' && <p className="muted">Loading runs…</p>
      ) : runs.value.length === 0 ? (
        <p className="empty">Nothing has arrived from another device yet. Each sync or bundle import that brings something shows here, and can be undone in one step.</p>
      ) : (
        <ol className="runs-list">
          {runs.value.map((run) => (
            <RunItem key={run.run} run={run} now={now} onOpenNote={onOpenNote} onUndone={runs.reload} />
          ))}
        </ol>
      )}
    </section>
  );
}

/** How many of a run's notes are listed before "Show all". */
const shownNotes = 8;

function RunItem({ run, now, onOpenNote, onUndone }: { run: Run; now: number; onOpenNote: (noteId: string) => void; onUndone: () => void }) {
  const api = useFerry();
  const [confirming, setConfirming] = useState(false);
  const [undoing, setUndoing] = useState(false);
  const [outcome, setOutcome] = useState<{ ok: boolean; text: string } | null>(null);
  const [showAll, setShowAll] = useState(false);
  const notes = showAll ? run.notes : run.notes.slice(0, shownNotes);

  const undo = () => {
    setConfirming(false);
    setUndoing(true);
    setOutcome(null);
    void api
      .undoRun({ run: run.run })
      .then(
        (result) => {
          setOutcome({ ok: true, text: `Undone: ${count(result.notes, 'note')} back as ${result.notes === 1 ? 'it was' : 'they were'} before this run.` });
          onUndone();
        },
        (error: unknown) => setOutcome({ ok: false, text: errorWords(error) }),
      )
      .finally(() => setUndoing(false));
  };

  return (
    <li className="run">
      <div className="run-header">
        <strong>{kindWords[run.kind]}</strong>
        {run.peerName !== null && <span>from {run.peerName}</span>}
        <span className="run-source muted" title={run.source}>
          {run.source}
        </span>
        <time className="muted" title={fullTime(run.time)}>
          {ago(run.time, now)}
        </time>
        <span className="muted">{count(run.versions, 'version')}</span>
        <span className="run-actions">
          {run.undone !== null ? (
            <span className="run-undone" title={fullTime(run.undone)}>
              Undone {ago(run.undone, now)}
            </span>
          ) : confirming ? (
            <span className="run-confirm">
              <span>Undo {count(run.notes.length, 'note')}?</span>
              <button type="button" className="danger" onClick={undo} aria-describedby={`run-${run.run}-undo-effect`}>
                Yes, undo
              </button>
              <button type="button" onClick={() => setConfirming(false)}>
                Cancel
              </button>
            </span>
          ) : (
            run.notes.length > 0 && (
              <button type="button" disabled={undoing} onClick={() => setConfirming(true)}>
                {undoing ? 'Undoing…' : 'Undo this run'}
              </button>
            )
          )}
        </span>
      </div>
      {confirming && (
        <p className="run-undo-effect" id={`run-${run.run}-undo-effect`}>
          {undoEffect(run)}
        </p>
      )}
      {outcome !== null && (
        <p className={outcome.ok ? 'run-outcome' : 'run-outcome error-text'} role={outcome.ok ? 'status' : 'alert'}>
          {outcome.text}
        </p>
      )}
      {run.notes.length === 0 ? (
        <p className="muted run-nothing">No note changed.</p>
      ) : (
        <ul className="run-notes">
          {notes.map((note) => (
            <li key={note.noteId}>
              <button type="button" className="link" onClick={() => onOpenNote(note.noteId)}>
                {note.title === '' ? 'Untitled' : note.title}
              </button>{' '}
              <span className={note.change === 'conflicted' ? 'run-change error-text' : 'run-change muted'}>{changeWords[note.change]}</span>
            </li>
          ))}
          {run.notes.length > shownNotes && (
            <li>
              <button type="button" className="link" onClick={() => setShowAll(!showAll)}>
                {showAll ? 'Show fewer' : `Show all ${count(run.notes.length, 'note')}`}
              </button>
            </li>
          )}
        </ul>
      )}
    </li>
  );
}

function LoadFailed({ error, onRetry }: { error: Error; onRetry: () => void }) {
  return (
    <p role="alert" className="error-text">
      {error.message}{' '}
      <button type="button" onClick={onRetry}>
        Try again
      </button>
    </p>
  );
}

const kindWords: Record<Run['kind'], string> = { sync: 'Sync', bundle: 'Bundle import', clone: 'Clone' };

/** What undoing a run does, said before it is done: a clone's undo sends every note to the trash, everywhere. */
export function undoEffect(run: Pick<Run, 'notes'>): string {
  const created = run.notes.filter((note) => note.change === 'created').length;
  const changed = run.notes.length - created;
  const parts = [
    created === 0 ? '' : `${created === 1 ? 'The note it brought goes' : `The ${count(created, 'note')} it brought go`} to the trash`,
    changed === 0 ? '' : `${created === 0 ? '' : 'and '}${changed === 1 ? 'the note it changed goes' : `the ${count(changed, 'note')} it changed go`} back to how ${changed === 1 ? 'it was' : 'they were'}`,
  ].filter((part) => part !== '');
  const what = parts.join(' ');
  return `${what.charAt(0).toUpperCase()}${what.slice(1)}. Like any edit, the undo reaches your other devices. Notes edited since the run are left as they are.`;
}

const changeWords: Record<Run['notes'][number]['change'], string> = {
  created: 'new',
  edited: 'edited',
  deleted: 'moved to the trash',
  restored: 'restored',
  conflicted: 'now in conflict',
};

/** What it holds compared with this device: `behind` counts our versions it lacks, `ahead` its versions we lack. */
function holdsWords(peer: Peer): string {
  if (peer.behind === null && peer.ahead === null) return 'never heard what it holds';
  const parts: string[] = [];
  if (peer.behind !== null && peer.behind > 0) parts.push(`${count(peer.behind, 'version')} behind`);
  if (peer.ahead !== null && peer.ahead > 0) parts.push(`${count(peer.ahead, 'version')} ahead`);
  return parts.length === 0 ? 'up to date' : parts.join(', ');
}

/** Sources are the server's URL (sync, clone from a server) or the bundle file's path. */
function sourceWords(source: string | null): { kind: string; where: string } | null {
  if (source === null || source === '') return null;
  return /^(https?|wss?):\/\//iu.test(source) ? { kind: 'sync server', where: source } : { kind: 'bundle file', where: source };
}
