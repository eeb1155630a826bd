// The sync server's shared storage: one PostgreSQL database that several server processes
// write at once. Pushes to one journal serialize on its row in
// `journals`; notices of moved journals travel between processes by LISTEN/NOTIFY (S4). Behaves
// as storage-sqlite.ts does, error codes included; storage.suite.ts holds both to that.

import pg from 'pg';
import type { CustomTypesConfig, PoolClient, PoolConfig } from 'pg';
import { FerryError } from '../../shared/errors.js';
import type { VersionVector } from '../../shared/model.js';
import type { Envelope } from '../../shared/stream.js';
import { packIds, toBlob, toHex, unpackIds } from '../journal/ids.js';
import { lookupsFor, planPush, seqKey } from './push-plan.js';
import type { JournalSummary, Page, PullLimits, PushOutcome, ReplicaRecord, ServerStorage, TokenRecord } from './storage.js';

/** The schema this code writes; a database with a higher number was written by a newer Ferry. */
const schemaVersion = 1;
/** Serializes schema creation between processes opening one fresh database ("FRRS"). */
const schemaLockKey = 0x46525253;
const movedChannel = 'ferry_moved';

// Payloads are compressed already: EXTERNAL keeps large ones out of line without compressing
// them again, and lets octet_length() size them without reading them.
// replica_revs: the per-journal revision counter of `replicas` (see recordReplica).
const schema = `
CREATE TABLE ferry_schema (version integer NOT NULL);
CREATE TABLE journals (jno bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, journal_id text NOT NULL UNIQUE, created bigint NOT NULL);
CREATE TABLE envelopes (
  jno bigint NOT NULL, pos bigint NOT NULL, id bytea NOT NULL, replica bytea NOT NULL, seq bigint NOT NULL,
  parents bytea NOT NULL, payload bytea NOT NULL,
  PRIMARY KEY (jno, pos));
ALTER TABLE envelopes ALTER COLUMN payload SET STORAGE EXTERNAL;
CREATE UNIQUE INDEX envelopes_id ON envelopes (jno, id);
CREATE UNIQUE INDEX envelopes_seq ON envelopes (jno, replica, seq);
CREATE TABLE heads (jno bigint NOT NULL, replica bytea NOT NULL, seq bigint NOT NULL, PRIMARY KEY (jno, replica));
CREATE TABLE replicas (
  journal_id text NOT NULL, replica text NOT NULL, device_name text NOT NULL, vector json NOT NULL,
  seen bigint NOT NULL, rev bigint NOT NULL, PRIMARY KEY (journal_id, replica));
CREATE INDEX replicas_rev ON replicas (journal_id, rev);
CREATE TABLE replica_revs (journal_id text PRIMARY KEY, rev bigint NOT NULL);
CREATE TABLE tokens (token_id text PRIMARY KEY, hash text NOT NULL UNIQUE, label text NOT NULL, created bigint NOT NULL, revoked bigint);
CREATE TABLE token_journals (token_id text NOT NULL, journal_id text NOT NULL, PRIMARY KEY (token_id, journal_id));
`;

/** Rows scanned per round trip while a pull looks for what a holder lacks. */
const pullBatch = 2000;
/** A push's envelopes go to the database in slices, so no one statement carries hundreds of MB (or more than 65,535 parameters). */
const insertRows = 1000;
const insertBytes = 8 << 20;

// Seqs, times and counts are bigint; pg hands those over as strings unless told otherwise. Every
// one of them fits a double (ms clocks, counts), so this pool reads them as numbers.
const types: CustomTypesConfig = {
  getTypeParser: (oid: Parameters<typeof pg.types.getTypeParser>[0], format?: 'text' | 'binary'): unknown =>
    oid === pg.types.builtins.INT8 ? Number : pg.types.getTypeParser(oid, format),
};

interface HeaderRow {
  pos: number;
  id: Buffer;
  replica: Buffer;
  seq: number;
  parents: Buffer;
  size: number;
}

interface TokenRow {
  token_id: string;
  hash: string;
  label: string;
  created: number;
  revoked: number | null;
  journals: string[];
}

const tokenColumns = `token_id, hash, label, created, revoked,
  ARRAY(SELECT journal_id FROM token_journals j WHERE j.token_id = t.token_id ORDER BY journal_id COLLATE "C") AS journals`;

