// The sync server's embedded storage (`ferry serve --data DIR`): one SQLite file, written by one
// server process. better-sqlite3 is synchronous, so every method's transaction runs whole before
// its promise settles; notices of moved journals reach listeners in this process (S4).
// The methods are async without awaiting anything so that a failure rejects, as the interface says.
/* eslint-disable @typescript-eslint/require-await */

import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { FerryError } from '../../shared/errors.js';
import type { VersionVector } from '../../shared/model.js';
import type { Envelope } from '../../shared/stream.js';
import { addonOption, translateSqliteError } from '../journal/database.js';
import { packIds, toBlob, toHex, unpackIds } from '../journal/ids.js';
import { lookupsFor, planPush, seqKey } from './push-plan.js';
import type { JournalSummary, Page, PullLimits, PushOutcome, ReplicaRecord, ServerStorage, TokenRecord } from './storage.js';

/** The schema this code writes; a file with a higher number was written by a newer Ferry. */
const schemaVersion = 1;
const applicationId = 0x46525253; // "FRRS": a Ferry sync server's store

const schema = `
CREATE TABLE journals (jno INTEGER PRIMARY KEY, journal_id TEXT NOT NULL UNIQUE, created INTEGER NOT NULL);
-- pos: the order envelopes were stored in, which is parents-first (S2).
CREATE TABLE envelopes (
  jno INTEGER NOT NULL, pos INTEGER NOT NULL, id BLOB NOT NULL, replica BLOB NOT NULL, seq INTEGER NOT NULL,
  parents BLOB NOT NULL, payload BLOB NOT NULL,
  PRIMARY KEY (jno, pos)) WITHOUT ROWID;
CREATE UNIQUE INDEX envelopes_id ON envelopes (jno, id);
CREATE UNIQUE INDEX envelopes_seq ON envelopes (jno, replica, seq);
-- The journal's vector, kept beside the envelopes so a no-op sync reads a few rows.
CREATE TABLE heads (jno INTEGER NOT NULL, replica BLOB NOT NULL, seq INTEGER NOT NULL, PRIMARY KEY (jno, replica)) WITHOUT ROWID;
CREATE TABLE replicas (
  journal_id TEXT NOT NULL, replica TEXT NOT NULL, device_name TEXT NOT NULL, vector TEXT NOT NULL,
  seen INTEGER NOT NULL, rev INTEGER NOT NULL, PRIMARY KEY (journal_id, replica)) WITHOUT ROWID;
CREATE TABLE tokens (token_id TEXT PRIMARY KEY, hash TEXT NOT NULL UNIQUE, label TEXT NOT NULL, created INTEGER NOT NULL, revoked INTEGER);
CREATE TABLE token_journals (token_id TEXT NOT NULL, journal_id TEXT NOT NULL, PRIMARY KEY (token_id, journal_id)) WITHOUT ROWID;
`;

interface EnvelopeRow {
  id: Buffer;
  replica: Buffer;
  seq: number;
  parents: Buffer;
  payload: Buffer;
}

export const serverFileName = 'ferry-server.db';

export class SqliteStorage implements ServerStorage {
  readonly kind = 'sqlite' as const;
  private readonly listeners = new Set<(journalId: string) => void>();
  private readonly statements = new Map<string, Database.Statement>();

  private constructor(private readonly db: Database.Database) {}

  /** Opens (or creates) the store in `dir`. */
  static open(dir: string): SqliteStorage {
    let db: Database.Database;
    try {
      mkdirSync(dir, { recursive: true });
      db = new Database(join(dir, serverFileName), { timeout: 5000, ...addonOption() });
    } catch (error) {
      throw translateSqliteError(error, `opening the server's store in ${dir}`);
    }
    try {
      const version = db.pragma('user_version', { simple: true }) as number;
      const appId = db.pragma('application_id', { simple: true }) as number;
      if (version === 0 && appId === 0) {
        db.transaction(() => {
          db.exec(schema);
          db.pragma(`application_id = ${applicationId}`);
          db.pragma(`user_version = ${schemaVersion}`);
        }).immediate();
      } else if (appId !== applicationId) {
        throw new FerryError('NotAJournal', `${join(dir, serverFileName)} is not a Ferry sync server's store. Give --data a folder of its own.`);
      } else if (version > schemaVersion) {
        throw new FerryError('JournalFromFuture', `The server's store in ${dir} was written by a newer Ferry (schema ${version}; this one knows ${schemaVersion}). Run the newer Ferry.`);
      }
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = FULL');
      return new SqliteStorage(db);
    } catch (error) {
      db.close();
      throw translateSqliteError(error, `opening the server's store in ${dir}`);
    }
  }

  async vector(journalId: string): Promise<VersionVector> {
    const jno = this.jno(journalId);
    return jno === undefined ? {} : this.headsOf(jno);
  }

