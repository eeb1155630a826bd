// `ferry serve` as a real process: killed in the middle of a sync and started again, the sync
// completes and nothing is stored twice or half (docs/sync-protocol.md, C3, S3); stopped with
// SIGTERM, it answers what is in flight and exits cleanly; and two processes on one PostgreSQL
// database serve the same journal to clients on each, which converge (S3, S4).

import { afterEach, describe, expect, it } from 'vitest';
import type { Envelope } from '../../shared/stream.js';
import type { PushHeader, SyncRequest } from '../../shared/sync-protocol.js';
import type { MovedNotice } from '../../shared/sync-protocol.js';
import { Journal } from '../journal/journal.js';
import { cloneFromServer } from '../sync/clone-server.js';
import { HttpTransport } from '../sync/http-transport.js';
import { syncOnce } from '../sync/sync-once.js';
import type { SyncTransport } from '../sync/transport.js';
import { describePostgres } from '../testing/postgres.js';
import { everyNote } from '../testing/replicas.js';
import { startServe, type ServeProcess } from '../testing/serve-process.js';
import { createTestJournal, seededRandom, tempFolders, testClock } from '../testing/temp-journal.js';
import { PostgresStorage } from './storage-postgres.js';
import { SqliteStorage } from './storage-sqlite.js';
import type { ServerStorage } from './storage.js';
import { newToken } from './tokens.js';

const folders = tempFolders();
const clock = testClock();
const servers: ServeProcess[] = [];
const journals: Journal[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) if (server.child.exitCode === null) await server.stop('SIGKILL');
  for (const journal of journals.splice(0)) journal.close();
  folders.cleanup();
});

async function grant(storage: ServerStorage, journalId: string): Promise<string> {
  const token = newToken([journalId], 'test', Date.now());
  await storage.createToken(token.record);
  await storage.close();
  return token.secret;
}

function laptopWithNotes(count: number): Journal {
  const laptop = createTestJournal(folders.make(), { clock: clock.now, deviceName: 'laptop', seed: 'laptop' });
  journals.push(laptop);
  const random = seededRandom('words');
  for (let i = 0; i < count; i++) {
    const words = Array.from(random(400), (byte) => `w${byte}`).join(' ');
    laptop.createNote({ title: `Day ${i}`, body: `${words}\n` });
  }
  return laptop;
}

/** A transport that kills the server after the n-th call of a kind has been answered: a crash mid-sync. */
class CrashAfter implements SyncTransport {
  private calls = 0;
  constructor(
    private readonly inner: HttpTransport,
    private readonly kind: 'sync' | 'push',
    private readonly after: number,
    private readonly server: ServeProcess,
  ) {}
  get describe() {
    return this.inner.describe;
  }
  async sync(journalId: string, request: SyncRequest) {
    const answer = await this.inner.sync(journalId, request);
    await this.count('sync');
    return answer;
  }
  async push(journalId: string, header: PushHeader, envelopes: readonly Envelope[]) {
    const answer = await this.inner.push(journalId, header, envelopes);
    await this.count('push');
    return answer;
  }
  journals() {
    return this.inner.journals();
  }
  listen(...args: Parameters<HttpTransport['listen']>) {
    return this.inner.listen(...args);
  }
  close() {
    this.inner.close();
  }
  private async count(kind: 'sync' | 'push') {
    if (kind === this.kind && ++this.calls === this.after) await this.server.stop('SIGKILL');
  }
}

