// Row access for the journal: prepared statements over the tables of migrations/, the reading of
// stored bodies along their delta chains (with a small cache), and the conversions between rows
// and the model's types. No policy lives here; journal.ts and its helpers decide what to write.

import type { Statement } from 'better-sqlite3';
import { FerryError } from '../../shared/errors.js';
import type { NoteSummary, Version } from '../../shared/model.js';
import { previewLead, previewLine } from '../../shared/preview.js';
import { bytesToText, decodeBody } from './body-codec.js';
import { segmented } from '../../shared/search-query.js';
import type { ReadableDb, WritableDb } from './database.js';
import { prefixRange, toBlob, toHex, unpackIds } from './ids.js';

export interface VersionRow {
  vno: number;
  id: Buffer;
  nno: number;
  rno: number;
  seq: number;
  time: number;
  parents: Buffer;
  title: string;
  tags: string;
  deleted: number;
  base: number | null;
  chain: number;
  body: Buffer;
}

export interface NoteRow {
  nno: number;
  note_id: Buffer;
  title: string;
  tags: string;
  deleted: number;
  conflict: number;
  heads: Buffer;
  shown: number;
  body: string | null;
  created: number;
  updated: number;
  day: string | null;
}

/** A note as lists read it: no body, but its preview line (written with the rest of its row). */
export type NoteListRow = Omit<NoteRow, 'body'> & { preview: string };

/** The columns of a NoteListRow. */
export const noteListColumns = `notes.nno, notes.note_id, notes.title, notes.tags, notes.deleted, notes.conflict, notes.heads, notes.shown,
  notes.created, notes.updated, notes.day, notes.preview`;

export interface ReplicaRow {
  rno: number;
  replica_id: Buffer;
  device_name: string | null;
  max_seq: number;
  last_heard: number | null;
}

export interface DraftRow {
  nno: number;
  title: string;
  body: string;
  tags: string;
  base: Buffer;
  saved: number;
}

/** The draft of a note not written yet (a note opened blank): see migrations/0005-first-drafts.ts. */
export interface FirstDraftRow {
  note_id: Buffer;
  title: string;
  body: string;
  tags: string;
  opened_title: string;
  opened_tags: string;
  saved: number;
}

export interface NoteCounts {
  notes: number;
  trash: number;
  conflicts: number;
  versions: number;
  drafts: number;
}

/** Version metadata without the body, for histories, heads and the log. */
export type VersionMeta = Omit<VersionRow, 'body'>;

const maxCachedMetas = 100_000;

const versionMetaColumns = 'vno, id, nno, rno, seq, time, parents, title, tags, deleted, base, chain';

export class StatementCache {
  private readonly statements = new Map<string, Statement>();
  constructor(readonly db: ReadableDb) {}
  get(sql: string): Statement {
    let s = this.statements.get(sql);
    if (s === undefined) {
      s = this.db.prepare(sql);
      this.statements.set(sql, s);
    }
    return s;
  }
}

/** Decoded bodies by row, least recently used dropped first; bounded in bytes. */
class BodyCache {
  private readonly entries = new Map<number, Uint8Array>();
  private bytes = 0;
  constructor(private readonly maxBytes: number) {}
  get(vno: number): Uint8Array | undefined {
    const hit = this.entries.get(vno);
    if (hit !== undefined) {
      this.entries.delete(vno);
      this.entries.set(vno, hit);
    }
    return hit;
  }
  set(vno: number, body: Uint8Array): void {
    if (body.length > this.maxBytes / 4) return;
    this.entries.set(vno, body);
    this.bytes += body.length;
    for (const [key, value] of this.entries) {
      if (this.bytes <= this.maxBytes) break;
      this.entries.delete(key);
      this.bytes -= value.length;
    }
  }
  clear(): void {
    this.entries.clear();
    this.bytes = 0;
  }
}

/** Reads rows. Every method here only reads. */
export class ReadStore {
  protected readonly sql: StatementCache;
  private readonly bodies = new BodyCache(32 * 1024 * 1024);
  private readonly metas = new Map<string, VersionMeta>();

  constructor(readonly db: ReadableDb) {
    this.sql = new StatementCache(db);
  }

  /** A prepared statement for a query that lives elsewhere (search), cached like the store's own. */
  prepared(sql: string): Statement {
    return this.sql.get(sql);
  }

