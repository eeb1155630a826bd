// The app's one contract (DESIGN.md, "One contract, two transports"): every call the renderer may
// make and every event it may receive, each with zod schemas. The renderer's client
// (app-client.ts), the web host's routes (electron/host/) and the Electron preload and ipcMain
// registration are all made from this object in a loop; none is wired by hand.
//
// Calls answer `{ ok: true, value }` or `{ ok: false, error: { code, message } }` on every
// transport; the client rethrows the second as a FerryError with that code. Times are ms since
// the epoch (the renderer formats them); ids are lower-case hex.

import { z } from 'zod';
import { errorCodes } from './errors.js';

const id = z.string().regex(/^[0-9a-f]{4,64}$/u, 'an id is hex');
const time = z.number().int();
const tags = z.array(z.string().max(200)).max(100);
/** A note's text; the engine refuses bodies over its own limit with a sentence. */
const body = z.string().max(16 * 1024 * 1024);
const title = z.string().max(1000);

export const errorData = z.object({ code: z.enum(errorCodes), message: z.string() });

export const noteSummary = z.object({
  id,
  title: z.string(),
  tags: z.array(z.string()),
  deleted: z.boolean(),
  conflict: z.boolean(),
  heads: z.array(id),
  created: time,
  updated: time,
  day: z.string().nullable(),
  /** The start of the body as one plain line, for lists. */
  snippet: z.string(),
});

export const noteDetail = noteSummary.omit({ snippet: true }).extend({
  body: z.string(),
  /** Text typed and saved but not yet committed as a version, when there is one. */
  draft: z.object({ title: z.string(), body: z.string(), tags: z.array(z.string()), saved: time }).nullable(),
});

export const noteFields = z.object({ title, body, tags });

/**
 * When the page sent a save (its clock, in ms, increasing within a page): saves travel on two
 * connections (the socket, and a request that outlives a closing page), so one sent earlier may
 * arrive later; the host keeps the text of the latest each page sent (see `page`).
 */
const sentAt = z.number().min(0).optional();
/**
 * fieldsHash (text-hash.ts) of the note as the page had it when this typing began. A draft begun
 * on a note that has changed since (a sync, or `ferry` in a terminal, before the page heard of it)
 * takes the version with those fields as its parent, so that the change is merged with what is
 * typed rather than written over by it.
 */
const typedOn = z.number().int().min(0).max(0xffffffff).optional();
/** A local calendar day. */
const calendarDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/u, 'a day is YYYY-MM-DD');
/**
 * Which page typed this (a random id each page makes once: a window, a tab). A note's draft is one
 * text, so a page saving over a draft another page typed (two windows on one note) would write
 * over its words: that draft is committed first, as a version of its own, and the two merge (or
 * show a conflict) like edits from two devices.
 */
const page = z.string().min(1).max(64).optional();
/**
 * The `saved` time of the draft the page's text continues: the draft it opened, or its own last
 * save. A page that opened another page's draft (a reload) types on in it; only a draft it has not
 * seen is committed before its typing replaces it (see `page`).
 */
const draftSaved = z.number().min(0).optional();

const bodyEdit = z
  .object({ from: z.number().int().min(0), to: z.number().int().min(0), insert: body, baseLength: z.number().int().min(0), baseHash: z.number().int().min(0).max(0xffffffff) })
  .strict()
  .refine((edit) => edit.from <= edit.to && edit.to <= edit.baseLength, 'the edit lies outside the text');

const spans = z.array(z.tuple([z.number().int(), z.number().int()]));

export const searchHit = z.object({
  note: noteSummary,
  snippet: z.string(),
  /** The matched words in the snippet. */
  highlights: spans,
  /** The matched words in the note's title. */
  titleHighlights: spans,
});

export const historyEntry = z.object({
  id,
  parents: z.array(id),
  time,
  device: z.string(),
  /** Written on this device (by this replica). */
  here: z.boolean(),
  kind: z.enum(['created', 'edited', 'trashed', 'restored', 'merged', 'resolved']),
  changed: z.array(z.enum(['title', 'body', 'tags'])),
  title: z.string(),
  tags: z.array(z.string()),
  deleted: z.boolean(),
});

export const versionDetail = historyEntry.extend({ noteId: id, body: z.string() });

export const syncStatusSchema = z.object({
  state: z.enum(['synced', 'pending', 'syncing', 'offline', 'error', 'paused', 'local']),
  remote: z.string().nullable(),
  pending: z.number().int(),
  conflicts: z.number().int(),
  lastSync: z.string().nullable(),
  nextRetry: z.string().nullable(),
  lastError: errorData.nullable(),
  needsToken: z.boolean(),
  /** The exchange folders, when the journal has any (shared/sync-status.ts, ExchangeStatus). */
  exchange: z.object({ folders: z.number().int(), lastWrite: z.string().nullable(), lastImport: z.string().nullable(), problem: z.string().nullable(), missing: z.boolean() }).nullable(),
});

