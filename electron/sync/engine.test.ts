// The sync engine's stories (C6–C9): when it syncs, how it backs off when the server is gone, that
// it stops on a refused token, never runs two syncs at once, and tells the truth in its status.
// Time is fake: the test moves it.

import { afterEach, describe, expect, it } from 'vitest';
import type { SyncState } from '../../shared/sync-status.js';
import type { Journal } from '../journal/journal.js';
import { FakeTimers } from '../testing/fake-timers.js';
import { createTestJournal, seededRandom, tempFolders } from '../testing/temp-journal.js';
import { testServer, type TestServer } from '../testing/sync-server.js';
import { cloneFromServer } from './clone-server.js';
import { SyncEngine } from './engine.js';
import { FlakyTransport } from './flaky-transport.js';
import { syncOnce } from './sync-once.js';

const folders = tempFolders();
const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  folders.cleanup();
});

interface Setup {
  timers: FakeTimers;
  server: TestServer;
  laptop: Journal;
  token: string;
  network: FlakyTransport;
  engine: SyncEngine;
  states: SyncState[];
}

async function setup(options: { token?: string; random?: () => number } = {}): Promise<Setup> {
  const timers = new FakeTimers();
  const server = testServer(folders, timers.clock);
  const laptop = createTestJournal(folders.make(), { clock: timers.clock, deviceName: 'laptop', seed: 'laptop' });
  const token = await server.token(laptop.journalId);
  laptop.setRemote('memory:', options.token ?? token);
  const network = new FlakyTransport(server.transport(options.token ?? token));
  let connect = (): FlakyTransport => network;
  const engine = new SyncEngine({
    journal: laptop,
    connect: (remote) => (remote.token === (options.token ?? token) ? connect() : new FlakyTransport(server.transport(remote.token))),
    clock: timers.clock,
    random: options.random ?? (() => 0.5),
    timers,
    debounceMs: 1000,
    intervalMs: 60_000,
  });
  connect = () => network;
  const states: SyncState[] = [];
  engine.onStatus((status) => {
    if (states[states.length - 1] !== status.state) states.push(status.state);
  });
  cleanups.push(async () => {
    await engine.stop();
    laptop.close();
    await server.close();
  });
  return { timers, server, laptop, token, network, engine, states };
}