export class PostgresStorage implements ServerStorage {
  readonly kind = 'postgres' as const;
  private readonly listeners = new Set<(journalId: string) => void>();
  /** The connection that LISTENs, made on the first onMoved; `listening` settles once it does. */
  private listener: pg.Client | null = null;
  private listening: Promise<void> | null = null;
  private retry: NodeJS.Timeout | null = null;
  private closed = false;

  private constructor(
    private readonly pool: pg.Pool,
    private readonly config: PoolConfig,
    /** The URL without its password: the only form that goes into messages. */
    private readonly where: string,
  ) {}

  /** Connects to the database at `url`, creating the schema if it has none. */
  static async open(url: string): Promise<PostgresStorage> {
    const where = withoutPassword(url);
    const config: PoolConfig = { connectionString: url, types, max: 10, connectionTimeoutMillis: 10_000, application_name: 'ferry-server' };
    let pool: pg.Pool | undefined;
    let client: PoolClient;
    try {
      pool = new pg.Pool(config);
      // An idle pooled connection that drops (a server restart) must not crash the server: the
      // pool discards it, and the next query opens another.
      pool.on('error', () => {});
      client = await pool.connect();
    } catch (error) {
      await pool?.end().catch(() => {});
      throw new FerryError('ServerError', `The PostgreSQL database at ${where} cannot be reached: ${reasonOf(error)}.`, { cause: error });
    }
    try {
      await createSchema(client, where);
      client.release();
      return new PostgresStorage(pool, config, where);
    } catch (error) {
      client.release(true);
      await pool.end();
      throw translate(error, where, `opening the server's store`);
    }
  }

  async vector(journalId: string): Promise<VersionVector> {
    return this.run(`reading the vector of journal ${journalId}`, async (client) => {
      const { rows } = await client.query<{ replica: Buffer; seq: number }>('SELECT h.replica, h.seq FROM heads h JOIN journals j ON j.jno = h.jno WHERE j.journal_id = $1', [journalId]);
      return vectorOf(rows);
    });
  }

  async pull(journalId: string, have: VersionVector, limits: PullLimits): Promise<Page> {
    // One snapshot for the vector and the envelopes, as the interface promises.
    return this.transaction('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY', `reading journal ${journalId}`, async (client): Promise<Page> => {
      const jno = await jnoOf(client, journalId);
      if (jno === undefined) return { envelopes: [], vector: {}, more: false };
      const vector = await headsOf(client, jno);
      const lacking = Object.entries(vector).filter(([replicaId, seq]) => (have[replicaId] ?? 0) < seq);
      if (lacking.length === 0) return { envelopes: [], vector, more: false };
      // Stored order is parents-first, so the first envelope the holder lacks starts the scan.
      const firsts = await client.query<{ replica: Buffer; seq: number; pos: number }>(
        `SELECT e.replica, e.seq, e.pos FROM envelopes e
         JOIN unnest($2::bytea[], $3::bigint[]) AS w(replica, seq) ON e.replica = w.replica AND e.seq = w.seq
         WHERE e.jno = $1`,
        [jno, lacking.map(([replicaId]) => toBlob(replicaId)), lacking.map(([replicaId]) => (have[replicaId] ?? 0) + 1)],
      );
      if (firsts.rows.length !== lacking.length) {
        const found = new Set(firsts.rows.map((row) => toHex(row.replica)));
        const [replicaId] = lacking.find(([id]) => !found.has(id))!;
        throw new FerryError('Internal', `The server's store lacks seq ${(have[replicaId] ?? 0) + 1} of replica ${replicaId} below its vector.`);
      }
      let from = Math.min(...firsts.rows.map((row) => row.pos));

      // Headers first, payloads only for the envelopes the page takes: a scan may pass many the
      // holder has, and a byte limit may stop it long before a batch ends.
      const chosen: HeaderRow[] = [];
      let bytes = 0;
      let more = false;
      const batch = Math.min(pullBatch, limits.maxCount + 1);
      scan: for (;;) {
        const { rows } = await client.query<HeaderRow>(
          'SELECT pos, id, replica, seq, parents, octet_length(payload) AS size FROM envelopes WHERE jno = $1 AND pos >= $2 ORDER BY pos LIMIT $3',
          [jno, from, batch],
        );
        for (const row of rows) {
          if (row.seq <= (have[toHex(row.replica)] ?? 0)) continue;
          if (chosen.length >= limits.maxCount || (chosen.length > 0 && bytes + row.size > limits.maxBytes)) {
            more = true;
            break scan;
          }
          chosen.push(row);
          bytes += row.size;
        }
        if (rows.length < batch) break;
        from = rows[rows.length - 1]!.pos + 1;
      }
      const payloads = new Map<number, Buffer>();
      if (chosen.length > 0) {
        const { rows } = await client.query<{ pos: number; payload: Buffer }>('SELECT pos, payload FROM envelopes WHERE jno = $1 AND pos = ANY($2::bigint[])', [
          jno,
          chosen.map((row) => row.pos),
        ]);
        for (const row of rows) payloads.set(row.pos, row.payload);
      }
      const envelopes = chosen.map(
        (row): Envelope => ({ id: toHex(row.id), replicaId: toHex(row.replica), seq: row.seq, parents: unpackIds(row.parents, 32), payload: payloads.get(row.pos)! }),
      );
      return { envelopes, vector, more };
    });
  }