describe('ferry serve, killed and restarted', () => {
  it('C3: a push cut off by a crash completes after the restart, each version stored once', async () => {
    const home = folders.make();
    const data = folders.make('ferry-server-');
    const laptop = laptopWithNotes(60);
    const token = await grant(SqliteStorage.open(data), laptop.journalId);
    const first = await startServe(['--port', '0', '--data', data], home);
    servers.push(first);
    laptop.setRemote(first.url, token);
    const crashing = new CrashAfter(new HttpTransport({ url: first.url, token }), 'push', 3, first);
    await expect(syncOnce(laptop, crashing, { pushBytes: 8_000 })).rejects.toMatchObject({ code: 'Offline' });
    crashing.close();
    const held = laptop.remote()!.serverVector[laptop.replicaId] ?? 0;
    expect(held).toBeGreaterThan(0);
    expect(held).toBeLessThan(60);
    expect(laptop.status()).toMatchObject({ pending: 60 - held, lastSyncError: { code: 'Offline' } });

    const again = await startServe(['--port', String(first.port), '--data', data], home);
    servers.push(again);
    const transport = new HttpTransport({ url: again.url, token });
    const report = await syncOnce(laptop, transport, { pushBytes: 8_000 });
    transport.close();
    expect(report.pushed).toBe(60 - held);
    expect(laptop.status()).toMatchObject({ pending: 0, lastSyncError: null });
    expect(await again.stop()).toBe(0);
    const storage = SqliteStorage.open(data);
    expect(await storage.vector(laptop.journalId)).toEqual(laptop.vector());
    expect((await storage.journals())[0]?.versions).toBe(60);
    await storage.close();
  }, 60_000);

  it('C2–C3: a clone cut off by a crash keeps its pages, and `sync` after the restart finishes it', async () => {
    const home = folders.make();
    const data = folders.make('ferry-server-');
    const laptop = laptopWithNotes(40);
    const token = await grant(SqliteStorage.open(data), laptop.journalId);
    const first = await startServe(['--port', '0', '--data', data], home);
    servers.push(first);
    const plain = new HttpTransport({ url: first.url, token });
    await syncOnce(laptop, plain);
    plain.close();

    const phoneDir = folders.make();
    const crashing = new CrashAfter(new HttpTransport({ url: first.url, token }), 'sync', 2, first);
    await expect(cloneFromServer(crashing, phoneDir, { url: first.url, token, deviceName: 'phone', pageBytes: 6_000 })).rejects.toMatchObject({
      code: 'Offline',
      message: expect.stringMatching(/The clone stopped after \d+ versions, which are kept: run `ferry sync/) as unknown,
    });
    crashing.close();
    const phone = Journal.open(phoneDir);
    journals.push(phone);
    const partial = phone.status().versions;
    expect(partial).toBeGreaterThan(0);
    expect(partial).toBeLessThan(40);
    expect(phone.fsck().problems).toEqual([]);

    const again = await startServe(['--port', String(first.port), '--data', data], home);
    servers.push(again);
    const transport = new HttpTransport({ url: again.url, token });
    expect((await syncOnce(phone, transport, { pageBytes: 6_000 })).pulled).toBe(40 - partial);
    transport.close();
    expect(everyNote(phone)).toEqual(everyNote(laptop));
  }, 60_000);

  it('SIGTERM: answers what is in flight, exits 0, and its log has one JSON line per request without secrets', async () => {
    const home = folders.make();
    const data = folders.make('ferry-server-');
    const laptop = laptopWithNotes(30);
    const token = await grant(SqliteStorage.open(data), laptop.journalId);
    const server = await startServe(['--port', '0', '--data', data], home);
    servers.push(server);
    laptop.setRemote(server.url, token);
    const transport = new HttpTransport({ url: server.url, token });
    const inFlight = syncOnce(laptop, transport, { pushBytes: 4_000 });
    await new Promise((resolve) => setTimeout(resolve, 20));
    const code = server.stop('SIGTERM');
    // The request under way when the signal came is answered; later ones find the server gone.
    await inFlight.catch((error: unknown) => expect(error).toMatchObject({ code: 'Offline' }));
    transport.close();
    expect(await code).toBe(0);
    expect(server.stderr()).toContain('Stopped');
    const lines = server.stdout().trim().split('\n').slice(1);
    expect(lines.length).toBeGreaterThan(0);
    for (const line of lines) {
      const entry = JSON.parse(line) as { method: string; path: string; status: number; token: string | null };
      expect(entry.path).toMatch(/^\/v1\//);
      expect([200, 503]).toContain(entry.status);
    }
    expect(server.stdout()).not.toContain(token);
    const storage = SqliteStorage.open(data);
    expect((await storage.vector(laptop.journalId))[laptop.replicaId]).toBe(laptop.remote()!.serverVector[laptop.replicaId]);
    await storage.close();
  }, 60_000);
});

describePostgres('two ferry serve processes on one PostgreSQL database', (postgres) => {
  it('S3–S4: clients on each converge, pushes at once from both land, and a push on one is noticed on the other', async () => {
    const home = folders.make();
    const url = await postgres().newDatabase();
    const laptop = laptopWithNotes(10);
    const token = await grant(await PostgresStorage.open(url), laptop.journalId);
    const [one, two] = await Promise.all([startServe(['--port', '0', '--postgres', url], home), startServe(['--port', '0', '--postgres', url], home)]);
    servers.push(one, two);
    const viaOne = new HttpTransport({ url: one.url, token });
    const viaTwo = new HttpTransport({ url: two.url, token });
    try {
      await syncOnce(laptop, viaOne);
      const { journal: phone } = await cloneFromServer(viaTwo, folders.make(), { url: two.url, token, deviceName: 'phone', clock: clock.now, random: seededRandom('phone') });
      journals.push(phone);
      expect(everyNote(phone)).toEqual(everyNote(laptop));

      const notices: MovedNotice[] = [];
      const stop = viaTwo.listen(laptop.journalId, { onMoved: (notice) => notices.push(notice), onClosed: () => undefined });
      await waitFor(() => notices.length > 0);

      const shared = laptop.notes().find((n) => n.title === 'Day 3')!;
      for (let i = 0; i < 15; i++) {
        laptop.createNote({ title: `laptop ${i}` });
        phone.createNote({ title: `phone ${i}` });
      }
      laptop.editNote(shared.id, { title: 'Day 3, from the laptop' });
      phone.editNote(shared.id, { body: 'rewritten on the phone\n' });
      await Promise.all([syncOnce(laptop, viaOne), syncOnce(phone, viaTwo)]);
      await syncOnce(laptop, viaOne);
      await syncOnce(phone, viaTwo);
      expect(everyNote(phone)).toEqual(everyNote(laptop));
      expect(laptop.vector()).toEqual(phone.vector());
      await waitFor(() => notices.some((n) => (n.vector[laptop.replicaId] ?? 0) === laptop.vector()[laptop.replicaId]));
      stop();
    } finally {
      viaOne.close();
      viaTwo.close();
    }
    expect(await one.stop()).toBe(0);
    expect(await two.stop()).toBe(0);
  }, 90_000);
});

async function waitFor(condition: () => boolean, ms = 10_000): Promise<void> {
  const until = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > until) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
