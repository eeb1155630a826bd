// The engine's journal: one replica of one journal, in one SQLite file inside a folder. It owns
// opening (migrations, identity, leftover drafts), every local write (each one synchronous
// transaction that inserts versions and updates the view and the index), and the reads the CLI
// and the app need. Dependencies (clock, random source, merger) are passed in, so tests, the CLI
// and the app run it as it is.

import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { FerryError, type ErrorData } from '../../shared/errors.js';
import { bareTag, compareCodePoints } from '../../shared/fields.js';
import type { NoteSummary, NoteView, Version, VersionVector } from '../../shared/model.js';
import { applyVersion, basisOf, fieldsOfHeads, noteHistory, refreshNote, type ApplyContext, type VersionBasis } from './apply-version.js';
import type { NoteState } from '../merge/merge-fields.js';
import { editedFields, newNoteFields, sameFields, type NoteChanges, type NoteFields } from './authoring.js';
import { dailyDayOf, dailyTitle } from './daily.js';
import { inTransaction, openDatabaseFile, translateSqliteError, type WritableDb } from './database.js';
import { createJournalFile, journalFile, openJournalFile } from './journal-file.js';
import { checkIdPrefix, dailyNoteId, isHexId, localDay, newId128, packIds, toBlob, toHex, unpackIds, type RandomBytes } from './ids.js';
import { receiveVersions, type ReceivedVersion, type ReceiveResult } from './receive.js';
import { searchNotes, type SearchHit, type SearchOptions } from './search.js';
import { noteFacts, noteSummary, parseTags, previewOf, WriteStore, type NoteRow } from './store.js';
import { versionId } from './version-id.js';
import { refreshMergedNotes, viewIsStale } from './view-rules.js';
import { OutsideWrites } from './outside-writes.js';
import { forgetContents, heldOfItsOwn, joinJournal, keptCopyMark } from './joining.js';
import { fieldsHash } from '../../shared/text-hash.js';
import { KnownBases, mergeHeads, sharedBase } from '../merge/merge-heads.js';
import type { CreateOptions, Draft, EditResult, TypedFields, ImportOptions, ImportResult, JournalDeps, JournalStatus, LearnedFromPeer, Resolution, UndoResult, VersionInfo, ChangeKind } from './journal-types.js';

export type { ChangeKind, CreateOptions, ImportOptions, Draft, TypedFields, EditResult, ImportResult, JournalDeps, JournalStatus, LearnedFromPeer, Resolution, UndoneNote, UndoResult, VersionInfo } from './journal-types.js';
import { checkJournal, type FsckReport } from './fsck.js';
import { addExchangeFolder, listExchangeFolders, removeExchangeFolder, type ExchangeFolder } from './exchange-folders.js';
import { findPeer, knownVector, learnDeviceNames, learnVector, listPeers, type Peer } from './peers.js';
import { readRemote, removeRemote, writeCheckpoint, writeRemote, writeSyncOutcome, type Remote, type SyncCheckpoint } from './remote.js';
import { describeRun, extendRun, listRuns, runNotes, runNotesAmong, markUndone, recordRun, rowsBefore, runNoteRows, runRow, type Run, type RunSource } from './runs.js';
import type { Envelope } from '../../shared/stream.js';
import { envelopesOf, versionsBeyond } from '../stream/export-versions.js';
import type { FirstParent } from '../stream/payload.js';

interface CopiedRecord {
  message: string;
}

/** How many of a note's latest versions a draft's `typedOn` is looked for among (see saveDraft). */
const typedOnReach = 50;
/**
 * A draft not saved for this long is not being typed into (the editor saves every fraction of a
 * second while typing and commits after two seconds' rest): another process may commit it.
 */
export const draftLeftAfterMs = 30_000;

/** How many versions' descriptions a Journal keeps (a few hundred bytes each). */
const maxDescribed = 20_000;

export class Journal {
  private readonly store: WriteStore;
  private readonly clock: () => number;
  private readonly random: RandomBytes;
  private readonly applyContext: ApplyContext;
  private readonly selfRno: number;
  private copied: CopiedRecord | null;
  /** The journal this replica belongs to: fixed, except that one holding nothing yet may join another (joining.ts). */
  private identity: string;
  /** This replica's id: fixed, except that a join bringing notes makes this a new replica (joinCarrying). */
  private replica: string;
  /** Notes whose draft this Journal saved (the app's own typing), as opposed to another process's. */
  private readonly draftsSavedHere = new Set<number>();
  /**
   * What each version described did (describeVersion), by id: a version never changes, so neither
   * does what it did, and a history panel open while a note changes asks again at each change.
   */
  private readonly described = new Map<string, Pick<VersionInfo, 'kind' | 'changed'>>();

  private constructor(
    readonly path: string,
    private readonly db: WritableDb,
    journalId: string,
    replicaId: string,
    deps: JournalDeps,
  ) {
    this.store = new WriteStore(db);
    this.identity = journalId;
    this.replica = replicaId;
    this.clock = deps.clock ?? Date.now;
    this.random = deps.random ?? randomBytes;
    this.applyContext = { store: this.store, journalId, merge: deps.merge ?? mergeHeads, bases: new KnownBases() };
    const self = this.store.replicaById(replicaId);
    if (self === undefined) throw new FerryError('Corrupt', `The journal in ${path} does not list its own replica; run \`ferry fsck\`.`);
    this.selfRno = self.rno;
    const copied = this.store.meta('copied');
    this.copied = copied === undefined ? null : (JSON.parse(copied) as CopiedRecord);
  }

  get journalId(): string {
    return this.identity;
  }

  get replicaId(): string {
    return this.replica;
  }

  static fileIn(dir: string): string {
    return journalFile(dir);
  }


  /** Makes a new journal with this replica in `dir` (see journal-file.ts), and opens it. */
  static create(dir: string, options: CreateOptions = {}): Journal {
    createJournalFile(dir, {
      random: options.random ?? randomBytes,
      clock: options.clock ?? Date.now,
      deviceName: options.deviceName ?? defaultDeviceName(),
      ...(options.journalId === undefined ? {} : { journalId: options.journalId }),
    });
    return Journal.open(dir, options);
  }

