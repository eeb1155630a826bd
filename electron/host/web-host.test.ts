// The web host (`ferry web`) over real HTTP and WebSockets on 127.0.0.1, with a fake backend that
// records the calls it gets and pushes events when a test says so. Requests are made with node:http
// so a test can send exactly the headers a browser would — or a hostile page, or a rebound DNS
// name. Every host, socket and folder a test opens is closed when it ends.

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import http, { type IncomingHttpHeaders } from 'node:http';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import WebSocket from 'ws';
import { callNames, type EventName, type EventPayload } from '../../shared/app-contract.js';
import type { AppBackend, CallHandlers, EventListener } from './serve-call.js';
import { cookieNameFor, startWebHost, type WebHost, type WebHostOptions, type WebHostTiming } from './web-host.js';

// ——— A fake backend ———

interface FakeBackend {
  backend: AppBackend;
  calls: { name: string; args: unknown }[];
  emit<N extends EventName>(name: N, payload: EventPayload<N>): void;
  listeners(): number;
  unsubscribed(): number;
}

function fakeBackend(): FakeBackend {
  const calls: { name: string; args: unknown }[] = [];
  const listeners = new Set<EventListener>();
  let unsubscribed = 0;
  const handlers = Object.fromEntries(
    callNames.map((name) => [
      name,
      (args: unknown) => {
        calls.push({ name, args });
        return { echoed: name };
      },
    ]),
  ) as unknown as CallHandlers;
  return {
    backend: {
      handlers,
      subscribe(listener) {
        listeners.add(listener);
        return () => {
          listeners.delete(listener);
          unsubscribed++;
        };
      },
    },
    calls,
    emit(name, payload) {
      for (const listener of listeners) listener(name, payload);
    },
    listeners: () => listeners.size,
    unsubscribed: () => unsubscribed,
  };
}

// ——— Hosts, folders and sockets, closed after each test ———

const hosts: WebHost[] = [];
const folders: string[] = [];
const sockets: WebSocket[] = [];

afterEach(async () => {
  for (const socket of sockets.splice(0)) socket.terminate();
  await Promise.all(hosts.splice(0).map((host) => host.close()));
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

async function start(options: Partial<WebHostOptions> = {}, timing?: WebHostTiming): Promise<{ host: WebHost; fake: FakeBackend }> {
  const fake = fakeBackend();
  const host = await startWebHost({ backend: fake.backend, rendererDir: null, ...options }, timing);
  hosts.push(host);
  return { host, fake };
}

function builtRenderer(): string {
  const folder = mkdtempSync(join(tmpdir(), 'ferry-web-host-'));
  folders.push(folder);
  writeFileSync(join(folder, 'index.html'), '<!doctype html><title>Ferry</title><div id="app">the app</div>');
  writeFileSync(join(folder, 'app.js'), 'console.log("the app");');
  return folder;
}

// ——— A client ———

interface Answer {
  status: number;
  headers: IncomingHttpHeaders;
  text: string;
}

interface Send {
  method?: string;
  /** Defaults to the host's own 127.0.0.1:PORT, as a browser would send it. */
  hostHeader?: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
}

/** One request on a connection of its own, so nothing stays open after the answer. */
function send(host: WebHost, path: string, options: Send = {}): Promise<Answer> {
  const body = typeof options.body === 'string' ? Buffer.from(options.body, 'utf8') : options.body;
  const headers: Record<string, string> = { host: options.hostHeader ?? `127.0.0.1:${host.port}`, ...options.headers };
  if (body !== undefined) headers['content-length'] = String(body.length);
  return new Promise<Answer>((resolve, reject) => {
    const request = http.request({ host: '127.0.0.1', port: host.port, path, method: options.method ?? (body === undefined ? 'GET' : 'POST'), headers, agent: false });
    request.on('error', reject);
    request.on('response', (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('error', reject);
      response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, text: Buffer.concat(chunks).toString('utf8') }));
    });
    request.end(body);
  });
}

function cookieOf(host: WebHost): string {
  return `${cookieNameFor(host.port)}=${host.secret}`;
}

/** What a page of the app itself sends: its cookie, and its origin on anything but a read. */
function asTheApp(host: WebHost, extra: Record<string, string> = {}): Record<string, string> {
  return { cookie: cookieOf(host), origin: host.origin, ...extra };
}

