// The sync server over HTTP (docs/sync-protocol.md, P1–P10), on Fastify: routes that check
// their input with the protocol's zod schemas and call the SyncService, errors as JSON with a
// 4xx status for anything a client did wrong, a rate limit per token, a size limit per body, the
// events channel (server-sent events) and one structured log line per request.

import { promisify } from 'node:util';
import { brotliCompress, brotliDecompressSync, constants as zlib, gunzipSync } from 'node:zlib';
import Fastify, { type FastifyReply, type FastifyRequest } from 'fastify';
import type { ZodType } from 'zod';
import { grouped } from '../../shared/count.js';
import { FerryError, type ErrorCode } from '../../shared/errors.js';
import { journalIdSchema, mediaTypes, pushHeaderSchema, syncRequestSchema } from '../../shared/sync-protocol.js';
import { StreamFormatError } from '../stream/bytes.js';
import { decodeFramed, encodeFramed } from '../stream/framed.js';
import { keepConnections } from '../http/closing-connections.js';
import { RateLimiter, type RateLimit } from './rate-limit.js';
import { EventsChannel } from './events-channel.js';
import type { ServerStorage } from './storage.js';
import { defaultServiceLimits, SyncService, type Caller } from './sync-service.js';

const compress = promisify(brotliCompress);

export interface ServerLimits {
  /** Bytes a request body may have as sent (compressed or not). */
  bodyBytes: number;
  /** Bytes a push may have once decompressed. */
  pushBytes: number;
  /** Requests per token. */
  rateLimit: RateLimit;
  /** Requests with a missing or wrong token, per client address. */
  authFailures: RateLimit;
  pageBytes: number;
  pageCount: number;
}

export const defaultLimits: ServerLimits = {
  bodyBytes: 32 * 1024 * 1024,
  pushBytes: 64 * 1024 * 1024,
  rateLimit: { perSecond: 20, burst: 120 },
  authFailures: { perSecond: 1, burst: 30 },
  ...defaultServiceLimits,
};

/** One line per request, for `ferry serve` to print as JSON. */
export interface RequestLog {
  time: string;
  method: string;
  path: string;
  status: number;
  ms: number;
  token: string | null;
  bytesIn: number;
  bytesOut: number;
  error?: string;
}

export interface SyncServerOptions {
  storage: ServerStorage;
  limits?: Partial<ServerLimits>;
  clock?: () => number;
  log?: (entry: RequestLog) => void;
  /** Told of every failure that became a 5xx, with its stack (the client gets a sentence only). */
  logError?: (error: unknown) => void;
  /** How often an idle events channel gets a comment line, so dead connections are found. */
  heartbeatMs?: number;
  /** How long close() lets requests under way be answered before cutting their connections (pushes are idempotent: a client cut off sends again). */
  closeGraceMs?: number;
}

export interface RunningServer {
  url: string;
  /** Stops taking requests, ends event channels, waits for requests in flight (for closeGraceMs at most); leaves the storage open. */
  close(): Promise<ClosedServer>;
}

export interface ClosedServer {
  /** Connections cut after the grace with a request still under way (its client sends it again). */
  cut: number;
}

interface RequestFacts {
  tokenId: string | null;
  bytesOut: number;
  error?: string;
  /** Set by `admit`, before the body is read. */
  caller?: Caller;
  /** The route logged the request itself (an events stream, when it opens). */
  logged?: boolean;
}

const statusOf: Partial<Record<ErrorCode, number>> = {
  BadInput: 400,
  SyncFormat: 400,
  AuthRejected: 401,
  Forbidden: 403,
  NotFound: 404,
  InvalidVersion: 409,
  ReplicaForked: 409,
  TooLarge: 413,
  RateLimited: 429,
  JournalBusy: 503,
  DiskFull: 507,
};

/** Long enough for a page of a push on a slow link; short of what a supervisor waits before it kills. */
export const closeGraceMs = 5_000;

