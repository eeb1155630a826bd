// The sync server over real HTTP (docs/sync-protocol.md, P1–P10): a server on 127.0.0.1 with its
// SQLite store in a temporary folder, and clients that speak to it with node:http, byte for byte,
// so a test can send what a well-behaved client sends and what a hostile one does. Every server,
// store, folder and connection a test opens is closed when it ends.

import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import http, { type IncomingHttpHeaders } from 'node:http';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, brotliDecompressSync, constants as zlib, gzipSync } from 'node:zlib';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Envelope } from '../../shared/stream.js';
import {
  errorAnswerSchema,
  journalsAnswerSchema,
  mediaTypes,
  movedNoticeSchema,
  pageHeaderSchema,
  pushAnswerSchema,
  type MovedNotice,
  type PageHeader,
  type PushAnswer,
} from '../../shared/sync-protocol.js';
import { decodeFramed, encodeFramed } from '../stream/framed.js';
import { createSyncServer, type RequestLog, type RunningServer, type ServerLimits } from './http-server.js';
import type { ServerStorage } from './storage.js';
import { SqliteStorage } from './storage-sqlite.js';
import { fakeEnvelope, journalA, journalB, laptop, phone } from './storage.suite.js';
import { newToken } from './tokens.js';

const journalC = 'c'.repeat(32);

/** 16 MiB of zeros in a few dozen bytes (brotli) or 72 kB (gzip): far past any `pushBytes` a test sets. */
const zeros = Buffer.alloc(16 * 1024 * 1024);
const brotliBomb = brotliCompressSync(zeros, { params: { [zlib.BROTLI_PARAM_QUALITY]: 5 } });
const gzipBomb = gzipSync(zeros, { level: 1 });

// ——— Clients ———

interface Answer {
  status: number;
  headers: IncomingHttpHeaders;
  /** As it came off the wire (not decompressed). */
  body: Buffer;
}

interface Call {
  method?: string;
  token?: string;
  headers?: Record<string, string>;
  body?: Buffer | string;
}

/** One request on a connection of its own, so nothing stays open after the answer. */
function call(base: string, path: string, options: Call = {}): Promise<Answer> {
  const body = typeof options.body === 'string' ? Buffer.from(options.body, 'utf8') : options.body;
  const headers: Record<string, string> = { ...(options.token === undefined ? {} : { authorization: `Bearer ${options.token}` }), ...options.headers };
  if (body !== undefined) headers['content-length'] = String(body.length);
  return new Promise<Answer>((resolve, reject) => {
    const request = http.request(new URL(path, base), { method: options.method ?? (body === undefined ? 'GET' : 'POST'), headers, agent: false });
    request.on('error', reject);
    request.on('response', (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('error', reject);
      response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks) }));
    });
    request.end(body);
  });
}

/** Bytes exactly as given, on a raw socket: for requests node:http would not send. */
function rawCall(base: string, bytes: Buffer): Promise<string> {
  const { port } = new URL(base);
  return new Promise<string>((resolve, reject) => {
    const socket = connect(Number(port), '127.0.0.1', () => socket.end(bytes));
    const chunks: Buffer[] = [];
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('error', reject);
    socket.on('close', () => resolve(Buffer.concat(chunks).toString('latin1')));
  });
}

function asJson(answer: Answer): unknown {
  expect(answer.headers['content-type']).toMatch(/^application\/json/);
  return JSON.parse(answer.body.toString('utf8'));
}

/** P10: a refusal is a 4xx with `{ error: { code, message } }`, never a 5xx. */
function refusal(answer: Answer, status: number, code?: string): { code: string; message: string } {
  expect(answer.status, answer.body.toString('utf8')).toBe(status);
  const { error } = errorAnswerSchema.parse(asJson(answer));
  if (code !== undefined) expect(error.code).toBe(code);
  expect(error.message.length).toBeGreaterThan(0);
  return error;
}

function pushAnswer(answer: Answer): PushAnswer {
  expect(answer.status, answer.body.toString('utf8')).toBe(200);
  return pushAnswerSchema.parse(asJson(answer));
}

function page(answer: Answer): { header: PageHeader; envelopes: Envelope[] } {
  expect(answer.status, answer.body.toString('utf8')).toBe(200);
  expect(answer.headers['content-type']).toMatch(new RegExp(`^${mediaTypes.page}`));
  const bytes = answer.headers['content-encoding'] === 'br' ? brotliDecompressSync(answer.body) : answer.body;
  const framed = decodeFramed(bytes);
  const header = pageHeaderSchema.parse(framed.header);
  expect(header.count).toBe(framed.envelopes.length);
  return { header, envelopes: framed.envelopes };
}

/** What a client sends to sync: the replica, what it holds, and anything else it wants to say. */
function syncBody(vector: Record<string, number> = {}, extra: Record<string, unknown> = {}): string {
  return JSON.stringify({ format: 1, replica: { replicaId: phone, deviceName: 'phone', vector }, ...extra });
}

function pushBody(envelopes: readonly Envelope[], header: Record<string, unknown> = {}): Buffer {
  return encodeFramed({ format: 1, replica: { replicaId: laptop, deviceName: 'laptop', vector: {} }, ...header }, envelopes);
}

/** A replica's chain of edits with payloads of `payloadBytes`, each on the one before. */
function edits(replicaId: string, count: number, payloadBytes = 20, from: Envelope | null = null, startSeq = 1): Envelope[] {
  const out: Envelope[] = [];
  let parent = from;
  for (let i = 0; i < count; i++) {
    const envelope = fakeEnvelope(replicaId, startSeq + i, parent === null ? [] : [parent.id], payloadBytes);
    out.push(envelope);
    parent = envelope;
  }
  return out;
}

function strip(envelopes: readonly Envelope[]): { id: string; replicaId: string; seq: number; parents: string[]; payload: string }[] {
  return envelopes.map((e) => ({ id: e.id, replicaId: e.replicaId, seq: e.seq, parents: e.parents, payload: Buffer.from(e.payload).toString('hex') }));
}

/** A server-sent events client that keeps the `moved` notices it hears. */
interface EventsClient {
  status: number;
  headers: IncomingHttpHeaders;
  next(): Promise<MovedNotice>;
  /** Resolves when the server ends the stream; then `text()` is all it sent. */
  ended: Promise<void>;
  text(): string;
  close(): void;
}

