// The sync server under load: simulated clients that speak the protocol directly (no Journal), each
// its own replica of one of a few journals, each looping for a while: push one small made-up
// envelope (its next seq, on its previous one), then a sync request with its vector (what it
// pushed plus what earlier pages brought it), asking again while the page says `more`. One "sync"
// is that push + sync pair, timed from the push being sent to the last page read, as a client
// does after an edit. Clients start together; the first `warmupSeconds` are not counted (the JIT,
// 200 connections opening, the first pages bringing everything). After a failed request a client
// waits 100 ms and goes on, sending the same envelope again (a push is idempotent).
//
// Afterwards each journal's vector is read from the server and each replica's seq compared with
// the pushes it got an answer for: they must be equal, but for a push whose answer was lost.
//
// measureLoad runs it against `ferry serve --data` (SQLite) and `ferry serve --postgres` on a
// throwaway cluster (fsync off, in memory where there is room), each a child process on
// loopback with a rate limit far above what the bench sends; the clients run in the bench process,
// through HttpTransport (one keep-alive agent each), so the load generator shares the machine.

import { createHash, randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { FerryError } from '../shared/errors.js';
import type { VersionVector } from '../shared/model.js';
import type { Envelope } from '../shared/stream.js';
import { syncFormatVersion } from '../shared/sync-protocol.js';
import { PostgresStorage } from '../electron/server/storage-postgres.js';
import { SqliteStorage } from '../electron/server/storage-sqlite.js';
import { newToken } from '../electron/server/tokens.js';
import { HttpTransport } from '../electron/sync/http-transport.js';
import { startPostgres, type PostgresServer } from '../electron/testing/postgres-cluster.js';
import { formatCount, formatDuration } from './format-units.js';
import { startFerryServe, type BenchServer } from './measure-sync.js';
import type { Progress } from './progress.js';
import { percentile } from './stats.js';
import type { TempSpace } from './temp-space.js';

/** A token and the journal it opens. */
export interface JournalToken {
  journalId: string;
  token: string;
}

export interface LoadOptions {
  clients: number;
  /** Counted seconds, after the warm-up. */
  seconds: number;
  /** Journals the clients are spread over (client i syncs journal i mod journals); `tokens` gives one token for each. */
  journals: number;
  /** Seconds run first and not counted (default 2). */
  warmupSeconds?: number;
  /** Bytes of each made-up envelope's payload, random so incompressible (default 300: a small edit's delta). */
  payloadBytes?: number;
}

export interface LoadFigures {
  clients: number;
  journals: number;
  payloadBytes: number;
  warmupSeconds: number;
  /** The counted span: from the end of the warm-up until the last client stopped. */
  seconds: number;
  /** Syncs (push + sync pairs) that began in the counted span and succeeded. */
  syncs: number;
  syncsPerSecond: number;
  /** Latency of a sync (push sent → last page read), ms. */
  latencyP50Ms: number;
  latencyP99Ms: number;
  latencyMaxMs: number;
  /** The push's and the sync request's shares of that, ms. */
  pushP50Ms: number;
  pushP99Ms: number;
  pullP50Ms: number;
  pullP99Ms: number;
  /** Versions a counted sync's pages brought, on average: the other clients' pushes since its last sync. */
  versionsPerSync: number;
  /** HTTP body bytes per counted sync, as sent (compressed where they were), headers not included. */
  bodyBytesUpPerSync: number;
  bodyBytesDownPerSync: number;
  /** Failed requests over the whole run, warm-up included, by error code (FerryError's code; other failures by their name). */
  errors: Record<string, number>;
  /** Syncs that failed (either half), over the whole run. */
  failedSyncs: number;
  /** The server's vectors at the end against the pushes each replica got an answer for. */
  vectorCheck: VectorCheck;
  /** CPU seconds of the bench process (the clients) over the whole run. */
  clientCpuSeconds: number;
}

export interface VectorCheck {
  replicas: number;
  /** Replicas whose seq on the server equals the pushes answered with 200. */
  matching: number;
  /** The others (at most 20 listed); `lastPushFailed` explains a server one ahead. */
  mismatches: { journalId: string; replicaId: string; server: number; acknowledged: number; lastPushFailed: boolean }[];
  mismatchCount: number;
}

interface Client {
  journalId: string;
  replicaId: string;
  transport: HttpTransport;
  /** What it holds: its own seq and what pages brought. */
  vector: VersionVector;
  replicasRev: number;
  acknowledged: number;
  previous: string | null;
  /** A pushed envelope not yet acknowledged: sent again before a new one. */
  pending: Envelope | null;
  lastPushFailed: boolean;
}

interface Sample {
  ms: number;
  pushMs: number;
  pullMs: number;
  pulled: number;
  bytesUp: number;
  bytesDown: number;
}

export async function loadSync(serverUrl: string, tokens: readonly JournalToken[], options: LoadOptions, progress: Progress): Promise<LoadFigures> {
  if (tokens.length < options.journals) throw new Error(`loadSync needs a token for each of ${options.journals} journals; it was given ${tokens.length}.`);
  const warmupSeconds = options.warmupSeconds ?? 2;
  const payloadBytes = options.payloadBytes ?? 300;
  const clients: Client[] = Array.from({ length: options.clients }, (_, i) => {
    const { journalId, token } = tokens[i % options.journals]!;
    return {
      journalId,
      replicaId: randomBytes(16).toString('hex'),
      transport: new HttpTransport({ url: serverUrl, token }),
      vector: {},
      replicasRev: 0,
      acknowledged: 0,
      previous: null,
      pending: null,
      lastPushFailed: false,
    };
  });
  const samples: Sample[] = [];
  const errors: Record<string, number> = {};
  let failedSyncs = 0;
  const cpuBefore = process.cpuUsage();
  const start = performance.now();
  const counted = start + warmupSeconds * 1000;
  const deadline = counted + options.seconds * 1000;
  const ticker = setInterval(() => {
    const elapsed = (performance.now() - start) / 1000;
    progress(`  load: ${elapsed.toFixed(0)} s, ${formatCount(samples.length)} syncs counted, ${failedSyncs} failed`);
  }, 10_000);

  const run = async (client: Client) => {
    while (performance.now() < deadline) {
      const begun = performance.now();
      try {
        const envelope = (client.pending ??= madeUpEnvelope(client.replicaId, client.acknowledged + 1, client.previous, payloadBytes));
        client.vector[client.replicaId] = envelope.seq;
        client.lastPushFailed = true;
        const pushed = await client.transport.push(client.journalId, { format: syncFormatVersion, replica: report(client) }, [envelope]);
        client.lastPushFailed = false;
        client.acknowledged = envelope.seq;
        client.previous = envelope.id;
        client.pending = null;
        const afterPush = performance.now();
        let pulled = 0;
        let bytesUp = pushed.wire.bytesUp;
        let bytesDown = pushed.wire.bytesDown;
        for (let more = true; more; ) {
          const page = await client.transport.sync(client.journalId, { format: syncFormatVersion, replica: report(client), replicasAfter: client.replicasRev });
          for (const e of page.envelopes) client.vector[e.replicaId] = Math.max(client.vector[e.replicaId] ?? 0, e.seq);
          client.replicasRev = page.header.replicasRev;
          pulled += page.envelopes.length;
          bytesUp += page.wire.bytesUp;
          bytesDown += page.wire.bytesDown;
          more = page.header.more;
        }
        const ended = performance.now();
        if (begun >= counted) samples.push({ ms: ended - begun, pushMs: afterPush - begun, pullMs: ended - afterPush, pulled, bytesUp, bytesDown });
      } catch (error) {
        const code = error instanceof FerryError ? error.code : error instanceof Error ? error.name : 'unknown';
        errors[code] = (errors[code] ?? 0) + 1;
        failedSyncs++;
        await sleep(100);
      }
    }
  };
  try {
    await Promise.all(clients.map(run));
  } finally {
    clearInterval(ticker);
  }
  const ended = performance.now();
  const cpu = process.cpuUsage(cpuBefore);
  try {
    const vectorCheck = await checkVectors(serverUrl, tokens.slice(0, options.journals), clients);
    const seconds = (ended - counted) / 1000;
    const of = (pick: (s: Sample) => number, p: number) => (samples.length === 0 ? 0 : percentile(samples.map(pick), p));
    const mean = (pick: (s: Sample) => number) => (samples.length === 0 ? 0 : samples.reduce((sum, s) => sum + pick(s), 0) / samples.length);
    const figures: LoadFigures = {
      clients: options.clients,
      journals: options.journals,
      payloadBytes,
      warmupSeconds,
      seconds,
      syncs: samples.length,
      syncsPerSecond: samples.length / seconds,
      latencyP50Ms: of((s) => s.ms, 50),
      latencyP99Ms: of((s) => s.ms, 99),
      latencyMaxMs: of((s) => s.ms, 100),
      pushP50Ms: of((s) => s.pushMs, 50),
      pushP99Ms: of((s) => s.pushMs, 99),
      pullP50Ms: of((s) => s.pullMs, 50),
      pullP99Ms: of((s) => s.pullMs, 99),
      versionsPerSync: mean((s) => s.pulled),
      bodyBytesUpPerSync: mean((s) => s.bytesUp),
      bodyBytesDownPerSync: mean((s) => s.bytesDown),
      errors,
      failedSyncs,
      vectorCheck,
      clientCpuSeconds: (cpu.user + cpu.system) / 1e6,
    };
    progress(
      `  load: ${formatCount(figures.syncsPerSecond)} syncs/s, p50 ${formatDuration(figures.latencyP50Ms)}, p99 ${formatDuration(figures.latencyP99Ms)}, ` +
        `${failedSyncs} failed, vectors ${vectorCheck.matching}/${vectorCheck.replicas} as acknowledged`,
    );
    return figures;
  } finally {
    for (const client of clients) client.transport.close();
  }
}

function report(client: Client) {
  return { replicaId: client.replicaId, deviceName: 'bench load client', vector: client.vector };
}

/** An envelope the server accepts (it checks seqs, ids and parents, never payloads): id from the replica and seq. */
function madeUpEnvelope(replicaId: string, seq: number, parent: string | null, payloadBytes: number): Envelope {
  const id = createHash('sha256').update(`${replicaId}:${seq}`).digest('hex');
  return { id, replicaId, seq, parents: parent === null ? [] : [parent], payload: randomBytes(payloadBytes) };
}

/** Each journal's vector as the server holds it (a page of one envelope says it), against each client's acknowledged pushes. */
async function checkVectors(serverUrl: string, tokens: readonly JournalToken[], clients: readonly Client[]): Promise<VectorCheck> {
  const held = new Map<string, VersionVector>();
  const checker = randomBytes(16).toString('hex');
  for (const { journalId, token } of tokens) {
    const transport = new HttpTransport({ url: serverUrl, token });
    try {
      const page = await transport.sync(journalId, { format: syncFormatVersion, replica: { replicaId: checker, deviceName: 'bench vector check', vector: {} }, replicasAfter: 0, maxBytes: 1 });
      held.set(journalId, page.header.vector);
    } finally {
      transport.close();
    }
  }
  const check: VectorCheck = { replicas: clients.length, matching: 0, mismatches: [], mismatchCount: 0 };
  for (const client of clients) {
    const server = held.get(client.journalId)?.[client.replicaId] ?? 0;
    if (server === client.acknowledged) {
      check.matching++;
      continue;
    }
    check.mismatchCount++;
    if (check.mismatches.length < 20) {
      check.mismatches.push({ journalId: client.journalId, replicaId: client.replicaId, server, acknowledged: client.acknowledged, lastPushFailed: client.lastPushFailed });
    }
  }
  return check;
}

export interface LoadRun {
  storage: 'sqlite' | 'postgres';
  /** How the server ran, in a sentence for the report. */
  setup: string;
  /** The server's --rate-limit (requests a second per token; bursts of six times that): far above what the bench sends, so nothing is limited. */
  rateLimit: number;
  /** CPU seconds the `ferry serve` process used during the run (null without /proc); PostgreSQL's own processes are not counted. */
  serverCpuSeconds: number | null;
  /** Requests the server logged during the run, the vector check included. */
  serverLoggedRequests: number;
  figures: LoadFigures;
}

export interface LoadComparison {
  sqlite: LoadRun;
  /** null when PostgreSQL could not be used: `postgresSkipped` says why. */
  postgres: LoadRun | null;
  postgresSkipped: string | null;
}

/** A rate limit no bench run comes near (per token: 10 clients × a few hundred requests a second at most). */
const benchRateLimit = 1_000_000;

export async function measureLoad(temp: TempSpace, progress: Progress, options: LoadOptions): Promise<LoadComparison> {
  const journalIds = Array.from({ length: options.journals }, () => randomBytes(16).toString('hex'));
  const describeLoad = `${options.clients} clients over ${options.journals} journals, ${options.seconds} s`;

  const dataDir = temp.folder('load-sqlite');
  const sqliteStore = SqliteStorage.open(dataDir);
  const sqliteTokens = await grantEach(journalIds, (record) => sqliteStore.createToken(record));
  await sqliteStore.close();
  progress(`load: ${describeLoad} against ferry serve --data (SQLite)`);
  const sqlite = await runAgainst(['--data', dataDir], 'sqlite', sqliteTokens, temp, progress, options);
  temp.remove(dataDir);

  let postgres: LoadRun | null = null;
  let postgresSkipped: string | null = null;
  let cluster: PostgresServer | null = null;
  try {
    cluster = await startPostgres();
    if (cluster === null) {
      postgresSkipped = 'no PostgreSQL: no server binaries in /usr/lib/postgresql/*/bin and FERRY_TEST_PG_URL unset';
    } else {
      const url = await cluster.newDatabase();
      const store = await PostgresStorage.open(url);
      let pgTokens: JournalToken[];
      try {
        pgTokens = await grantEach(journalIds, (record) => store.createToken(record));
      } finally {
        await store.close();
      }
      progress(`load: ${describeLoad} against ferry serve --postgres (a throwaway cluster)`);
      postgres = await runAgainst(['--postgres', url], 'postgres', pgTokens, temp, progress, options);
    }
  } catch (error) {
    postgresSkipped = `PostgreSQL run failed: ${error instanceof Error ? error.message : String(error)}`;
    progress(`load: ${postgresSkipped}`);
  } finally {
    await cluster?.stop().catch(() => {});
  }
  return { sqlite, postgres, postgresSkipped };
}

async function grantEach(journalIds: readonly string[], create: (record: ReturnType<typeof newToken>['record']) => Promise<void>): Promise<JournalToken[]> {
  const tokens: JournalToken[] = [];
  for (const journalId of journalIds) {
    const made = newToken([journalId], 'bench load', Date.now());
    await create(made.record);
    tokens.push({ journalId, token: made.secret });
  }
  return tokens;
}

async function runAgainst(storageArgs: string[], storage: 'sqlite' | 'postgres', tokens: JournalToken[], temp: TempSpace, progress: Progress, options: LoadOptions): Promise<LoadRun> {
  let server: BenchServer | null = null;
  try {
    server = await startFerryServe(['--port', '0', '--rate-limit', String(benchRateLimit), ...storageArgs], temp.folder(`load-home-${storage}`));
    const cpuBefore = server.cpuSeconds();
    const loggedBefore = server.loggedRequests();
    const figures = await loadSync(server.url, tokens, options, progress);
    // The server logs a request after answering it: give the last lines time to arrive.
    await sleep(200);
    const cpuAfter = server.cpuSeconds();
    return {
      storage,
      setup:
        storage === 'sqlite'
          ? `ferry serve --data (SQLite, synchronous=FULL) in the bench's scratch folder, --rate-limit ${benchRateLimit}`
          : `ferry serve --postgres on ${process.env.FERRY_TEST_PG_URL ? 'the server FERRY_TEST_PG_URL names' : 'a throwaway local cluster (fsync off, synchronous_commit off)'}, --rate-limit ${benchRateLimit}`,
      rateLimit: benchRateLimit,
      serverCpuSeconds: cpuBefore === null || cpuAfter === null ? null : cpuAfter - cpuBefore,
      serverLoggedRequests: server.loggedRequests() - loggedBefore,
      figures,
    };
  } finally {
    const code = await server?.stop();
    if (code !== undefined && code !== 0 && code !== null) progress(`load: ferry serve (${storage}) exited with ${code}: ${server!.stderr().slice(-2000)}`);
  }
}
