// The web host of the app (`ferry web`): the same contract as the Electron window, served to a
// browser on 127.0.0.1 — each call as `POST /api/call/NAME` or as a message `{id, call, args}`
// on the WebSocket at `/api/events` (answered `{id, answer}` on it), the events over that socket,
// and the built renderer as static files.
//
// Any web page the user visits can make the browser talk to 127.0.0.1, so nothing here trusts the
// browser by default. Each start makes a secret; the address it prints carries it once as `?key=`,
// which becomes an HttpOnly SameSite=Strict cookie every later request must carry. The Host header
// must name this port on 127.0.0.1 or localhost (a rebound DNS name is refused), anything but a
// plain read must come with this origin in its Origin header (another site's form or script is
// refused), and no CORS header is ever sent.

import { randomBytes, timingSafeEqual } from 'node:crypto';
import { existsSync } from 'node:fs';
import type { IncomingMessage, Server } from 'node:http';
import { join, resolve } from 'node:path';
import fastifyStatic from '@fastify/static';
import fastifyWebsocket, { type WebSocket } from '@fastify/websocket';
import Fastify, { type FastifyReply, type FastifyRequest } from 'fastify';
import { isCallName } from '../../shared/app-contract.js';
import { FerryError, type ErrorCode } from '../../shared/errors.js';
import { keepConnections } from '../http/closing-connections.js';
import { appContentSecurityPolicy } from './content-security.js';
import { serveCall, type AppBackend } from './serve-call.js';

export interface WebHostOptions {
  backend: AppBackend;
  /** 0 (default) picks a free port. */
  port?: number;
  /** The built renderer (index.html and assets), or null when it is not built: then `/` says how to build it. */
  rendererDir: string | null;
  /** One line per request or problem (optional). */
  log?: (line: string) => void;
  /**
   * The last page's events socket closed and no page opened one within `pagesGoneMs`: the pages
   * were closed, or their browser died without a last request (the app commits their drafts).
   */
  onPagesGone?: () => void;
}

export interface WebHost {
  /** Where to open the app: http://127.0.0.1:PORT/?key=SECRET (the key is turned into a cookie on first visit). */
  url: string;
  /** http://127.0.0.1:PORT */
  origin: string;
  port: number;
  /** The per-start secret. */
  secret: string;
  close(): Promise<void>;
}

/** Timings the host runs on; tests shorten them. */
export interface WebHostTiming {
  /** How often each events socket is pinged; one that has not answered the previous ping is dropped. */
  pingMs: number;
  /** How long `close()` waits for a socket to finish its closing handshake, and for requests under way to be answered, before cutting them. */
  closeGraceMs: number;
  /** How long after the last page leaves `onPagesGone` waits for one to come back (a reload). */
  pagesGoneMs: number;
}

const defaultTiming: WebHostTiming = { pingMs: 25_000, closeGraceMs: 1_000, pagesGoneMs: 5_000 };

/** Cookies are per host, not per port: each host's cookie is named for its port, so two `ferry web` on one machine do not log each other out. */
export function cookieNameFor(port: number): string {
  return `ferry_key_${port}`;
}
/** Notes can be large (the contract allows 16 Mi characters, up to 4 bytes each, escaped in JSON). */
const bodyLimit = 64 * 1024 * 1024;
/** What a page may send on the socket: a call as large as one POSTed (a long note's draft); a bigger message closes it. */
const socketPayloadLimit = bodyLimit;

/** A call sent on the socket, `{ id, call, args }`; anything else is ignored. */
function socketCall(text: string): { id: number; call: string; args: unknown } | null {
  let message: unknown;
  try {
    message = JSON.parse(text);
  } catch {
    return null;
  }
  if (typeof message !== 'object' || message === null) return null;
  const { id, call, args } = message as { id?: unknown; call?: unknown; args?: unknown };
  return Number.isSafeInteger(id) && typeof call === 'string' ? { id: id as number, call, args } : null;
}

const notBuiltPage = page('Ferry', "<p>The app's interface is not built yet: run <code>npm run build</code>, then reload this page.</p>");
const signInPage = page(
  'Ferry: open the printed address',
  '<p>This page needs the key in the address <code>ferry web</code> printed when it started. Open that address again; if <code>ferry web</code> was restarted since, use the new one it printed.</p>',
);

/** What requests are checked against, known once the server listens (port 0 picks the port). */
interface Site {
  port: number;
  hosts: ReadonlySet<string>;
  origins: ReadonlySet<string>;
  headers: Readonly<Record<string, string>>;
}

