// PouchDB beside Ferry's network sync, on the standard workload, as ../shared/bench/README.md
// describes its reference figures ("PouchDB 9 → express-pouchdb over HTTP, latest revisions only").
//
// How it is measured:
// - The server is express-pouchdb (mode minimumForPouchDB: the routes replication uses, with its
//   gzip compression of responses) over PouchDB 9 with the in-memory adapter, in this process, on
//   127.0.0.1 port 0. An express middleware placed before express-pouchdb counts the HTTP requests.
// - The client is PouchDB 9 with the in-memory adapter and the HTTP adapter, talking to the server
//   through the wire meter (wire-meter.ts): a TCP proxy counting the bytes in each direction, HTTP
//   headers included, as for Ferry's sync.
// - Documents are the latest revision of each note, `{ _id: note, title, body }`: the local db holds
//   the state at the end of the initial phase (a note deleted in the initial phase is not in it;
//   nothing of the earlier versions is), written with one bulkDocs before any timing.
// - Each repetition uses fresh dbs on both sides and runs, in order:
//   1. full push: `local.replicate.to(fresh remote db)`, the remote db created by the replication;
//   2. pull: `fresh local db.replicate.from(that remote db)`;
//   3. no-op pull: the same pull again, with nothing changed;
//   4. increment push: the increment phase's changes written to the first local db (one new
//      revision per note it touches, not timed), then `local.replicate.to(the same remote db)`;
//   5. increment pull: the pulled db fetches them (`replicate.from` again);
//   6. no-op push: the push again, with nothing changed.
//   Each side keeps one PouchDB object for the remote db through a repetition, as a running app
//   would: its setup request (GET /db/) is made once, in the full push.
//   The timer covers the replicate call only (from the call to its promise settling): the
//   server's work is included (same process, same event loop), the preparation is not.
//   Repetition 0 is a warm-up and is not counted; `options.reps` repetitions follow, and every
//   time is their median (`Repeated`). Bytes and requests are those of the median repetition by
//   bytes (they differ between repetitions: a full push writes its checkpoint a varying number of
//   times, as batches finish, and session ids and checkpoint times differ in length).
// - Every db (local, pulled, remote) is destroyed after its repetition; the server, the meter and
//   the HTTP connections are closed at the end, so nothing keeps the process alive.

import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { performance } from 'node:perf_hooks';
import { formatBytes, formatDuration } from './format-units.js';
import type { Progress } from './progress.js';
import { repeated, type Repeated } from './stats.js';
import { startWireMeter, type WireMeter } from './wire-meter.js';
import type { Operation } from './workload.js';

/** One replication as it went over the wire. */
export interface PouchTransfer {
  /** Time of the replicate call, median of the counted repetitions. */
  ms: Repeated;
  /** Bytes on the wire, both directions, HTTP headers included (`bytesUp + bytesDown`). */
  bytes: number;
  /** Client → server bytes. */
  bytesUp: number;
  /** Server → client bytes. */
  bytesDown: number;
  /** HTTP requests the server received. */
  requests: number;
  /** TCP connections opened through the meter: PouchDB's HTTP client (node-fetch 2) sends `Connection: close`, so one per request. */
  connections: number;
  /** Documents the replication wrote on its target (the result's `docs_written`). */
  docsWritten: number;
}

export interface PouchFigures {
  /** The PouchDB version that ran (client and server). */
  version: string;
  /** Documents in the local db before the full push: the notes alive at the end of the initial phase. */
  docs: number;
  /** Their size as JSON (`{ _id, title, body }`, UTF-8), for scale against the bytes on the wire. */
  docsJsonBytes: number;
  /** Documents the increment phase changes (new revisions or deletions). */
  incrementDocs: number;
  /** Full push from the local db to a fresh remote db. */
  fullPush: PouchTransfer;
  /** Pull from that remote db into a fresh local db. */
  pull: PouchTransfer;
  /** Push of the increment phase's changes to the remote db that holds the initial state. */
  incrementPush: PouchTransfer;
  /** Pull of the increment into the db the full pull filled. */
  incrementPull: PouchTransfer;
  /** Push again with nothing changed: what replication costs when there is nothing to send. */
  noopPush: PouchTransfer;
  /** Pull again, right after the full pull, with nothing changed. No-op push + no-op pull (3 + 5 requests) is what the reference's "no-op (8 requests)" matches. */
  noopPull: PouchTransfer;
}