const openEvents = new Set<EventsClient>();

function listen(base: string, journalId: string, token?: string, query = ''): Promise<EventsClient> {
  return new Promise<EventsClient>((resolve, reject) => {
    const request = http.get(new URL(`/v1/journals/${journalId}/events${query}`, base), {
      agent: false,
      headers: { accept: 'text/event-stream', ...(token === undefined ? {} : { authorization: `Bearer ${token}` }) },
    });
    request.on('error', reject);
    request.on('response', (response) => {
      const heard: MovedNotice[] = [];
      const waiting: ((notice: MovedNotice) => void)[] = [];
      const chunks: Buffer[] = [];
      let buffered = '';
      const ended = latch();
      response.on('data', (chunk: Buffer) => {
        chunks.push(chunk);
        buffered += chunk.toString('utf8');
        let end: number;
        while ((end = buffered.indexOf('\n\n')) >= 0) {
          const lines = buffered.slice(0, end).split('\n');
          buffered = buffered.slice(end + 2);
          if (!lines.includes('event: moved')) continue;
          const data = lines.find((line) => line.startsWith('data: '));
          const notice = movedNoticeSchema.parse(JSON.parse(data!.slice(6)));
          const waiter = waiting.shift();
          if (waiter === undefined) heard.push(notice);
          else waiter(notice);
        }
      });
      response.on('end', ended.open);
      response.on('close', ended.open);
      const client: EventsClient = {
        status: response.statusCode ?? 0,
        headers: response.headers,
        next: () => {
          const notice = heard.shift();
          return notice !== undefined ? Promise.resolve(notice) : new Promise<MovedNotice>((give) => waiting.push(give));
        },
        ended: ended.promise,
        text: () => Buffer.concat(chunks).toString('utf8'),
        close: () => {
          request.destroy();
          openEvents.delete(client);
        },
      };
      openEvents.add(client);
      resolve(client);
    });
  });
}

interface Latch {
  promise: Promise<void>;
  open: () => void;
}

function latch(): Latch {
  let open!: () => void;
  const promise = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { promise, open };
}