  async pull(journalId: string, have: VersionVector, limits: PullLimits): Promise<Page> {
    return this.db.transaction((): Page => {
      const jno = this.jno(journalId);
      if (jno === undefined) return { envelopes: [], vector: {}, more: false };
      const vector = this.headsOf(jno);
      const firstPos = this.prepare<[number, Buffer, number], { pos: number }>('SELECT pos FROM envelopes WHERE jno = ? AND replica = ? AND seq = ?');
      let from = Infinity;
      for (const [replicaId, seq] of Object.entries(vector)) {
        const held = have[replicaId] ?? 0;
        if (held >= seq) continue;
        const row = firstPos.get(jno, toBlob(replicaId), held + 1);
        if (row === undefined) throw new FerryError('Internal', `The server's store lacks seq ${held + 1} of replica ${replicaId} below its vector.`);
        from = Math.min(from, row.pos);
      }
      if (from === Infinity) return { envelopes: [], vector, more: false };
      const envelopes: Envelope[] = [];
      let bytes = 0;
      let more = false;
      const rows = this.prepare<[number, number], EnvelopeRow>('SELECT id, replica, seq, parents, payload FROM envelopes WHERE jno = ? AND pos >= ? ORDER BY pos').iterate(jno, from);
      for (const row of rows) {
        const replicaId = toHex(row.replica);
        if (row.seq <= (have[replicaId] ?? 0)) continue;
        if (envelopes.length >= limits.maxCount || (envelopes.length > 0 && bytes + row.payload.length > limits.maxBytes)) {
          more = true;
          break;
        }
        envelopes.push({ id: toHex(row.id), replicaId, seq: row.seq, parents: unpackIds(row.parents, 32), payload: row.payload });
        bytes += row.payload.length;
      }
      return { envelopes, vector, more };
    }).deferred();
  }

  async push(journalId: string, envelopes: readonly Envelope[]): Promise<PushOutcome> {
    let stored = 0;
    const outcome = this.write(() => {
      let jno = this.jno(journalId);
      const vector = jno === undefined ? {} : this.headsOf(jno);
      const lookups = lookupsFor(envelopes, vector);
      const idAt = new Map<string, string>();
      const held = new Set<string>();
      if (jno !== undefined) {
        const idOf = this.prepare<[number, Buffer, number], { id: Buffer }>('SELECT id FROM envelopes WHERE jno = ? AND replica = ? AND seq = ?');
        for (const { replicaId, seq } of lookups.seqs) {
          const row = idOf.get(jno, toBlob(replicaId), seq);
          if (row !== undefined) idAt.set(seqKey(replicaId, seq), toHex(row.id));
        }
        const has = this.prepare<[number, Buffer], { one: number }>('SELECT 1 AS one FROM envelopes WHERE jno = ? AND id = ?');
        for (const id of lookups.ids) if (has.get(jno, toBlob(id)) !== undefined) held.add(id);
      }
      const plan = planPush(envelopes, { vector, idAt, held });
      if (plan.insert.length === 0) return { stored: 0, alreadyHeld: plan.alreadyHeld, vector: plan.vector };
      if (jno === undefined) {
        jno = Number(this.prepare('INSERT INTO journals (journal_id, created) VALUES (?, ?)').run(journalId, Date.now()).lastInsertRowid);
      }
      const last = this.prepare<[number], { pos: number | null }>('SELECT max(pos) AS pos FROM envelopes WHERE jno = ?').get(jno)!;
      let pos = last.pos ?? 0;
      const insert = this.prepare('INSERT INTO envelopes (jno, pos, id, replica, seq, parents, payload) VALUES (?, ?, ?, ?, ?, ?, ?)');
      for (const e of plan.insert) insert.run(jno, ++pos, toBlob(e.id), toBlob(e.replicaId), e.seq, packIds(e.parents), e.payload);
      const head = this.prepare('INSERT INTO heads (jno, replica, seq) VALUES (?, ?, ?) ON CONFLICT (jno, replica) DO UPDATE SET seq = excluded.seq');
      for (const [replicaId, seq] of Object.entries(plan.vector)) if (seq !== vector[replicaId]) head.run(jno, toBlob(replicaId), seq);
      stored = plan.insert.length;
      return { stored, alreadyHeld: plan.alreadyHeld, vector: plan.vector };
    }, `storing a push to journal ${journalId}`);
    if (stored > 0) for (const listener of this.listeners) listener(journalId);
    return outcome;
  }

  async recordReplica(journalId: string, record: ReplicaRecord): Promise<void> {
    this.write(() => {
      const { rev } = this.prepare<[string], { rev: number }>('SELECT coalesce(max(rev), 0) AS rev FROM replicas WHERE journal_id = ?').get(journalId)!;
      this.db
        .prepare(
          `INSERT INTO replicas (journal_id, replica, device_name, vector, seen, rev) VALUES (?, ?, ?, ?, ?, ?)
           ON CONFLICT (journal_id, replica) DO UPDATE SET device_name = excluded.device_name, vector = excluded.vector, seen = excluded.seen, rev = excluded.rev`,
        )
        .run(journalId, record.replicaId, record.deviceName, JSON.stringify(record.vector), record.seen, rev + 1);
    }, `recording a replica of journal ${journalId}`);
  }