/** A call as the app's page makes it. */
async function callApp(host: WebHost, name: string, args: unknown = {}): Promise<Answer> {
  return send(host, `/api/call/${name}`, { body: JSON.stringify(args), headers: asTheApp(host, { 'content-type': 'application/json' }) });
}

function json(answer: Answer): unknown {
  expect(answer.headers['content-type']).toMatch(/^application\/json/u);
  return JSON.parse(answer.text);
}

/** Opens the events socket; resolves with the socket once open, or with the status the upgrade was refused with. */
function openSocket(host: WebHost, headers: Record<string, string>): Promise<{ socket: WebSocket } | { refused: number }> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(`ws://127.0.0.1:${host.port}/api/events`, { headers });
    sockets.push(socket);
    socket.once('open', () => resolve({ socket }));
    socket.once('unexpected-response', (_request, response) => {
      resolve({ refused: response.statusCode ?? 0 });
      socket.terminate();
    });
    socket.once('error', reject);
  });
}

async function openedSocket(host: WebHost, headers: Record<string, string>): Promise<WebSocket> {
  const opened = await openSocket(host, headers);
  if (!('socket' in opened)) throw new Error(`The events socket was refused with ${opened.refused}.`);
  return opened.socket;
}

function nextMessage(socket: WebSocket): Promise<unknown> {
  return new Promise((resolve) => socket.once('message', (data: Buffer) => resolve(JSON.parse(data.toString('utf8')))));
}

function closed(socket: WebSocket): Promise<{ code: number; reason: string }> {
  return new Promise((resolve) => socket.once('close', (code: number, reason: Buffer) => resolve({ code, reason: reason.toString('utf8') })));
}

// ——— Signing in ———

describe('signing in with the printed address', () => {
  it('opening the printed URL sets an HttpOnly SameSite=Strict cookie and redirects to / without the key', async () => {
    const { host } = await start();
    expect(host.url).toBe(`http://127.0.0.1:${host.port}/?key=${host.secret}`);
    expect(Buffer.from(host.secret, 'base64url')).toHaveLength(32);

    const answer = await send(host, `/?key=${host.secret}`);
    expect(answer.status).toBe(303);
    expect(answer.headers.location).toBe('/');
    expect(answer.headers['set-cookie']).toEqual([`ferry_key_${host.port}=${host.secret}; HttpOnly; SameSite=Strict; Path=/`]);
  });

  it('a key on a deeper page path keeps the path and the rest of the query, and never redirects off this host', async () => {
    const { host } = await start();
    expect((await send(host, `/notes/abc?tab=history&key=${host.secret}`)).headers.location).toBe('/notes/abc?tab=history');
    expect((await send(host, `//evil.example/?key=${host.secret}`)).headers.location).toBe('/evil.example/');
  });

  it('each start has its own secret', async () => {
    const { host: first } = await start();
    const { host: second } = await start();
    expect(first.secret).not.toBe(second.secret);
    expect((await send(second, '/', { headers: { cookie: cookieOf(first) } })).status).toBe(401);
  });

  it('two hosts on one machine each keep their own cookie (cookies ignore ports), so both pages stay signed in', async () => {
    const { host: first } = await start();
    const { host: second } = await start();
    const both = `${cookieOf(first)}; ${cookieOf(second)}`;
    expect((await send(first, '/', { headers: { cookie: both } })).status).toBe(200);
    expect((await send(second, '/', { headers: { cookie: both } })).status).toBe(200);
  });

  it('with the cookie, / says how to build the interface when it is not built', async () => {
    const { host } = await start();
    const answer = await send(host, '/', { headers: { cookie: cookieOf(host) } });
    expect(answer.status).toBe(200);
    expect(answer.headers['content-type']).toMatch(/^text\/html/u);
    expect(answer.text).toContain('npm run build');
  });

  it('with a built renderer, / is its index.html, its assets are served, and any other page path is the app too', async () => {
    const { host } = await start({ rendererDir: builtRenderer() });
    const headers = { cookie: cookieOf(host) };

    const index = await send(host, '/', { headers });
    expect(index.status).toBe(200);
    expect(index.text).toContain('the app');

    const script = await send(host, '/app.js', { headers });
    expect(script.status).toBe(200);
    expect(script.headers['content-type']).toMatch(/javascript/u);
    expect(script.text).toBe('console.log("the app");');

    const deep = await send(host, '/notes/0123abcd/history', { headers });
    expect(deep.status).toBe(200);
    expect(deep.text).toContain('the app');

    // An unknown API path is not the app: it is a JSON 404.
    const api = await send(host, '/api/nothing', { headers });
    expect(api.status).toBe(404);
    expect(json(api)).toMatchObject({ ok: false, error: { code: 'NotFound' } });
  });

  it('the renderer files are served only after signing in', async () => {
    const { host } = await start({ rendererDir: builtRenderer() });
    for (const path of ['/', '/index.html', '/app.js', '/notes/abc']) {
      const answer = await send(host, path);
      expect(answer.status, path).toBe(401);
      expect(answer.text, path).not.toContain('the app');
    }
  });
});