function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not happen within ${ms} ms`)), ms);
  });
  return Promise.race([promise, late]).finally(() => clearTimeout(timer));
}

// ——— Servers ———

interface Started {
  url: string;
  running: RunningServer;
  storage: SqliteStorage;
  logs: RequestLog[];
  /** Failures that became a 5xx: none, in every test. */
  failures: unknown[];
  /** A new token opening these journals. */
  token(...journalIds: string[]): Promise<{ secret: string; tokenId: string }>;
  /** A push of `envelopes` to `journalId` through a token of its own, so the journal holds them. */
  seed(journalId: string, envelopes: readonly Envelope[]): Promise<void>;
}

const cleanups: (() => Promise<void> | void)[] = [];
const startedServers: Started[] = [];

afterEach(async () => {
  for (const client of [...openEvents]) client.close();
  const failures = startedServers.splice(0).flatMap((started) => started.failures);
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  // P10: nothing a test sent became a 5xx.
  expect(failures).toEqual([]);
});

interface StartOptions {
  limits?: Partial<ServerLimits>;
  clock?: () => number;
  /** Wraps the store the server is given (the test keeps the real one). */
  wrap?: (storage: SqliteStorage) => ServerStorage;
  closeGraceMs?: number;
}

async function start(options: StartOptions = {}): Promise<Started> {
  const dir = mkdtempSync(join(tmpdir(), 'ferry-http-server-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  const storage = SqliteStorage.open(dir);
  cleanups.push(() => storage.close());
  const clock = options.clock ?? Date.now;
  const logs: RequestLog[] = [];
  const failures: unknown[] = [];
  const server = createSyncServer({
    storage: options.wrap?.(storage) ?? storage,
    clock,
    log: (entry) => logs.push(entry),
    logError: (error) => failures.push(error),
    ...(options.limits === undefined ? {} : { limits: options.limits }),
    ...(options.closeGraceMs === undefined ? {} : { closeGraceMs: options.closeGraceMs }),
  });
  const running = await server.listen('127.0.0.1', 0);
  let closed = false;
  const close = running.close.bind(running);
  const tracked: RunningServer = {
    url: running.url,
    close() {
      closed = true;
      return close();
    },
  };
  cleanups.push(async () => {
    if (!closed) await close();
  });
  const started: Started = {
    url: running.url,
    running: tracked,
    storage,
    logs,
    failures,
    async token(...journalIds) {
      const { secret, record } = newToken(journalIds, 'test', clock());
      await storage.createToken(record);
      return { secret, tokenId: record.tokenId };
    },
    async seed(journalId, envelopes) {
      const { secret } = await started.token(journalId);
      pushAnswer(await call(running.url, `/v1/journals/${journalId}/push`, { token: secret, headers: { 'content-type': mediaTypes.push }, body: pushBody(envelopes) }));
    },
  };
  startedServers.push(started);
  return started;
}

/** The store, but `method` tells `entered` and waits for `gate` to open (whenever `when()` says so). */
function holdAt(storage: SqliteStorage, method: 'push' | 'vector' | 'tokenByHash', gate: Latch, entered: Latch, when: () => boolean = () => true): ServerStorage {
  return new Proxy(storage, {
    get(target, key) {
      const value: unknown = Reflect.get(target, key, target);
      if (typeof value !== 'function') return value;
      const bound = (value as (...args: unknown[]) => unknown).bind(target);
      if (key !== method) return bound;
      return async (...args: unknown[]) => {
        if (when()) {
          entered.open();
          await gate.promise;
        }
        return bound(...args);
      };
    },
  });
}

/** The server still answers, and still serves a good token, after whatever came before. */
async function expectStillServing(server: Started, token: string): Promise<void> {
  expect((await call(server.url, '/v1/health')).status).toBe(200);
  const answer = await call(server.url, `/v1/journals/${journalA}/sync`, { token, headers: { 'content-type': 'application/json' }, body: syncBody() });
  expect(answer.status).toBe(200);
}

const json = { 'content-type': 'application/json' };
const push = { 'content-type': mediaTypes.push };

// ——— Stories ———

describe('the sync server over HTTP', () => {
  it('health answers without a token', async () => {
    const server = await start();
    const answer = await call(server.url, '/v1/health');
    expect(answer.status).toBe(200);
    expect(asJson(answer)).toEqual({ ok: true, storage: 'sqlite', format: 1 });
  });

  describe('P1: tokens', () => {
    it('a request without a token, or with one the server does not know, is refused with 401 AuthRejected', async () => {
      const server = await start();
      const { secret } = await server.token(journalA);
      for (const token of [undefined, 'ferry_not-a-token-this-server-made', `${secret}x`]) {
        refusal(await call(server.url, '/v1/journals', token === undefined ? {} : { token }), 401, 'AuthRejected');
        refusal(await call(server.url, `/v1/journals/${journalA}/sync`, { ...(token === undefined ? {} : { token }), headers: json, body: syncBody() }), 401, 'AuthRejected');
        refusal(await call(server.url, `/v1/journals/${journalA}/push`, { ...(token === undefined ? {} : { token }), headers: push, body: pushBody(edits(laptop, 1)) }), 401, 'AuthRejected');
      }
      // Not a bearer token at all: the secret sent as a password, or with a stray word.
      refusal(await call(server.url, '/v1/journals', { headers: { authorization: `Basic ${Buffer.from(`x:${secret}`).toString('base64')}` } }), 401, 'AuthRejected');
      refusal(await call(server.url, '/v1/journals', { headers: { authorization: `Bearer ${secret} please` } }), 401, 'AuthRejected');
      const events = await listen(server.url, journalA);
      await events.ended;
      expect(events.status).toBe(401);
      expect(errorAnswerSchema.parse(JSON.parse(events.text())).error.code).toBe('AuthRejected');
      expect(await server.storage.vector(journalA)).toEqual({});
    });

    it('a push without a good token is refused before its body is read, even a brotli bomb or garbage', async () => {
      const server = await start({ limits: { pushBytes: 64 * 1024 } });
      const to = `/v1/journals/${journalA}/push`;
      const bomb = brotliBomb;
      refusal(await call(server.url, to, { headers: { ...push, 'content-encoding': 'br' }, body: bomb }), 401, 'AuthRejected');
      refusal(await call(server.url, to, { token: 'ferry_wrong', headers: { ...push, 'content-encoding': 'br' }, body: bomb }), 401, 'AuthRejected');
      refusal(await call(server.url, to, { token: 'ferry_wrong', headers: push, body: randomBytes(100) }), 401, 'AuthRejected');
      refusal(await call(server.url, to, { token: 'ferry_wrong', headers: json, body: '{' }), 401, 'AuthRejected');
      refusal(await call(server.url, `/v1/journals/${journalA}/sync`, { token: 'ferry_wrong', headers: json, body: '{' }), 401, 'AuthRejected');
    });

    it('a revoked token stops working at once', async () => {
      const server = await start();
      const { secret, tokenId } = await server.token(journalA);
      expect((await call(server.url, '/v1/journals', { token: secret })).status).toBe(200);
      expect(await server.storage.revokeToken(tokenId, Date.now())).toBe(true);
      refusal(await call(server.url, '/v1/journals', { token: secret }), 401, 'AuthRejected');
      refusal(await call(server.url, `/v1/journals/${journalA}/sync`, { token: secret, headers: json, body: syncBody() }), 401, 'AuthRejected');
    });

    it('a good token for journal A asking for journal B gets 403 Forbidden, the same whether B holds data or does not exist', async () => {
      const server = await start();
      await server.seed(journalB, edits(laptop, 2));
      const { secret } = await server.token(journalA);
      const messages = new Map<string, string[]>();
      for (const other of [journalB, journalC]) {
        const said = [
          refusal(await call(server.url, `/v1/journals/${other}/sync`, { token: secret, headers: json, body: syncBody() }), 403, 'Forbidden').message,
          refusal(await call(server.url, `/v1/journals/${other}/push`, { token: secret, headers: push, body: pushBody(edits(phone, 1)) }), 403, 'Forbidden').message,
        ];
        const events = await listen(server.url, other, secret);
        await events.ended;
        expect(events.status).toBe(403);
        said.push(errorAnswerSchema.parse(JSON.parse(events.text())).error.message);
        messages.set(other, said.map((message) => message.replaceAll(other, '<journal>')));
      }
      expect(messages.get(journalB)).toEqual(messages.get(journalC));
      // The refused push stored nothing anywhere.
      expect(await server.storage.vector(journalB)).toEqual({ [laptop]: 2 });
      expect(await server.storage.vector(journalC)).toEqual({});
    });

    it('P7: GET /v1/journals lists the journals the token opens, and only those', async () => {
      const server = await start();
      await server.seed(journalA, edits(laptop, 3));
      await server.seed(journalB, edits(laptop, 2));
      const { secret } = await server.token(journalA, journalC);
      const answer = await call(server.url, '/v1/journals', { token: secret });
      expect(answer.status).toBe(200);
      expect(journalsAnswerSchema.parse(asJson(answer))).toEqual({
        journals: [
          { journalId: journalA, versions: 3 },
          { journalId: journalC, versions: 0 },
        ],
      });
    });
  });

  describe('P3–P5: a laptop pushes, a phone syncs', () => {
    it('pushes, plain and brotli-compressed, come back in a sync from nothing, compressed when asked', async () => {
      const server = await start();
      const { secret } = await server.token(journalA);
      const laptopEdits = edits(laptop, 6, 300);
      const to = `/v1/journals/${journalA}/push`;

      expect(pushAnswer(await call(server.url, to, { token: secret, headers: push, body: pushBody(laptopEdits.slice(0, 2)) }))).toEqual({ stored: 2, alreadyHeld: 0, vector: { [laptop]: 2 } });
      const brotli = brotliCompressSync(pushBody(laptopEdits.slice(2, 4), { replica: { replicaId: laptop, deviceName: 'laptop', vector: { [laptop]: 2 } } }));
      expect(pushAnswer(await call(server.url, to, { token: secret, headers: { ...push, 'content-encoding': 'br' }, body: brotli }))).toEqual({ stored: 2, alreadyHeld: 0, vector: { [laptop]: 4 } });
      const gzip = gzipSync(pushBody(laptopEdits.slice(4), { replica: { replicaId: laptop, deviceName: 'laptop', vector: { [laptop]: 4 } } }));
      expect(pushAnswer(await call(server.url, to, { token: secret, headers: { ...push, 'content-encoding': 'gzip' }, body: gzip }))).toEqual({ stored: 2, alreadyHeld: 0, vector: { [laptop]: 6 } });

      // The phone, holding nothing, asks with `accept-encoding: br` and gets one compressed page.
      const compressed = await call(server.url, `/v1/journals/${journalA}/sync`, { token: secret, headers: { ...json, 'accept-encoding': 'gzip, br' }, body: syncBody() });
      expect(compressed.headers['content-encoding']).toBe('br');
      const first = page(compressed);
      expect(strip(first.envelopes)).toEqual(strip(laptopEdits));
      expect(first.header).toMatchObject({ format: 1, vector: { [laptop]: 6 }, count: 6, more: false });
      // P6: the phone hears of the laptop, as the laptop last said.
      expect(first.header.replicas).toEqual([{ replicaId: laptop, deviceName: 'laptop', vector: { [laptop]: 4 }, seen: expect.any(String) }]);

      // Without asking for compression, the same page comes plain.
      const plain = await call(server.url, `/v1/journals/${journalA}/sync`, { token: secret, headers: json, body: syncBody() });
      expect(plain.headers['content-encoding']).toBeUndefined();
      expect(strip(page(plain).envelopes)).toEqual(strip(laptopEdits));

      // Holding everything, the phone gets an empty page (small, so never compressed).
      const caughtUp = await call(server.url, `/v1/journals/${journalA}/sync`, { token: secret, headers: { ...json, 'accept-encoding': 'br' }, body: syncBody({ [laptop]: 6 }) });
      expect(caughtUp.headers['content-encoding']).toBeUndefined();
      expect(page(caughtUp)).toMatchObject({ header: { vector: { [laptop]: 6 }, count: 0, more: false }, envelopes: [] });
    });

    it('a page stops at the maxBytes the client asks for, and says there is more', async () => {
      const server = await start();
      const { secret } = await server.token(journalA);
      const laptopEdits = edits(laptop, 4, 100);
      await server.seed(journalA, laptopEdits);
      const first = page(await call(server.url, `/v1/journals/${journalA}/sync`, { token: secret, headers: json, body: syncBody({}, { maxBytes: 250 }) }));
      expect(first.header).toMatchObject({ count: 2, more: true });
      const rest = page(await call(server.url, `/v1/journals/${journalA}/sync`, { token: secret, headers: json, body: syncBody({ [laptop]: 2 }, { maxBytes: 250 }) }));
      expect(rest.header).toMatchObject({ count: 2, more: false });
      expect(strip([...first.envelopes, ...rest.envelopes])).toEqual(strip(laptopEdits));
    });

    it('P5: pushing the same envelopes again is idempotent', async () => {
      const server = await start();
      const { secret } = await server.token(journalA);
      const laptopEdits = edits(laptop, 3);
      const send = () => call(server.url, `/v1/journals/${journalA}/push`, { token: secret, headers: push, body: pushBody(laptopEdits) });
      expect(pushAnswer(await send())).toEqual({ stored: 3, alreadyHeld: 0, vector: { [laptop]: 3 } });
      expect(pushAnswer(await send())).toEqual({ stored: 0, alreadyHeld: 3, vector: { [laptop]: 3 } });
      expect(page(await call(server.url, `/v1/journals/${journalA}/sync`, { token: secret, headers: json, body: syncBody() })).header.count).toBe(3);
    });

    it('P5: a seq gap is 409 InvalidVersion, another version at a held seq is 409 ReplicaForked, and a refused push stores nothing', async () => {
      const server = await start();
      const { secret } = await server.token(journalA);
      const laptopEdits = edits(laptop, 4);
      const send = (envelopes: Envelope[]) => call(server.url, `/v1/journals/${journalA}/push`, { token: secret, headers: push, body: pushBody(envelopes) });
      pushAnswer(await send(laptopEdits.slice(0, 1)));
      server.logs.length = 0;

      // Seq 2 is fine, but seq 4 skips seq 3: the whole push is refused.
      refusal(await send([laptopEdits[1]!, laptopEdits[3]!]), 409, 'InvalidVersion');
      // Another version claiming seq 1: two copies of the laptop's journal both wrote.
      refusal(await send([fakeEnvelope(laptop, 1, [], 21)]), 409, 'ReplicaForked');
      // A version whose parent the server never got.
      refusal(await send([fakeEnvelope(phone, 1, ['e'.repeat(64)])]), 409, 'InvalidVersion');

      expect(await server.storage.vector(journalA)).toEqual({ [laptop]: 1 });
      expect((await server.storage.journals()).map((j) => [j.journalId, j.versions])).toEqual([[journalA, 1]]);
      expect(page(await call(server.url, `/v1/journals/${journalA}/sync`, { token: secret, headers: json, body: syncBody() })).envelopes.map((e) => e.seq)).toEqual([1]);
      await vi.waitFor(() => expect(server.logs.map((entry) => [entry.status, entry.error])).toEqual([[409, 'InvalidVersion'], [409, 'ReplicaForked'], [409, 'InvalidVersion'], [200, undefined]]));
    });
  });

  describe('P9/P10: hostile input is a 4xx with a JSON error, never a 5xx, and the server carries on', () => {
    const vectorOf = (entries: number) => Object.fromEntries(Array.from({ length: entries }, (_, i) => [i.toString(16).padStart(32, '0'), 1]));
    const replica = (fields: Record<string, unknown>) => ({ replicaId: phone, deviceName: 'phone', vector: {}, ...fields });

    const badSyncBodies: [string, string][] = [
      ['malformed JSON', '{"format": 1, "replica": {'],
      ['an empty body', ''],
      ['JSON that is not an object', '"sync please"'],
      ['JSON null', 'null'],
      ['a missing replica', JSON.stringify({ format: 1 })],
      ['vector values as strings', JSON.stringify({ format: 1, replica: replica({ vector: { [laptop]: '3' } }) })],
      ['a negative seq', JSON.stringify({ format: 1, replica: replica({ vector: { [laptop]: -1 } }) })],
      ['a fractional seq', JSON.stringify({ format: 1, replica: replica({ vector: { [laptop]: 1.5 } }) })],
      ['a seq of 1e300', `{"format":1,"replica":{"replicaId":"${phone}","deviceName":"phone","vector":{"${laptop}":1e300}}}`],
      ['a format of 1e300', `{"format":1e300,"replica":{"replicaId":"${phone}","deviceName":"phone","vector":{}}}`],
      ['replicasAfter of -1', JSON.stringify({ format: 1, replica: replica({}), replicasAfter: -1 })],
      ['maxBytes of 1e300', `{"format":1,"replica":{"replicaId":"${phone}","deviceName":"phone","vector":{}},"maxBytes":1e300}`],
      ['maxBytes of 0', JSON.stringify({ format: 1, replica: replica({}), maxBytes: 0 })],
      ['a replicaId that is not hex', JSON.stringify({ format: 1, replica: replica({ replicaId: 'z'.repeat(32) }) })],
      ['a replicaId in upper case', JSON.stringify({ format: 1, replica: replica({ replicaId: 'A'.repeat(32) }) })],
      ['a replicaId too short', JSON.stringify({ format: 1, replica: replica({ replicaId: '1'.repeat(31) }) })],
      ['a vector key that is not a replica id', JSON.stringify({ format: 1, replica: replica({ vector: { constructor: 1 } }) })],
      ['a __proto__ key', `{"format":1,"replica":{"replicaId":"${phone}","deviceName":"phone","vector":{"__proto__":{"${laptop}":1}}}}`],
      ['a 20,000-entry vector', JSON.stringify({ format: 1, replica: replica({ vector: vectorOf(20_000) }) })],
      ['a device name of 10,000 characters', JSON.stringify({ format: 1, replica: replica({ deviceName: 'x'.repeat(10_000) }) })],
    ];

    it.each(badSyncBodies)('a sync with %s is 400 BadInput', async (_what, body) => {
      const server = await start();
      const { secret } = await server.token(journalA);
      refusal(await call(server.url, `/v1/journals/${journalA}/sync`, { token: secret, headers: json, body }), 400, 'BadInput');
      await expectStillServing(server, secret);
    });

    it('a sync or push in a format the server does not speak is 400 SyncFormat', async () => {
      const server = await start();
      const { secret } = await server.token(journalA);
      for (const format of [2, 0, 999]) {
        const sync = refusal(await call(server.url, `/v1/journals/${journalA}/sync`, { token: secret, headers: json, body: syncBody({}, { format }) }), 400, 'SyncFormat');
        expect(sync.message).toContain(String(format));
        refusal(await call(server.url, `/v1/journals/${journalA}/push`, { token: secret, headers: push, body: pushBody(edits(laptop, 1), { format }) }), 400, 'SyncFormat');
      }
      expect(await server.storage.vector(journalA)).toEqual({});
      await expectStillServing(server, secret);
    });

    it('a bad journal id in the path is refused', async () => {
      const server = await start();
      const { secret } = await server.token(journalA);
      for (const id of ['A'.repeat(32), 'a'.repeat(31), 'a'.repeat(33), 'x'.repeat(32), '%2e%2e', `${'a'.repeat(30)}%00a`, 'a'.repeat(5000)]) {
        const sync = await call(server.url, `/v1/journals/${id}/sync`, { token: secret, headers: json, body: syncBody() });
        expect(sync.status, id).toBeGreaterThanOrEqual(400);
        expect(sync.status, id).toBeLessThan(500);
        errorAnswerSchema.parse(asJson(sync));
        const pushed = await call(server.url, `/v1/journals/${id}/push`, { token: secret, headers: push, body: pushBody(edits(laptop, 1)) });
        expect(pushed.status, id).toBeGreaterThanOrEqual(400);
        expect(pushed.status, id).toBeLessThan(500);
        errorAnswerSchema.parse(asJson(pushed));
      }
      refusal(await call(server.url, `/v1/journals/${'A'.repeat(32)}/sync`, { token: secret, headers: json, body: syncBody() }), 400, 'BadInput');
      await expectStillServing(server, secret);
    });

    it('a push that is not a well-formed framed body is 400 BadInput, and stores nothing', async () => {
      const server = await start();
      const { secret } = await server.token(journalA);
      const good = pushBody(edits(laptop, 3, 50));
      const claims4GB = Buffer.concat([Buffer.from([0xff, 0xff, 0xff, 0xff]), good.subarray(4)]);
      const headerOnly = encodeFramed({ format: 1 }, []);
      const jsonArray = encodeFramed([1, 2, 3], []);
      const notJson = Buffer.concat([Buffer.from([0, 0, 0, 5]), Buffer.from('{{{{{'), good.subarray(good.readUInt32BE(0) + 4)]);
      const hostile: [string, Buffer][] = [
        ['random bytes', randomBytes(4000)],
        ['truncated mid-envelope', good.subarray(0, good.length - 17)],
        ['a header length claiming 4 GB', claims4GB],
        ['a header length past the end', good.subarray(0, 20)],
        ['three bytes', Buffer.from([0, 0, 1])],
        ['an empty body', Buffer.alloc(0)],
        ['a header that is not JSON', notJson],
        ['a header of the wrong shape', headerOnly],
        ['a header that is an array', jsonArray],
        ['an envelope at seq 0', Buffer.concat([good.subarray(0, good.readUInt32BE(0) + 4), Buffer.alloc(48, 1), Buffer.from([0, 0, 1, 7])])],
      ];
      for (const [what, body] of hostile) {
        const answer = await call(server.url, `/v1/journals/${journalA}/push`, { token: secret, headers: push, body });
        expect(answer.status, what).toBe(400);
        expect(errorAnswerSchema.parse(asJson(answer)).error.code, what).toBe('BadInput');
      }
      expect(await server.storage.vector(journalA)).toEqual({});
      await expectStillServing(server, secret);
    });

    it('a push whose content-encoding lies, or names one the server does not read, is 400 BadInput', async () => {
      const server = await start();
      const { secret } = await server.token(journalA);
      const body = pushBody(edits(laptop, 2));
      const to = `/v1/journals/${journalA}/push`;
      refusal(await call(server.url, to, { token: secret, headers: { ...push, 'content-encoding': 'br' }, body }), 400, 'BadInput');
      refusal(await call(server.url, to, { token: secret, headers: { ...push, 'content-encoding': 'gzip' }, body }), 400, 'BadInput');
      refusal(await call(server.url, to, { token: secret, headers: { ...push, 'content-encoding': 'br' }, body: brotliCompressSync(body).subarray(0, 20) }), 400, 'BadInput');
      refusal(await call(server.url, to, { token: secret, headers: { ...push, 'content-encoding': 'deflate' }, body }), 400, 'BadInput');
      refusal(await call(server.url, to, { token: secret, headers: { ...push, 'content-encoding': 'br, gzip' }, body: gzipSync(brotliCompressSync(body)) }), 400, 'BadInput');
      expect(await server.storage.vector(journalA)).toEqual({});
      await expectStillServing(server, secret);
    });

    it('a small brotli or gzip body that decompresses past limits.pushBytes is 413 TooLarge', async () => {
      const server = await start({ limits: { pushBytes: 64 * 1024 } });
      const { secret } = await server.token(journalA);
      expect(brotliBomb.length).toBeLessThan(1024);
      const to = `/v1/journals/${journalA}/push`;
      refusal(await call(server.url, to, { token: secret, headers: { ...push, 'content-encoding': 'br' }, body: brotliBomb }), 413, 'TooLarge');
      refusal(await call(server.url, to, { token: secret, headers: { ...push, 'content-encoding': 'gzip' }, body: gzipBomb }), 413, 'TooLarge');
      // A plain push over pushBytes (but under bodyBytes) is too large as well.
      refusal(await call(server.url, to, { token: secret, headers: push, body: pushBody(edits(laptop, 1, 70 * 1024)) }), 413, 'TooLarge');
      // Just under the limit once decompressed is fine.
      const fits = pushBody(edits(laptop, 2, 20 * 1024));
      expect(pushAnswer(await call(server.url, to, { token: secret, headers: { ...push, 'content-encoding': 'br' }, body: brotliCompressSync(fits) })).stored).toBe(2);
      await expectStillServing(server, secret);
    });

    it('a body over limits.bodyBytes is 413 TooLarge, for a push and for a sync', async () => {
      const server = await start({ limits: { bodyBytes: 16 * 1024 } });
      const { secret } = await server.token(journalA);
      refusal(await call(server.url, `/v1/journals/${journalA}/push`, { token: secret, headers: push, body: pushBody(edits(laptop, 1, 20 * 1024)) }), 413, 'TooLarge');
      refusal(await call(server.url, `/v1/journals/${journalA}/sync`, { token: secret, headers: json, body: syncBody({}, { padding: 'x'.repeat(20 * 1024) }) }), 413, 'TooLarge');
      expect(await server.storage.vector(journalA)).toEqual({});
      await expectStillServing(server, secret);
    });

    it('a wrong content type is a 4xx', async () => {
      const server = await start();
      const { secret } = await server.token(journalA);
      const body = syncBody();
      for (const type of ['application/xml', 'text/plain', mediaTypes.push, 'multipart/form-data; boundary=x']) {
        const answer = await call(server.url, `/v1/journals/${journalA}/sync`, { token: secret, headers: { 'content-type': type }, body });
        expect([400, 415], type).toContain(answer.status);
        errorAnswerSchema.parse(asJson(answer));
      }
      // A push sent as JSON (or as nothing in particular) is not a push.
      refusal(await call(server.url, `/v1/journals/${journalA}/push`, { token: secret, headers: json, body: '{"format":1}' }), 400, 'BadInput');
      const untyped = await call(server.url, `/v1/journals/${journalA}/push`, { token: secret, body: pushBody(edits(laptop, 1)) });
      expect([400, 415]).toContain(untyped.status);
      errorAnswerSchema.parse(asJson(untyped));
      expect(await server.storage.vector(journalA)).toEqual({});
      await expectStillServing(server, secret);
    });

    it('an unknown path or method is 404 JSON NotFound', async () => {
      const server = await start();
      const { secret } = await server.token(journalA);
      refusal(await call(server.url, '/v2/journals', { token: secret }), 404, 'NotFound');
      refusal(await call(server.url, '/', {}), 404, 'NotFound');
      refusal(await call(server.url, `/v1/journals/${journalA}/sync`, { token: secret }), 404, 'NotFound');
      refusal(await call(server.url, `/v1/journals/${journalA}`, { token: secret, method: 'DELETE' }), 404, 'NotFound');
      await expectStillServing(server, secret);
    });

    it('bytes that are not HTTP get a 400 and the connection closed, and the server carries on', async () => {
      const server = await start();
      const { secret } = await server.token(journalA);
      const said = await rawCall(server.url, Buffer.from('\u0000\u00ff GARBAGE \r\n\r\n', 'latin1'));
      expect(said).toMatch(/^HTTP\/1\.1 400/);
      // Content-Length and Transfer-Encoding both (request smuggling): refused.
      const smuggled = await rawCall(
        server.url,
        Buffer.from(`POST /v1/journals/${journalA}/sync HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${secret}\r\nContent-Type: application/json\r\nContent-Length: 4\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n`),
      );
      expect(smuggled).toMatch(/^HTTP\/1\.1 400/);
      await expectStillServing(server, secret);
    });
  });

  describe('P9: rate limits', () => {
    it('a token flooding the server gets 429 RateLimited with retry-after, another token does not, and the first is admitted once time passes', async () => {
      let now = Date.UTC(2026, 10, 23, 12, 0, 0);
      const server = await start({ limits: { rateLimit: { perSecond: 1, burst: 3 } }, clock: () => now });
      const flood = await server.token(journalA);
      const calm = await server.token(journalA);
      for (let i = 0; i < 3; i++) expect((await call(server.url, '/v1/journals', { token: flood.secret })).status).toBe(200);
      const limited = await call(server.url, '/v1/journals', { token: flood.secret });
      refusal(limited, 429, 'RateLimited');
      expect(limited.headers['retry-after']).toBe('1');
      refusal(await call(server.url, `/v1/journals/${journalA}/sync`, { token: flood.secret, headers: json, body: syncBody() }), 429, 'RateLimited');

      expect((await call(server.url, '/v1/journals', { token: calm.secret })).status).toBe(200);

      now += 1000;
      expect((await call(server.url, '/v1/journals', { token: flood.secret })).status).toBe(200);
      refusal(await call(server.url, '/v1/journals', { token: flood.secret }), 429, 'RateLimited');
      // Health is not limited.
      expect((await call(server.url, '/v1/health')).status).toBe(200);
    });

    it('repeated wrong tokens from one address get 429 after authFailures.burst; a good token is still served', async () => {
      let now = Date.UTC(2026, 10, 23, 12, 0, 0);
      const server = await start({ limits: { authFailures: { perSecond: 1, burst: 3 } }, clock: () => now });
      const { secret } = await server.token(journalA);
      for (let i = 0; i < 3; i++) refusal(await call(server.url, '/v1/journals', i === 1 ? {} : { token: `ferry_guess${i}` }), 401, 'AuthRejected');
      const limited = await call(server.url, '/v1/journals', { token: 'ferry_guess3' });
      refusal(limited, 429, 'RateLimited');
      expect(Number(limited.headers['retry-after'])).toBeGreaterThanOrEqual(1);
      refusal(await call(server.url, `/v1/journals/${journalA}/push`, { headers: push, body: pushBody(edits(laptop, 1)) }), 429, 'RateLimited');
      expect((await call(server.url, '/v1/journals', { token: secret })).status).toBe(200);
      now += 1000;
      refusal(await call(server.url, '/v1/journals', { token: 'ferry_guess4' }), 401, 'AuthRejected');
      expect(await server.storage.vector(journalA)).toEqual({});
    });

    it('wrong tokens count against the address whatever body they bring', async () => {
      const server = await start({ limits: { authFailures: { perSecond: 1, burst: 3 } }, clock: () => 0 });
      const garbage = { token: 'ferry_guess', headers: push, body: randomBytes(64) };
      for (let i = 0; i < 3; i++) refusal(await call(server.url, `/v1/journals/${journalA}/push`, garbage), 401, 'AuthRejected');
      refusal(await call(server.url, `/v1/journals/${journalA}/push`, garbage), 429, 'RateLimited');
      refusal(await call(server.url, `/v1/journals/${journalA}/sync`, { token: 'ferry_guess', headers: json, body: '{' }), 429, 'RateLimited');
    });

    it('a token over its limit is turned away before its body is read', async () => {
      const server = await start({ limits: { rateLimit: { perSecond: 1, burst: 1 }, pushBytes: 64 * 1024 }, clock: () => 0 });
      const { secret } = await server.token(journalA);
      expect((await call(server.url, '/v1/journals', { token: secret })).status).toBe(200);
      const bomb = brotliBomb;
      refusal(await call(server.url, `/v1/journals/${journalA}/push`, { token: secret, headers: { ...push, 'content-encoding': 'br' }, body: bomb }), 429, 'RateLimited');
    });
  });

  describe('logging', () => {
    it('one line per request, with method, path, status, token id and bytes; a secret never appears', async () => {
      const server = await start();
      const { secret, tokenId } = await server.token(journalA);
      const body = pushBody(edits(laptop, 2));
      await call(server.url, '/v1/health');
      await call(server.url, '/v1/journals', { token: secret });
      await call(server.url, `/v1/journals/${journalA}/push`, { token: secret, headers: push, body });
      await call(server.url, '/v1/journals', { token: `${secret}x` });
      await call(server.url, `/v1/journals/${journalA}/sync?token=${secret}`, { token: secret, headers: json, body: syncBody() });
      await call(server.url, `/v1/journals/${journalB}/sync`, { token: secret, headers: json, body: syncBody() });
      await call(server.url, '/nowhere');
      await call(server.url, '/v1/journals/%zz/sync', { token: secret, headers: json, body: syncBody() });
      // A browser's EventSource cannot send headers, so a client might put its secret in the query.
      const events = await listen(server.url, journalA, secret, `?token=${secret}`);
      await within(events.next(), 2000, 'the first notice');
      events.close();

      await vi.waitFor(() => expect(server.logs).toHaveLength(9));
      expect(server.logs.map(({ method, path, status, token }) => ({ method, path, status, token }))).toEqual([
        { method: 'GET', path: '/v1/health', status: 200, token: null },
        { method: 'GET', path: '/v1/journals', status: 200, token: tokenId },
        { method: 'POST', path: `/v1/journals/${journalA}/push`, status: 200, token: tokenId },
        { method: 'GET', path: '/v1/journals', status: 401, token: null },
        { method: 'POST', path: `/v1/journals/${journalA}/sync`, status: 200, token: tokenId },
        { method: 'POST', path: `/v1/journals/${journalB}/sync`, status: 403, token: tokenId },
        { method: 'GET', path: '/nowhere', status: 404, token: null },
        { method: 'POST', path: '/v1/journals/%zz/sync', status: 400, token: null },
        { method: 'GET', path: `/v1/journals/${journalA}/events`, status: 200, token: tokenId },
      ]);
      expect(server.logs[2]).toMatchObject({ bytesIn: body.length, bytesOut: expect.any(Number) });
      expect(server.logs[2]!.bytesOut).toBeGreaterThan(0);
      expect(server.logs[3]!.error).toBe('AuthRejected');
      expect(server.logs[5]!.error).toBe('Forbidden');
      for (const entry of server.logs) {
        expect(entry.time).toMatch(/^\d{4}-\d\d-\d\dT/);
        expect(entry.ms).toBeGreaterThanOrEqual(0);
      }
      expect(JSON.stringify(server.logs)).not.toContain(secret);
      expect(JSON.stringify(server.logs)).not.toContain(secret.slice('ferry_'.length));
    });
  });

  describe('P8: the events channel', () => {
    it('tells a connected client the current vector at once, and again whenever a push moves the journal; closing the server ends the stream', async () => {
      const server = await start();
      await server.seed(journalA, edits(laptop, 1));
      const { secret, tokenId } = await server.token(journalA);
      const events = await listen(server.url, journalA, secret);
      expect(events.status).toBe(200);
      expect(events.headers['content-type']).toMatch(/^text\/event-stream/);
      expect(await within(events.next(), 2000, 'the first notice')).toEqual({ journalId: journalA, vector: { [laptop]: 1 } });

      // Another device pushes; this client hears of it.
      const phoneEdits = edits(phone, 2);
      pushAnswer(await call(server.url, `/v1/journals/${journalA}/push`, { token: secret, headers: push, body: pushBody(phoneEdits, { replica: { replicaId: phone, deviceName: 'phone', vector: {} } }) }));
      expect(await within(events.next(), 2000, 'the notice of the push')).toEqual({ journalId: journalA, vector: { [laptop]: 1, [phone]: 2 } });

      // A push that brings nothing new moves nothing, so no notice; a push to another journal is not told here.
      pushAnswer(await call(server.url, `/v1/journals/${journalA}/push`, { token: secret, headers: push, body: pushBody(phoneEdits) }));
      await server.seed(journalB, edits(laptop, 1));
      pushAnswer(await call(server.url, `/v1/journals/${journalA}/push`, { token: secret, headers: push, body: pushBody(edits(phone, 1, 20, phoneEdits[1], 3)) }));
      expect(await within(events.next(), 2000, 'the notice of the third push')).toEqual({ journalId: journalA, vector: { [laptop]: 1, [phone]: 3 } });

      const began = Date.now();
      await within(server.running.close(), 2000, 'close()');
      expect(Date.now() - began).toBeLessThan(1000);
      await within(events.ended, 1000, 'the end of the stream');
      const events2 = server.logs.filter((entry) => entry.path.endsWith('/events'));
      expect(events2.map(({ method, status, token }) => ({ method, status, token }))).toEqual([{ method: 'GET', status: 200, token: tokenId }]);
    });

    it('a notice on its way when the server closes does not bring the server down', async () => {
      const gate = latch();
      const asked = latch();
      let gated = false;
      const server = await start({ wrap: (storage) => holdAt(storage, 'vector', gate, asked, () => gated) });
      const { secret } = await server.token(journalA);
      const events = await listen(server.url, journalA, secret);
      await within(events.next(), 2000, 'the first notice');
      gated = true;
      pushAnswer(await call(server.url, `/v1/journals/${journalA}/push`, { token: secret, headers: push, body: pushBody(edits(laptop, 1)) }));
      await within(asked.promise, 2000, 'the notice asking for the vector');
      await within(server.running.close(), 2000, 'close()');
      await within(events.ended, 1000, 'the end of the stream');
      gate.open();
      // Let the notice try to go out on the ended stream.
      await new Promise((wait) => setTimeout(wait, 50));
    });

    it('a client that goes away is forgotten, and pushes carry on', async () => {
      const server = await start();
      const { secret } = await server.token(journalA);
      const events = await listen(server.url, journalA, secret);
      expect(await within(events.next(), 2000, 'the first notice')).toEqual({ journalId: journalA, vector: {} });
      events.close();
      await events.ended;
      pushAnswer(await call(server.url, `/v1/journals/${journalA}/push`, { token: secret, headers: push, body: pushBody(edits(laptop, 1)) }));
      const again = await listen(server.url, journalA, secret);
      expect(await within(again.next(), 2000, 'the first notice on reconnecting')).toEqual({ journalId: journalA, vector: { [laptop]: 1 } });
    });
  });

  describe('graceful close', () => {
    it('a request in flight when close() is called still completes; later requests are turned away', async () => {
      const gate = latch();
      const entered = latch();
      const server = await start({ wrap: (storage) => holdAt(storage, 'push', gate, entered) });
      const { secret } = await server.token(journalA);
      const inFlight = call(server.url, `/v1/journals/${journalA}/push`, { token: secret, headers: push, body: pushBody(edits(laptop, 2)) });
      await within(entered.promise, 2000, 'the push reaching the store');

      let closed = false;
      const closing = server.running.close().then((result) => {
        closed = true;
        return result;
      });
      await new Promise((wait) => setTimeout(wait, 50));
      expect(closed).toBe(false);
      gate.open();

      expect(pushAnswer(await within(inFlight, 2000, 'the push in flight'))).toEqual({ stored: 2, alreadyHeld: 0, vector: { [laptop]: 2 } });
      // Answered within the grace: nothing was cut.
      expect(await within(closing, 2000, 'close()')).toEqual({ cut: 0 });
      expect(await server.storage.vector(journalA)).toEqual({ [laptop]: 2 });
      await expect(call(server.url, '/v1/health')).rejects.toThrow(/ECONNREFUSED/);
    });

    it('a connection that sent nothing, or a push that stalls half-way, does not hold the close for a minute', async () => {
      const admitting = latch();
      const go = latch();
      go.open();
      const server = await start({ closeGraceMs: 200, wrap: (storage) => holdAt(storage, 'tokenByHash', go, admitting) });
      const { secret } = await server.token(journalA);
      const port = Number(new URL(server.url).port);
      const open = async () => {
        const connection = connect(port, '127.0.0.1');
        connection.on('error', () => undefined);
        await new Promise((resolve) => connection.once('connect', resolve));
        return { connection, ended: new Promise((resolve) => connection.once('close', resolve)) };
      };
      const spare = await open();
      const stalled = await open();
      stalled.connection.write(`POST /v1/journals/${journalA}/push HTTP/1.1\r\nhost: 127.0.0.1\r\nauthorization: Bearer ${secret}\r\ncontent-type: ${mediaTypes.push}\r\ncontent-length: 100000\r\n\r\nonly the start`);
      await within(admitting.promise, 2000, 'the push being admitted');
      // The spare one is cut at once; the stalled push after the grace, and close() says so.
      expect(await within(server.running.close(), 5000, 'close()')).toEqual({ cut: 1 });
      await within(Promise.all([spare.ended, stalled.ended]), 1000, 'both connections cut');
      expect(await server.storage.vector(journalA)).toEqual({});
    });
  });
});