  /**
   * Opens the journal in `dir`: checks and migrates its schema, then commits drafts left by a
   * crash. A draft saved in the last `draftLeftAfterMs` may be one the app is typing into right
   * now, in another process (a `ferry status` run beside it): committing it would cut the typing
   * in two versions that collide, so it is left to the app, which commits it itself.
   */
  static open(dir: string, deps: JournalDeps = {}): Journal {
    const { db, journalId, replicaId } = openJournalFile(dir);
    try {
      const journal = new Journal(dir, db, journalId, replicaId, deps);
      journal.refreshStaleView();
      if (journal.copied === null) journal.commitAllDrafts({ savedBefore: journal.leftBefore() });
      return journal;
    } catch (error) {
      db.close();
      throw translateSqliteError(error, `opening the journal in ${dir}`);
    }
  }

  close(): void {
    if (this.db.open) this.db.close();
  }

  get deviceName(): string {
    return this.store.replicaByRno(this.selfRno).device_name ?? '';
  }

  setDeviceName(name: string): void {
    const trimmed = name.trim();
    if (trimmed === '' || /[\r\n]/.test(trimmed)) throw new FerryError('BadInput', 'A device name is one non-empty line, such as "work laptop".');
    this.write(() => this.store.setDeviceName(this.selfRno, trimmed));
  }

  /** What this replica holds of its own, in words ("3 notes"); null when it holds nothing yet and may join another journal. */
  heldOfItsOwn(): string | null {
    return heldOfItsOwn(this.store);
  }

  /** Inside a write: the join itself, the view of the identity moved with it (a rolled-back write moves it back). */
  private joinHere(journalId: string, from: string): void {
    joinJournal(this.store, this.identity, journalId, from);
    this.setIdentity(journalId);
  }

  /**
   * Joins journal `journalId` (whose versions come from `from`) though this replica has notes of
   * its own, carrying them into it: each note's latest text, tags and place in the trash become
   * the first version of that note in the joined journal (a day's entry becomes that journal's
   * entry for the day, and merges with it). Their history here does not travel: a copy of the
   * journal as it was is kept first, as a journal folder of its own (`keptCopy`), readable with
   * `ferry --journal` and refusing writes. All of it happens in one transaction, after the copy.
   */
  joinCarrying(journalId: string, from: string): { carried: number; keptCopy: string } {
    this.assertWritable();
    if (!isHexId(journalId, 32)) throw new FerryError('BadInput', `"${journalId}" is not a journal id: 32 hexadecimal digits, as \`ferry status\` prints.`);
    if (journalId === this.identity) throw new FerryError('BadInput', `This device is already in journal ${journalId.slice(0, 8)}.`);
    const keptCopy = this.keepCopy(journalId);
    try {
      const carried = this.write(() => {
        this.commitDraftsHere();
        const rows = this.store.prepared('SELECT nno FROM notes ORDER BY updated, nno').all() as { nno: number }[];
        const notes = rows.map(({ nno }) => {
          const row = this.store.noteByNno(nno);
          return { noteId: toHex(row.note_id), day: row.day, updated: row.updated, fields: this.currentFields(row) };
        });
        forgetContents(this.store, this.selfRno);
        this.store.forgetCachedBodies();
        // A new replica: the old id's versions may be held elsewhere in the journal left behind
        // (a replica id is never reused, and this one's seq starts again).
        this.store.setMeta('former_replicas', JSON.stringify([...this.formerReplicaIds(), this.replica]));
        this.replica = newId128(this.random);
        this.store.setReplicaId(this.selfRno, this.replica);
        this.store.setMeta('replica_id', this.replica);
        this.joinHere(journalId, from);
        for (const note of notes) this.author(note.day === null ? note.noteId : dailyNoteId(journalId, note.day), [], note.fields, note.updated);
        return notes.length;
      });
      return { carried, keptCopy };
    } catch (error) {
      rmSync(keptCopy, { recursive: true, force: true });
      throw error;
    }
  }

  /** The copy joinCarrying keeps (joining.ts, keptCopyMark): the whole file as it is now, in a folder beside the journal. */
  private keepCopy(joined: string): string {
    let dir = join(this.path, `before-joining-${joined.slice(0, 8)}`);
    for (let n = 2; existsSync(dir); n++) dir = join(this.path, `before-joining-${joined.slice(0, 8)}-${n}`);
    try {
      mkdirSync(dir);
      const file = journalFile(dir);
      this.db.prepare('VACUUM INTO ?').run(file);
      const copy = openDatabaseFile(file, true);
      try {
        copy.exec('DELETE FROM remote; DELETE FROM exchange_folders; DELETE FROM first_drafts; DELETE FROM drafts');
        copy.prepare("INSERT INTO meta (key, value) VALUES ('copied', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value").run(JSON.stringify({ message: keptCopyMark(joined) }));
      } finally {
        copy.close();
      }
      return dir;
    } catch (error) {
      rmSync(dir, { recursive: true, force: true });
      throw translateSqliteError(error, `keeping a copy of the journal in ${dir}`);
    }
  }

  /** The ids this device had before joins that brought its notes (joinCarrying): its bundles under them, still on a stick, are not another device's. */
  formerReplicaIds(): string[] {
    const stored = this.store.meta('former_replicas');
    return stored === undefined ? [] : (JSON.parse(stored) as string[]);
  }

  /** Reads the journal id again (another process may have joined a journal); true when it changed. */
  reloadIdentity(): boolean {
    const stored = this.store.meta('journal_id');
    if (stored === undefined || stored === this.identity) return false;
    this.setIdentity(stored);
    this.replica = this.store.meta('replica_id') ?? this.replica;
    // A join that carried notes over wrote the journal anew: rows cached here may be reused.
    this.store.forgetCachedBodies();
    return true;
  }

  /** After a failed write that had joined a journal: the id stored, which is the old one unless another process joined meanwhile. */
  private identityAfterRollback(before: { journal: string; replica: string }): void {
    try {
      this.setIdentity(this.store.meta('journal_id') ?? before.journal);
      this.replica = this.store.meta('replica_id') ?? before.replica;
    } catch {
      // The journal cannot be read now (closed, or the disk gone): the ids it had before the write stand.
      this.setIdentity(before.journal);
      this.replica = before.replica;
    }
  }

  private setIdentity(journalId: string): void {
    this.identity = journalId;
    this.applyContext.journalId = journalId;
  }

  // ------------------------------------------------------------------ writing