export function createSyncServer(options: SyncServerOptions) {
  const limits = { ...defaultLimits, ...options.limits };
  const clock = options.clock ?? Date.now;
  const service = new SyncService(options.storage, clock, { pageBytes: limits.pageBytes, pageCount: limits.pageCount });
  const perToken = new RateLimiter(limits.rateLimit, clock);
  const perAddress = new RateLimiter(limits.authFailures, clock);
  const facts = new WeakMap<FastifyRequest, RequestFacts>();
  const events = new EventsChannel(options.storage, options.heartbeatMs ?? 25_000);
  const log = options.log ?? (() => undefined);

  const app = Fastify({
    logger: false,
    bodyLimit: limits.bodyBytes,
    return503OnClosing: true,
    forceCloseConnections: 'idle',
    // A path the router cannot read (a bad %-escape, a parameter too long): the protocol's error shape, not
    // Fastify's, and a log line (no hook runs for these).
    frameworkErrors: (error, request, reply) => {
      const status = error.statusCode ?? 400;
      void (reply as FastifyReply).code(status).type('application/json').send({ error: { code: 'BadInput', message: 'The request path is malformed or too long.' } });
      log({
        time: new Date(clock()).toISOString(),
        method: request.method,
        path: request.url.split('?')[0]!,
        status,
        ms: 0,
        token: null,
        bytesIn: Number(request.headers['content-length'] ?? 0) || 0,
        bytesOut: 0,
        error: 'BadInput',
      });
    },
  });

  app.addContentTypeParser(mediaTypes.push, { parseAs: 'buffer', bodyLimit: limits.bodyBytes }, (request, body, done) => {
    try {
      done(null, decodeBody(body as Buffer, request.headers['content-encoding'], limits.pushBytes));
    } catch (error) {
      done(error as Error, undefined);
    }
  });

  app.addHook('onRequest', (request, _reply, done) => {
    facts.set(request, { tokenId: null, bytesOut: 0 });
    done();
  });
  app.addHook('onSend', async (request, _reply, payload) => {
    const fact = facts.get(request);
    if (fact !== undefined) fact.bytesOut = typeof payload === 'string' || Buffer.isBuffer(payload) ? Buffer.byteLength(payload) : 0;
    return payload;
  });
  app.addHook('onResponse', async (request, reply) => {
    const fact = facts.get(request);
    if (fact?.logged === true) return;
    log({
      time: new Date(clock()).toISOString(),
      method: request.method,
      path: request.url.split('?')[0]!,
      status: reply.statusCode,
      ms: Math.round(reply.elapsedTime * 10) / 10,
      token: fact?.tokenId ?? null,
      bytesIn: Number(request.headers['content-length'] ?? 0) || 0,
      bytesOut: fact?.bytesOut ?? 0,
      ...(fact?.error === undefined ? {} : { error: fact.error }),
    });
  });

  app.setErrorHandler(async (error, request, reply) => {
    const { status, code, message } = describeError(error);
    const fact = facts.get(request);
    if (fact !== undefined) fact.error = code;
    if (status >= 500) (options.logError ?? console.error)(error);
    if (status === 429 && error instanceof RetryAfter) void reply.header('retry-after', String(Math.ceil(error.ms / 1000)));
    return reply.code(status).type('application/json').send({ error: { code, message } });
  });
  app.setNotFoundHandler(async (request, reply) => {
    return reply.code(404).send({ error: { code: 'NotFound', message: `There is no ${request.method} ${request.url.split('?')[0]} on a Ferry sync server.` } });
  });

  /** Authenticates and admits a request before its body is read (a route's onRequest hook): 429 for floods, 401 for a bad token. */
  async function admit(request: FastifyRequest): Promise<void> {
    const address = `ip:${request.ip}`;
    let who: Caller;
    try {
      who = await service.authenticate(request.headers.authorization);
    } catch (error) {
      const admitted = perAddress.take(address);
      if (!admitted.ok) throw new RetryAfter(admitted.retryAfterMs, 'Too many requests with a wrong or missing token from this address.');
      throw error;
    }
    const fact = facts.get(request)!;
    fact.tokenId = who.tokenId;
    const admitted = perToken.take(who.tokenId);
    if (!admitted.ok) throw new RetryAfter(admitted.retryAfterMs, `Too many requests for this token; try again in ${Math.ceil(admitted.retryAfterMs / 1000)} s.`);
    fact.caller = who;
  }

  /** The caller `admit` let in. */
  function caller(request: FastifyRequest): Caller {
    return facts.get(request)!.caller!;
  }

  app.get('/v1/health', () => Promise.resolve({ ok: true, storage: options.storage.kind, format: 1 }));

  app.get('/v1/journals', { onRequest: admit }, async (request) => service.journals(caller(request)));

  app.post('/v1/journals/:journalId/sync', { onRequest: admit }, async (request, reply) => {
    const who = caller(request);
    const journalId = parse(journalIdSchema, (request.params as { journalId: string }).journalId, 'the journal id in the path');
    const body = parse(syncRequestSchema, request.body, 'the sync request');
    const page = await service.sync(who, journalId, body);
    return sendMaybeCompressed(request, reply, encodeFramed(page.header, page.envelopes), mediaTypes.page);
  });

  app.post('/v1/journals/:journalId/push', { onRequest: admit }, async (request) => {
    const who = caller(request);
    const journalId = parse(journalIdSchema, (request.params as { journalId: string }).journalId, 'the journal id in the path');
    if (!(request.body instanceof Uint8Array)) throw new FerryError('BadInput', `A push is sent as ${mediaTypes.push}.`);
    let framed: ReturnType<typeof decodeFramed>;
    try {
      framed = decodeFramed(request.body);
    } catch (error) {
      if (error instanceof StreamFormatError) throw new FerryError('BadInput', `The push is not well formed: ${error.message}.`);
      throw error;
    }
    const header = parse(pushHeaderSchema, framed.header, 'the push header');
    return service.push(who, journalId, header, framed.envelopes);
  });

  app.get('/v1/journals/:journalId/events', { onRequest: admit }, async (request, reply) => {
    const who = caller(request);
    const journalId = parse(journalIdSchema, (request.params as { journalId: string }).journalId, 'the journal id in the path');
    service.authorize(who, journalId);
    reply.hijack();
    await events.open(journalId, reply.raw, request.raw);
    // Logged once, as the stream opens (onResponse would log it again when the server ends it).
    facts.get(request)!.logged = true;
    log({
      time: new Date(clock()).toISOString(),
      method: request.method,
      path: request.url.split('?')[0]!,
      status: 200,
      ms: Math.round(reply.elapsedTime),
      token: who.tokenId,
      bytesIn: 0,
      bytesOut: 0,
    });
  });

  app.addHook('preClose', (done) => {
    events.closeAll();
    done();
  });

  const connections = keepConnections(app.server);

  return {
    app,
    async listen(host: string, port: number): Promise<RunningServer> {
      await app.listen({ host, port });
      const address = app.server.address();
      if (address === null || typeof address === 'string') throw new FerryError('Internal', 'The server did not say which port it listens on.');
      const shownHost = host.includes(':') ? `[${host}]` : host;
      return {
        url: `http://${shownHost}:${address.port}`,
        async close() {
          const stopCutting = connections.cutWhileClosing(options.closeGraceMs ?? closeGraceMs);
          let cut: number;
          try {
            await app.close();
          } finally {
            cut = stopCutting();
          }
          events.stop();
          return { cut };
        },
      };
    },
  };
}

