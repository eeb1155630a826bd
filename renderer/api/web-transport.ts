// The contract over the web host (electron/host/web-host.ts): the events over one WebSocket at
// /api/events that is opened again (with backoff) when it drops, and each call over that socket
// while it is open (a message with an id, answered with it: cheaper than an HTTP request, which
// search as you type and a long note's drafts feel), else, and for a call that must outlive the
// page, a POST to /api/call/NAME with the session cookie. Whether the host can be
// reached is told to the app, so it can say so in words instead of failing call by call.

import type { CallAnswer, CallName } from '../../shared/app-contract.js';
import type { AppTransport } from '../../shared/app-client.js';
import type { EngineReach } from '../../shared/status-words.js';

export type HostState = EngineReach;

export interface WebTransport extends AppTransport {
  /** Told whenever the events socket opens or drops. */
  onHostState(listener: (state: HostState) => void): () => void;
  /** Sends a call that must arrive even while the page is being closed (a last draft). */
  callOnUnload(name: CallName, args: unknown): void;
}

/** The largest call sent on the socket (the host closes a socket sent more than 64 MiB); larger ones are POSTed, to be refused in words. */
const socketCallLimit = 60 * 1024 * 1024;

/** The body a keepalive request may carry (browsers refuse more: 64 KiB, less a margin). */
const keepaliveLimit = 60 * 1024;

/** A call as a socket message; `args` is already JSON. */
const socketMessage = (id: number, name: CallName, args: string) => `{"id":${id},"call":${JSON.stringify(name)},"args":${args}}`;

const unreachable: CallAnswer<unknown> = { ok: false, error: { code: 'Offline', message: 'Ferry’s engine cannot be reached: is `ferry web` still running?' } };

export function webTransport(base: URL = new URL('./', window.location.href)): WebTransport {
  const eventListeners = new Set<(name: string, payload: unknown) => void>();
  const stateListeners = new Set<(state: HostState) => void>();
  let state: HostState = 'connecting';
  let socket: WebSocket | null = null;
  let retry = 0;
  let timer: number | undefined;
  let nextId = 1;
  /** Calls sent on the socket, by id, waiting for their answers. */
  const waiting = new Map<number, (answer: CallAnswer<unknown>) => void>();

  const setState = (next: HostState) => {
    if (next === state) return;
    state = next;
    for (const l of stateListeners) l(state);
  };

  const open = () => {
    const url = new URL('api/events', base);
    url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
    const ws = new WebSocket(url);
    socket = ws;
    ws.onopen = () => {
      retry = 0;
      setState('connected');
    };
    ws.onmessage = (message: MessageEvent<string>) => {
      let parsed: { event?: unknown; payload?: unknown; id?: unknown; answer?: unknown };
      try {
        parsed = JSON.parse(message.data) as typeof parsed;
      } catch {
        return;
      }
      if (typeof parsed.id === 'number') {
        const answered = waiting.get(parsed.id);
        waiting.delete(parsed.id);
        answered?.(parsed.answer as CallAnswer<unknown>);
        return;
      }
      if (typeof parsed.event !== 'string') return;
      for (const l of eventListeners) l(parsed.event, parsed.payload);
    };
    ws.onclose = () => {
      if (socket !== ws) return;
      socket = null;
      // Calls the host had not answered when the socket dropped: they may or may not have run.
      for (const answered of waiting.values()) answered(unreachable);
      waiting.clear();
      setState('unreachable');
      // Back off to at most 5 s: the host is on this machine, so it is usually back soon.
      const wait = Math.min(5000, 250 * 2 ** retry++);
      timer = window.setTimeout(open, wait);
    };
  };

  /** One call as the host takes it (`body`: its arguments as JSON); `keepalive` lets it outlive the page. */
  const post = (name: CallName, body: string, keepalive: boolean) =>
    fetch(new URL(`api/call/${name}`, base), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body,
      credentials: 'same-origin',
      keepalive,
    });

  const ensureOpen = () => {
    if (socket === null && timer === undefined) open();
  };

  return {
    async call(name, args) {
      const body = JSON.stringify(args ?? {});
      const ws = socket;
      if (ws !== null && ws.readyState === WebSocket.OPEN && body.length <= socketCallLimit) {
        const id = nextId++;
        return new Promise<CallAnswer<unknown>>((answered) => {
          waiting.set(id, answered);
          ws.send(socketMessage(id, name, body));
        });
      }
      let response: Response;
      try {
        response = await post(name, body, false);
      } catch {
        return unreachable;
      }
      const text = await response.text();
      try {
        return JSON.parse(text) as CallAnswer<unknown>;
      } catch {
        const message = response.status === 401 ? 'This page’s session has ended: open the address `ferry web` printed again.' : `The engine answered ${response.status} without a readable reply.`;
        return { ok: false, error: { code: response.status === 401 ? 'AuthRejected' : 'Internal', message } };
      }
    },
    subscribe(listener) {
      eventListeners.add(listener);
      ensureOpen();
      return () => eventListeners.delete(listener);
    },
    onHostState(listener) {
      stateListeners.add(listener);
      ensureOpen();
      listener(state);
      return () => stateListeners.delete(listener);
    },
    callOnUnload(name, args) {
      const body = JSON.stringify(args ?? {});
      // Browsers let a request outlive its page only up to 64 kB of body, so a closing page sends
      // only its last change to a long note (note-fields.ts, unloadArgs). A long body sent whole
      // (nothing saved to base a change on) is tried on the socket: Chromium may drop it as the
      // page goes, but no request could carry it.
      const ws = socket;
      if (body.length > keepaliveLimit && ws !== null && ws.readyState === WebSocket.OPEN) ws.send(socketMessage(nextId++, name, body));
      else post(name, body, body.length <= keepaliveLimit).catch(() => undefined);
    },
  };
}