  createNote(input: { title?: string; body?: string; tags?: readonly string[] } = {}): NoteView {
    const fields = newNoteFields(input);
    const noteId = newId128(this.random);
    this.write(() => this.author(noteId, [], fields));
    return this.note(noteId);
  }

  /**
   * A new note not written yet: a fresh id, empty, with no versions (no heads). Nothing is stored,
   * so a note opened and left without a word leaves nothing behind; what is typed in it is saved
   * as its first draft (saveFirstDraft), and its first commit writes it.
   */
  blankNote(): NoteView {
    const now = this.clock();
    return { id: newId128(this.random), ...newNoteFields({}), conflict: false, heads: [], created: now, updated: now };
  }

  /** Whether the journal holds a version of this note (`noteId`: a whole id). */
  hasNote(noteId: string): boolean {
    return this.store.noteById(noteId) !== undefined;
  }

  editNote(ref: string, changes: NoteChanges): EditResult {
    return this.change(ref, (current) => editedFields(current, changes));
  }

  /** Moves the note to the trash with a deleting version. */
  trashNote(ref: string): EditResult {
    return this.change(ref, (current) => ({ ...current, deleted: true }));
  }

  /**
   * Brings a note back: out of the trash (no `versionRef`), or to the content of one of its old
   * versions, written as a new version (nothing is rewritten).
   */
  restoreNote(ref: string, versionRef?: string): EditResult {
    if (versionRef === undefined) return this.change(ref, (current) => ({ ...current, deleted: false }));
    const note = this.resolveNote(ref);
    const old = this.version(versionRef);
    if (old.noteId !== toHex(note.note_id)) throw new FerryError('BadInput', `Version ${versionRef} belongs to another note (${old.noteId.slice(0, 8)}), not to ${toHex(note.note_id).slice(0, 8)}.`);
    return this.change(ref, () => ({ title: old.title, body: old.body, tags: old.tags, deleted: false }));
  }

  /**
   * Today's journal entry (the local calendar day), created on first use; brought back from the
   * trash if it was there. With `blank`, an entry not yet written is not created: a blank view of
   * it is answered (no heads), and what the app types in it is its first draft (saveFirstDraft),
   * so that opening the journal to look writes nothing.
   */
  today(options: { blank?: boolean } = {}): NoteView {
    return this.dayEntry(localDay(this.clock()), options);
  }

  /**
   * The journal entry of a local calendar day (YYYY-MM-DD), as today(): an evening's entry written
   * the morning after, a day filled in later. Every device derives the same id for a day, so two
   * that write one offline merge into one entry.
   */
  dayEntry(day: string, options: { blank?: boolean } = {}): NoteView {
    checkDay(day);
    const noteId = dailyNoteId(this.journalId, day);
    const existing = this.store.noteById(noteId);
    if (existing === undefined) {
      if (options.blank === true) return blankDaily(noteId, day, this.clock());
      this.startDay(day);
    } else if (existing.deleted === 1) {
      this.restoreNote(noteId);
    }
    return this.note(noteId);
  }

  /** The local calendar day a note reference names (YYYY-MM-DD, `today`, `yesterday`); null when it names a note by id. */
  dayNamed(ref: string): string | null {
    const typed = ref.trim();
    const named = { today: 0, yesterday: -1 }[typed.toLowerCase()];
    const day = named === undefined ? typed : localDay(this.clock() + named * 86_400_000);
    return /^\d{4}-\d{2}-\d{2}$/.test(day) ? day : null;
  }

  /** The note a reference names, or the blank view of a day's entry not written yet (no heads). */
  noteOrBlankDay(ref: string): NoteView {
    const day = this.dayNamed(ref);
    if (day === null || this.hasNote(dailyNoteId(this.journalId, day))) return this.note(ref);
    checkDay(day);
    return blankDaily(dailyNoteId(this.journalId, day), day, this.clock());
  }

  /**
   * editNote, where the reference may name a day whose entry is not written yet (`ferry edit
   * yesterday --body …`): the entry's first version is the change, written only when the change
   * writes something.
   */
  editNoteOrDay(ref: string, changes: NoteChanges): EditResult {
    const blank = this.noteOrBlankDay(ref);
    if (blank.heads.length > 0) return this.editNote(ref, changes);
    const fields = editedFields(blank, changes);
    if (sameFields(blank, fields)) return { note: blank, version: null };
    // Another process may have written the entry since: the change is made on it instead.
    const version = this.write(() => (this.hasNote(blank.id) ? null : this.author(blank.id, [], fields)));
    return version === null ? this.editNote(blank.id, changes) : { note: this.note(blank.id), version };
  }

  /** Writes the first version of the entry of `day` (YYYY-MM-DD); false when the journal holds it already. */
  startDay(day: string): boolean {
    checkDay(day);
    const noteId = dailyNoteId(this.journalId, day);
    let started = false;
    this.write(() => {
      // Another process may have started it since.
      if (this.store.noteById(noteId) !== undefined) return;
      this.author(noteId, [], { title: dailyTitle(day), body: '', tags: ['journal'], deleted: false });
      started = true;
    });
    return started;
  }

  /** Versions from another replica (bundles and sync use this): checked, then stored all or nothing. */
  receive(versions: readonly Version[]): ReceiveResult {
    return this.writeReceived(() => receiveVersions(this.applyContext, this.replicaId, versions));
  }

  /**
   * Versions from another replica, checked and stored all or nothing, recorded as a run (when any
   * is new) that `undoRun` can take back; what the sender told of itself is remembered.
   */
  importVersions(versions: readonly ReceivedVersion[], source: RunSource, learned: readonly LearnedFromPeer[] = [], options: ImportOptions = {}): ImportResult {
    return this.writeReceived(() => {
      if (options.joining !== undefined) this.joinHere(options.joining, source.source);
      const before = rowsBefore(this.store, versions.map((v) => v.noteId));
      const received = receiveVersions(this.applyContext, this.replicaId, versions, options);
      const now = this.clock();
      let run: number | null = null;
      let continued = false;
      if (received.stored.length > 0) {
        const first = this.store.versionMetaById(received.stored[0]!)!.vno;
        const last = this.store.versionMetaById(received.stored[received.stored.length - 1]!)!.vno;
        continued = options.continueRun !== undefined && extendRun(this.store, options.continueRun, source, first, last, before);
        run = continued ? options.continueRun! : recordRun(this.store, source, now, first, last, before);
      }
      for (const peer of learned) {
        learnDeviceNames(this.store, peer.devices, this.replicaId);
        if (peer.replicaId !== this.replicaId) learnVector(this.store, peer.replicaId, peer.vector, peer.heard ?? now, source.source);
      }
      if (options.checkpoint !== undefined) writeCheckpoint(this.store, options.checkpoint);
      const notes = run === null ? [] : continued ? runNotesAmong(this.store, run, received.notes) : runNotes(this.store, run);
      return { run, stored: received.stored.length, alreadyHeld: received.alreadyHeld, notes };
    });
  }

