// The engine behind the app's contract (shared/app-contract.ts): one handler per call, over the
// journal, the sync engine and the exchange-folder watcher, and the events the renderer lives
// on. Both hosts serve this one object (the web host and the Electron shell), so the app
// behaves the same in a browser and on the desktop.

import { homedir } from 'node:os';
import type { z } from 'zod';
import type { CallResult, Contract, EventName, EventPayload, historyEntry, PathPurpose, peerSchema, runSchema, versionDetail } from '../../shared/app-contract.js';
import { errorCodes, FerryError, toErrorData } from '../../shared/errors.js';
import type { NoteView, Version } from '../../shared/model.js';
import { fieldsHash, textHash } from '../../shared/text-hash.js';
import { conflictHeads } from '../journal/conflict-heads.js';
import { versionChanges } from './version-changes.js';
import type { Draft, EditResult, Journal, TypedFields } from '../journal/journal.js';
import type { Peer } from '../journal/peers.js';
import type { Run } from '../journal/runs.js';
import { bundlePath } from '../bundle/bundle-path.js';
import { createBundle } from '../bundle/create-bundle.js';
import { importBundle } from '../bundle/import-bundle.js';
import { asTypedSoFar, titlesOnlySoFar } from '../../shared/search-query.js';
import type { SyncEngine } from '../sync/engine.js';
import { HttpTransport } from '../sync/http-transport.js';
import { joinOutcome } from '../sync/server-journal.js';
import type { ExchangeEvent } from '../watch/exchange.js';
import { exchangeFolderPath, typedPath, type PathBase } from '../files/typed-path.js';
import { watchExchangeFolders, type ExchangeWatch } from '../watch/watcher.js';
import type { AppBackend, CallHandlers, EventListener } from './serve-call.js';
import { exchangeStatus, nextFolderState, unwatchedFolder, type FolderState } from './folder-state.js';

export interface AppServiceOptions {
  journal: Journal;
  /** The sync engine, started by whoever made it; null runs the app without network sync. */
  sync: SyncEngine | null;
  /** Watch the journal's exchange folders (off in tests that do not need chokidar). */
  watchFolders?: boolean;
  /** The system's file dialogs (the desktop app); absent in a browser, where paths are typed. */
  chooser?: PathChooser | null;
  /** How often to look for versions other processes wrote (`ferry` in a terminal); 0: never. */
  outsidePollMs?: number;
}

/** Opens the system's dialog for a path; null when the person cancels. */
export interface PathChooser {
  choose(purpose: PathPurpose, suggestedName: string | undefined): Promise<string | null>;
}

/** How long a closing page's last change waits for the text it was made on (a save on its way). */
const editBaseWaitMs = 3000;

/** A note opened blank (a new note, a day's entry not begun), as it was opened. */
interface BlankNote {
  note: NoteView;
  day: string | null;
  /**
   * Its first draft, last saved at `draftSaved`, was written as the version whose fieldsHash is
   * `typedOn`: a page that had opened that draft types on in that version (saveTyped).
   */
  firstWritten?: { draftSaved: number; typedOn: number };
}

type BodyEdit = NonNullable<z.output<Contract['calls']['commitDraft']['args']>['bodyEdits']>[number];

/** How long after starting the search is readied (after the window's first calls). */
const searchWarmUpMs = 1500;

/** How often the journal is checked for versions other processes wrote (one pragma and one lookup). */
const defaultOutsidePollMs = 1000;

/** The app's engine, served by the hosts; `close` stops the watcher (the caller stops the sync engine and closes the journal). */
export class AppService implements AppBackend {
  /** When the page sent the latest save applied, per note (see `sent` in the contract). */
  private readonly lastSent = new Map<string, number>();
  readonly handlers: CallHandlers;
  private readonly journal: Journal;
  private readonly sync: SyncEngine | null;
  private readonly listeners = new Set<EventListener>();
  private readonly folders = new Map<string, FolderState>();
  /** Which page typed each note's draft (see keepOtherPagesDraft). */
  private readonly draftPages = new Map<string, string>();
  /**
   * Notes opened blank (a new note, or a day's entry not begun), by id, as they were opened. What
   * is typed on one is its first draft (saveTyped). Kept once the note is written, so that typing
   * another window began on the blank is still known as such. One small entry per New note or
   * blank day a person opens: never pruned, since a forgotten one could no longer take the words
   * a page still typing in it sends.
   */
  private readonly blankNotes = new Map<string, BlankNote>();
  private readonly stops: (() => void)[] = [];
  private watch: ExchangeWatch | null = null;
  private watching: Promise<void> = Promise.resolve();
  private readonly watchFolders: boolean;
  private readonly chooser: PathChooser | null;
  private readonly outsidePollMs: number;
  /** The journal the page was last told of: it changes once, when a device that held nothing joins another's (noticeJoin). */
  private journalId: string;