  async replicasAfter(journalId: string, after: number): Promise<{ replicas: ReplicaRecord[]; rev: number }> {
    const rows = this.db
      .prepare<[string, number], { replica: string; device_name: string; vector: string; seen: number; rev: number }>(
        'SELECT replica, device_name, vector, seen, rev FROM replicas WHERE journal_id = ? AND rev > ? ORDER BY rev',
      )
      .all(journalId, after);
    const { rev } = this.prepare<[string], { rev: number }>('SELECT coalesce(max(rev), 0) AS rev FROM replicas WHERE journal_id = ?').get(journalId)!;
    return { replicas: rows.map((row) => ({ replicaId: row.replica, deviceName: row.device_name, vector: JSON.parse(row.vector) as VersionVector, seen: row.seen })), rev };
  }

  onMoved(listener: (journalId: string) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async journals(): Promise<JournalSummary[]> {
    return this.db
      .prepare<[], JournalSummary>(
        `SELECT j.journal_id AS journalId,
                (SELECT count(*) FROM envelopes e WHERE e.jno = j.jno) AS versions,
                (SELECT coalesce(sum(length(e.payload)), 0) FROM envelopes e WHERE e.jno = j.jno) AS bytes,
                (SELECT count(*) FROM heads h WHERE h.jno = j.jno) AS replicas
         FROM journals j ORDER BY j.journal_id`,
      )
      .all();
  }

  async createToken(token: TokenRecord): Promise<void> {
    this.write(() => {
      this.prepare('INSERT INTO tokens (token_id, hash, label, created, revoked) VALUES (?, ?, ?, ?, ?)').run(token.tokenId, token.hash, token.label, token.created, token.revoked);
      const grant = this.prepare('INSERT OR IGNORE INTO token_journals (token_id, journal_id) VALUES (?, ?)');
      for (const journalId of token.journals) grant.run(token.tokenId, journalId);
    }, 'creating a token');
  }

  async tokenByHash(hash: string): Promise<TokenRecord | undefined> {
    const row = this.prepare<[string], TokenRow>('SELECT token_id, hash, label, created, revoked FROM tokens WHERE hash = ?').get(hash);
    return row === undefined ? undefined : this.tokenOf(row);
  }

  async listTokens(): Promise<TokenRecord[]> {
    return this.db
      .prepare<[], TokenRow>('SELECT token_id, hash, label, created, revoked FROM tokens ORDER BY created, token_id')
      .all()
      .map((row) => this.tokenOf(row));
  }

  async revokeToken(tokenId: string, at: number): Promise<boolean> {
    return this.write(() => this.prepare('UPDATE tokens SET revoked = ? WHERE token_id = ? AND revoked IS NULL').run(at, tokenId).changes > 0, 'revoking a token');
  }

  async close(): Promise<void> {
    this.listeners.clear();
    if (this.db.open) this.db.close();
  }

  private tokenOf(row: TokenRow): TokenRecord {
    const journals = this.db
      .prepare<[string], { journal_id: string }>('SELECT journal_id FROM token_journals WHERE token_id = ? ORDER BY journal_id')
      .all(row.token_id)
      .map((r) => r.journal_id);
    return { tokenId: row.token_id, hash: row.hash, label: row.label, journals, created: row.created, revoked: row.revoked };
  }

  /** Statements are prepared once per store: preparing cost more than running them under load. */
  private prepare<P extends unknown[] = unknown[], R = unknown>(sql: string): Database.Statement<P, R> {
    let statement = this.statements.get(sql);
    if (statement === undefined) {
      statement = this.db.prepare(sql);
      this.statements.set(sql, statement);
    }
    return statement as Database.Statement<P, R>;
  }

  private jno(journalId: string): number | undefined {
    return this.prepare<[string], { jno: number }>('SELECT jno FROM journals WHERE journal_id = ?').get(journalId)?.jno;
  }

  private headsOf(jno: number): VersionVector {
    const vector: VersionVector = {};
    for (const row of this.prepare<[number], { replica: Buffer; seq: number }>('SELECT replica, seq FROM heads WHERE jno = ?').all(jno)) vector[toHex(row.replica)] = row.seq;
    return vector;
  }

  private write<T>(work: () => T, doing: string): T {
    try {
      return this.db.transaction(work).immediate();
    } catch (error) {
      throw translateSqliteError(error, doing);
    }
  }
}

interface TokenRow {
  token_id: string;
  hash: string;
  label: string;
  created: number;
  revoked: number | null;
}