  /** The sync server this replica syncs with, and where its last sync got to; null when none is set. */
  remote(): Remote | null {
    return readRemote(this.store);
  }

  /** Sets the sync server (`ferry remote set`); a new URL forgets what the old server held. */
  setRemote(url: string, token: string): void {
    this.write(() => writeRemote(this.store, url, token));
  }

  removeRemote(): boolean {
    return this.write(() => removeRemote(this.store));
  }

  /** Where a sync got to, when it brought no versions (a push, a page of nothing). */
  recordSyncCheckpoint(checkpoint: SyncCheckpoint): void {
    this.write(() => writeCheckpoint(this.store, checkpoint));
  }

  /** A sync ended: `error` null when it worked. */
  recordSyncOutcome(error: ErrorData | null): void {
    this.write(() => writeSyncOutcome(this.store, this.clock(), error));
  }

  /** Every version a replica holding `basis` lacks, as the stream carries them (parents first). */
  envelopesBeyond(basis: VersionVector): { count: number; envelopes: Iterable<Envelope> } {
    const versions = versionsBeyond(this.store, basis);
    return { count: versions.length, envelopes: envelopesOf(this.store, versions) };
  }

  /** A version held here, as a stream payload may refer to it (its first parent). */
  heldVersion(id: string): FirstParent | undefined {
    const meta = this.store.versionMetaById(id);
    return meta === undefined ? undefined : { title: meta.title, tags: parseTags(meta.tags), body: this.store.bodyBytes(meta.vno) };
  }

  /** Device names by replica, for every replica that has one (this one included). */
  deviceNames(): Record<string, string> {
    const names: Record<string, string> = {};
    for (const r of this.store.replicas()) if (r.device_name !== null && r.device_name !== '') names[toHex(r.replica_id)] = r.device_name;
    return names;
  }

  /** Every other replica heard of, with what it is known to hold. */
  peers(): Peer[] {
    return listPeers(this.store, this.replicaId, this.vector());
  }

  /** A peer by replica id (or a unique prefix of at least 4 digits) or by its device name, where unique. */
  resolvePeer(ref: string): Peer {
    return findPeer(this.peers(), ref);
  }

  /** What `replicaId` was last known to hold, or null when nothing was learned from it. */
  knownVectorOf(replicaId: string): VersionVector | null {
    const row = this.store.replicaById(replicaId);
    return row === undefined ? null : (knownVector(this.store, row.rno) ?? null);
  }

  runs(limit = 50): Run[] {
    return listRuns(this.store, Math.max(0, Math.floor(limit)));
  }

  run(runNo: number): Run {
    const row = runRow(this.store, runNo);
    if (row === undefined) throw new FerryError('NotFound', `There is no run ${runNo}; \`ferry runs\` lists them.`);
    return describeRun(this.store, row);
  }

  /**
   * Takes a run back: every note it changed gets a new version equal to the note as it was before
   * the run (a note it created goes to the trash), made on all its heads, so conflicts the run
   * brought end too. Notes changed since the run are left alone and named.
   */
  undoRun(runNo: number): UndoResult {
    const result: UndoResult = { run: runNo, restored: [], trashed: [], skipped: [] };
    this.write(() => {
      const row = runRow(this.store, runNo);
      if (row === undefined) throw new FerryError('NotFound', `There is no run ${runNo}; \`ferry runs\` lists them.`);
      if (row.undone !== null) throw new FerryError('NothingToUndo', `Run ${runNo} was already undone; \`ferry runs\` shows when.`);
      for (const change of runNoteRows(this.store, runNo)) {
        const note = this.store.noteByNno(change.nno);
        const named = { noteId: toHex(note.note_id), title: note.title };
        if (!note.heads.equals(change.after)) {
          result.skipped.push(named);
          continue;
        }
        const current = this.currentFields(note);
        const before = unpackIds(change.before, 32);
        const fields: NoteFields = before.length === 0 ? { ...current, deleted: true } : fieldsOfHeads(this.applyContext, note, before);
        const heads = unpackIds(note.heads, 32);
        if (heads.length > 1 || !sameFields(current, fields)) this.author(named.noteId, this.allHeadsParents(note), fields);
        (before.length === 0 ? result.trashed : result.restored).push(named);
      }
      if (result.restored.length === 0 && result.trashed.length === 0 && result.skipped.length > 0) {
        throw new FerryError('NothingToUndo', `Every note run ${runNo} changed was edited since (${result.skipped.map((n) => `"${n.title}"`).join(', ')}); nothing was undone.`);
      }
      markUndone(this.store, runNo, this.clock());
    });
    return result;
  }

  // ------------------------------------------------------------------ exchange folders

  exchangeFolders(): ExchangeFolder[] {
    return listExchangeFolders(this.store);
  }

  /** Adds an exchange folder (an absolute path); false when it was already listed. */
  addExchangeFolder(path: string): boolean {
    return this.write(() => addExchangeFolder(this.store, path, this.clock()));
  }

  removeExchangeFolder(path: string): boolean {
    return this.write(() => removeExchangeFolder(this.store, path));
  }

  // ------------------------------------------------------------------ conflicts

  /**
   * The days of `month` (YYYY-MM) with a journal entry outside the trash, in order; `unwritten`:
   * with the days whose entry is being typed and not written yet (as notes() lists them).
   */
  journalDays(month: string, options: { unwritten?: boolean } = {}): { day: string; noteId: string; snippet: string }[] {
    const days = this.store.journalDays(`${month}-`).map((row) => ({ day: row.day, noteId: toHex(row.note_id), snippet: row.preview }));
    if (options.unwritten !== true) return days;
    const typed = this.unwrittenNotes().flatMap((note) => (note.day?.startsWith(`${month}-`) === true ? [{ day: note.day, noteId: note.id, snippet: note.snippet }] : []));
    return typed.length === 0 ? days : [...days, ...typed].sort((a, b) => compareCodePoints(a.day, b.day));
  }

