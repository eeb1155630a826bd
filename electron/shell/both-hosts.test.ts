// One contract, two transports (DESIGN.md): every call of the contract reaches its handler, with
// its arguments, through both hosts — the web host's HTTP routes and the desktop app's IPC (the
// preload's bridge to ipcMain, in memory here, cloned as Electron clones) — and every event
// reaches the page through both. A call added to the contract and wired by neither, or by only
// one, fails here; so does one whose sample arguments are missing below (it does not compile).

import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { callNames, eventNames, type CallArgs, type CallName, type EventName, type EventPayload } from '../../shared/app-contract.js';
import { createAppClient } from '../../shared/app-client.js';
import type { AppBackend, CallHandlers, EventListener } from '../host/serve-call.js';
import { startWebHost, cookieNameFor, type WebHost } from '../host/web-host.js';
import { appOrigin } from './app-protocol.js';
import { fakeIpc } from './fake-ipc.js';
import { callChannel } from './ipc-channels.js';
import { forwardEvents, serveContractOverIpc } from './ipc-main.js';
import { callNamesFromMain, ipcBridge } from './preload-bridge.js';

const note = 'ab12cd34ef56ab12cd34ef56ab12cd34';
const version = 'cd34ef56ab12cd34ef56ab12cd34ef56';
const peer = 'ef56ab12cd34ef56ab12cd34ef56ab12';

/** Arguments each call accepts, as the page would send them. */
const sampleArgs: { [N in CallName]: CallArgs<N> } = {
  listNotes: { tag: 'home', limit: 40 },
  getNote: { noteId: note },
  createNote: { title: 'Groceries', body: 'milk\n', tags: ['home'] },
  saveDraft: { noteId: note, title: 'Groceries', body: 'milk\neggs\n', tags: ['home'], sent: 12 },
  commitDraft: { noteId: note, body: 'milk\n' },
  discardDraft: { noteId: note },
  trashNote: { noteId: note },
  restoreNote: { noteId: note },
  listTags: {},
  search: { query: 'milk', asYouType: true, limit: 20 },
  today: {},
  journalDays: { month: '2026-12' },
  history: { noteId: note },
  getVersion: { versionId: version },
  restoreVersion: { noteId: note, versionId: version },
  changesOf: { versionId: version },
  conflicts: {},
  conflictHeads: { noteId: note },
  resolveConflict: { noteId: note, take: version },
  syncStatus: {},
  syncNow: {},
  pauseSync: {},
  resumeSync: {},
  testConnection: { url: 'https://sync.example', token: 'secret' },
  joinJournal: { url: 'https://sync.example', token: 'secret', journalId: 'ed6b5adfd42ebb9715a630986ad249ab' },
  setRemote: { url: 'https://sync.example', token: 'secret' },
  removeRemote: {},
  peers: {},
  runs: { limit: 10 },
  undoRun: { run: 3 },
  exportBundle: { path: '/media/stick', peer },
  importBundle: { path: '/media/stick/desk.ferry' },
  hostFeatures: {},
  choosePath: { purpose: 'exportBundle', suggestedName: 'laptop.ferry' },
  settings: {},
  setDeviceName: { name: 'train laptop' },
  addExchangeFolder: { path: '/media/stick' },
  removeExchangeFolder: { path: '/media/stick' },
};

const sampleEvents: { [N in EventName]: EventPayload<N> } = {
  syncStatus: { state: 'synced', remote: 'https://sync.example', pending: 0, conflicts: 0, lastSync: '2026-12-07T10:00:00.000Z', nextRetry: null, lastError: null, needsToken: false, exchange: null },
  notesChanged: { noteIds: [note], origin: 'sync' },
  bundleImported: { file: 'desk.ferry', versions: 3, error: null },
  settingsChanged: {},
  journalJoined: { journalId: 'ed6b5adfd42ebb9715a630986ad249ab', from: 'https://sync.example', devices: ['laptop'] },
  exchangeFolderChanged: { path: '/media/stick' },
  command: { name: 'today' },
};