describe('requests without the key are refused', () => {
  it('a page without the cookie gets a 401 page saying to open the printed address', async () => {
    const { host } = await start();
    const answer = await send(host, '/');
    expect(answer.status).toBe(401);
    expect(answer.headers['content-type']).toMatch(/^text\/html/u);
    expect(answer.text).toContain('ferry web');
  });

  it('an API call without the cookie gets a 401 AuthRejected and reaches no handler', async () => {
    const { host, fake } = await start();
    const answer = await send(host, '/api/call/listNotes', { body: '{}', headers: { origin: host.origin, 'content-type': 'application/json' } });
    expect(answer.status).toBe(401);
    expect(json(answer)).toMatchObject({ ok: false, error: { code: 'AuthRejected', message: expect.stringContaining('ferry web') } });
    expect(fake.calls).toEqual([]);
  });

  it('a wrong key or a wrong cookie is refused, and a wrong key sets no cookie', async () => {
    const { host } = await start();
    const wrong = 'A'.repeat(host.secret.length);
    for (const path of [`/?key=${wrong}`, '/?key=short', '/?key=']) {
      const answer = await send(host, path);
      expect(answer.status, path).toBe(401);
      expect(answer.headers['set-cookie'], path).toBeUndefined();
    }
    expect((await send(host, '/', { headers: { cookie: `${cookieNameFor(host.port)}=${wrong}` } })).status).toBe(401);
    expect((await send(host, '/', { headers: { cookie: `other=${host.secret}` } })).status).toBe(401);
  });

  it('the cookie is found among others', async () => {
    const { host } = await start();
    expect((await send(host, '/', { headers: { cookie: `theme=dark; ${cookieOf(host)}; lang=en` } })).status).toBe(200);
  });
});

// ——— DNS rebinding and cross-site requests ———

