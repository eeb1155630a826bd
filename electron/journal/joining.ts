// A device set up and never written on joins the journal of another device (DESIGN.md,
// "Identities"). The app's first start makes a journal of its own at once, so a second device
// begins with a journal that holds nothing: no version, no draft, no run, no other replica. Such
// a replica may take another journal's id in place, keeping its own (new, never used) replica
// id: nothing was ever written under the old journal id, so nothing has to move. A replica that
// holds anything of its own keeps its journal: two journals are never mixed.

import { FerryError } from '../../shared/errors.js';
import { count } from '../../shared/count.js';
import { isHexId } from './ids.js';
import { writeCheckpoint } from './remote.js';
import type { ReadStore, WriteStore } from './store.js';

/** What this replica holds of its own, in words ("3 notes", "a note being typed"); null when it holds nothing yet. */
export function heldOfItsOwn(store: ReadStore): string | null {
  const held = store
    .prepared(
      `SELECT (SELECT count(*) FROM notes) AS notes, (SELECT count(*) FROM versions) AS versions,
              (SELECT count(*) FROM drafts) + (SELECT count(*) FROM first_drafts) AS drafts,
              (SELECT count(*) FROM runs) AS runs, (SELECT count(*) FROM replicas) AS replicas, (SELECT count(*) FROM peer_vectors) AS peers`,
    )
    .get() as { notes: number; versions: number; drafts: number; runs: number; replicas: number; peers: number };
  if (held.notes > 0) return count(held.notes, 'note');
  if (held.drafts > 0) return held.drafts === 1 ? 'a note being typed' : `${held.drafts} notes being typed`;
  if (held.versions > 0 || held.runs > 0) return count(held.versions, 'version');
  if (held.replicas > 1 || held.peers > 0) return 'what other devices of its journal told it';
  return null;
}

/**
 * Inside a write: makes this replica, which holds nothing yet, a replica of journal `journalId`
 * (`from`: where that journal's versions come from, for the refusal). What a sync server held of
 * the old journal is forgotten; the server's address and token stay.
 */
export function joinJournal(store: WriteStore, current: string, journalId: string, from: string): void {
  if (!isHexId(journalId, 32)) throw new FerryError('BadInput', `"${journalId}" is not a journal id: 32 hexadecimal digits, as \`ferry status\` prints.`);
  if (journalId === current) return;
  const held = heldOfItsOwn(store);
  if (held !== null) {
    throw new FerryError(
      'JournalMismatch',
      `${from} holds journal ${journalId.slice(0, 8)}, and this device’s journal (${current.slice(0, 8)}) already has ${held} of its own, so it cannot take that journal’s notes: ` +
        'a device keeps one journal, and two journals are never mixed.',
    );
  }
  store.setMeta('journal_id', journalId);
  writeCheckpoint(store, { serverVector: {}, replicasRev: 0 });
}

/**
 * Inside a write: forgets every note, version, draft, run and other replica, keeping this replica
 * (its seq starts again at 1) and its settings (device name, server, exchange folders). Only for
 * a join that carries this device's notes over (Journal.joinCarrying), once a copy was kept.
 */
export function forgetContents(store: WriteStore, selfRno: number): void {
  for (const table of ['run_notes', 'runs', 'drafts', 'first_drafts', 'search', 'versions', 'notes', 'peer_vectors']) store.prepared(`DELETE FROM ${table}`).run();
  store.prepared('DELETE FROM replicas WHERE rno != ?').run(selfRno);
  store.prepared('UPDATE replicas SET max_seq = 0, last_heard = NULL WHERE rno = ?').run(selfRno);
}

/**
 * The copy of a journal kept before a join that carries its notes over: a journal folder of its
 * own beside the journal (`before-joining-<id>`), which `ferry --journal DIR` and the app can read,
 * with no server or exchange folder, and marked so that it takes no writes (a second live copy of
 * this replica would be a copied database).
 */
export function keptCopyMark(joined: string): string {
  return `This is the journal as it was before this device joined journal ${joined.slice(0, 8)}, kept to read from: it takes no new notes.`;
}