export const peerSchema = z.object({
  replicaId: id,
  deviceName: z.string().nullable(),
  self: z.boolean(),
  /** Versions this replica holds that the peer is not known to hold (null: never heard what it holds). */
  behind: z.number().int().nullable(),
  ahead: z.number().int().nullable(),
  lastHeard: time.nullable(),
  source: z.string().nullable(),
});

export const runSchema = z.object({
  run: z.number().int(),
  time,
  kind: z.enum(['bundle', 'clone', 'sync']),
  source: z.string(),
  peerName: z.string().nullable(),
  versions: z.number().int(),
  notes: z.array(z.object({ noteId: id, title: z.string(), change: z.enum(['created', 'edited', 'deleted', 'restored', 'conflicted']) })),
  undone: time.nullable(),
});

const folderActivity = z.object({ time, text: z.string() });

export const settingsSchema = z.object({
  journalId: id,
  replicaId: id,
  deviceName: z.string(),
  remote: z.object({ url: z.string(), hasToken: z.boolean() }).nullable(),
  exchangeFolders: z.array(
    z.object({
      path: z.string(),
      /** Since the app started: the last bundle from another device dealt with there (imported, or left alone), said as Settings shows it. */
      lastImport: folderActivity.nullable(),
      /** Since the app started: the last time this device's bundle was written there, and what it holds for the others. */
      lastWrite: folderActivity.nullable(),
      /** What stops the folder from working now (gone with its stick, a damaged bundle); null when nothing does. */
      lastError: z.string().nullable(),
    }),
  ),
});

/** The difference between two texts, line by line; long unchanged runs folded to a count. */
export const lineChange = z.discriminatedUnion('kind', [
  z.object({ kind: z.enum(['same', 'removed', 'added']), text: z.string() }),
  z.object({ kind: z.literal('folded'), lines: z.number().int() }),
]);

export const versionChanges = z.object({
  title: z.object({ from: z.string(), to: z.string() }).nullable(),
  tags: z.object({ removed: z.array(z.string()), added: z.array(z.string()) }),
  lines: z.array(lineChange),
});

const path = z.string().min(1).max(4096);

/**
 * What the desktop app's menus and tray ask the page to do: the page's own keyboard commands
 * (shared/shortcuts.ts), and opening the conflict inbox.
 */
export const pageCommands = ['newNote', 'quickSwitcher', 'today', 'search', 'syncNow', 'history', 'settings', 'lists', 'conflicts'] as const;
export type PageCommand = (typeof pageCommands)[number];

/** What a path is chosen for, in the system's dialog (choosePath). */
export const pathPurposes = ['importBundle', 'exportBundle', 'exchangeFolder'] as const;
export type PathPurpose = (typeof pathPurposes)[number];

const none = z.object({}).strict();
const noteRef = z.object({ noteId: id }).strict();

function call<A extends z.ZodType, R extends z.ZodType>(args: A, result: R) {
  return { args, result };
}

/**
 * What syncing with a server and token would do (electron/sync/server-journal.ts, joinOutcome):
 * sync this journal, which the server holds or creates on the first sync; join the one journal
 * the token opens, this device holding nothing yet; or nothing, for a token of several journals,
 * of none, or of another journal than this device's, which has notes of its own (`heldHere`).
 */
export const connectionSchema = z.object({
  outcome: z.enum(['holds', 'creates', 'joins', 'several', 'another', 'none']),
  journalId: id.nullable(),
  versions: z.number().int(),
  journals: z.number().int(),
  heldHere: z.string().nullable(),
});