  meta(key: string): string | undefined {
    const row = this.sql.get('SELECT value FROM meta WHERE key = ?').get(key) as { value: string } | undefined;
    return row?.value;
  }

  replicaByRno(rno: number): ReplicaRow {
    return this.sql.get('SELECT * FROM replicas WHERE rno = ?').get(rno) as ReplicaRow;
  }

  replicaById(replicaId: string): ReplicaRow | undefined {
    return this.sql.get('SELECT * FROM replicas WHERE replica_id = ?').get(toBlob(replicaId)) as ReplicaRow | undefined;
  }

  replicas(): ReplicaRow[] {
    return this.sql.get('SELECT * FROM replicas ORDER BY rno').all() as ReplicaRow[];
  }

  noteById(noteId: string): NoteRow | undefined {
    return this.sql.get('SELECT * FROM notes WHERE note_id = ?').get(toBlob(noteId)) as NoteRow | undefined;
  }

  noteByNno(nno: number): NoteRow {
    return this.sql.get('SELECT * FROM notes WHERE nno = ?').get(nno) as NoteRow;
  }

  /**
   * Live notes or the trash, most recently changed first, optionally with one tag, only the notes
   * `noteIds` names (those of them that match), and only the first `limit`.
   */
  listNotes(trash: boolean, tag: string | undefined, options: { limit?: number; noteIds?: readonly string[] } = {}): NoteListRow[] {
    const where = ['deleted = ?'];
    const args: unknown[] = [trash ? 1 : 0];
    if (tag !== undefined) {
      where.push('EXISTS (SELECT 1 FROM json_each(notes.tags) WHERE value = ?)');
      args.push(tag);
    }
    if (options.noteIds !== undefined) {
      where.push('note_id IN (SELECT unhex(value) FROM json_each(?))');
      args.push(JSON.stringify(options.noteIds));
    }
    const limit = options.limit === undefined ? '' : ' LIMIT ?';
    if (options.limit !== undefined) args.push(options.limit);
    return this.sql.get(`SELECT ${noteListColumns} FROM notes WHERE ${where.join(' AND ')} ORDER BY updated DESC, nno DESC${limit}`).all(...args) as NoteListRow[];
  }

  /** Each tag of the notes outside the trash, with how many notes carry it. */
  tagCounts(): { tag: string; notes: number }[] {
    return this.sql.get('SELECT json_each.value AS tag, count(*) AS notes FROM notes, json_each(notes.tags) WHERE notes.deleted = 0 GROUP BY json_each.value').all() as { tag: string; notes: number }[];
  }

  /** The journal's days (YYYY-MM-DD) starting with `prefix` that have an entry outside the trash, in order. */
  journalDays(prefix: string): { day: string; note_id: Buffer; preview: string }[] {
    return this.sql.get("SELECT day, note_id, preview FROM notes WHERE day >= ? AND day < ? || '~' AND deleted = 0 ORDER BY day").all(prefix, prefix) as { day: string; note_id: Buffer; preview: string }[];
  }

  /** Notes in conflict, most recently changed first. */
  listConflicts(): NoteListRow[] {
    return this.sql.get(`SELECT ${noteListColumns} FROM notes WHERE conflict = 1 ORDER BY updated DESC, nno DESC`).all() as NoteListRow[];
  }

  noteListRow(nno: number): NoteListRow {
    return this.sql.get(`SELECT ${noteListColumns} FROM notes WHERE nno = ?`).get(nno) as NoteListRow;
  }

  counts(): NoteCounts {
    return this.sql
      .get(
        `SELECT (SELECT count(*) FROM notes WHERE deleted = 0) AS notes, (SELECT count(*) FROM notes WHERE deleted = 1) AS trash,
                (SELECT count(*) FROM notes WHERE conflict = 1) AS conflicts, (SELECT count(*) FROM versions) AS versions,
                (SELECT count(*) FROM drafts) + (SELECT count(*) FROM first_drafts) AS drafts`,
      )
      .get() as NoteCounts;
  }

  draft(nno: number): DraftRow | undefined {
    return this.sql.get('SELECT * FROM drafts WHERE nno = ?').get(nno) as DraftRow | undefined;
  }