describe('only this host on this port, and only from this origin', () => {
  it('a request naming another host is refused with 421, even with the right cookie (DNS rebinding)', async () => {
    const { host, fake } = await start();
    for (const hostHeader of [`evil.example:${host.port}`, '127.0.0.1', `127.0.0.1:${host.port + 1}`, `localhost.evil.example:${host.port}`]) {
      const page = await send(host, '/', { hostHeader, headers: { cookie: cookieOf(host) } });
      expect(page.status, hostHeader).toBe(421);
      const call = await send(host, '/api/call/listNotes', { hostHeader, body: '{}', headers: asTheApp(host, { 'content-type': 'application/json' }) });
      expect(call.status, hostHeader).toBe(421);
    }
    // Checked before the key: a rebound page cannot even get the cookie set.
    const signIn = await send(host, `/?key=${host.secret}`, { hostHeader: `evil.example:${host.port}` });
    expect(signIn.status).toBe(421);
    expect(signIn.headers['set-cookie']).toBeUndefined();
    expect(fake.calls).toEqual([]);
  });

  it('localhost:PORT is this host too', async () => {
    const { host } = await start();
    expect((await send(host, '/', { hostHeader: `localhost:${host.port}`, headers: { cookie: cookieOf(host) } })).status).toBe(200);
  });

  it('a POST without an Origin, or from another site, is refused with 403 before it reaches a handler', async () => {
    const { host, fake } = await start();
    const base: Record<string, string> = { cookie: cookieOf(host), 'content-type': 'application/json' };
    for (const headers of [base, { ...base, origin: 'https://evil.example' }, { ...base, origin: `http://127.0.0.1:${host.port + 1}` }, { ...base, origin: 'null' }]) {
      const answer = await send(host, '/api/call/listNotes', { body: '{}', headers });
      expect(answer.status, headers.origin ?? 'no origin').toBe(403);
      expect(json(answer)).toMatchObject({ ok: false, error: { code: 'Forbidden' } });
    }
    expect(fake.calls).toEqual([]);
  });

  it('a POST from the app itself, with its Origin and cookie, reaches the handler', async () => {
    const { host, fake } = await start();
    const answer = await callApp(host, 'listNotes', { tag: 'work' });
    expect(answer.status).toBe(200);
    expect(json(answer)).toEqual({ ok: true, value: { echoed: 'listNotes' } });
    expect(fake.calls).toEqual([{ name: 'listNotes', args: { tag: 'work' } }]);

    const fromLocalhost = await send(host, '/api/call/listTags', {
      hostHeader: `localhost:${host.port}`,
      body: '{}',
      headers: { cookie: cookieOf(host), origin: `http://localhost:${host.port}`, 'content-type': 'application/json' },
    });
    expect(json(fromLocalhost)).toEqual({ ok: true, value: { echoed: 'listTags' } });
  });

  it('a CORS preflight is refused and nothing ever carries an Access-Control header', async () => {
    const { host } = await start();
    const preflight = await send(host, '/api/call/listNotes', {
      method: 'OPTIONS',
      headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' },
    });
    expect([403, 404]).toContain(preflight.status);
    const own = await send(host, '/api/call/listNotes', { method: 'OPTIONS', headers: asTheApp(host) });
    expect([403, 404]).toContain(own.status);
    for (const answer of [preflight, own]) expect(Object.keys(answer.headers).filter((name) => name.startsWith('access-control-'))).toEqual([]);
  });
});

// ——— Calls ———

describe('calls over POST /api/call/NAME', () => {
  it('every call of the contract is served (none is "no call named")', async () => {
    const { host } = await start();
    for (const name of callNames) {
      const answer = await callApp(host, name, {});
      const body = json(answer) as { ok: boolean; error?: { code: string; message: string } };
      expect(answer.status, name).toBe(200);
      if (!body.ok) {
        // Calls whose arguments are required refuse `{}`, with the contract's words, not "no call named".
        expect(body.error?.code, name).toBe('BadInput');
        expect(body.error?.message, name).not.toContain('no call named');
      }
    }
  });

  it('arguments are checked against the contract before a handler runs', async () => {
    const { host, fake } = await start();
    const answer = await callApp(host, 'getNote', { noteId: 'not hex!' });
    expect(answer.status).toBe(200);
    expect(json(answer)).toMatchObject({ ok: false, error: { code: 'BadInput', message: expect.stringContaining('noteId') } });

    const extra = await callApp(host, 'getNote', { noteId: 'abcd', sneaky: true });
    expect(json(extra)).toMatchObject({ ok: false, error: { code: 'BadInput' } });
    expect(fake.calls).toEqual([]);

    expect(json(await callApp(host, 'getNote', { noteId: 'abcd' }))).toEqual({ ok: true, value: { echoed: 'getNote' } });
    expect(fake.calls).toEqual([{ name: 'getNote', args: { noteId: 'abcd' } }]);
  });

  it('an empty body means no arguments', async () => {
    const { host, fake } = await start();
    for (const headers of [asTheApp(host), asTheApp(host, { 'content-type': 'application/json' })]) {
      const answer = await send(host, '/api/call/listTags', { method: 'POST', headers });
      expect(json(answer)).toEqual({ ok: true, value: { echoed: 'listTags' } });
    }
    expect(fake.calls).toEqual([
      { name: 'listTags', args: {} },
      { name: 'listTags', args: {} },
    ]);
  });

  it('a body that is not JSON, or not sent as JSON, is a 400 BadInput with a sentence and no stack', async () => {
    const { host, fake } = await start();
    const cases: Send[] = [
      { body: '{"noteId": ', headers: asTheApp(host, { 'content-type': 'application/json' }) },
      { body: '{"__proto__": {"polluted": true}}', headers: asTheApp(host, { 'content-type': 'application/json' }) },
      { body: '{}', headers: asTheApp(host, { 'content-type': 'text/plain' }) },
      { body: 'noteId=abcd', headers: asTheApp(host, { 'content-type': 'application/x-www-form-urlencoded' }) },
      { body: '{}', headers: asTheApp(host) },
    ];
    for (const request of cases) {
      const answer = await send(host, '/api/call/getNote', request);
      expect(answer.status, answer.text).toBe(400);
      const body = json(answer) as { ok: boolean; error: { code: string; message: string } };
      expect(body).toMatchObject({ ok: false, error: { code: 'BadInput' } });
      expect(body.error.message).not.toMatch(/\n\s+at /u);
    }
    expect(fake.calls).toEqual([]);
  });

  it('an unknown call is a 404 NotFound envelope', async () => {
    const { host } = await start();
    const answer = await callApp(host, 'dropDatabase');
    expect(answer.status).toBe(404);
    expect(json(answer)).toMatchObject({ ok: false, error: { code: 'NotFound', message: expect.stringContaining('dropDatabase') } });
  });

  it('a call with another method than POST is refused with a JSON answer', async () => {
    const { host, fake } = await start();
    for (const method of ['GET', 'PUT', 'DELETE']) {
      const answer = await send(host, '/api/call/listNotes', { method, headers: asTheApp(host) });
      expect([404, 405], method).toContain(answer.status);
      expect(json(answer), method).toMatchObject({ ok: false });
    }
    expect(fake.calls).toEqual([]);
  });

  it('a large note fits in a call', async () => {
    const { host, fake } = await start();
    const body = 'x'.repeat(8 * 1024 * 1024);
    const answer = await callApp(host, 'saveDraft', { noteId: 'abcd', title: 'Big', body, tags: [] });
    expect(json(answer)).toEqual({ ok: true, value: { echoed: 'saveDraft' } });
    expect((fake.calls[0]?.args as { body: string }).body).toHaveLength(body.length);
  });
});