  async push(journalId: string, envelopes: readonly Envelope[]): Promise<PushOutcome> {
    // A listener added before this push must hear of it: wait until its LISTEN is in place.
    await this.listening?.catch(() => {});
    return this.transaction(
      'BEGIN',
      `storing a push to journal ${journalId}`,
      async (client): Promise<PushOutcome> => {
        // READ COMMITTED on purpose: once the row lock is ours, each later statement sees what the
        // push we waited for committed.
        const jno = await lockJournal(client, journalId);
        const vector = await headsOf(client, jno);
        const lookups = lookupsFor(envelopes, vector);
        const idAt = new Map<string, string>();
        const held = new Set<string>();
        if (lookups.seqs.length > 0) {
          const { rows } = await client.query<{ replica: Buffer; seq: number; id: Buffer }>(
            `SELECT e.replica, e.seq, e.id FROM envelopes e
             JOIN unnest($2::bytea[], $3::bigint[]) AS l(replica, seq) ON e.replica = l.replica AND e.seq = l.seq
             WHERE e.jno = $1`,
            [jno, lookups.seqs.map((s) => toBlob(s.replicaId)), lookups.seqs.map((s) => s.seq)],
          );
          for (const row of rows) idAt.set(seqKey(toHex(row.replica), row.seq), toHex(row.id));
        }
        if (lookups.ids.length > 0) {
          const { rows } = await client.query<{ id: Buffer }>('SELECT id FROM envelopes WHERE jno = $1 AND id = ANY($2::bytea[])', [jno, lookups.ids.map(toBlob)]);
          for (const row of rows) held.add(toHex(row.id));
        }
        const plan = planPush(envelopes, { vector, idAt, held });
        if (plan.insert.length === 0) return { stored: 0, alreadyHeld: plan.alreadyHeld, vector: plan.vector };

        const last = await client.query<{ pos: number }>('SELECT coalesce(max(pos), 0) AS pos FROM envelopes WHERE jno = $1', [jno]);
        let pos = last.rows[0]!.pos;
        for (const slice of slices(plan.insert)) {
          // Payloads as parameters of their own go over the wire as bytes; inside an array they
          // would go as hex text, twice the size and twice the time.
          const payloads = slice.map((_, i) => `$${i + 7}::bytea`).join(', ');
          await client.query(
            `INSERT INTO envelopes (jno, pos, id, replica, seq, parents, payload)
             SELECT $1, $2::bigint + n, id, replica, seq, parents, payload
             FROM unnest($3::bytea[], $4::bytea[], $5::bigint[], $6::bytea[], ARRAY[${payloads}]) WITH ORDINALITY AS u(id, replica, seq, parents, payload, n)`,
            [jno, pos, slice.map((e) => toBlob(e.id)), slice.map((e) => toBlob(e.replicaId)), slice.map((e) => e.seq), slice.map((e) => packIds(e.parents)), ...slice.map((e) => e.payload)],
          );
          pos += slice.length;
        }
        const moved = Object.entries(plan.vector).filter(([replicaId, seq]) => seq !== vector[replicaId]);
        await client.query(
          `INSERT INTO heads (jno, replica, seq) SELECT $1, replica, seq FROM unnest($2::bytea[], $3::bigint[]) AS m(replica, seq)
           ON CONFLICT (jno, replica) DO UPDATE SET seq = excluded.seq`,
          [jno, moved.map(([replicaId]) => toBlob(replicaId)), moved.map(([, seq]) => seq)],
        );
        // Delivered at commit, and only if it commits: to every listening process, this one included.
        await client.query('SELECT pg_notify($1, $2)', [movedChannel, journalId]);
        return { stored: plan.insert.length, alreadyHeld: plan.alreadyHeld, vector: plan.vector };
      },
      // A push that stores nothing leaves no trace, not even the journal row lockJournal made.
      (outcome) => outcome.stored > 0,
    );
  }