  /** Notes with a draft; with `savedBefore`, only those whose draft was last saved before then. */
  notesWithDrafts(savedBefore = Number.MAX_SAFE_INTEGER): number[] {
    return this.sql.get('SELECT nno FROM drafts WHERE saved < ? ORDER BY nno').pluck().all(savedBefore) as number[];
  }

  /** Note ids starting with `prefix` (hex), at most `limit`. */
  notesWithPrefix(prefix: string, limit: number): Buffer[] {
    const { low, high } = prefixRange(prefix);
    const rows = (
      high === null
        ? this.sql.get('SELECT note_id FROM notes WHERE note_id >= ? ORDER BY note_id LIMIT ?').all(low, limit)
        : this.sql.get('SELECT note_id FROM notes WHERE note_id >= ? AND note_id < ? ORDER BY note_id LIMIT ?').all(low, high, limit)
    ) as { note_id: Buffer }[];
    return rows.map((r) => r.note_id).filter((id) => toHex(id).startsWith(prefix));
  }

  /** Version ids starting with `prefix` (hex), at most `limit`. */
  versionsWithPrefix(prefix: string, limit: number): Buffer[] {
    const { low, high } = prefixRange(prefix);
    const rows = (
      high === null
        ? this.sql.get('SELECT id FROM versions WHERE id >= ? ORDER BY id LIMIT ?').all(low, limit)
        : this.sql.get('SELECT id FROM versions WHERE id >= ? AND id < ? ORDER BY id LIMIT ?').all(low, high, limit)
    ) as { id: Buffer }[];
    return rows.map((r) => r.id).filter((id) => toHex(id).startsWith(prefix));
  }

  /** A version's metadata by id; versions never change, so rows found are kept (a bounded cache). */
  versionMetaById(id: string): VersionMeta | undefined {
    const cached = this.metas.get(id);
    if (cached !== undefined) return cached;
    const meta = this.sql.get(`SELECT ${versionMetaColumns} FROM versions WHERE id = ?`).get(toBlob(id)) as VersionMeta | undefined;
    if (meta !== undefined) {
      if (this.metas.size >= maxCachedMetas) this.metas.clear();
      this.metas.set(id, meta);
    }
    return meta;
  }

  versionMetaByVno(vno: number): VersionMeta {
    return this.sql.get(`SELECT ${versionMetaColumns} FROM versions WHERE vno = ?`).get(vno) as VersionMeta;
  }

  versionAt(rno: number, seq: number): VersionMeta | undefined {
    return this.sql.get(`SELECT ${versionMetaColumns} FROM versions WHERE rno = ? AND seq = ?`).get(rno, seq) as VersionMeta | undefined;
  }

  /** A note's versions, newest arrival first. */
  versionsOfNote(nno: number): VersionMeta[] {
    return this.sql.get(`SELECT ${versionMetaColumns} FROM versions WHERE nno = ? ORDER BY vno DESC`).all(nno) as VersionMeta[];
  }

  /** Every version row with its stored body, in the order of arrival (parents before children). */
  /** Every version row from row `vno` on, in arrival order. */
  versionRowsFrom(vno: number): VersionRow[] {
    return this.sql.get('SELECT * FROM versions WHERE vno >= ? ORDER BY vno').all(vno) as VersionRow[];
  }

  /** The journal-wide log, newest arrival first. */
  logPage(limit: number): VersionMeta[] {
    return this.sql.get(`SELECT ${versionMetaColumns} FROM versions ORDER BY vno DESC LIMIT ?`).all(limit) as VersionMeta[];
  }

  /** The decoded body bytes of a stored version, following its delta chain. */
  bodyBytes(vno: number): Uint8Array {
    const cached = this.bodies.get(vno);
    if (cached !== undefined) return cached;
    // Walk back to the snapshot (or a cached body), then apply the deltas forwards.
    const chain: { vno: number; body: Buffer }[] = [];
    let at: number | null = vno;
    let start: Uint8Array | null = null;
    while (at !== null) {
      const hit = this.bodies.get(at);
      if (hit !== undefined) {
        start = hit;
        break;
      }
      const row = this.sql.get('SELECT base, body FROM versions WHERE vno = ?').get(at) as { base: number | null; body: Buffer } | undefined;
      if (row === undefined) throw new FerryError('Corrupt', `A stored body names version row ${at} as its base, and that row is missing.`);
      chain.push({ vno: at, body: row.body });
      at = row.base;
      if (chain.length > 1000) throw new FerryError('Corrupt', 'A stored body has a delta chain that never ends.');
    }
    let bytes = start;
    for (let i = chain.length - 1; i >= 0; i--) {
      const link = chain[i]!;
      bytes = decodeBody(link.body, bytes);
      this.bodies.set(link.vno, bytes);
    }
    if (bytes === null) throw new FerryError('Internal', `Version row ${vno} has no body.`);
    return bytes;
  }