// ——— Headers ———

describe('security headers', () => {
  it('every answer carries the CSP and the other security headers, and none a CORS header', async () => {
    const { host } = await start({ rendererDir: builtRenderer() });
    const answers: [string, Answer][] = [
      ['sign-in', await send(host, `/?key=${host.secret}`)],
      ['page', await send(host, '/', { headers: { cookie: cookieOf(host) } })],
      ['fallback page', await send(host, '/notes/abc', { headers: { cookie: cookieOf(host) } })],
      ['asset', await send(host, '/app.js', { headers: { cookie: cookieOf(host) } })],
      ['401 page', await send(host, '/')],
      ['call', await callApp(host, 'listNotes')],
      ['401 call', await send(host, '/api/call/listNotes', { body: '{}', headers: { origin: host.origin, 'content-type': 'application/json' } })],
      ['403 call', await send(host, '/api/call/listNotes', { body: '{}', headers: { cookie: cookieOf(host), origin: 'https://evil.example', 'content-type': 'application/json' } })],
      ['400 call', await send(host, '/api/call/listNotes', { body: '{', headers: asTheApp(host, { 'content-type': 'application/json' }) })],
      ['404 call', await callApp(host, 'nothing')],
      ['421', await send(host, '/', { hostHeader: 'evil.example', headers: { cookie: cookieOf(host) } })],
    ];
    for (const [what, answer] of answers) {
      const csp = answer.headers['content-security-policy'];
      expect(csp, what).toContain("default-src 'self'");
      expect(csp, what).toContain("frame-ancestors 'none'");
      expect(csp, what).toContain("script-src 'self';");
      expect(csp, what).toContain(`connect-src 'self' ws://127.0.0.1:${host.port} ws://localhost:${host.port}`);
      expect(answer.headers['x-content-type-options'], what).toBe('nosniff');
      expect(answer.headers['referrer-policy'], what).toBe('no-referrer');
      expect(answer.headers['cross-origin-opener-policy'], what).toBe('same-origin');
      expect(answer.headers['cross-origin-resource-policy'], what).toBe('same-origin');
      expect(answer.headers['x-frame-options'], what).toBe('DENY');
      expect(Object.keys(answer.headers).filter((name) => name.startsWith('access-control-')), what).toEqual([]);
      if (what.includes('call')) expect(answer.headers['cache-control'], what).toBe('no-store');
    }
  });
});