  /** Notes in conflict, most recently changed first. */
  conflicts(): NoteSummary[] {
    return this.store.listConflicts().map(noteSummary);
  }

  /**
   * Ends a conflict with a version made on all the note's heads: the fields of one version
   * (`take`), or the shown fields with the given ones replaced (an edited merge).
   */
  resolveConflict(ref: string, resolution: Resolution): EditResult {
    const row = this.resolveNote(ref);
    const noteId = toHex(row.note_id);
    if (row.conflict === 0) throw new FerryError('BadInput', `Note ${noteId.slice(0, 8)} ("${row.title}") is not in conflict; \`ferry edit\` changes it.`);
    let fields: NoteFields;
    if ('take' in resolution) {
      const taken = this.version(resolution.take);
      if (taken.noteId !== noteId) throw new FerryError('BadInput', `Version ${resolution.take} belongs to another note (${taken.noteId.slice(0, 8)}).`);
      fields = { title: taken.title, body: taken.body, tags: taken.tags, deleted: taken.deleted };
    } else {
      fields = { ...editedFields(this.currentFields(row), resolution), deleted: false };
    }
    let version: Version | null = null;
    this.write(() => {
      const fresh = this.store.noteByNno(row.nno);
      this.store.deleteDraft(row.nno);
      version = this.author(noteId, this.allHeadsParents(fresh), fields);
    });
    return { note: this.note(noteId), version };
  }

  // ------------------------------------------------------------------ drafts

  /**
   * Saves what is being typed, durably, without making a version. `typedOn`: the fieldsHash of
   * the note as the typing began; a draft begun now on a note that has changed since takes the
   * version with those fields as its parent, so the change is merged rather than written over.
   */
  saveDraft(ref: string, fields: TypedFields, typedOn?: number, opened?: NoteView): Draft {
    const note = this.resolveNote(ref);
    const checked = newNoteFields(fields);
    this.write(() => {
      const base = this.store.draft(note.nno)?.base ?? packIds(this.draftParents(this.store.noteByNno(note.nno), typedOn, opened));
      this.store.putDraft({ nno: note.nno, title: checked.title, body: checked.body, tags: JSON.stringify(checked.tags), base, saved: this.clock() });
    });
    this.draftsSavedHere.add(note.nno);
    return this.draft(toHex(note.note_id))!;
  }

  /**
   * Saves what is typed in a note opened blank (`opened`: blankNote, a day's blank entry) as its
   * first draft: as durably as any draft, but without writing the note, so that its first
   * version, at the commit, holds the words typed rather than an empty note before them. Written
   * meanwhile by another window or process (a first draft committed, `ferry edit today`), the note
   * gets an ordinary draft instead, begun on nothing: its commit stands beside that version, to be
   * merged, rather than over it.
   */
  saveFirstDraft(opened: NoteView, fields: TypedFields): Draft {
    const noteId = opened.id;
    const checked = newNoteFields(fields);
    const key = toBlob(noteId);
    const first = this.write(() => {
      const had = this.store.firstDraft(key);
      if (had === undefined && this.hasNote(noteId)) return false;
      this.store.putFirstDraft({
        note_id: key,
        title: checked.title,
        body: checked.body,
        tags: JSON.stringify(checked.tags),
        opened_title: had?.opened_title ?? opened.title,
        opened_tags: had?.opened_tags ?? JSON.stringify(opened.tags),
        saved: this.clock(),
      });
      return true;
    });
    return first ? this.draft(noteId)! : this.saveDraft(noteId, fields, fieldsHash(opened), opened);
  }

  /** The note's draft: what is typed and not yet a version (a first draft for a note not written yet). */
  draft(ref: string): Draft | null {
    const first = isHexId(ref, 32) ? this.store.firstDraft(toBlob(ref)) : undefined;
    if (first !== undefined) return { noteId: ref, title: first.title, body: first.body, tags: parseTags(first.tags), base: [], saved: first.saved };
    const note = this.writtenNote(ref);
    if (note === null) return null;
    const row = this.store.draft(note.nno);
    if (row === undefined) return null;
    return { noteId: toHex(note.note_id), title: row.title, body: row.body, tags: parseTags(row.tags), base: unpackIds(row.base, 32), saved: row.saved };
  }

  /** Turns the note's draft into a version (none if it changes nothing) and drops the draft. */
  commitDraft(ref: string): EditResult {
    const note = this.resolveNote(ref);
    let version: Version | null = null;
    this.write(() => {
      version = this.commitDraftOf(note.nno);
    });
    return { note: this.note(toHex(note.note_id)), version };
  }

  /**
   * Writes a note opened blank with its first draft, as its first version (none when the draft
   * is still what the note was opened as); drops the draft. Null when there is nothing to write.
   */
  commitFirstDraft(noteId: string): Version | null {
    if (!this.hasFirstDraft(noteId)) return null; // the usual case: no write transaction for nothing
    return this.write(() => this.commitFirstDraftOf(toBlob(noteId)));
  }

  discardDraft(ref: string): void {
    if (this.hasFirstDraft(ref)) this.write(() => this.store.deleteFirstDraft(toBlob(ref)));
    const note = this.writtenNote(ref);
    if (note !== null) this.write(() => this.store.deleteDraft(note.nno));
  }

  private hasFirstDraft(ref: string): boolean {
    return isHexId(ref, 32) && this.store.firstDraft(toBlob(ref)) !== undefined;
  }

  /** The note `ref` names; null when it is the whole id of a note not written yet (one opened blank). */
  private writtenNote(ref: string): NoteRow | null {
    return isHexId(ref, 32) ? (this.store.noteById(ref) ?? null) : this.resolveNote(ref);
  }

  // ------------------------------------------------------------------ reading

  note(ref: string): NoteView {
    return this.viewOf(this.resolveNote(ref));
  }

  /** One note as lists show it (without its body, with its day when it is a journal entry). */
  summary(ref: string): NoteSummary {
    return noteSummary(this.store.noteListRow(this.resolveNote(ref).nno));
  }