  /** Note ids by row number. */
  noteIds(): Map<number, string> {
    const rows = this.sql.get('SELECT nno, note_id FROM notes').raw().all() as [number, Buffer][];
    return new Map(rows.map(([nno, id]) => [nno, toHex(id)]));
  }

  bodyText(vno: number): string {
    return bytesToText(this.bodyBytes(vno));
  }

  toVersion(meta: VersionMeta): Version {
    return {
      id: toHex(meta.id),
      noteId: toHex(this.noteByNno(meta.nno).note_id),
      parents: unpackIds(meta.parents, 32),
      replicaId: toHex(this.replicaByRno(meta.rno).replica_id),
      seq: meta.seq,
      time: meta.time,
      title: meta.title,
      body: this.bodyText(meta.vno),
      tags: parseTags(meta.tags),
      deleted: meta.deleted === 1,
    };
  }

  /**
   * Seeds the caches with a version just written: its metadata (a child arriving in the same batch
   * finds its parent without a query) and its body (the next delta needs no decoding). A rollback
   * must clear them (forgetCachedBodies): the rows may then be reused.
   */
  rememberVersion(id: string, meta: VersionMeta, body: Uint8Array): void {
    if (this.metas.size >= maxCachedMetas) this.metas.clear();
    this.metas.set(id, meta);
    this.bodies.set(meta.vno, body);
  }

  /** After a rollback: rows of the rolled-back transaction may be reused by other versions. */
  forgetCachedBodies(): void {
    this.bodies.clear();
    this.metas.clear();
  }
}

/** Reads and writes rows. */
export class WriteStore extends ReadStore {
  constructor(override readonly db: WritableDb) {
    super(db);
  }

  /** This replica's new id, after a join that brought its notes (Journal.joinCarrying). */
  setReplicaId(rno: number, replicaId: string): void {
    this.sql.get('UPDATE replicas SET replica_id = ? WHERE rno = ?').run(toBlob(replicaId), rno);
  }