  constructor(options: AppServiceOptions) {
    this.journal = options.journal;
    this.sync = options.sync;
    this.watchFolders = options.watchFolders ?? true;
    this.chooser = options.chooser ?? null;
    this.outsidePollMs = options.outsidePollMs ?? defaultOutsidePollMs;
    this.journalId = options.journal.journalId;
    this.handlers = this.makeHandlers();
    if (this.sync !== null) {
      this.stops.push(this.sync.onStatus((status) => this.emit('syncStatus', this.withExchange(status))));
      this.stops.push(
        this.sync.onSynced((report) => {
          this.noticeJoin(report.server);
          if (report.notes.length > 0) this.emit('notesChanged', { noteIds: [...new Set(report.notes.map((n) => n.noteId))], origin: 'sync' });
        }),
      );
    }
  }

  /** Starts watching the exchange folders the journal lists, and readies search a moment later. */
  async start(): Promise<void> {
    await this.rewatch();
    // The first search in a process prepares its statements and reads the index from disk (34 ms
    // against 13 ms after, on 10,000 notes): done once the window has what it shows first, not at
    // the user's first keystroke.
    const warm = setTimeout(() => {
      try {
        this.journal.search('e*', { limit: 1, titlesOnly: true });
        this.journal.search('th*', { limit: 1 });
      } catch {
        // Only a head start: a journal closed meanwhile is searched by no one.
      }
    }, searchWarmUpMs);
    warm.unref();
    this.stops.push(() => clearTimeout(warm));
    this.watchOutsideWrites();
  }

  /**
   * Versions another process writes (`ferry edit` in a terminal while the app is open) are told to
   * the page like edits made here, so its lists and open note show them, and they start a sync; a
   * sync server or exchange folder set there (`ferry remote set`, `ferry exchange add`) is used at
   * once, as if set in Settings.
   */
  private watchOutsideWrites(): void {
    if (this.outsidePollMs <= 0) return;
    const outside = this.journal.outsideWrites();
    const timer = setInterval(() => {
      try {
        const { noteIds, remoteChanged, foldersChanged } = outside.poll();
        // `ferry clone` from a terminal may have made this device, which held nothing, join a journal.
        if (noteIds.length > 0 && this.journal.reloadIdentity()) this.noticeJoin('a terminal');
        if (noteIds.length > 0) this.changed(noteIds);
        if (remoteChanged) this.sync?.remoteChanged();
        if (foldersChanged) void this.rewatch().then(() => this.statusMoved());
        if (remoteChanged || foldersChanged) this.emit('settingsChanged', {});
      } catch {
        // A journal closed meanwhile, or busy for a moment: the next look catches up.
      }
    }, this.outsidePollMs);
    timer.unref();
    this.stops.push(() => clearInterval(timer));
  }

  async close(): Promise<void> {
    for (const stop of this.stops.splice(0)) stop();
    await this.watching;
    await this.watch?.close();
    this.watch = null;
  }

  /**
   * The page that typed into notes is gone without a last word (a browser killed or crashed, a
   * renderer that died): what it saved as drafts becomes versions now, so that lists, search and
   * other devices see it, rather than when the note is next opened or the app quits.
   */
  commitLeftDrafts(): void {
    const typed = this.journal.unwrittenNotes().map((note) => note.id);
    const noteIds = this.journal.commitAllDrafts();
    if (noteIds.length > 0) this.changed(noteIds);
    // Typed, then deleted: written as nothing, and gone from lists.
    const dropped = typed.filter((id) => !noteIds.includes(id));
    if (dropped.length > 0) this.listed(dropped);
  }