/** A backend whose every handler records what reached it and answers its own name. */
function recordingBackend() {
  const reached: { name: string; args: unknown }[] = [];
  const listeners = new Set<EventListener>();
  const handlers = Object.fromEntries(
    callNames.map((name) => [
      name,
      (args: unknown) => {
        reached.push({ name, args });
        return { answeredBy: name };
      },
    ]),
  ) as unknown as CallHandlers;
  const backend: AppBackend = {
    handlers,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
  const emit = <N extends EventName>(name: N, payload: EventPayload<N>) => {
    for (const listener of listeners) listener(name, payload);
  };
  return { backend, reached, emit };
}

const hosts: WebHost[] = [];
const sockets: WebSocket[] = [];
afterEach(async () => {
  for (const socket of sockets.splice(0)) socket.terminate();
  await Promise.all(hosts.splice(0).map((host) => host.close()));
});

async function webCall(host: WebHost, name: string, args: unknown): Promise<unknown> {
  const response = await fetch(`${host.origin}/api/call/${name}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie: `${cookieNameFor(host.port)}=${host.secret}`, origin: host.origin },
    body: JSON.stringify(args),
  });
  return response.json();
}

describe('every entry of the contract is served by both hosts', () => {
  it('each call reaches the handler of that name, with its arguments, over the web host and over the desktop IPC', async () => {
    const web = recordingBackend();
    const host = await startWebHost({ backend: web.backend, rendererDir: null });
    hosts.push(host);
    const desktop = recordingBackend();
    const ipc = fakeIpc();
    serveContractOverIpc(ipc.ipcMain, desktop.backend, { appOrigin });
    const page = ipc.renderer(`${appOrigin}/index.html`);
    const bridge = ipcBridge(page, callNamesFromMain(page));

    // One channel per call, made from the contract: none missing, none extra.
    expect(ipc.channels().sort()).toEqual(callNames.map(callChannel).sort());
    for (const name of callNames) {
      const args = sampleArgs[name];
      expect(await webCall(host, name, args), `web host: ${name}`).toEqual({ ok: true, value: { answeredBy: name } });
      expect(await bridge.call(name, args), `desktop: ${name}`).toEqual({ ok: true, value: { answeredBy: name } });
    }
    // The same arguments arrived at both, in order, checked and parsed by the same serveCall.
    expect(web.reached.map((r) => r.name)).toEqual(callNames);
    expect(desktop.reached).toEqual(web.reached);
    expect(desktop.reached.find((r) => r.name === 'saveDraft')?.args).toEqual(sampleArgs.saveDraft);
  });

  it('each event reaches the page over the web host socket and over the desktop IPC', async () => {
    const web = recordingBackend();
    const host = await startWebHost({ backend: web.backend, rendererDir: null });
    hosts.push(host);
    const socket = new WebSocket(`ws://127.0.0.1:${host.port}/api/events`, { headers: { cookie: `${cookieNameFor(host.port)}=${host.secret}`, origin: host.origin } });
    sockets.push(socket);
    const fromSocket: unknown[] = [];
    socket.on('message', (data: Buffer) => fromSocket.push(JSON.parse(data.toString('utf8'))));
    await new Promise((resolve, reject) => {
      socket.once('open', resolve);
      socket.once('error', reject);
    });

    const desktop = recordingBackend();
    const ipc = fakeIpc();
    forwardEvents(desktop.backend, () => [ipc.contents]);
    serveContractOverIpc(ipc.ipcMain, desktop.backend, { appOrigin });
    const side = ipc.renderer(`${appOrigin}/index.html`);
    const page = createAppClient(ipcBridge(side, callNamesFromMain(side)));
    const fromIpc: unknown[] = [];
    for (const name of eventNames) page.on(name, (payload) => fromIpc.push({ event: name, payload }));

    for (const name of eventNames) {
      web.emit(name, sampleEvents[name]);
      desktop.emit(name, sampleEvents[name]);
    }
    const expected = eventNames.map((name) => ({ event: name, payload: sampleEvents[name] }));
    await expect.poll(() => fromSocket.length).toBe(eventNames.length);
    expect(fromSocket).toEqual(expected);
    expect(fromIpc).toEqual(expected);
  });
});