  /**
   * Notes (or the trash), most recently changed first; `noteIds` and `limit` narrow the list (see
   * Store.listNotes). `unwritten`: notes being typed that are not written yet (first drafts) are
   * listed too, with the words typed so far, as the app's list shows them; scripts list versions.
   */
  notes(options: { tag?: string; trash?: boolean; limit?: number; noteIds?: readonly string[]; unwritten?: boolean } = {}): NoteSummary[] {
    const tag = options.tag === undefined ? undefined : bareTag(options.tag);
    const listed = this.store.listNotes(options.trash === true, tag, { limit: options.limit, noteIds: options.noteIds }).map(noteSummary);
    if (options.unwritten !== true || options.trash === true) return listed;
    const named = options.noteIds === undefined ? null : new Set(options.noteIds);
    const typed = this.unwrittenNotes().filter((note) => (tag === undefined || note.tags.includes(tag)) && (named === null || named.has(note.id)));
    if (typed.length === 0) return listed;
    // Both are newest first; a stable sort keeps each one's order, a note being typed before an equal time.
    const merged = [...typed, ...listed].sort((a, b) => b.updated - a.updated);
    return options.limit === undefined ? merged : merged.slice(0, options.limit);
  }

  /**
   * Notes opened blank and typed in, not written yet (their first drafts), as lists show them:
   * titled as typed, changed when last saved, a day's entry with its day.
   */
  unwrittenNotes(): NoteSummary[] {
    return this.store
      .firstDraftRows()
      .filter((row) => !this.hasNote(toHex(row.note_id)))
      .map((row) => {
        const id = toHex(row.note_id);
        return {
          id,
          title: row.title,
          tags: parseTags(row.tags),
          deleted: false,
          conflict: false,
          heads: [],
          created: row.saved,
          updated: row.saved,
          day: dailyDayOf(this.journalId, id, { title: row.opened_title, time: row.saved }),
          snippet: previewOf(row.title, row.body),
        };
      });
  }

  /** Each tag in use outside the trash, with its count of notes, in code point order; `unwritten`: notes being typed count too. */
  tags(options: { unwritten?: boolean } = {}): { tag: string; notes: number }[] {
    const counts = new Map(this.store.tagCounts().map(({ tag, notes }) => [tag, notes]));
    // Notes being typed count with the tags typed in them, as notes({ unwritten }) lists them.
    if (options.unwritten === true) for (const note of this.unwrittenNotes()) for (const tag of note.tags) counts.set(tag, (counts.get(tag) ?? 0) + 1);
    return [...counts].map(([tag, notes]) => ({ tag, notes })).sort((a, b) => compareCodePoints(a.tag, b.tag));
  }

  search(query: string, options: SearchOptions = {}): SearchHit[] {
    return searchNotes(this.store, query, { ...options, tag: options.tag === undefined ? undefined : bareTag(options.tag) });
  }

  version(ref: string): Version {
    const prefix = checkIdPrefix(ref, 'version', 64);
    const ids = this.store.versionsWithPrefix(prefix, 10);
    if (ids.length === 0) throw new FerryError('NotFound', `No version has an id starting with ${prefix}; \`ferry history NOTE\` lists a note's versions.`);
    if (ids.length > 1) throw new FerryError('AmbiguousId', `Several versions start with ${prefix} (${ids.map(toHex).join(', ')}): give more of the id.`);
    return this.store.toVersion(this.store.versionMetaById(toHex(ids[0]!))!);
  }

  /** A note's versions, newest first. */
  history(ref: string): Version[] {
    const note = this.resolveNote(ref);
    return this.store.versionsOfNote(note.nno).map((meta) => this.store.toVersion(meta));
  }

  /** Every version in the journal, newest arrival first. */
  log(limit = 50): Version[] {
    return this.store.logPage(Math.max(0, Math.floor(limit))).map((meta) => this.store.toVersion(meta));
  }

  /**
   * What a version did, compared with what it was written on (basisOf: its parent, or its parents
   * merged), and on which device. A version that merged others is `merged`, with the fields its
   * author changed in the merged text, or `resolved` when the versions it merged were in conflict.
   */
  describeVersion(version: Version): VersionInfo {
    const device = this.deviceOf(version);
    const known = this.described.get(version.id);
    if (known !== undefined) return { ...known, device };
    const basis = this.basisOf(version);
    if (basis === null) return { kind: 'edited', device, changed: [] };
    if (basis.fields === null) return { kind: 'created', device, changed: [] };
    const before = basis.fields;
    const changed: VersionInfo['changed'] = [];
    if (before.title !== version.title) changed.push('title');
    if (before.body !== version.body) changed.push('body');
    if (JSON.stringify(before.tags) !== JSON.stringify(version.tags)) changed.push('tags');
    const kind: ChangeKind =
      basis.kind === 'merge' ? 'merged' : basis.kind === 'conflict' ? 'resolved' : version.deleted && !before.deleted ? 'trashed' : !version.deleted && before.deleted ? 'restored' : 'edited';
    if (this.described.size >= maxDescribed) this.described.clear();
    this.described.set(version.id, { kind, changed });
    return { kind, device, changed };
  }

  /** The name of the device that wrote `version`, as last heard (the start of its replica id when none was heard). */
  deviceOf(version: Pick<Version, 'replicaId'>): string {
    return this.store.replicaById(version.replicaId)?.device_name ?? version.replicaId.slice(0, 8);
  }

  /** What the versions `heads` of a note all last shared (apply-version.ts, sharedBase), with those versions whole. */
  sharedBase(ref: string, heads: readonly string[]): { versions: Version[]; state: NoteState } | null {
    const found = sharedBase(noteHistory(this.store, this.resolveNote(ref), this.applyContext.bases), heads);
    return found === null ? null : { versions: found.versions.map((id) => this.version(id)), state: found.state };
  }

  /** What `version` was written on (apply-version.ts, basisOf); null when a parent is not held here. */
  basisOf(version: Version): VersionBasis | null {
    if (version.parents.some((id) => this.store.versionMetaById(id) === undefined)) return null;
    const note = this.store.noteById(version.noteId);
    if (note === undefined) return null;
    return basisOf(this.applyContext, note, version.parents);
  }

  /** A watch for versions that other processes write to this journal (outside-writes.ts). */
  outsideWrites(): OutsideWrites {
    return new OutsideWrites(this.store);
  }