// ——— Events ———

describe('events over the WebSocket at /api/events', () => {
  it('an event from the backend reaches a signed-in page as {event, payload}, and closing the socket unsubscribes', async () => {
    const { host, fake } = await start();
    const socket = await openedSocket(host, asTheApp(host));
    await vi.waitFor(() => expect(fake.listeners()).toBe(1));

    const arriving = nextMessage(socket);
    fake.emit('notesChanged', { noteIds: ['abcd'], origin: 'sync' });
    expect(await arriving).toEqual({ event: 'notesChanged', payload: { noteIds: ['abcd'], origin: 'sync' } });

    const ending = closed(socket);
    socket.close();
    await ending;
    await vi.waitFor(() => expect(fake.unsubscribed()).toBe(1));
    expect(fake.listeners()).toBe(0);
  });

  it('each socket has its own subscription', async () => {
    const { host, fake } = await start();
    const first = await openedSocket(host, asTheApp(host));
    const second = await openedSocket(host, asTheApp(host));
    await vi.waitFor(() => expect(fake.listeners()).toBe(2));
    const arriving = [nextMessage(first), nextMessage(second)];
    fake.emit('bundleImported', { file: 'a.ferry', versions: 3, error: null });
    for (const message of await Promise.all(arriving)) expect(message).toMatchObject({ event: 'bundleImported' });
  });

  it('a socket without the cookie, from another origin, without an origin, or to another host is refused before it opens', async () => {
    const { host, fake } = await start();
    expect(await openSocket(host, { origin: host.origin })).toEqual({ refused: 401 });
    expect(await openSocket(host, { cookie: cookieOf(host), origin: 'https://evil.example' })).toEqual({ refused: 403 });
    expect(await openSocket(host, { cookie: cookieOf(host) })).toEqual({ refused: 403 });
    expect(await openSocket(host, { ...asTheApp(host), host: `evil.example:${host.port}` })).toEqual({ refused: 421 });
    expect(fake.listeners()).toBe(0);
  });

  it('a call sent on the socket is answered on it with its id, a refused one too, and anything else is ignored', async () => {
    const { host, fake } = await start();
    const socket = await openedSocket(host, asTheApp(host));
    socket.send('not json');
    socket.send(JSON.stringify({ id: 'one', call: 'listTags' }));
    socket.send(Buffer.from(JSON.stringify({ id: 1, call: 'listTags', args: {} })), { binary: true });
    const first = nextMessage(socket);
    socket.send(JSON.stringify({ id: 7, call: 'listTags', args: {} }));
    expect(await first).toEqual({ id: 7, answer: { ok: true, value: { echoed: 'listTags' } } });
    const second = nextMessage(socket);
    socket.send(JSON.stringify({ id: 8, call: 'getNote', args: { noteId: 42 } }));
    expect(await second).toMatchObject({ id: 8, answer: { ok: false, error: { code: 'BadInput' } } });
    const third = nextMessage(socket);
    socket.send(JSON.stringify({ id: 9, call: 'dropDatabase', args: {} }));
    expect(await third).toMatchObject({ id: 9, answer: { ok: false, error: { code: 'NotFound' } } });
    expect(fake.calls.map((c) => c.name)).toEqual(['listTags']);
  });

  it('a plain GET of /api/events says to use a WebSocket', async () => {
    const { host } = await start();
    const answer = await send(host, '/api/events', { headers: { cookie: cookieOf(host) } });
    expect(answer.status).toBe(426);
    expect(json(answer)).toMatchObject({ ok: false });
  });

  it('idle sockets are pinged, and one that stops answering is dropped and unsubscribed', async () => {
    const { host, fake } = await start({}, { pingMs: 20, closeGraceMs: 1_000, pagesGoneMs: 5_000 });
    const lively = await openedSocket(host, asTheApp(host));
    await new Promise<void>((resolve) => lively.once('ping', () => resolve()));

    const silent = new WebSocket(`ws://127.0.0.1:${host.port}/api/events`, { headers: asTheApp(host), autoPong: false });
    sockets.push(silent);
    const dropped = closed(silent);
    await dropped;
    await vi.waitFor(() => expect(fake.unsubscribed()).toBe(1));
    expect(lively.readyState).toBe(WebSocket.OPEN);
  }, 5_000);

  it('closing the host closes its sockets with 1001 and lets go of every subscription', async () => {
    const { host, fake } = await start();
    const socket = await openedSocket(host, asTheApp(host));
    await vi.waitFor(() => expect(fake.listeners()).toBe(1));
    const ending = closed(socket);
    await host.close();
    expect((await ending).code).toBe(1001);
    expect(fake.listeners()).toBe(0);
    expect(fake.unsubscribed()).toBe(1);
  });

  it('closing the host does not wait on a connection a browser opened ahead of need', async () => {
    const { host } = await start();
    const spare = net.connect(host.port, '127.0.0.1');
    await new Promise((resolve) => spare.once('connect', resolve));
    const cut = new Promise((resolve) => spare.once('close', resolve));
    spare.on('error', () => undefined);
    await host.close();
    await cut;
  });

  it('closing the host does not wait on a request that never finishes', async () => {
    const { host } = await start();
    const half = net.connect(host.port, '127.0.0.1');
    await new Promise((resolve) => half.once('connect', resolve));
    half.write(`POST /api/call/listNotes HTTP/1.1\r\nhost: 127.0.0.1:${host.port}\r\ncontent-length: 100\r\n`);
    const cut = new Promise((resolve) => half.once('close', resolve));
    half.on('error', () => undefined);
    await host.close();
    await cut;
  });
});