  setMeta(key: string, value: string): void {
    this.sql.get('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(key, value);
  }

  /** The replica's row, created (with max_seq 0) when it is first heard of. */
  ensureReplica(replicaId: string, deviceName: string | null): ReplicaRow {
    const found = this.replicaById(replicaId);
    if (found !== undefined) return found;
    const info = this.sql.get('INSERT INTO replicas (replica_id, device_name) VALUES (?, ?)').run(toBlob(replicaId), deviceName);
    return this.replicaByRno(Number(info.lastInsertRowid));
  }

  setMaxSeq(rno: number, seq: number): void {
    this.sql.get('UPDATE replicas SET max_seq = ? WHERE rno = ?').run(seq, rno);
  }

  setDeviceName(rno: number, name: string): void {
    this.sql.get('UPDATE replicas SET device_name = ? WHERE rno = ?').run(name, rno);
  }

  insertVersion(row: Omit<VersionRow, 'vno'>): number {
    const info = this.sql
      .get('INSERT INTO versions (id, nno, rno, seq, time, parents, title, tags, deleted, base, chain, body) VALUES (@id, @nno, @rno, @seq, @time, @parents, @title, @tags, @deleted, @base, @chain, @body)')
      .run(row);
    return Number(info.lastInsertRowid);
  }

  insertNote(row: Omit<NoteRow, 'nno'>): number {
    const info = this.sql
      .get('INSERT INTO notes (note_id, title, tags, deleted, conflict, heads, shown, body, created, updated, day) VALUES (@note_id, @title, @tags, @deleted, @conflict, @heads, @shown, @body, @created, @updated, @day)')
      .run(row);
    return Number(info.lastInsertRowid);
  }

  /** Writes the note's row, with the preview line lists show for it. */
  updateNote(row: NoteRow, preview: string): void {
    this.sql
      .get(
        'UPDATE notes SET title = @title, tags = @tags, deleted = @deleted, conflict = @conflict, heads = @heads, shown = @shown, body = @body, created = @created, updated = @updated, day = @day, preview = @preview WHERE nno = @nno',
      )
      .run({ ...row, preview });
  }

  updateHeads(nno: number, heads: Buffer, created: number, updated: number): void {
    this.sql.get('UPDATE notes SET heads = ?, created = ?, updated = ? WHERE nno = ?').run(heads, created, updated, nno);
  }

  /** Saves a draft; `base` is kept from the first save of the draft (the heads it was begun on). */
  putDraft(row: DraftRow): void {
    this.sql
      .get('INSERT INTO drafts (nno, title, body, tags, base, saved) VALUES (@nno, @title, @body, @tags, @base, @saved) ON CONFLICT (nno) DO UPDATE SET title = excluded.title, body = excluded.body, tags = excluded.tags, saved = excluded.saved')
      .run(row);
  }

  deleteDraft(nno: number): void {
    this.sql.get('DELETE FROM drafts WHERE nno = ?').run(nno);
  }

  firstDraft(noteId: Buffer): FirstDraftRow | undefined {
    return this.sql.get('SELECT * FROM first_drafts WHERE note_id = ?').get(noteId) as FirstDraftRow | undefined;
  }

  /** Notes not written yet with a draft; with `savedBefore`, only those last saved before then. */
  firstDrafts(savedBefore = Number.MAX_SAFE_INTEGER): Buffer[] {
    return this.sql.get('SELECT note_id FROM first_drafts WHERE saved < ? ORDER BY note_id').pluck().all(savedBefore) as Buffer[];
  }

  /** Every first draft, most recently saved first (a handful: the notes open blank and typed in). */
  firstDraftRows(): FirstDraftRow[] {
    return this.sql.get('SELECT * FROM first_drafts ORDER BY saved DESC, note_id').all() as FirstDraftRow[];
  }

  /** Saves the draft of a note not written yet; the fields it was opened with are kept from the first save. */
  putFirstDraft(row: FirstDraftRow): void {
    this.sql
      .get(
        `INSERT INTO first_drafts (note_id, title, body, tags, opened_title, opened_tags, saved) VALUES (@note_id, @title, @body, @tags, @opened_title, @opened_tags, @saved)
         ON CONFLICT (note_id) DO UPDATE SET title = excluded.title, body = excluded.body, tags = excluded.tags, saved = excluded.saved`,
      )
      .run(row);
  }

  deleteFirstDraft(noteId: Buffer): void {
    this.sql.get('DELETE FROM first_drafts WHERE note_id = ?').run(noteId);
  }

  /**
   * Puts the note's shown fields in the search index (rowid = nno). `replacing`: the note may have
   * an entry already (false only for a note first stored in this transaction, which saves FTS5 a
   * lookup per note when a clone brings thousands).
   */
  indexNote(nno: number, title: string, body: string, tags: readonly string[], replacing: boolean): void {
    if (replacing) this.sql.get('DELETE FROM search WHERE rowid = ?').run(nno);
    const indexed = indexedText(title, body, tags);
    this.sql.get('INSERT INTO search (rowid, title, body, tags) VALUES (?, ?, ?, ?)').run(nno, indexed.title, indexed.body, indexed.tags);
  }
}

/** A note's fields as the search index holds them (search-query.ts, segmented). */
export function indexedText(title: string, body: string, tags: readonly string[]): { title: string; body: string; tags: string } {
  return { title: segmented(title), body: segmented(body), tags: segmented(tags.join(' ')) };
}

/** The fields a note shows everywhere, from its row (with or without its body). */
export function noteFacts(row: Omit<NoteRow, 'body'>): Omit<NoteSummary, 'snippet'> {
  return {
    id: toHex(row.note_id),
    title: row.title,
    tags: parseTags(row.tags),
    deleted: row.deleted === 1,
    conflict: row.conflict === 1,
    heads: unpackIds(row.heads, 32),
    created: row.created,
    updated: row.updated,
    day: row.day,
  };
}

export function noteSummary(row: NoteListRow): NoteSummary {
  return { ...noteFacts(row), snippet: row.preview };
}

/** The preview line lists show for a note with this title and body. */
export function previewOf(title: string, body: string): string {
  return previewLine(body.slice(0, previewLead), title);
}

export function parseTags(json: string): string[] {
  return JSON.parse(json) as string[];
}