export const contract = {
  calls: {
    // Notes
    /**
     * Most recently changed first. `limit`: only the first notes (a list's first screen); `noteIds`:
     * only those of these notes that are in the list (a list brought up to date after a change).
     * Notes opened blank and typed in are listed before their first version is written, with the
     * words typed so far and no heads.
     */
    listNotes: call(
      z.object({ trash: z.boolean().optional(), tag: z.string().max(200).optional(), limit: z.number().int().min(1).max(100_000).optional(), noteIds: z.array(id).max(1000).optional() }).strict(),
      z.array(noteSummary),
    ),
    getNote: call(noteRef, noteDetail),
    /**
     * A new note, written at once with the fields given. With `blank`, nothing is written: a new
     * note with no heads is answered, and its first saved draft writes it (as for today's blank
     * entry), so a note opened and left without a word leaves nothing behind.
     */
    createNote: call(
      noteFields
        .partial()
        .extend({ blank: z.boolean().optional() })
        .strict()
        .refine((args) => args.blank !== true || (args.title === undefined && args.body === undefined && args.tags === undefined), 'a blank note takes no fields'),
      noteDetail,
    ),
    /** Saves what is typed (durable at once); a version is committed by commitDraft. */
    saveDraft: call(noteRef.extend(noteFields.shape).extend({ sent: sentAt, typedOn, page, draftSaved }).strict(), z.object({ saved: time })),
    /**
     * Commits the note's draft as a version (when typing pauses, on leaving the note, on quit).
     * Given fields, saves them as the draft first, in the same call: what a closing page sends.
     * `bodyEdits` instead of `body` (a closing page's last change to a long note, which must fit
     * in a keepalive request): the change made on each text the engine may hold (the last draft
     * saved, or one whose save is still on its way), each naming that text by length and
     * textHash; the host applies the one made on the draft (or note) it holds, waiting a moment
     * for a save on its way.
     */
    commitDraft: call(
      noteRef
        .extend(noteFields.partial().shape)
        .extend({ bodyEdits: z.array(bodyEdit).min(1).max(3).optional(), sent: sentAt, typedOn, page, draftSaved })
        .strict()
        .refine((args) => args.body === undefined || args.bodyEdits === undefined, 'give body or bodyEdits, not both'),
      noteDetail,
    ),
    discardDraft: call(noteRef, noteDetail),
    trashNote: call(noteRef, noteDetail),
    restoreNote: call(noteRef, noteDetail),
    /** Each tag in use outside the trash with its count of notes, notes being typed (as listNotes lists them) included. */
    listTags: call(none, z.array(z.object({ tag: z.string(), notes: z.number().int() }))),
    /** `asYouType`: the last word is still being typed, so it matches as a prefix. `trash`: the trash instead of the notes. `tag`: only the notes carrying it. */
    search: call(
      z.object({ query: z.string().max(1000), limit: z.number().int().min(1).max(200).optional(), trash: z.boolean().optional(), asYouType: z.boolean().optional(), tag: z.string().max(200).optional() }).strict(),
      z.array(searchHit),
    ),

    // The journal of days
    /**
     * Today's entry, or with `day` (YYYY-MM-DD) another day's: an evening written the morning
     * after, a day filled in later. `blank`: an entry not written yet is not created; it comes
     * with no heads, and its first saved draft creates it.
     */
    today: call(z.object({ blank: z.boolean().optional(), day: calendarDay.optional() }).strict(), noteDetail),
    /** The month's journal entries, each with its note and the start of what it says (as lists show it). */
    journalDays: call(z.object({ month: z.string().regex(/^\d{4}-\d{2}$/u, 'a month is YYYY-MM') }).strict(), z.array(z.object({ day: z.string(), noteId: id, snippet: z.string() }))),

    // History and conflicts
    history: call(noteRef, z.array(historyEntry)),
    getVersion: call(z.object({ versionId: id }).strict(), versionDetail),
    restoreVersion: call(noteRef.extend({ versionId: id }).strict(), noteDetail),
    /**
     * What a version changed, against what it was written on: nothing, for a note's first version;
     * its `parent`; its parents as they merged (`merge`: the text its author had); or, for a version
     * that ended a conflict, its first parent (`conflict`).
     */
    changesOf: call(z.object({ versionId: id }).strict(), z.object({ basis: z.enum(['nothing', 'parent', 'merge', 'conflict']), changes: versionChanges })),
    conflicts: call(none, z.array(noteSummary)),
    /**
     * Each head of a note in conflict, in full; `base`, what they last shared (the versions all of
     * them were made on: one, or several in a criss-cross history, merged as the note's merge does;
     * null when they share nothing); and with two heads, `merged`, their bodies merged to finish by
     * hand: the lines both keep once, and where they collide, both sides between marker lines named
     * for their devices (else null). `changes[i]` is what heads[i] changed since the base; without
     * one, against another head.
     */
    conflictHeads: call(
      noteRef,
      z.object({
        heads: z.array(versionDetail),
        base: z.object({ versions: z.array(id).min(1), time: z.number().int() }).nullable(),
        changes: z.array(versionChanges),
        merged: z.string().nullable(),
      }),
    ),
    resolveConflict: call(noteRef.extend({ take: id.optional(), ...noteFields.partial().shape }).strict(), noteDetail),

    // Sync
    syncStatus: call(none, syncStatusSchema),
    syncNow: call(none, syncStatusSchema),
    pauseSync: call(none, syncStatusSchema),
    resumeSync: call(none, syncStatusSchema),
    testConnection: call(z.object({ url: z.string().max(2000), token: z.string().max(500) }).strict(), connectionSchema),
    setRemote: call(z.object({ url: z.string().max(2000), token: z.string().max(500) }).strict(), settingsSchema),
    /**
     * Joins the journal the token opens though this device has notes of its own, bringing them
     * into it (each note's latest text; its history stays in a copy of the journal as it was, kept
     * in `keptCopy`), then syncs with that server.
     */
    joinJournal: call(
      z.object({ url: z.string().max(2000), token: z.string().max(500), journalId: id }).strict(),
      z.object({ carried: z.number().int(), keptCopy: z.string(), settings: settingsSchema }),
    ),
    removeRemote: call(none, settingsSchema),

    // Devices and runs
    peers: call(none, z.array(peerSchema)),
    runs: call(z.object({ limit: z.number().int().min(1).max(500).optional() }).strict(), z.array(runSchema)),
    undoRun: call(z.object({ run: z.number().int().min(1) }).strict(), z.object({ notes: z.number().int() })),

    // Bundles (paths on the machine the engine runs on: the desktop's dialogs, or typed in the web app)
    /** Writes a bundle of what `peer` lacks (a replica id), or of everything; a folder gets a file named for this device. */
    exportBundle: call(z.object({ path, peer: id.optional() }).strict(), z.object({ file: z.string(), versions: z.number().int(), bytes: z.number().int(), peer: z.string().nullable() })),
    /** Checks a bundle file in full, then imports all of it or nothing. */
    /**
     * `join`: a whole bundle of another journal, joined though this device has notes of its own,
     * which are brought into it (`carried`; the journal as it was is kept in `keptCopy`).
     */
    importBundle: call(
      z.object({ path, join: z.boolean().optional() }).strict(),
      z.object({
        run: z.number().int().nullable(),
        stored: z.number().int(),
        alreadyHeld: z.number().int(),
        notes: z.number().int(),
        carried: z.object({ notes: z.number().int(), keptCopy: z.string() }).nullable(),
      }),
    ),

    // What the host can do
    /** `fileDialogs`: the system's file dialogs can be opened (the desktop app); in a browser, paths are typed. */
    hostFeatures: call(none, z.object({ fileDialogs: z.boolean() })),
    /** Opens the system's dialog to choose a bundle to import, where to save one, or an exchange folder; null when the person cancels. Refused where hostFeatures has no fileDialogs. */
    choosePath: call(z.object({ purpose: z.enum(pathPurposes), suggestedName: z.string().max(255).optional() }).strict(), z.object({ path: z.string().nullable() })),

    // Settings
    settings: call(none, settingsSchema),
    setDeviceName: call(z.object({ name: z.string().min(1).max(200) }).strict(), settingsSchema),
    addExchangeFolder: call(z.object({ path }).strict(), settingsSchema),
    removeExchangeFolder: call(z.object({ path }).strict(), settingsSchema),
  },
  events: {
    /** The sync status changed (pushed on every change). */
    syncStatus: syncStatusSchema,
    /**
     * Notes changed here or arrived from elsewhere: lists and open notes refresh. `draft`: only
     * notes being typed and not written yet came into lists or left them (listNotes); no version
     * was written, and what is open stays as it is.
     */
    notesChanged: z.object({ noteIds: z.array(id), origin: z.enum(['local', 'sync', 'bundle', 'undo', 'draft']) }),
    /** A bundle arrived in an exchange folder and was imported, or could not be. */
    bundleImported: z.object({ file: z.string(), versions: z.number().int(), error: errorData.nullable() }),
    /** The journal's settings were changed by another process (`ferry remote set`, `ferry exchange add` in a terminal): Settings shows them again. */
    settingsChanged: z.object({}).strict(),
    /**
     * This device, which held nothing yet, joined another device's journal (`from`: the server or
     * the bundle its notes came from; `devices`: the names of that journal's devices, as far as
     * they are known): the page starts again on that journal's notes.
     */
    journalJoined: z.object({ journalId: id, from: z.string(), devices: z.array(z.string()) }),
    /** Something happened in an exchange folder (a bundle written or imported, a file left alone, the folder gone or back): Settings shows it. */
    exchangeFolderChanged: z.object({ path: z.string() }),
    /** The desktop app's menu or tray asks the page to do something (the web host never sends it). */
    command: z.object({ name: z.enum(pageCommands) }),
  },
} as const;

export type Contract = typeof contract;
export type CallName = keyof Contract['calls'];
export type EventName = keyof Contract['events'];
export type CallArgs<N extends CallName> = z.input<Contract['calls'][N]['args']>;
export type CallResult<N extends CallName> = z.output<Contract['calls'][N]['result']>;
export type EventPayload<N extends EventName> = z.output<Contract['events'][N]>;

export const callNames = Object.keys(contract.calls) as CallName[];
export const eventNames = Object.keys(contract.events) as EventName[];

/** What every transport carries back for a call. */
export type CallAnswer<T> = { ok: true; value: T } | { ok: false; error: z.output<typeof errorData> };

export function isCallName(name: string): name is CallName {
  return Object.hasOwn(contract.calls, name);
}