  subscribe(listener: EventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private emit<N extends EventName>(name: N, payload: EventPayload<N>): void {
    for (const listener of this.listeners) listener(name, payload);
  }

  /** The note opened blank with this id (a new note, or a day's entry), while it is not written yet. */
  private blank(noteId: string): { note: NoteView; day: string | null } | undefined {
    const blank = this.blankNotes.get(noteId);
    return blank !== undefined && !this.journal.hasNote(noteId) ? blank : undefined;
  }

  /** The note, or its blank view when it is not written yet. */
  private noteOrBlank(noteId: string): NoteView {
    return this.blank(noteId)?.note ?? this.journal.note(noteId);
  }

  /**
   * Saves what a page typed: in a note opened blank, when its typing began on the blank, as the
   * note's first draft (Journal.saveFirstDraft: the commit then writes the note with those words
   * as its first version); else as the note's draft.
   */
  private saveTyped(noteId: string, fields: TypedFields, typedOn: number | undefined, draftSaved: number | undefined): Draft {
    const blank = this.blankNotes.get(noteId);
    const opened = blank?.note;
    const onBlank = opened !== undefined && (typedOn === undefined ? !this.journal.hasNote(noteId) : typedOn === fieldsHash(opened));
    if (!onBlank) return this.journal.saveDraft(noteId, fields, typedOn);
    // The page types on in the first draft it opened, which has been written since: on that version.
    const written = blank?.firstWritten;
    if (written !== undefined && draftSaved !== undefined && draftSaved === written.draftSaved) return this.journal.saveDraft(noteId, fields, written.typedOn);
    const before = this.isTypedUnwritten(noteId) ? this.journal.draft(noteId) : null;
    const draft = this.journal.saveFirstDraft(opened, fields);
    // Its first words: the note comes into lists now, not when typing pauses. Lists show its
    // title and tags as typed (other windows would keep the first letters of the title).
    const shownChanged = before === null || before.title !== draft.title || before.tags.join('\n') !== draft.tags.join('\n');
    if (shownChanged && !this.journal.hasNote(noteId)) this.listed([noteId]);
    return draft;
  }

  /** A note opened blank, not written yet, with a first draft: lists show it (Journal.unwrittenNotes). */
  private isTypedUnwritten(noteId: string): boolean {
    return this.blank(noteId) !== undefined && this.journal.draft(noteId) !== null;
  }

  /** Commits what is typed in the note: null while a note opened blank stays unwritten (nothing typed in it). */
  private commitTyped(noteId: string): EditResult | null {
    const listed = this.isTypedUnwritten(noteId);
    const draftSaved = listed ? this.journal.draft(noteId)?.saved : undefined;
    const first = this.journal.commitFirstDraft(noteId);
    const blank = this.blankNotes.get(noteId);
    if (first !== null && blank !== undefined && draftSaved !== undefined) blank.firstWritten = { draftSaved, typedOn: fieldsHash(first) };
    if (!this.journal.hasNote(noteId)) {
      // Typed, then deleted: nothing is written, and the note leaves lists.
      if (listed) this.listed([noteId]);
      return null;
    }
    const result = this.journal.commitDraft(noteId);
    return result.version === null && first !== null ? { ...result, version: first } : result;
  }

  /** Notes being typed, not written yet, came into lists or left them: lists refresh, nothing else. */
  private listed(noteIds: string[]): void {
    this.emit('notesChanged', { noteIds, origin: 'draft' });
  }

  /** A note was changed here: the renderer refreshes it, and the sync engine's edit trigger runs. */
  private changed(noteIds: string[], origin: EventPayload<'notesChanged'>['origin'] = 'local'): void {
    this.emit('notesChanged', { noteIds, origin });
    if (origin !== 'sync') this.sync?.localEdit(); // bundles may bring what the server lacks
  }

  private makeHandlers(): CallHandlers {
    const j = this.journal;
    const detail = (note: NoteView) => this.detail(note);
    const edited = (result: { note: NoteView; version: Version | null }) => {
      if (result.version !== null) this.changed([result.note.id]);
      return detail(result.note);
    };
    return {
      listNotes: (filter) => j.notes({ ...filter, unwritten: true }),
      getNote: ({ noteId }) => detail(this.noteOrBlank(noteId)),
      createNote: ({ blank, ...fields }) => {
        if (blank === true) {
          const note = j.blankNote();
          this.blankNotes.set(note.id, { note, day: null });
          return detail(note);
        }
        const note = j.createNote(fields);
        this.changed([note.id]);
        return detail(note);
      },
      saveDraft: ({ noteId, title, body, tags, sent, typedOn, page, draftSaved }) => {
        if (!this.latestSent(noteId, page, sent)) return { saved: j.draft(noteId)?.saved ?? this.noteOrBlank(noteId).updated };
        this.keepOtherPagesDraft(noteId, page, draftSaved);
        const { saved } = this.saveTyped(noteId, { title, body, tags }, typedOn, draftSaved);
        if (page !== undefined) this.draftPages.set(noteId, page);
        return { saved };
      },
      commitDraft: async ({ noteId, title, body, tags, bodyEdits, sent, typedOn, page, draftSaved }) => {
        const typedBody = bodyEdits === undefined ? body : await this.editedBody(noteId, bodyEdits);
        if ((title !== undefined || typedBody !== undefined || tags !== undefined) && this.latestSent(noteId, page, sent)) {
          this.keepOtherPagesDraft(noteId, page, draftSaved);
          const typed = j.draft(noteId) ?? this.noteOrBlank(noteId);
          this.saveTyped(noteId, { title: title ?? typed.title, body: typedBody ?? typed.body, tags: tags ?? typed.tags }, typedOn, draftSaved);
        } else if (this.typedByAnotherPage(noteId, page, draftSaved)) {
          // This page's typing paused, or it closes, with nothing of its own unsaved: the draft is
          // another page's, which that page is typing on and commits itself when its typing pauses.
          return detail(this.noteOrBlank(noteId));
        }
        this.draftPages.delete(noteId);
        const result = this.commitTyped(noteId);
        // Nothing typed in a note opened blank: it stays unwritten.
        return result === null ? detail(this.noteOrBlank(noteId)) : edited(result);
      },
      discardDraft: ({ noteId }) => {
        this.draftPages.delete(noteId);
        const listed = this.isTypedUnwritten(noteId);
        j.discardDraft(noteId);
        if (listed) this.listed([noteId]);
        return detail(this.noteOrBlank(noteId));
      },
      trashNote: ({ noteId }) => edited(j.trashNote(noteId)),
      restoreNote: ({ noteId }) => edited(j.restoreNote(noteId)),
      listTags: () => j.tags({ unwritten: true }),
      search: ({ query, limit, trash, asYouType, tag }) =>
        j
          .search(asYouType === true ? asTypedSoFar(query) : query, { limit, scope: trash === true ? 'trash' : 'notes', titlesOnly: asYouType === true && titlesOnlySoFar(query), tag })
          .map(({ note, snippet, highlights, titleHighlights }) => ({ note, snippet, highlights, titleHighlights })),

      today: ({ blank, day }) => {
        const before = j.vector();
        const note = day === undefined ? j.today({ blank: blank === true }) : j.dayEntry(day, { blank: blank === true });
        if (JSON.stringify(before) !== JSON.stringify(j.vector())) this.changed([note.id]);
        // Not written yet: kept like a new note opened blank, with its day, its title (typing after midnight still writes the day it was opened for).
        if (note.heads.length === 0) this.blankNotes.set(note.id, { note, day: note.title });
        return detail(note);
      },
      journalDays: ({ month }) => j.journalDays(month, { unwritten: true }),

      history: ({ noteId }) => (this.blank(noteId) !== undefined ? [] : j.history(noteId).map((v) => this.historyEntry(v))),
      getVersion: ({ versionId }) => this.versionDetail(j.version(versionId)),
      restoreVersion: ({ noteId, versionId }) => edited(j.restoreNote(noteId, versionId)),
      changesOf: ({ versionId }) => {
        const version = j.version(versionId);
        const basis = j.basisOf(version);
        if (basis === null) throw new FerryError('Corrupt', `A version this one was written on is missing from the journal: \`ferry fsck\` says what else is wrong.`);
        return { basis: basis.kind, changes: versionChanges(basis.fields, version) };
      },
      conflicts: () => j.conflicts(),
      conflictHeads: ({ noteId }) => {
        const { heads, base, marked } = conflictHeads(j, noteId);
        return {
          heads: heads.map((v) => this.versionDetail(v)),
          base: base === null ? null : { versions: base.versions.map((v) => v.id), time: base.time },
          changes: heads.map((head) => versionChanges(base?.state ?? heads.find((other) => other.id !== head.id) ?? null, head)),
          merged: marked,
        };
      },
      resolveConflict: ({ noteId, take, title, body, tags }) =>
        edited(j.resolveConflict(noteId, take !== undefined ? { take } : { ...(title === undefined ? {} : { title }), ...(body === undefined ? {} : { body }), ...(tags === undefined ? {} : { tags }) })),

      syncStatus: () => this.syncStatus(),
      syncNow: async () => {
        const engine = this.requireSync();
        void engine.syncNow().catch(() => undefined);
        await Promise.resolve();
        return engine.status();
      },
      pauseSync: () => {
        this.requireSync().pause();
        return this.syncStatus();
      },
      resumeSync: () => {
        this.requireSync().resume();
        return this.syncStatus();
      },
      testConnection: async ({ url, token }) => {
        const transport = new HttpTransport({ url, token });
        try {
          const { journals } = await transport.journals();
          const heldHere = j.heldOfItsOwn();
          return { ...joinOutcome(j.journalId, heldHere, journals), journals: journals.length, heldHere };
        } finally {
          transport.close();
        }
      },
      setRemote: ({ url, token }) => {
        new HttpTransport({ url, token }).close(); // refuses a URL that is not http(s), with a sentence
        j.setRemote(url, token);
        this.sync?.remoteChanged();
        return this.settings();
      },
      joinJournal: async ({ url, token, journalId }) => {
        const transport = new HttpTransport({ url, token });
        try {
          const { journals } = await transport.journals();
          if (!journals.some((x) => x.journalId === journalId)) throw new FerryError('Forbidden', `The token does not open journal ${journalId.slice(0, 8)} on ${transport.describe}.`);
        } finally {
          transport.close();
        }
        return this.withSyncStopped(() => {
          const { carried, keptCopy } = j.joinCarrying(journalId, transport.describe);
          j.setRemote(url, token);
          this.noticeJoin(transport.describe);
          this.changed(this.everyNoteId(), 'sync');
          return { carried, keptCopy, settings: this.settings() };
        });
      },
      removeRemote: () => {
        j.removeRemote();
        this.sync?.remoteChanged();
        return this.settings();
      },

      peers: () => [
        { replicaId: j.replicaId, deviceName: j.deviceName, self: true, behind: 0, ahead: 0, lastHeard: null, source: null },
        ...j.peers()
          .filter((p) => p.replicaId !== j.replicaId)
          .map((p) => this.peer(p)),
      ],
      runs: ({ limit }) => j.runs(limit).map((r) => this.run(r)),
      undoRun: ({ run }) => {
        const result = j.undoRun(run);
        const notes = [...result.restored, ...result.trashed].map((n) => n.noteId);
        if (notes.length > 0) this.changed(notes, 'undo');
        return { notes: notes.length };
      },

      exportBundle: async ({ path, peer }) => {
        const made = await createBundle(j, bundlePath(typedPath(path, typedInApp(), '/media/usb/'), j), peer === undefined ? { all: true } : { for: peer });
        return { file: made.file, versions: made.header.versions, bytes: made.bytes, peer: made.peer };
      },
      importBundle: async ({ path, join }) => {
        const run = async () => {
          const result = await importBundle(j, typedPath(path, typedInApp(), '/media/usb/laptop.ferry'), undefined, { join: join === true });
          this.noticeJoin(result.file);
          const notes = [...new Set(result.notes.map((n) => n.noteId))];
          if (result.carried !== undefined) this.changed(this.everyNoteId(), 'bundle');
          else if (notes.length > 0) this.changed(notes, 'bundle');
          return { run: result.run, stored: result.stored, alreadyHeld: result.alreadyHeld, notes: notes.length, carried: result.carried ?? null };
        };
        return join === true ? this.withSyncStopped(run) : run();
      },

      hostFeatures: () => ({ fileDialogs: this.chooser !== null }),
      choosePath: async ({ purpose, suggestedName }) => {
        if (this.chooser === null) throw new FerryError('BadInput', 'In a browser Ferry cannot open the system’s file dialogs: type the path instead.');
        return { path: await this.chooser.choose(purpose, suggestedName) };
      },

      settings: () => this.settings(),
      setDeviceName: ({ name }) => {
        j.setDeviceName(name);
        return this.settings();
      },
      addExchangeFolder: async ({ path: typed }) => {
        const path = exchangeFolderPath(typed, typedInApp());
        j.addExchangeFolder(path);
        await this.rewatch();
        this.statusMoved();
        return this.settings();
      },
      removeExchangeFolder: async ({ path }) => {
        j.removeExchangeFolder(path);
        this.folders.delete(path);
        await this.rewatch();
        this.statusMoved();
        return this.settings();
      },
    };
  }

  private requireSync(): SyncEngine {
    if (this.sync === null) throw new FerryError('NoRemote', 'Sync is not running in this window.');
    return this.sync;
  }

  /**
   * Whether a save sent at `sent` is the latest the page sent for the note (then it is remembered
   * as such); an older one arriving late (by the other connection) must not overwrite newer text.
   */
  private latestSent(noteId: string, page: string | undefined, sent: number | undefined): boolean {
    if (sent === undefined) return true;
    const key = page === undefined ? noteId : `${noteId} ${page}`;
    const last = this.lastSent.get(key);
    if (last !== undefined && sent <= last) return false;
    this.lastSent.set(key, sent);
    return true;
  }

  /**
   * The note's draft when another page typed it and this page has not seen it: not the draft this
   * page opened and continues (`draftSaved`: after a reload), nor its own. Null otherwise.
   */
  private unseenDraftOfAnotherPage(noteId: string, page: string | undefined, draftSaved: number | undefined): Draft | null {
    const typist = this.draftPages.get(noteId);
    if (page === undefined || typist === undefined || typist === page) return null;
    const draft = this.journal.draft(noteId);
    return draft !== null && draft.saved !== draftSaved ? draft : null;
  }

  /** Another page is still typing in the note's draft (saved lately: not left over 30 s ago by a page gone). */
  private typedByAnotherPage(noteId: string, page: string | undefined, draftSaved: number | undefined): boolean {
    const draft = this.unseenDraftOfAnotherPage(noteId, page, draftSaved);
    return draft !== null && !this.journal.isLeft(draft);
  }

  /**
   * Before a page's typing replaces the note's draft, a draft another page typed (a second window
   * on the note, which had not seen it) is committed as a version of its own: both pages' words
   * are kept, and merge, or show a conflict, like edits made on two devices. A page whose text
   * continues that draft (`draftSaved`: it opened it, after a reload) simply types on in it.
   */
  private keepOtherPagesDraft(noteId: string, page: string | undefined, draftSaved: number | undefined): void {
    if (this.unseenDraftOfAnotherPage(noteId, page, draftSaved) === null) return;
    if ((this.commitTyped(noteId)?.version ?? null) !== null) this.changed([noteId]);
  }

  /**
   * The note's text with a closing page's last change applied: to the draft (or the note) it was
   * made on, which a save sent just before on another connection may still be bringing; after
   * a while without it, the change is refused in words (the text saved until then stays).
   */
  private async editedBody(noteId: string, edits: readonly BodyEdit[]): Promise<string> {
    const waitUntil = Date.now() + editBaseWaitMs;
    for (;;) {
      const base = (this.journal.draft(noteId) ?? this.noteOrBlank(noteId)).body;
      const hash = textHash(base);
      const edit = edits.find((e) => e.baseLength === base.length && e.baseHash === hash);
      if (edit !== undefined) return base.slice(0, edit.from) + edit.insert + base.slice(edit.to);
      if (Date.now() >= waitUntil) throw new FerryError('BasisMissing', 'The last change typed before the page closed was made on a text the engine does not have; what was saved before it is kept.');
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  private syncStatus(): CallResult<'syncStatus'> {
    if (this.sync !== null) return this.withExchange(this.sync.status());
    const status = this.journal.status();
    return this.withExchange({ state: 'local', remote: status.remote, pending: status.pending, conflicts: status.conflicts, lastSync: status.lastSync, nextRetry: null, lastError: status.lastSyncError, needsToken: false, exchange: null });
  }

  /** The sync status with how the exchange folders stand, which this service keeps (the sync engine does not know them). */
  private withExchange(status: CallResult<'syncStatus'>): CallResult<'syncStatus'> {
    const paths = this.journal.exchangeFolders().map((f) => f.path);
    return { ...status, exchange: exchangeStatus(paths.map((path) => ({ path, ...(this.folders.get(path) ?? unwatchedFolder) }))) };
  }

  /** Tells the pages how sync stands now: something the sync engine does not hear of moved (an exchange folder). */
  private statusMoved(): void {
    this.emit('syncStatus', this.syncStatus());
  }

  private detail(note: NoteView): CallResult<'getNote'> {
    const draft = this.journal.draft(note.id);
    return {
      ...note,
      // A note opened blank, not written yet, has no summary: its day is the one it was opened for.
      day: note.heads.length === 0 ? (this.blankNotes.get(note.id)?.day ?? null) : this.journal.summary(note.id).day,
      draft: draft === null ? null : { title: draft.title, body: draft.body, tags: draft.tags, saved: draft.saved },
    };
  }

  private historyEntry(v: Version): z.output<typeof historyEntry> {
    const info = this.journal.describeVersion(v);
    return { id: v.id, parents: v.parents, time: v.time, device: info.device, here: v.replicaId === this.journal.replicaId, kind: info.kind, changed: info.changed, title: v.title, tags: v.tags, deleted: v.deleted };
  }

  private versionDetail(v: Version): z.output<typeof versionDetail> {
    return { ...this.historyEntry(v), noteId: v.noteId, body: v.body };
  }

  private peer(p: Peer): z.output<typeof peerSchema> {
    return { replicaId: p.replicaId, deviceName: p.deviceName, self: false, behind: p.behind, ahead: p.ahead, lastHeard: p.lastHeard, source: p.source };
  }

  private run(r: Run): z.output<typeof runSchema> {
    return { run: r.run, time: r.time, kind: r.kind, source: r.source, peerName: r.peerName, versions: r.versions.length, notes: r.notes, undone: r.undone };
  }

  private settings(): CallResult<'settings'> {
    const remote = this.journal.remote();
    return {
      journalId: this.journal.journalId,
      replicaId: this.journal.replicaId,
      deviceName: this.journal.deviceName,
      remote: remote === null ? null : { url: remote.url, hasToken: remote.token !== '' },
      exchangeFolders: this.journal.exchangeFolders().map((f) => ({ path: f.path, ...(this.folders.get(f.path) ?? unwatchedFolder) })),
    };
  }

  /** (Re)starts the watcher on the journal's exchange folders, one restart at a time. */
  private rewatch(): Promise<void> {
    if (!this.watchFolders) return Promise.resolve();
    this.watching = this.watching.then(async () => {
      await this.watch?.close();
      const paths = this.journal.exchangeFolders().map((f) => f.path);
      this.watch = paths.length === 0 ? null : await watchExchangeFolders(this.journal, paths, { onEvent: (event) => this.onExchange(event) });
    });
    return this.watching;
  }

  /**
   * Runs a join that brings this device's notes (Journal.joinCarrying), which writes the journal
   * anew, with the sync engine stopped: no page of the journal left behind may be stored meanwhile.
   * Then it syncs again, a refused token forgiven (the journal is another now).
   */
  private async withSyncStopped<T>(work: () => T | Promise<T>): Promise<T> {
    await this.sync?.stop();
    try {
      return await work();
    } finally {
      this.sync?.start();
      this.sync?.remoteChanged();
    }
  }

  /** Every note, live and in the trash: all of them changed when a join brought them (their versions are new). */
  private everyNoteId(): string[] {
    return [...this.journal.notes(), ...this.journal.notes({ trash: true })].map((n) => n.id);
  }

  /** Tells the page when this device has joined another device's journal (joining.ts), before what came with it. */
  private noticeJoin(from: string): void {
    if (this.journal.journalId === this.journalId) return;
    this.journalId = this.journal.journalId;
    const devices = Object.entries(this.journal.deviceNames())
      .filter(([replica]) => replica !== this.journal.replicaId)
      .map(([, name]) => name)
      .sort();
    this.emit('journalJoined', { journalId: this.journalId, from, devices });
    this.emit('settingsChanged', {});
  }

  private onExchange(event: ExchangeEvent): void {
    this.folders.set(event.folder, nextFolderState(this.folders.get(event.folder) ?? unwatchedFolder, event, Date.now()));
    if (event.kind === 'imported') {
      this.noticeJoin(event.file);
      const run = this.journal.run(event.run);
      this.emit('bundleImported', { file: event.file, versions: event.versions, error: null });
      this.changed([...new Set(run.notes.map((n) => n.noteId))], 'bundle');
    } else if (event.kind === 'failed') {
      this.emit('bundleImported', { file: event.file ?? event.folder, versions: 0, error: toErrorData(new FerryError(errorCodes.find((c) => c === event.code) ?? 'BundleDamaged', event.message)) });
    }
    this.emit('exchangeFolderChanged', { path: event.folder });
    this.statusMoved();
  }
}

/** Paths typed into the app: from the home folder (~), never from the engine's working folder, which the person never chose. */
function typedInApp(): PathBase {
  return { cwd: null, home: homedir() };
}