  vector(): VersionVector {
    const vector: VersionVector = {};
    for (const r of this.store.replicas()) if (r.max_seq > 0) vector[toHex(r.replica_id)] = r.max_seq;
    return vector;
  }

  status(): JournalStatus {
    const self = this.store.replicaByRno(this.selfRno);
    const peers = this.peers();
    const remote = readRemote(this.store);
    return {
      journalId: this.journalId,
      replicaId: this.replicaId,
      deviceName: self.device_name ?? '',
      vector: this.vector(),
      path: this.path,
      ...this.store.counts(),
      pending: this.pendingCount(self.max_seq, peers, remote),
      peers: peers.length,
      remote: remote?.url ?? null,
      lastSync: remote?.lastSync == null ? null : new Date(remote.lastSync).toISOString(),
      lastSyncError: remote?.lastError ?? null,
      copied: this.copied?.message ?? null,
    };
  }

  /** Versions written here that neither the sync server nor any other replica is known to hold. */
  private pendingCount(ownSeq: number, peers: readonly Peer[], remote: Remote | null): number {
    const held = Math.max(remote?.serverVector[this.replicaId] ?? 0, ...peers.map((p) => p.known?.[this.replicaId] ?? 0));
    return Math.max(0, ownSeq - held);
  }

  fsck(): FsckReport {
    return checkJournal(this.store, this.journalId, this.applyContext.merge);
  }

  /**
   * Makes the caches of the view again from the versions (`fsck --repair`): every note's row and
   * preview line, and the search index, dropped and made anew (a damaged FTS5 index cannot be
   * mended in place). One transaction: on failure nothing changes. The versions are not touched.
   * Returns how many notes were redone.
   */
  rebuildCaches(): number {
    return this.write(() => {
      const db = this.store.db;
      const made = db.prepare("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'search'").get() as { sql: string } | undefined;
      if (made === undefined) throw new FerryError('Corrupt', 'The journal has no search index to rebuild: its schema is damaged.');
      db.exec('DROP TABLE search');
      db.exec(made.sql);
      const notes = db.prepare('SELECT * FROM notes ORDER BY nno').all() as NoteRow[];
      for (const note of notes) refreshNote(this.applyContext, note, false);
      return notes.length;
    });
  }