  /**
   * Revisions come from a per-journal counter (replica_revs) bumped in the same statement that
   * stores the record. Its row lock is held to commit, so the records of one journal commit in
   * revision order, and a reader who has seen revision n has seen every record up to n. A global
   * sequence would not give that: a transaction holding revision 4 may commit after one holding
   * 5, and a reader who moved on to "after 5" would never see 4.
   */
  async recordReplica(journalId: string, record: ReplicaRecord): Promise<void> {
    await this.run(`recording a replica of journal ${journalId}`, (client) =>
      client.query(
        `WITH next AS (
           INSERT INTO replica_revs AS r (journal_id, rev) VALUES ($1, 1)
           ON CONFLICT (journal_id) DO UPDATE SET rev = r.rev + 1
           RETURNING rev)
         INSERT INTO replicas (journal_id, replica, device_name, vector, seen, rev)
         SELECT $1, $2, $3, $4, $5, rev FROM next
         ON CONFLICT (journal_id, replica) DO UPDATE SET device_name = excluded.device_name, vector = excluded.vector, seen = excluded.seen, rev = excluded.rev`,
        [journalId, record.replicaId, record.deviceName, JSON.stringify(record.vector), record.seen],
      ),
    );
  }

  async replicasAfter(journalId: string, after: number): Promise<{ replicas: ReplicaRecord[]; rev: number }> {
    // One statement, one snapshot: the latest revision and the records up to it agree.
    const { rows } = await this.run(`reading the replicas of journal ${journalId}`, (client) =>
      client.query<{ top: number; replica: string | null; device_name: string; vector: VersionVector; seen: number }>(
        `SELECT t.rev AS top, p.replica, p.device_name, p.vector, p.seen
         FROM (SELECT coalesce((SELECT rev FROM replica_revs WHERE journal_id = $1), 0) AS rev) t
         LEFT JOIN replicas p ON p.journal_id = $1 AND p.rev > $2
         ORDER BY p.rev`,
        [journalId, after],
      ),
    );
    const replicas = rows.flatMap((row) => (row.replica === null ? [] : [{ replicaId: row.replica, deviceName: row.device_name, vector: row.vector, seen: row.seen }]));
    return { replicas, rev: rows[0]?.top ?? 0 };
  }

  onMoved(listener: (journalId: string) => void): () => void {
    this.listeners.add(listener);
    if (this.listener === null && !this.closed) this.listen();
    return () => this.listeners.delete(listener);
  }

  async journals(): Promise<JournalSummary[]> {
    const { rows } = await this.run('listing journals', (client) =>
      client.query<JournalSummary>(
        `SELECT j.journal_id AS "journalId", e.versions, e.bytes, (SELECT count(*) FROM heads h WHERE h.jno = j.jno) AS replicas
         FROM journals j
         CROSS JOIN LATERAL (SELECT count(*) AS versions, coalesce(sum(octet_length(payload)), 0) AS bytes FROM envelopes WHERE jno = j.jno) e
         ORDER BY j.journal_id COLLATE "C"`,
      ),
    );
    return rows;
  }

  async createToken(token: TokenRecord): Promise<void> {
    try {
      await this.transaction('BEGIN', 'creating a token', async (client) => {
        await client.query('INSERT INTO tokens (token_id, hash, label, created, revoked) VALUES ($1, $2, $3, $4, $5)', [token.tokenId, token.hash, token.label, token.created, token.revoked]);
        await client.query('INSERT INTO token_journals (token_id, journal_id) SELECT $1, unnest($2::text[]) ON CONFLICT DO NOTHING', [token.tokenId, token.journals]);
      });
    } catch (error) {
      if (sqlState(error) === '23505') {
        throw new FerryError('BadInput', `A token with id ${token.tokenId} or with the same secret exists already: nothing was created.`, { cause: error });
      }
      throw error;
    }
  }

  async tokenByHash(hash: string): Promise<TokenRecord | undefined> {
    const { rows } = await this.run('looking up a token', (client) => client.query<TokenRow>(`SELECT ${tokenColumns} FROM tokens t WHERE hash = $1`, [hash]));
    return rows[0] === undefined ? undefined : tokenOf(rows[0]);
  }

