// `fsck`: checks every invariant of a journal and names what is wrong, without changing anything.
// Versions must hash to their ids and decode; each replica's seqs run 1..max without gaps; every
// parent is held and belongs to the same note; delta chains are sound; the `notes` cache equals
// the view recomputed from the versions; the search index holds exactly the view's text.

import Database from 'better-sqlite3';
import { compareCodePoints } from '../../shared/fields.js';
import { FerryError } from '../../shared/errors.js';
import { maxChain } from './body-codec.js';
import { addonOption } from './database.js';
import { dailyDayOf } from './daily.js';
import { toHex, unpackIds } from './ids.js';
import { loadHeads, noteHistory } from './apply-version.js';
import { indexedText, previewOf, type NoteRow, type ReadStore, type VersionMeta } from './store.js';
import { versionId } from './version-id.js';
import { headsOf, viewOfHeads, type HeadMerger } from './view.js';

export interface FsckReport {
  ok: boolean;
  problems: string[];
  checked: { versions: number; notes: number; replicas: number };
}

const maxProblems = 200;

export function checkJournal(store: ReadStore, journalId: string, merge: HeadMerger): FsckReport {
  const problems: string[] = [];
  const report = (problem: string) => {
    if (problems.length < maxProblems) problems.push(problem);
  };
  const db = store.db;

  try {
    for (const row of db.prepare('PRAGMA quick_check').all() as { quick_check: string }[]) {
      if (row.quick_check !== 'ok') report(`SQLite: ${row.quick_check}`);
    }
  } catch (error) {
    // Damage bad enough that the check itself stops: said, and the rest is checked as far as it reads.
    report(`SQLite: ${(error as Error).message}`);
  }

  const replicas = store.replicas();
  const replicaHex = new Map(replicas.map((r) => [r.rno, toHex(r.replica_id)]));
  const selfId = store.meta('replica_id');
  if (selfId === undefined || !replicas.some((r) => toHex(r.replica_id) === selfId)) report('This replica is not listed among the replicas.');

  // Each replica's versions are numbered 1..max_seq with no gap.
  const seqStats = db.prepare('SELECT rno, count(*) AS n, min(seq) AS lo, max(seq) AS hi FROM versions GROUP BY rno').all() as { rno: number; n: number; lo: number; hi: number }[];
  const statsByRno = new Map(seqStats.map((s) => [s.rno, s]));
  for (const r of replicas) {
    const s = statsByRno.get(r.rno) ?? { n: 0, lo: 1, hi: 0 };
    const who = `replica ${toHex(r.replica_id).slice(0, 8)}`;
    if (s.hi !== r.max_seq) report(`The version vector says ${who} is at ${r.max_seq}, but its versions go up to ${s.hi}.`);
    if (s.n !== s.hi || (s.n > 0 && s.lo !== 1)) report(`The versions of ${who} have gaps: ${s.n} versions numbered ${s.lo}..${s.hi}.`);
  }
  for (const s of seqStats) if (!replicaHex.has(s.rno)) report(`Versions name a replica row (${s.rno}) that is not listed.`);

  const notes = db.prepare('SELECT * FROM notes ORDER BY nno').all() as (NoteRow & { preview: string })[];
  // null: the index cannot be read at all (said once, below, rather than once per note).
  let indexed: Map<number, { rowid: number; title: string; body: string; tags: string }> | null;
  try {
    indexed = new Map((db.prepare('SELECT rowid, title, body, tags FROM search').all() as { rowid: number; title: string; body: string; tags: string }[]).map((r) => [r.rowid, r]));
  } catch (error) {
    indexed = null;
    report(`The search index cannot be read: ${(error as Error).message}. ${rebuildIndex}`);
  }
  const versionsOf = db.prepare('SELECT vno, id, nno, rno, seq, time, parents, title, tags, deleted, base, chain FROM versions WHERE nno = ? ORDER BY vno');
  const parentNote = db.prepare('SELECT vno, nno FROM versions WHERE id = ?');
  let versionCount = 0;

  for (const note of notes) {
    const noteHex = toHex(note.note_id);
    const label = `note ${noteHex.slice(0, 8)} ("${note.title}")`;
    const versions = versionsOf.all(note.nno) as VersionMeta[];
    versionCount += versions.length;
    const entry = indexed?.get(note.nno);
    indexed?.delete(note.nno);
    if (versions.length === 0) {
      report(`${label} has no versions.`);
      continue;
    }
    const ids = new Set<string>();
    for (const v of versions) {
      const vHex = toHex(v.id);
      ids.add(vHex);
      const parents = unpackIds(v.parents, 32);
      for (const [i, p] of parents.entries()) {
        const found = parentNote.get(Buffer.from(p, 'hex')) as { vno: number; nno: number } | undefined;
        if (found === undefined) report(`Version ${vHex.slice(0, 12)} of ${label} names a parent that is missing (${p.slice(0, 12)}).`);
        else if (found.nno !== note.nno) report(`Version ${vHex.slice(0, 12)} of ${label} names a parent of another note.`);
        else if (found.vno > v.vno) report(`Version ${vHex.slice(0, 12)} of ${label} arrived before its parent ${p.slice(0, 12)}.`);
        else if (i === 0 && v.base !== null && v.base !== found.vno) report(`Version ${vHex.slice(0, 12)} is stored as a delta against a version that is not its first parent.`);
      }
      if (v.base === null && v.chain !== 0) report(`Version ${vHex.slice(0, 12)} is a snapshot with a chain length of ${v.chain}.`);
      if (v.chain > maxChain) report(`Version ${vHex.slice(0, 12)} has a delta chain of ${v.chain} (at most ${maxChain}).`);
      try {
        const body = store.bodyText(v.vno);
        const fields = {
          noteId: noteHex,
          parents,
          replicaId: replicaHex.get(v.rno) ?? '',
          seq: v.seq,
          time: v.time,
          title: v.title,
          body,
          tags: JSON.parse(v.tags) as string[],
          deleted: v.deleted === 1,
        };
        const actual = versionId(journalId, fields);
        if (actual !== vHex) report(`Version ${vHex.slice(0, 12)} of ${label} does not hash to its id (its content hashes to ${actual.slice(0, 12)}).`);
      } catch (error) {
        report(`Version ${vHex.slice(0, 12)} of ${label} cannot be read: ${error instanceof FerryError ? error.message : String(error)}`);
      }
    }

    // The cache must equal the view recomputed from the versions.
    const heads = headsOf(versions.map((v) => ({ id: toHex(v.id), parents: unpackIds(v.parents, 32) })));
    const cachedHeads = unpackIds(note.heads, 32);
    if (heads.join() !== [...cachedHeads].sort().join()) report(`${label}: the cached heads differ from the versions' heads.`);
    let view;
    try {
      view = viewOfHeads(loadHeads(store, heads), merge, noteHistory(store, note));
    } catch (error) {
      report(`${label}: the view cannot be computed: ${String(error)}`);
      continue;
    }
    const first = versions[0]!;
    const expected = {
      title: view.title,
      tags: JSON.stringify(view.tags),
      deleted: view.deleted ? 1 : 0,
      conflict: view.conflict ? 1 : 0,
      shown: view.shown,
      body: view.body,
      created: Math.min(...versions.map((v) => v.time)),
      updated: Math.max(...versions.map((v) => v.time)),
      day: dailyDayOf(journalId, noteHex, first),
    };
    // The cached row names its shown version by row number; one that is missing is a mismatch.
    const cachedShown = versions.find((v) => v.vno === note.shown);
    const cached = { ...note, shown: cachedShown === undefined ? `missing row ${note.shown}` : toHex(cachedShown.id) };
    for (const key of Object.keys(expected) as (keyof typeof expected)[]) {
      if (expected[key] !== cached[key]) report(`${label}: the cache of its ${key} does not match the view recomputed from its versions.`);
    }
    let body: string | null = view.body;
    try {
      body ??= store.bodyText(store.versionMetaById(view.shown)!.vno);
    } catch {
      body = null;
    }
    if (indexed === null) {
      // Said once above.
    } else if (entry === undefined) report(`${label} is missing from the search index.`);
    else if (!sameIndexedText(entry, view.title, body, view.tags)) {
      report(`${label}: the search index holds different text from the note.`);
    }
    if (body !== null && note.preview !== previewOf(view.title, body)) report(`${label}: the cache of its preview line does not match its text.`);
    const sortedTags = [...view.tags].sort(compareCodePoints);
    if (sortedTags.join('\n') !== view.tags.join('\n')) report(`${label}: its tags are not in order.`);
  }
  for (const rowid of indexed?.keys() ?? []) report(`The search index has an entry (${rowid}) for a note that does not exist.`);
  if (indexed !== null) {
    try {
      db.prepare("INSERT INTO search (search, rank) VALUES ('integrity-check', 1)").run();
    } catch (error) {
      report(`The search index is damaged: ${(error as Error).message}. ${rebuildIndex}`);
    }
  }
  const strayVersions = (db.prepare('SELECT count(*) AS n FROM versions WHERE nno NOT IN (SELECT nno FROM notes)').get() as { n: number }).n;
  if (strayVersions > 0) report(`${strayVersions} versions belong to no note.`);
  const strayDrafts = (db.prepare('SELECT count(*) AS n FROM drafts WHERE nno NOT IN (SELECT nno FROM notes)').get() as { n: number }).n;
  if (strayDrafts > 0) report(`${strayDrafts} drafts belong to no note.`);

  return { ok: problems.length === 0, problems, checked: { versions: versionCount + strayVersions, notes: notes.length, replicas: replicas.length } };
}