/** A 429 that says when to come back. */
class RetryAfter extends FerryError {
  constructor(
    readonly ms: number,
    message: string,
  ) {
    super('RateLimited', message);
  }
}

function parse<T>(schema: ZodType<T>, value: unknown, what: string): T {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  const where = issue.path.length === 0 ? '' : ` at ${issue.path.join('.')}`;
  throw new FerryError('BadInput', `${capitalise(what)} is not valid${where}: ${issue.message}.`);
}

function decodeBody(body: Buffer, encoding: string | undefined, maxBytes: number): Buffer {
  const tooLarge = () => new FerryError('TooLarge', `The push is larger than ${grouped(maxBytes)} bytes once decompressed; send it in smaller parts.`);
  try {
    if (encoding === undefined || encoding === 'identity') {
      if (body.length > maxBytes) throw tooLarge();
      return body;
    }
    if (encoding === 'br') return brotliDecompressSync(body, { maxOutputLength: maxBytes });
    if (encoding === 'gzip') return gunzipSync(body, { maxOutputLength: maxBytes });
  } catch (error) {
    if (error instanceof FerryError) throw error;
    if ((error as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') throw tooLarge();
    throw new FerryError('BadInput', `The push says it is ${encoding}-compressed, but it does not decompress.`);
  }
  throw new FerryError('BadInput', `This server does not read ${encoding}-compressed bodies; send br, gzip or none.`);
}

async function sendMaybeCompressed(request: FastifyRequest, reply: FastifyReply, body: Buffer, type: string): Promise<Buffer> {
  void reply.type(type).header('cache-control', 'no-store');
  if (body.length < 1024 || !/\bbr\b/.test(request.headers['accept-encoding'] ?? '')) return body;
  void reply.header('content-encoding', 'br').header('vary', 'accept-encoding');
  return compress(body, {
    params: { [zlib.BROTLI_PARAM_QUALITY]: 5, [zlib.BROTLI_PARAM_LGWIN]: 24, [zlib.BROTLI_PARAM_SIZE_HINT]: body.length },
  });
}

function describeError(error: unknown): { status: number; code: string; message: string } {
  if (error instanceof FerryError) {
    const status = statusOf[error.code];
    if (status !== undefined) return { status, code: error.code, message: error.message };
    return { status: 500, code: error.code, message: error.message };
  }
  const fastifyError = error as { statusCode?: number; code?: string; message?: string };
  const status = fastifyError.statusCode;
  if (typeof status === 'number' && status >= 400 && status < 500) {
    if (status === 413) return { status, code: 'TooLarge', message: 'The request body is larger than this server accepts; send it in smaller parts.' };
    if (status === 415) return { status, code: 'BadInput', message: `The server does not read that content type: send JSON to /sync and ${mediaTypes.push} to /push.` };
    return { status, code: 'BadInput', message: `The request is malformed: ${fastifyError.message ?? 'unreadable'}.` };
  }
  return { status: 500, code: 'Internal', message: 'The server failed while answering; it has logged the error.' };
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