// ---- The few PouchDB and express calls used here, typed (PouchDB 9 ships no typings). ----

interface NoteDoc {
  _id: string;
  _rev?: string;
  _deleted?: boolean;
  title?: string;
  body?: string;
}

interface BulkDocsResult {
  ok?: boolean;
  id?: string;
  rev?: string;
  error?: unknown;
  reason?: string;
}

interface ReplicationResult {
  ok: boolean;
  docs_read: number;
  docs_written: number;
  doc_write_failures: number;
  errors: unknown[];
}

interface PouchDatabase {
  bulkDocs(docs: NoteDoc[]): Promise<BulkDocsResult[]>;
  info(): Promise<{ doc_count: number }>;
  destroy(): Promise<unknown>;
  close(): Promise<unknown>;
  replicate: {
    /** The returned replication is an event emitter and a promise of its result. */
    to(target: PouchDatabase, options?: Record<string, unknown>): PromiseLike<ReplicationResult>;
    from(source: PouchDatabase, options?: Record<string, unknown>): PromiseLike<ReplicationResult>;
  };
}

interface PouchDbClass {
  new (name: string, options?: Record<string, unknown>): PouchDatabase;
  plugin(plugin: unknown): PouchDbClass;
  defaults(options: Record<string, unknown>): PouchDbClass;
  version: string;
}

type Handler = (req: IncomingMessage, res: ServerResponse, next: (error?: unknown) => void) => void;

interface ExpressApp {
  (req: IncomingMessage, res: ServerResponse): void;
  use(handler: Handler | ExpressApp): void;
}

interface Modules {
  PouchDB: PouchDbClass;
  express: () => ExpressApp;
  expressPouchDb: (pouch: PouchDbClass, options: Record<string, unknown>) => ExpressApp;
}

/** The default export of a CommonJS package; the specifier is a variable so that a missing package is an error here, not at load. */
async function load(name: string): Promise<unknown> {
  let module: unknown;
  try {
    module = await import(name);
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error);
    throw new Error(`PouchDB cannot be loaded: the package ${name} is missing or broken (${why}); install the devDependencies with npm ci.`, { cause: error });
  }
  const exported = typeof module === 'object' && module !== null && 'default' in module ? module.default : undefined;
  if (typeof exported !== 'function') throw new Error(`PouchDB cannot be loaded: the package ${name} does not export a function.`);
  return exported;
}

let loaded: Promise<Modules> | undefined;

function loadModules(): Promise<Modules> {
  loaded ??= (async () => {
    const [core, memory, http, replication, express, expressPouchDb] = await Promise.all(
      ['pouchdb-core', 'pouchdb-adapter-memory', 'pouchdb-adapter-http', 'pouchdb-replication', 'express', 'express-pouchdb'].map(load),
    );
    const PouchDB = (core as PouchDbClass).plugin(memory).plugin(http).plugin(replication);
    return { PouchDB, express: express as Modules['express'], expressPouchDb: expressPouchDb as Modules['expressPouchDb'] };
  })();
  loaded.catch(() => (loaded = undefined));
  return loaded;
}

// ---- The documents ----

type NoteState = { title?: string; body: string } | null;

/** Each note's state after `operations` (null: deleted), starting from `from`. */
function applyOperations(operations: readonly Operation[], from: ReadonlyMap<string, NoteState> = new Map()): Map<string, NoteState> {
  const state = new Map(from);
  for (const op of operations) {
    switch (op.op) {
      case 'create':
        state.set(op.note, { title: op.title, body: op.body });
        break;
      case 'edit': {
        const before = state.get(op.note);
        state.set(op.note, before?.title === undefined ? { body: op.body } : { title: before.title, body: op.body });
        break;
      }
      case 'delete':
        state.set(op.note, null);
        break;
    }
  }
  return state;
}

function noteDoc(note: string, state: { title?: string; body: string }, rev?: string): NoteDoc {
  const doc: NoteDoc = { _id: note };
  if (rev !== undefined) doc._rev = rev;
  if (state.title !== undefined) doc.title = state.title;
  doc.body = state.body;
  return doc;
}