export async function startWebHost(options: WebHostOptions, timing: WebHostTiming = defaultTiming): Promise<WebHost> {
  const secret = randomBytes(32).toString('base64url');
  const secretBytes = Buffer.from(secret, 'utf8');
  const log = options.log ?? (() => undefined);
  const rendererDir = options.rendererDir === null ? null : resolve(options.rendererDir);
  /** Each open events socket, with what lets go of its subscription and its ping timer. */
  const sockets = new Map<WebSocket, () => void>();
  const upgradeStarts = new WeakMap<IncomingMessage, number>();
  let closing: Promise<void> | null = null;
  /** Runs onPagesGone once no page has come back for a while. */
  let pagesGone: NodeJS.Timeout | null = null;
  const stopPagesGone = () => {
    if (pagesGone !== null) clearTimeout(pagesGone);
    pagesGone = null;
  };
  const lastPageLeft = () => {
    if (options.onPagesGone === undefined || closing !== null || sockets.size > 0) return;
    stopPagesGone();
    // A page that opens its socket, or the host closing, clears the timer (openEvents, close).
    pagesGone = setTimeout(() => {
      pagesGone = null;
      try {
        options.onPagesGone?.();
      } catch (error) {
        log(`problem: after the last page left: ${error instanceof Error ? error.message : String(error)}`);
      }
    }, timing.pagesGoneMs);
    pagesGone.unref();
  };

  const app = Fastify({
    logger: false,
    bodyLimit,
    return503OnClosing: true,
    forceCloseConnections: 'idle',
    // A path the router cannot read (a bad %-escape): no hook runs for these, so the headers and
    // the log line are written here.
    frameworkErrors: (_error, request, reply) => {
      void (reply as FastifyReply).headers(site().headers).header('cache-control', 'no-store').code(400).type('application/json').send(failure('BadInput', 'The request path is malformed.'));
      log(`${request.method} ${pathOf(request.url)} 400 0ms`);
    },
  });

  let known: Site | null = null;
  function site(): Site {
    known ??= siteFor(portOf(app.server));
    return known;
  }

  function hasSecret(given: string | null | undefined): boolean {
    if (given === null || given === undefined) return false;
    const bytes = Buffer.from(given, 'utf8');
    return bytes.length === secretBytes.length && timingSafeEqual(bytes, secretBytes);
  }

  await app.register(fastifyWebsocket, {
    options: { maxPayload: socketPayloadLimit },
    preClose: async () => {
      await closeSockets([...sockets.keys()], timing.closeGraceMs);
      app.websocketServer.close();
    },
  });
  if (rendererDir !== null) {
    await app.register(fastifyStatic, { root: rendererDir, wildcard: true, allowedPath: (path) => !isApiPath(path) });
  }

  // A call's arguments are JSON; an empty body means no arguments. Only JSON is read, so a form or
  // a text/plain body (what a cross-site page can send without a preflight) is refused.
  const parseJson = app.getDefaultJsonParser('error', 'error') as (request: FastifyRequest, body: string, done: (error: Error | null, value?: unknown) => void) => void;
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    if ((body as string).trim() === '') {
      done(null, {});
      return;
    }
    parseJson(request, body as string, (error, value) => {
      if (error === null) done(null, value);
      else done(new FerryError('BadInput', "The call's arguments are not valid JSON: send one JSON object, or an empty body for none."));
    });
  });

  app.addHook('onRequest', async (request, reply) => {
    const here = site();
    const path = pathOf(request.url);
    const api = isApiPath(path);
    void reply.headers(here.headers);
    if (request.ws) upgradeStarts.set(request.raw, performance.now());
    if (api) void reply.header('cache-control', 'no-store');

    if (!here.hosts.has((request.headers.host ?? '').toLowerCase())) {
      return reply.code(421).type('text/plain; charset=utf-8').send(`This server only answers to 127.0.0.1:${here.port} or localhost:${here.port}; open the address ferry web printed.\n`);
    }
    if (needsOrigin(request) && !here.origins.has(request.headers.origin ?? '')) {
      return reply.code(403).type('application/json').send(failure('Forbidden', `Only pages served from http://127.0.0.1:${here.port} may send this request; it came without that Origin.`));
    }
    const key = keyOf(request.url);
    if (key !== null && !api && isRead(request.method)) {
      if (!hasSecret(key)) return refusePage(reply);
      // The key leaves the address bar (and the history) at once; the cookie carries it from now on.
      return reply
        .code(303)
        .header('cache-control', 'no-store')
        .header('set-cookie', `${cookieNameFor(site().port)}=${secret}; HttpOnly; SameSite=Strict; Path=/`)
        .header('location', withoutKey(request.url))
        .send();
    }
    if (!cookieValues(request.headers.cookie, cookieNameFor(site().port)).some(hasSecret)) return api ? refuseCall(reply) : refusePage(reply);
    return undefined;
  });

  app.addHook('onResponse', async (request, reply) => {
    log(`${request.method} ${pathOf(request.url)} ${reply.statusCode} ${Math.round(reply.elapsedTime)}ms`);
  });

  app.setErrorHandler(async (error, request, reply) => {
    const { status, code, message } = describeError(error);
    if (status >= 500) log(`problem: ${request.method} ${pathOf(request.url)} failed: ${error instanceof Error ? error.message : String(error)}`);
    return reply.code(status).type('application/json').send(failure(code, message));
  });

  app.setNotFoundHandler(async (request, reply) => {
    const path = pathOf(request.url);
    if (isApiPath(path) || !isRead(request.method)) {
      return reply
        .code(404)
        .header('cache-control', 'no-store')
        .type('application/json')
        .send(failure('NotFound', `There is no ${request.method} ${path.slice(0, 200)} here: calls are POSTed to /api/call/NAME and events come over the WebSocket at /api/events.`));
    }
    // A single-page app: any other page path is the app, which reads the path itself.
    if (rendererDir !== null && existsSync(join(rendererDir, 'index.html'))) return reply.sendFile('index.html');
    return reply.code(200).header('cache-control', 'no-store').type('text/html; charset=utf-8').send(notBuiltPage);
  });

  app.post('/api/call/:name', async (request, reply) => {
    const { name } = request.params as { name: string };
    const answer = await serveCall(options.backend.handlers, name, request.body);
    return reply.code(isCallName(name) ? 200 : 404).send(answer);
  });

  app.route({
    method: ['GET', 'PUT', 'PATCH', 'DELETE'],
    url: '/api/call/:name',
    handler: async (request, reply) =>
      reply.code(405).header('allow', 'POST').type('application/json').send(failure('BadInput', `Calls are sent with POST, not ${request.method}.`)),
  });

  app.route({
    method: 'GET',
    url: '/api/events',
    handler: async (_request, reply) => reply.code(426).header('upgrade', 'websocket').type('application/json').send(failure('BadInput', 'The events are sent over a WebSocket: open ws://…/api/events.')),
    wsHandler: (socket, request) => {
      openEvents(socket);
      // The upgrade took the reply over, so onResponse does not log it.
      log(`GET ${pathOf(request.url)} 101 ${Math.round(performance.now() - (upgradeStarts.get(request.raw) ?? performance.now()))}ms`);
    },
  });

  /** Pushes every backend event to one socket until it closes, and pings it so a dead one is noticed. */
  function openEvents(socket: WebSocket): void {
    stopPagesGone();
    const unsubscribe = options.backend.subscribe((event, payload) => {
      if (socket.readyState !== socket.OPEN) return;
      try {
        socket.send(JSON.stringify({ event, payload }));
      } catch (error) {
        log(`problem: the ${event} event could not be sent: ${error instanceof Error ? error.message : String(error)}`);
      }
    });
    let answered = true;
    const pinger = setInterval(() => {
      if (!answered) {
        socket.terminate();
        return;
      }
      answered = false;
      socket.ping();
    }, timing.pingMs);
    pinger.unref();
    socket.on('pong', () => {
      answered = true;
    });
    let released = false;
    const release = () => {
      if (released) return;
      released = true;
      clearInterval(pinger);
      unsubscribe();
      sockets.delete(socket);
      lastPageLeft();
    };
    sockets.set(socket, release);
    socket.on('close', release);
    // Calls may come over the socket too, answered on it with their id: a message costs less than
    // an HTTP request, which search as you type feels, and a 1 MB draft costs the page a fifth of
    // what fetch() takes to send it. The socket was opened with this origin and the session's
    // cookie, like a POST.
    socket.on('message', (raw, isBinary) => {
      const bytes = Array.isArray(raw) ? Buffer.concat(raw) : Buffer.isBuffer(raw) ? raw : Buffer.from(new Uint8Array(raw));
      const message = isBinary ? null : socketCall(bytes.toString('utf8'));
      if (message === null) return;
      void serveCall(options.backend.handlers, message.call, message.args).then((answer) => {
        if (socket.readyState === socket.OPEN) socket.send(JSON.stringify({ id: message.id, answer }));
      });
    });
  }

  const connections = keepConnections(app.server);
  await app.listen({ host: '127.0.0.1', port: options.port ?? 0 });
  const { port } = site();
  const origin = `http://127.0.0.1:${port}`;
  return {
    url: `${origin}/?key=${secret}`,
    origin,
    port,
    secret,
    close() {
      closing ??= (async () => {
        stopPagesGone();
        const stopCutting = connections.cutWhileClosing(timing.closeGraceMs);
        try {
          await app.close();
        } finally {
          stopCutting();
        }
        // A socket whose 'close' had not fired yet still holds its subscription and timer.
        for (const release of [...sockets.values()]) release();
      })();
      return closing;
    },
  };
}