  /**
   * A note row by id, unique id prefix, or the day of a daily entry: YYYY-MM-DD, `today` or
   * `yesterday` (local calendar days).
   */
  resolveNote(ref: string): NoteRow {
    const typed = ref.trim();
    const day = this.dayNamed(typed);
    if (day !== null) {
      const daily = this.store.noteById(dailyNoteId(this.journalId, day));
      if (daily === undefined) {
        throw new FerryError('NotFound', `There is no journal entry for ${day} yet: ${typed.toLowerCase() === 'today' ? '`ferry today` starts it' : `\`ferry edit ${typed} --body …\` writes it`}.`);
      }
      return daily;
    }
    const prefix = checkIdPrefix(typed, 'note', 32);
    const ids = this.store.notesWithPrefix(prefix, 10);
    if (ids.length === 0) throw new FerryError('NotFound', `No note has an id starting with ${prefix}; \`ferry list\` shows the notes and their ids.`);
    if (ids.length > 1) throw new FerryError('AmbiguousId', `Several notes start with ${prefix} (${ids.map(toHex).join(', ')}): give more of the id.`);
    return this.store.noteById(toHex(ids[0]!))!;
  }

  // ------------------------------------------------------------------ internals

  private viewOf(row: NoteRow): NoteView {
    return { ...noteFacts(row), body: row.body ?? this.store.bodyText(row.shown) };
  }

  private currentFields(row: NoteRow): NoteFields {
    return { title: row.title, body: row.body ?? this.store.bodyText(row.shown), tags: parseTags(row.tags), deleted: row.deleted === 1 };
  }

  /**
   * The parents of a draft begun now (see saveDraft): the note's as for any edit, unless the typing
   * began on an older version, or on the note `opened` blank before any version of it was written.
   */
  private draftParents(row: NoteRow, typedOn: number | undefined, opened?: NoteView): string[] {
    const parents = this.editParents(row);
    if (typedOn === undefined) return parents;
    if (fieldsHash(this.currentFields(row)) === typedOn) return parents;
    // Written since the page loaded it: find the version the typing began on among the latest.
    for (const meta of this.store.versionsOfNote(row.nno).slice(0, typedOnReach)) {
      if (fieldsHash({ title: meta.title, body: this.store.bodyText(meta.vno), tags: parseTags(meta.tags) }) === typedOn) return [toHex(meta.id)];
    }
    return opened !== undefined && fieldsHash(opened) === typedOn ? [] : parents;
  }

  /**
   * The parents of a local edit: the shown head first (the delta base). For a clean merge of
   * several heads, every head, which records the merge; for a conflict, only the shown head, so
   * an ordinary edit does not end the conflict (a resolution does).
   */
  private editParents(row: NoteRow): string[] {
    const heads = unpackIds(row.heads, 32);
    const shown = toHex(this.store.versionMetaByVno(row.shown).id);
    if (row.conflict === 1) return [shown];
    return [shown, ...heads.filter((h) => h !== shown)];
  }

  /** Every head, the shown one first (the delta base): a version on these ends a conflict. */
  private allHeadsParents(row: NoteRow): string[] {
    const shown = toHex(this.store.versionMetaByVno(row.shown).id);
    return [shown, ...unpackIds(row.heads, 32).filter((h) => h !== shown)];
  }

  private change(ref: string, next: (current: NoteFields) => NoteFields): EditResult {
    const noteId = toHex(this.resolveNote(ref).note_id);
    let version: Version | null = null;
    this.write(() => {
      const row = this.store.noteById(noteId)!;
      // What was typed here goes first, so the change is made on it. A draft another process is
      // typing into right now (`ferry edit` beside the app) is left to it: its commit merges with
      // this change, where committing it now would cut the typing in two colliding versions.
      const draft = this.store.draft(row.nno);
      if (draft !== undefined && (this.draftsSavedHere.has(row.nno) || draft.saved < this.leftBefore())) this.commitDraftOf(row.nno);
      const fresh = this.store.noteById(noteId)!;
      const current = this.currentFields(fresh);
      const fields = next(current);
      if (!sameFields(current, fields)) version = this.author(noteId, this.editParents(fresh), fields);
    });
    return { note: this.note(noteId), version };
  }

  private author(noteId: string, parents: string[], fields: NoteFields, time = this.clock()): Version {
    const self = this.store.replicaByRno(this.selfRno);
    const draft = { noteId, parents, replicaId: this.replicaId, seq: self.max_seq + 1, time, ...fields };
    const version: Version = { id: versionId(this.journalId, draft), ...draft };
    applyVersion(this.applyContext, version);
    return version;
  }

  private commitDraftOf(nno: number): Version | null {
    const draft = this.store.draft(nno);
    if (draft === undefined) return null;
    this.store.deleteDraft(nno);
    const row = this.store.noteByNno(nno);
    const current = this.currentFields(row);
    const fields: NoteFields = { title: draft.title, body: draft.body, tags: parseTags(draft.tags), deleted: current.deleted };
    if (sameFields(current, fields)) return null;
    return this.author(toHex(row.note_id), unpackIds(draft.base, 32), fields);
  }

  private commitFirstDraftOf(noteId: Buffer): Version | null {
    const draft = this.store.firstDraft(noteId);
    if (draft === undefined) return null;
    this.store.deleteFirstDraft(noteId);
    const fields: NoteFields = { title: draft.title, body: draft.body, tags: parseTags(draft.tags), deleted: false };
    if (sameFields({ title: draft.opened_title, body: '', tags: parseTags(draft.opened_tags), deleted: false }, fields)) return null;
    // Written meanwhile elsewhere (another device's entry for the day, `ferry edit today`): this
    // first version stands beside that one, begun on nothing as it was, and the two are merged.
    return this.author(toHex(noteId), [], fields);
  }

  /**
   * Commits every note's draft as a version (on quit, at the app's start and at open after a
   * crash, and when the page that typed them is gone); returns the ids of the notes that got
   * one. `savedBefore`: only drafts last saved before then.
   */
  commitAllDrafts(options: { savedBefore?: number } = {}): string[] {
    const leftover = this.store.notesWithDrafts(options.savedBefore);
    const firsts = this.store.firstDrafts(options.savedBefore);
    if (leftover.length === 0 && firsts.length === 0) return [];
    return this.write(() => this.commitDraftsHere(options.savedBefore));
  }

  /** Inside a write: commitAllDrafts's work. */
  private commitDraftsHere(savedBefore?: number): string[] {
    const committed: string[] = [];
    for (const noteId of this.store.firstDrafts(savedBefore)) {
      const version = this.commitFirstDraftOf(noteId);
      if (version !== null) committed.push(version.noteId);
    }
    for (const nno of this.store.notesWithDrafts(savedBefore)) {
      const version = this.commitDraftOf(nno);
      if (version !== null) committed.push(version.noteId);
    }
    return committed;
  }

  /** Whether the draft was left behind (last saved over draftLeftAfterMs ago), not one still being typed. */
  isLeft(draft: Draft): boolean {
    return draft.saved < this.leftBefore();
  }

  /** Drafts last saved before this moment are left behind (see draftLeftAfterMs). */
  private leftBefore(): number {
    return this.clock() - draftLeftAfterMs;
  }

  /** Caches computed under another Ferry's merge rules are computed again (view-rules.ts); no version is written. */
  private refreshStaleView(): void {
    if (!viewIsStale(this.applyContext)) return;
    inTransaction(this.db, () => {
      // Another process may have done it while this one waited for the lock.
      if (viewIsStale(this.applyContext)) refreshMergedNotes(this.applyContext);
    });
  }

  private assertWritable(): void {
    if (this.copied !== null) throw new FerryError('ReplicaCopied', this.copied.message);
  }

  private write<T>(work: () => T): T {
    this.assertWritable();
    const identity = this.identity;
    const replica = this.replica;
    try {
      return inTransaction(this.db, () => {
        // Another process on this journal (the app, a CLI command) may have found the copy.
        const copied = this.store.meta('copied');
        if (copied !== undefined) {
          this.copied = JSON.parse(copied) as CopiedRecord;
          this.assertWritable();
        }
        // Or joined another journal (joining.ts): what this write was about to make (a version
        // id, a day's entry id) was made under the old journal id.
        const joined = this.store.meta('journal_id');
        if (joined !== undefined && joined !== identity) {
          this.setIdentity(joined);
          this.replica = this.store.meta('replica_id') ?? this.replica;
          throw new FerryError('JournalMismatch', `This device has just joined journal ${joined.slice(0, 8)} (in another window, or from a terminal), so nothing was written: do it again.`);
        }
        return work();
      });
    } catch (error) {
      // Rows of a rolled-back transaction may be reused: forget bodies cached for them.
      this.store.forgetCachedBodies();
      // A join rolled back with the write: the journal id is the one stored.
      if (this.identity !== identity || this.replica !== replica) this.identityAfterRollback({ journal: identity, replica });
      throw error;
    }
  }

  /** A write of versions from elsewhere: one that finds a copy of this replica stops writing here for good. */
  private writeReceived<T>(work: () => T): T {
    try {
      return this.write(work);
    } catch (error) {
      if (error instanceof FerryError && error.code === 'ReplicaCopied') this.recordCopy(error.message);
      throw error;
    }
  }

  /** Stops writing for good: in this process now, in every process through the journal. */
  private recordCopy(message: string): void {
    this.copied ??= { message };
    const record = JSON.stringify(this.copied);
    inTransaction(this.db, () => {
      if (this.store.meta('copied') === undefined) this.store.setMeta('copied', record);
    });
  }
}

function defaultDeviceName(): string {
  try {
    return hostname() || 'this device';
  } catch {
    return 'this device';
  }
}

/** Refuses what is not a calendar day written YYYY-MM-DD (2026-02-30 included). */
function checkDay(day: string): void {
  const parsed = new Date(`${day}T00:00:00Z`);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day) || Number.isNaN(parsed.getTime()) || parsed.toISOString().slice(0, 10) !== day) {
    throw new FerryError('BadInput', `“${day}” is not a day: write it YYYY-MM-DD, as 2026-03-14.`);
  }
}

/** A daily entry not written yet, as the app shows it: its title and tag, and no versions (no heads). */
function blankDaily(noteId: string, day: string, now: number): NoteView {
  return { id: noteId, title: dailyTitle(day), body: '', tags: ['journal'], deleted: false, conflict: false, heads: [], created: now, updated: now };
}