/** Writes `docs` and returns each one's new revision; throws if any write failed. */
async function writeDocs(db: PouchDatabase, docs: NoteDoc[]): Promise<Map<string, string>> {
  const results = await db.bulkDocs(docs);
  const revs = new Map<string, string>();
  results.forEach((result, i) => {
    if (result.ok !== true || result.rev === undefined) {
      throw new Error(`PouchDB refused the document ${docs[i]?._id ?? '?'}: ${result.reason ?? JSON.stringify(result.error)}`);
    }
    revs.set(docs[i]!._id, result.rev);
  });
  return revs;
}

// ---- The server ----

interface PouchServer {
  url: string;
  meter: WireMeter;
  requests(): number;
  reset(): void;
  close(): Promise<void>;
}

async function startServer(modules: Modules): Promise<PouchServer> {
  // A class of its own for the server: express-pouchdb installs static wrappers on the class it gets.
  const ServerPouch = modules.PouchDB.defaults({ adapter: 'memory' });
  const app = modules.express();
  let requests = 0;
  app.use((_req, _res, next) => {
    requests += 1;
    next();
  });
  app.use(modules.expressPouchDb(ServerPouch, { mode: 'minimumForPouchDB', inMemoryConfig: true }));
  const server: Server = createServer(app);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('the express-pouchdb server has no port');
  const serverUrl = `http://127.0.0.1:${address.port}`;
  const meter = await startWireMeter(serverUrl);
  return {
    url: meter.url,
    meter,
    requests: () => requests,
    reset() {
      requests = 0;
      meter.reset();
    },
    async close() {
      await meter.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

// ---- The measurement ----

interface Sample {
  ms: number;
  bytesUp: number;
  bytesDown: number;
  requests: number;
  connections: number;
  docsWritten: number;
}

async function replicateMetered(server: PouchServer, what: string, run: () => PromiseLike<ReplicationResult>): Promise<Sample> {
  server.reset();
  const begun = performance.now();
  const result = await run();
  const ms = performance.now() - begun;
  const wire = server.meter.read();
  if (!result.ok || result.doc_write_failures > 0 || result.errors.length > 0) {
    throw new Error(`PouchDB's ${what} failed: ${result.doc_write_failures} documents not written, ${JSON.stringify(result.errors).slice(0, 300)}`);
  }
  return { ms, bytesUp: wire.up, bytesDown: wire.down, requests: server.requests(), connections: wire.connections, docsWritten: result.docs_written };
}

/** Median times; the wire figures of the median repetition by bytes (the lower one of two). */
function transfer(samples: readonly Sample[]): PouchTransfer {
  const byBytes = [...samples].sort((a, b) => a.bytesUp + a.bytesDown - (b.bytesUp + b.bytesDown));
  const middle = byBytes[Math.floor((byBytes.length - 1) / 2)]!;
  return {
    ms: repeated(samples.map((s) => s.ms)),
    bytes: middle.bytesUp + middle.bytesDown,
    bytesUp: middle.bytesUp,
    bytesDown: middle.bytesDown,
    requests: middle.requests,
    connections: middle.connections,
    docsWritten: middle.docsWritten,
  };
}

async function expectDocCount(db: PouchDatabase, expected: number, what: string): Promise<void> {
  const { doc_count } = await db.info();
  if (doc_count !== expected) throw new Error(`PouchDB's ${what} left ${doc_count} documents, not ${expected}.`);
}

export async function measurePouchDb(operations: readonly Operation[], progress: Progress, options: { reps: number }): Promise<PouchFigures> {
  if (!Number.isSafeInteger(options.reps) || options.reps < 1) throw new Error(`measurePouchDb needs at least one repetition, not ${options.reps}.`);
  const modules = await loadModules();
  const { PouchDB } = modules;

  const initialState = applyOperations(operations.filter((op) => op.phase === 'initial'));
  const increment = operations.filter((op) => op.phase === 'increment');
  const finalState = applyOperations(increment, initialState);
  const initialDocs: NoteDoc[] = [];
  for (const [note, state] of initialState) if (state !== null) initialDocs.push(noteDoc(note, state));
  const touched = [...new Set(increment.map((op) => op.note))];
  const liveAtEnd = [...finalState.values()].filter((state) => state !== null).length;
  const docsJsonBytes = initialDocs.reduce((sum, doc) => sum + Buffer.byteLength(JSON.stringify(doc)), 0);

  const server = await startServer(modules);
  const steps = ['fullPush', 'pull', 'noopPull', 'incrementPush', 'incrementPull', 'noopPush'] as const;
  const samples: Record<(typeof steps)[number], Sample[]> = { fullPush: [], pull: [], noopPull: [], incrementPush: [], incrementPull: [], noopPush: [] };
  const open: PouchDatabase[] = [];
  // Names unique to this call: memdown's store is global to the process, by name.
  const runId = `${process.pid}-${Date.now().toString(36)}`;
  try {
    for (let i = 0; i <= options.reps; i++) {
      const local = new PouchDB(`bench-local-${runId}-${i}`, { adapter: 'memory' });
      const pulled = new PouchDB(`bench-pulled-${runId}-${i}`, { adapter: 'memory' });
      const remote = new PouchDB(`${server.url}/bench-remote-${runId}-${i}`);
      open.push(local, pulled, remote);
      const revs = await writeDocs(local, initialDocs.map((doc) => ({ ...doc })));

      const fullPush = await replicateMetered(server, 'full push', () => local.replicate.to(remote));
      await expectDocCount(remote, initialDocs.length, 'full push');
      const pull = await replicateMetered(server, 'pull', () => pulled.replicate.from(remote));
      await expectDocCount(pulled, initialDocs.length, 'pull');
      const noopPull = await replicateMetered(server, 'no-op pull', () => pulled.replicate.from(remote));

      const changes: NoteDoc[] = touched.map((note) => {
        const state = finalState.get(note) ?? null;
        const rev = revs.get(note);
        if (state !== null) return noteDoc(note, state, rev);
        if (rev === undefined) throw new Error(`the increment deletes ${note}, which the initial phase does not hold`);
        return { _id: note, _rev: rev, _deleted: true };
      });
      await writeDocs(local, changes);
      const incrementPush = await replicateMetered(server, 'increment push', () => local.replicate.to(remote));
      await expectDocCount(remote, liveAtEnd, 'increment push');
      const incrementPull = await replicateMetered(server, 'increment pull', () => pulled.replicate.from(remote));
      await expectDocCount(pulled, liveAtEnd, 'increment pull');
      const noopPush = await replicateMetered(server, 'no-op push', () => local.replicate.to(remote));

      if (i === 0) {
        progress(`PouchDB warm-up: full push ${formatDuration(fullPush.ms)}, pull ${formatDuration(pull.ms)}`);
      } else {
        const sample = { fullPush, pull, noopPull, incrementPush, incrementPull, noopPush };
        for (const step of steps) samples[step].push(sample[step]);
        progress(`PouchDB ${i}/${options.reps}: full push ${formatDuration(fullPush.ms)}, pull ${formatDuration(pull.ms)}, increment push ${formatDuration(incrementPush.ms)}`);
      }
      for (const db of open.splice(0)) await db.destroy();
    }
  } finally {
    // After a failure: free what is left, then stop the server whatever happens.
    for (const db of open) await db.destroy().catch(() => undefined);
    await server.close();
  }

  const figures: PouchFigures = {
    version: PouchDB.version,
    docs: initialDocs.length,
    docsJsonBytes,
    incrementDocs: touched.length,
    fullPush: transfer(samples.fullPush),
    pull: transfer(samples.pull),
    incrementPush: transfer(samples.incrementPush),
    incrementPull: transfer(samples.incrementPull),
    noopPush: transfer(samples.noopPush),
    noopPull: transfer(samples.noopPull),
  };
  const line = (t: PouchTransfer) => `${formatBytes(t.bytes)} in ${t.requests} requests, ${formatDuration(t.ms.median)}`;
  progress(`PouchDB ${figures.version}, ${figures.docs} docs (${formatBytes(docsJsonBytes)} of JSON), medians of ${options.reps}:`);
  progress(`  full push ${line(figures.fullPush)}; pull ${line(figures.pull)}`);
  progress(`  increment (${figures.incrementDocs} docs): push ${line(figures.incrementPush)}; pull ${line(figures.incrementPull)}`);
  progress(`  no-op push ${line(figures.noopPush)}; no-op pull ${line(figures.noopPull)}`);
  return figures;
}