function siteFor(port: number): Site {
  const hosts = [`127.0.0.1:${port}`, `localhost:${port}`];
  const csp = appContentSecurityPolicy(hosts.map((host) => `ws://${host}`));
  return {
    port,
    hosts: new Set(hosts),
    origins: new Set(hosts.map((host) => `http://${host}`)),
    headers: {
      'content-security-policy': csp,
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'no-referrer',
      'cross-origin-opener-policy': 'same-origin',
      'cross-origin-resource-policy': 'same-origin',
      'x-frame-options': 'DENY',
    },
  };
}

function portOf(server: Server): number {
  const address = server.address();
  if (address === null || typeof address === 'string') throw new FerryError('Internal', 'The web host did not say which port it listens on.');
  return address.port;
}

/** Everything but a plain read changes something (and a WebSocket carries the user's notes): it must come from this origin. */
function needsOrigin(request: FastifyRequest): boolean {
  return !isRead(request.method) || request.headers.upgrade !== undefined;
}

function isRead(method: string): boolean {
  return method === 'GET' || method === 'HEAD';
}

function isApiPath(path: string): boolean {
  return path === '/api' || path.startsWith('/api/');
}

/** The path without the query, which may hold the key: the only form of a URL that is logged or echoed. */
function pathOf(url: string): string {
  const at = url.indexOf('?');
  return at === -1 ? url : url.slice(0, at);
}