const rebuildIndex = 'Rebuilding it is safe, as its content comes from the notes: `ferry fsck --repair`.';

/** Whether the search index holds the note's text (its body unknown when it could not be read). */
function sameIndexedText(entry: { title: string; body: string; tags: string }, title: string, body: string | null, tags: readonly string[]): boolean {
  const expected = indexedText(title, body ?? '', tags);
  return entry.title === expected.title && entry.tags === expected.tags && (body === null || entry.body === expected.body);
}

/** The most SQLite integrity problems read from a damaged file. */
const maxSqliteProblems = 50;

/**
 * fsck of a journal file too damaged to open as a journal: what SQLite's integrity check finds,
 * read without changing the file (read-only, no migration, no checkpoint). `opening` is why the
 * journal could not be opened.
 */
export function checkDamagedFile(file: string, opening: string): FsckReport {
  const problems = [`The journal file cannot be opened: ${opening}.`];
  try {
    const db = new Database(file, { readonly: true, fileMustExist: true, ...addonOption() });
    try {
      for (const row of db.prepare(`PRAGMA integrity_check(${maxSqliteProblems})`).all() as { integrity_check: string }[]) {
        if (row.integrity_check !== 'ok') problems.push(`SQLite: ${row.integrity_check}`);
      }
    } finally {
      db.close();
    }
  } catch (error) {
    problems.push(`SQLite cannot check it either: ${error instanceof Error ? error.message : String(error)}.`);
  }
  return { ok: false, problems, checked: { versions: 0, notes: 0, replicas: 0 } };
}