describe('sync engine', () => {
  it('C6: starts with a sync, then syncs local edits once typing pauses', async () => {
    const { engine, laptop, network, timers, states } = await setup();
    laptop.createNote({ title: 'Monday' });
    engine.start();
    await engine.settled();
    expect(engine.status()).toMatchObject({ state: 'synced', pending: 0 });
    expect(states).toEqual(['syncing', 'synced']);
    const before = network.calls.length;
    for (const word of ['a', 'ab', 'abc']) {
      laptop.createNote({ title: word });
      engine.localEdit();
      await timers.advance(400);
    }
    expect(network.calls.length).toBe(before);
    expect(engine.status()).toMatchObject({ state: 'pending', pending: 3 });
    await timers.advance(1000);
    await engine.settled();
    expect(network.calls.slice(before)).toEqual(['sync', 'push']);
    expect(engine.status()).toMatchObject({ state: 'synced', pending: 0 });
    expect(engine.metrics()).toMatchObject({ syncs: 2, failures: 0, versionsUp: 4 });
  });

  it('C7: an unreachable server is retried with growing, jittered waits, and the first good sync resets them', async () => {
    const { engine, laptop, network, timers } = await setup();
    laptop.createNote({ title: 'Written on the train' });
    network.goOffline();
    engine.start();
    await engine.settled();
    const offline = engine.status();
    expect(offline).toMatchObject({ state: 'offline', pending: 1, lastError: { code: 'Offline' } });
    // A draw of 0.5 waits half of each ceiling: 0.5 s, 1 s, 2 s, 4 s.
    const waits: number[] = [];
    for (let i = 0; i < 4; i++) {
      const next = Date.parse(engine.status().nextRetry!);
      waits.push(next - timers.clock());
      await timers.advance(next - timers.clock());
      await engine.settled();
    }
    expect(waits).toEqual([500, 1000, 2000, 4000]);
    network.goOnline();
    engine.networkChanged(true);
    await engine.settled();
    expect(engine.status()).toMatchObject({ state: 'synced', pending: 0, nextRetry: null, lastError: null });
    network.goOffline();
    laptop.createNote({ title: 'Another' });
    engine.localEdit();
    await timers.advance(1000);
    await engine.settled();
    expect(Date.parse(engine.status().nextRetry!) - timers.clock()).toBe(500);
  });

  it('C7: waits never pass the cap of five minutes', async () => {
    const { engine, network, timers } = await setup({ random: () => 0.999 });
    network.goOffline();
    engine.start();
    await engine.settled();
    let longest = 0;
    for (let i = 0; i < 14; i++) {
      const wait = Date.parse(engine.status().nextRetry!) - timers.clock();
      longest = Math.max(longest, wait);
      await timers.advance(wait);
      await engine.settled();
    }
    expect(longest).toBeLessThan(300_000);
    expect(longest).toBeGreaterThan(290_000);
  });

  it('C8: a refused token stops retrying and says so, until the token changes', async () => {
    const { engine, laptop, network, timers, token } = await setup({ token: 'ferry_wrong' });
    laptop.createNote({ title: 'Private' });
    engine.start();
    await engine.settled();
    expect(engine.status()).toMatchObject({ state: 'error', needsToken: true, nextRetry: null, lastError: { code: 'AuthRejected' } });
    const calls = network.calls.length;
    laptop.createNote({ title: 'More' });
    engine.localEdit();
    await timers.advance(3_600_000);
    await engine.settled();
    expect(network.calls.length).toBe(calls);
    laptop.setRemote('memory:', token);
    engine.remoteChanged();
    await engine.settled();
    expect(engine.status()).toMatchObject({ state: 'synced', needsToken: false, pending: 0 });
  });

  it('C6: never two syncs at once: "Sync now" during a sync runs one more after it', async () => {
    const { engine, laptop, server, token } = await setup();
    let inFlight = 0;
    let most = 0;
    const slow = new FlakyTransport(server.transport(token), {
      sleep: async (ms) => {
        inFlight += 1;
        most = Math.max(most, inFlight);
        await new Promise((resolve) => setTimeout(resolve, ms));
        inFlight -= 1;
      },
    });
    for (let i = 0; i < 6; i++) slow.next({ kind: 'delay', ms: 5 });
    const engine2 = new SyncEngine({ journal: laptop, connect: () => slow, random: () => 0.5, timers: new FakeTimers() });
    cleanups.push(() => engine2.stop());
    await engine.stop();
    laptop.createNote({ title: 'x' });
    const runs = await Promise.all([engine2.syncNow(), engine2.syncNow(), engine2.syncNow()]);
    expect(most).toBe(1);
    expect(runs.every((r) => r !== null)).toBe(true);
    expect(laptop.status().pending).toBe(0);
  });

  it('C6: an edit committed while a sync runs is pushed by one more sync right after it, and pending says so until then', async () => {
    const { laptop, server, token } = await setup();
    const timers = new FakeTimers();
    let release: () => void = () => {};
    let holding = true;
    const slow = new FlakyTransport(server.transport(token), {
      sleep: (ms) => (holding && ms === 0 ? new Promise<void>((resolve) => (release = resolve)) : Promise.resolve()),
    });
    slow.next({ kind: 'delay', ms: 0 });
    const engine = new SyncEngine({ journal: laptop, connect: () => slow, clock: timers.clock, random: () => 0.5, timers, debounceMs: 1000, intervalMs: 60_000 });
    cleanups.push(() => engine.stop());
    laptop.createNote({ title: 'Before the sync' });
    engine.start();
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(engine.status().state).toBe('syncing');
    // The 2 s pause commits a version while the sync is under way.
    laptop.createNote({ title: 'During the sync' });
    engine.localEdit();
    await timers.advance(1000);
    holding = false;
    release();
    await engine.settled();
    expect(laptop.status().pending).toBe(0);
    expect(engine.status()).toMatchObject({ state: 'synced', pending: 0 });
  });

  it('C9: paused, nothing syncs; resumed, it syncs at once', async () => {
    const { engine, laptop, network, timers } = await setup();
    engine.start();
    await engine.settled();
    engine.pause();
    expect(engine.status().state).toBe('paused');
    const calls = network.calls.length;
    laptop.createNote({ title: 'Offline thoughts' });
    engine.localEdit();
    await timers.advance(600_000);
    expect(network.calls.length).toBe(calls);
    expect(engine.status()).toMatchObject({ state: 'paused', pending: 1 });
    engine.resume();
    await engine.settled();
    expect(engine.status()).toMatchObject({ state: 'synced', pending: 0 });
  });

  it('C6: a notice from the server brings another device\'s edit without waiting for the timer', async () => {
    const { engine, laptop, server, token, timers } = await setup();
    laptop.createNote({ title: 'Shared' });
    engine.start();
    await engine.settled();
    const { journal: phone } = await cloneFromServer(server.transport(token), folders.make(), { url: 'memory:', token, deviceName: 'phone', clock: timers.clock, random: seededRandom('phone') });
    cleanups.push(() => phone.close());
    const note = phone.notes()[0]!;
    phone.editNote(note.id, { body: 'from the phone\n' });
    await syncOnce(phone, server.transport(token));
    await timers.advance(0);
    await engine.settled();
    expect(laptop.note(note.id).body).toBe('from the phone\n');
  });

  it('C3: a push whose answer was lost, and a page cut in the middle, are completed by the retry', async () => {
    const { engine, laptop, network, server, token, timers } = await setup();
    for (let i = 0; i < 5; i++) laptop.createNote({ title: `Note ${i}` });
    network.next({ kind: 'lose' }, 'push');
    engine.start();
    await engine.settled();
    expect(engine.status().state).toBe('offline');
    expect(await server.storage.vector(laptop.journalId)).toEqual({ [laptop.replicaId]: 5 });
    await timers.advance(1000);
    await engine.settled();
    expect(engine.status()).toMatchObject({ state: 'synced', pending: 0 });

    const { journal: phone } = await cloneFromServer(server.transport(token), folders.make(), { url: 'memory:', token, deviceName: 'phone', clock: timers.clock, random: seededRandom('phone2') });
    cleanups.push(() => phone.close());
    phone.createNote({ title: 'From the phone' });
    network.next({ kind: 'cut' }, 'sync');
    // The phone's push makes the server tell the laptop, whose sync then meets the cut page.
    await syncOnce(phone, server.transport(token));
    await timers.advance(0);
    await engine.settled();
    expect(engine.status().state).toBe('offline');
    expect(laptop.notes().some((n) => n.title === 'From the phone')).toBe(false);
    expect(laptop.runs()).toHaveLength(0);
    await timers.advance(1000);
    await engine.settled();
    expect(laptop.notes().some((n) => n.title === 'From the phone')).toBe(true);
  });

  it('status goes pending → syncing → synced as an edit travels, and counts conflicts', async () => {
    const { engine, laptop, timers, states } = await setup();
    engine.start();
    await engine.settled();
    states.length = 0;
    laptop.createNote({ title: 'Travel' });
    engine.localEdit();
    await timers.advance(1000);
    await engine.settled();
    expect(states).toEqual(['pending', 'syncing', 'synced']);
    expect(engine.status().conflicts).toBe(0);
  });
});