function keyOf(url: string): string | null {
  const at = url.indexOf('?');
  return at === -1 ? null : new URLSearchParams(url.slice(at + 1)).get('key');
}

/** The same address without `key`; always a path on this host (a `//` path would leave it). */
function withoutKey(url: string): string {
  const at = url.indexOf('?');
  const query = new URLSearchParams(at === -1 ? '' : url.slice(at + 1));
  query.delete('key');
  const rest = query.toString();
  return `/${pathOf(url).replace(/^[/\\]+/u, '')}${rest === '' ? '' : `?${rest}`}`;
}

function cookieValues(header: string | undefined, name: string): string[] {
  if (header === undefined) return [];
  return header
    .split(';')
    .map((part) => part.trim())
    .filter((part) => part.startsWith(`${name}=`))
    .map((part) => part.slice(name.length + 1));
}

function refuseCall(reply: FastifyReply): FastifyReply {
  return reply
    .code(401)
    .header('cache-control', 'no-store')
    .type('application/json')
    .send(failure('AuthRejected', 'This request carries no valid key: open the address ferry web printed (it signs this browser in).'));
}

function refusePage(reply: FastifyReply): FastifyReply {
  return reply.code(401).header('cache-control', 'no-store').type('text/html; charset=utf-8').send(signInPage);
}

function failure(code: ErrorCode, message: string) {
  return { ok: false, error: { code, message } } as const;
}

function describeError(error: unknown): { status: number; code: ErrorCode; message: string } {
  if (error instanceof FerryError && error.code === 'BadInput') return { status: 400, code: error.code, message: error.message };
  const status = (error as { statusCode?: unknown }).statusCode;
  if (status === 413) return { status, code: 'TooLarge', message: `The call's arguments are larger than ${bodyLimit / 1024 / 1024} MiB; this note is too large to send.` };
  if (status === 415) return { status: 400, code: 'BadInput', message: 'Calls are sent as JSON: use the content type application/json.' };
  if (typeof status === 'number' && status >= 400 && status < 500) return { status, code: 'BadInput', message: 'The request is malformed.' };
  return { status: 500, code: 'Internal', message: 'The web host failed while answering; the details are in its log.' };
}

/** Asks each socket to close and waits for it, cutting the ones that do not finish in time. */
async function closeSockets(sockets: readonly WebSocket[], graceMs: number): Promise<void> {
  await Promise.all(
    sockets.map(
      (socket) =>
        new Promise<void>((done) => {
          if (socket.readyState === socket.CLOSED) {
            done();
            return;
          }
          const timer = setTimeout(() => socket.terminate(), graceMs);
          socket.once('close', () => {
            clearTimeout(timer);
            done();
          });
          socket.close(1001, 'Ferry web is shutting down.');
        }),
    ),
  );
}

function page(title: string, body: string): string {
  return `<!doctype html>\n<html lang="en"><head><meta charset="utf-8"><title>${title}</title></head><body>${body}</body></html>\n`;
}