  async listTokens(): Promise<TokenRecord[]> {
    const { rows } = await this.run('listing tokens', (client) => client.query<TokenRow>(`SELECT ${tokenColumns} FROM tokens t ORDER BY created, token_id COLLATE "C"`));
    return rows.map(tokenOf);
  }

  async revokeToken(tokenId: string, at: number): Promise<boolean> {
    const result = await this.run('revoking a token', (client) => client.query('UPDATE tokens SET revoked = $1 WHERE token_id = $2 AND revoked IS NULL', [at, tokenId]));
    return (result.rowCount ?? 0) > 0;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.listeners.clear();
    if (this.retry !== null) clearTimeout(this.retry);
    const listener = this.listener;
    this.listener = null;
    if (listener !== null) {
      await this.listening?.catch(() => {});
      await listener.end().catch(() => {});
    }
    await this.pool.end();
  }

  /** Opens the LISTEN connection; if it fails or drops later, tries again while anyone listens. */
  private listen(): void {
    const client = new pg.Client(this.config);
    this.listener = client;
    client.on('notification', (message) => {
      if (message.channel !== movedChannel || message.payload === undefined) return;
      for (const listener of [...this.listeners]) listener(message.payload);
    });
    // Notices sent while no connection listens are lost. They only wake waiting pulls early,
    // and a pull that misses one returns at its timeout, so a reconnect is enough.
    const lost = () => {
      if (this.listener !== client) return;
      this.listener = null;
      this.listening = null;
      void client.end().catch(() => {});
      if (!this.closed && this.listeners.size > 0) {
        this.retry = setTimeout(() => {
          this.retry = null;
          if (this.listener === null && !this.closed && this.listeners.size > 0) this.listen();
        }, 1000);
        this.retry.unref();
      }
    };
    client.on('error', lost);
    client.on('end', lost);
    this.listening = (async () => {
      await client.connect();
      await client.query(`LISTEN ${movedChannel}`);
    })();
    this.listening.catch(lost);
  }

  private async run<T>(doing: string, work: (client: PoolClient) => Promise<T>): Promise<T> {
    let client: PoolClient;
    try {
      client = await this.pool.connect();
    } catch (error) {
      throw translate(error, this.where, doing);
    }
    let broken = false;
    try {
      return await work(client);
    } catch (error) {
      broken = isConnectionError(error);
      throw translate(error, this.where, doing);
    } finally {
      client.release(broken);
    }
  }

  /** Runs `work` in a transaction begun by `begin`; commits when `keep` says so, else rolls back. */
  private async transaction<T>(begin: string, doing: string, work: (client: PoolClient) => Promise<T>, keep: (result: T) => boolean = () => true): Promise<T> {
    return this.run(doing, async (client) => {
      await client.query(begin);
      try {
        const result = await work(client);
        await client.query(keep(result) ? 'COMMIT' : 'ROLLBACK');
        return result;
      } catch (error) {
        // A connection that cannot even roll back is dropped by run(); the first error is the one to tell.
        await client.query('ROLLBACK').catch(() => {});
        throw error;
      }
    });
  }
}

async function createSchema(client: PoolClient, where: string): Promise<void> {
  await client.query('BEGIN');
  try {
    // Two processes opening a fresh database at once: the second waits here, then finds the schema.
    await client.query('SELECT pg_advisory_xact_lock($1)', [schemaLockKey]);
    const { rows } = await client.query<{ present: boolean }>("SELECT to_regclass('ferry_schema') IS NOT NULL AS present");
    if (rows[0]!.present) {
      const found = await client.query<{ version: number }>('SELECT max(version) AS version FROM ferry_schema');
      const version = found.rows[0]?.version ?? 0;
      if (version > schemaVersion) {
        throw new FerryError('JournalFromFuture', `The server's store in the PostgreSQL database at ${where} was written by a newer Ferry (schema ${version}; this one knows ${schemaVersion}). Run the newer Ferry.`);
      }
    } else {
      try {
        await client.query(schema);
      } catch (error) {
        if (sqlState(error) === '42P07') {
          throw new FerryError('NotAJournal', `The PostgreSQL database at ${where} holds tables that are not a Ferry sync server's (${reasonOf(error)}). Give Ferry a database of its own.`, { cause: error });
        }
        throw error;
      }
      await client.query('INSERT INTO ferry_schema (version) VALUES ($1)', [schemaVersion]);
    }
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {});
    throw error;
  }
}