// ——— Pages gone ———

describe('when the pages are gone', () => {
  const quickly: WebHostTiming = { pingMs: 25_000, closeGraceMs: 1_000, pagesGoneMs: 30 };

  it('tells once when the last page has left and none came back, not while another page is open', async () => {
    let gone = 0;
    const { host } = await start({ onPagesGone: () => gone++ }, quickly);
    const killed = await openedSocket(host, asTheApp(host));
    const other = await openedSocket(host, asTheApp(host));
    killed.terminate(); // its browser died: no closing handshake, no last request
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(gone).toBe(0);
    other.terminate();
    await vi.waitFor(() => expect(gone).toBe(1));
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(gone).toBe(1);
  });

  it('waits for a reloaded page to come back', async () => {
    let gone = 0;
    const { host } = await start({ onPagesGone: () => gone++ }, { ...quickly, pagesGoneMs: 1_000 });
    const before = await openedSocket(host, asTheApp(host));
    before.close(1001);
    const after = await openedSocket(host, asTheApp(host));
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect(gone).toBe(0);
    after.terminate();
    await vi.waitFor(() => expect(gone).toBe(1), { timeout: 5_000 });
  });

  it('does not tell when the host itself closes', async () => {
    let gone = 0;
    const { host } = await start({ onPagesGone: () => gone++ }, quickly);
    await openedSocket(host, asTheApp(host));
    await host.close();
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(gone).toBe(0);
  });
});

// ——— Logging ———

describe('the request log', () => {
  it('has one line per request with method, path, status and time, and never the secret', async () => {
    const lines: string[] = [];
    const { host } = await start({ log: (line) => lines.push(line) });
    await send(host, `/?key=${host.secret}`);
    await send(host, `/notes?key=${host.secret}&x=1`, { headers: { cookie: cookieOf(host) } });
    await send(host, '/?key=wrong');
    await callApp(host, 'listNotes');
    const socket = await openedSocket(host, asTheApp(host));
    const ending = closed(socket);
    socket.close();
    await ending;
    await host.close();

    expect(lines).toHaveLength(5);
    expect(lines[0]).toMatch(/^GET \/ 303 \d+ms$/u);
    expect(lines[1]).toMatch(/^GET \/notes 303 \d+ms$/u);
    expect(lines[2]).toMatch(/^GET \/ 401 \d+ms$/u);
    expect(lines[3]).toMatch(/^POST \/api\/call\/listNotes 200 \d+ms$/u);
    expect(lines[4]).toMatch(/^GET \/api\/events 101 \d+ms$/u);
    for (const line of lines) expect(line).not.toContain(host.secret);
  });
});