async function jnoOf(client: PoolClient, journalId: string): Promise<number | undefined> {
  const { rows } = await client.query<{ jno: number }>('SELECT jno FROM journals WHERE journal_id = $1', [journalId]);
  return rows[0]?.jno;
}

/**
 * The journal's row, locked until the transaction ends, made if the journal is new: pushes to one
 * journal from any process take turns here. A row this transaction inserted is as good as locked,
 * since a second inserter of the same id waits on the unique index until this one ends.
 */
async function lockJournal(client: PoolClient, journalId: string): Promise<number> {
  const select = 'SELECT jno FROM journals WHERE journal_id = $1 FOR UPDATE';
  const found = await client.query<{ jno: number }>(select, [journalId]);
  if (found.rows[0] !== undefined) return found.rows[0].jno;
  const made = await client.query<{ jno: number }>('INSERT INTO journals (journal_id, created) VALUES ($1, $2) ON CONFLICT (journal_id) DO NOTHING RETURNING jno', [journalId, Date.now()]);
  if (made.rows[0] !== undefined) return made.rows[0].jno;
  // Another push made it while we looked, and has committed: lock theirs.
  const again = await client.query<{ jno: number }>(select, [journalId]);
  return again.rows[0]!.jno;
}

async function headsOf(client: PoolClient, jno: number): Promise<VersionVector> {
  const { rows } = await client.query<{ replica: Buffer; seq: number }>('SELECT replica, seq FROM heads WHERE jno = $1', [jno]);
  return vectorOf(rows);
}

function vectorOf(rows: readonly { replica: Buffer; seq: number }[]): VersionVector {
  const vector: VersionVector = {};
  for (const row of rows) vector[toHex(row.replica)] = row.seq;
  return vector;
}

function* slices(envelopes: readonly Envelope[]): Generator<Envelope[]> {
  let slice: Envelope[] = [];
  let bytes = 0;
  for (const envelope of envelopes) {
    if (slice.length > 0 && (slice.length >= insertRows || bytes + envelope.payload.length > insertBytes)) {
      yield slice;
      slice = [];
      bytes = 0;
    }
    slice.push(envelope);
    bytes += envelope.payload.length;
  }
  if (slice.length > 0) yield slice;
}

function tokenOf(row: TokenRow): TokenRecord {
  return { tokenId: row.token_id, hash: row.hash, label: row.label, journals: row.journals, created: row.created, revoked: row.revoked };
}

/** The URL as messages may show it: no password, in the userinfo or in the query. */
export function withoutPassword(url: string): string {
  try {
    const parsed = new URL(url);
    parsed.password = '';
    parsed.searchParams.delete('password');
    return parsed.toString();
  } catch {
    // Not a URL (a key=value connection string, or garbage): keep it out of messages altogether.
    return '(the connection string given, which is not a URL)';
  }
}

function sqlState(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

/** Lost or refused connections, whether node (ECONNRESET) or the server (class 08, shutdown 57P0x) says so. */
function isConnectionError(error: unknown): boolean {
  const code = sqlState(error);
  if (code !== undefined) return code.startsWith('08') || code.startsWith('57P') || /^E[A-Z_]+$/.test(code);
  return error instanceof Error && /Connection terminated|connection timeout|Client has encountered a connection error/i.test(error.message);
}

function translate(error: unknown, where: string, doing: string): unknown {
  if (error instanceof FerryError || !(error instanceof Error)) return error;
  if (sqlState(error) === '53100') {
    return new FerryError('DiskFull', `The PostgreSQL server's disk is full while ${doing}: nothing was written. Free some space and try again.`, { cause: error });
  }
  if (isConnectionError(error)) {
    return new FerryError('ServerError', `The PostgreSQL database at ${where} cannot be reached while ${doing}: ${reasonOf(error)}.`, { cause: error });
  }
  return error;
}

/** One line saying what went wrong; node's dual-stack connect fails with an AggregateError and no message of its own. */
function reasonOf(error: unknown): string {
  if (error instanceof AggregateError && error.message === '') {
    const first: unknown = error.errors[0];
    if (first instanceof Error) return reasonOf(first);
  }
  if (error instanceof Error) return (error.message || sqlState(error) || error.name).replace(/\.$/, '');
  return String(error);
}
