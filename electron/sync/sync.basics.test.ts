// Sync stories through one server (in memory): a laptop pushes, a phone clones, both edit and
// converge; nothing to do costs one request; a sync that brings versions is a run that undo takes
// back; what the server heard of each replica shows in `peers`.

import { afterEach, describe, expect, it, vi } from 'vitest';
import { FerryError } from '../../shared/errors.js';
import { createTestJournal, seededRandom, tempFolders, testClock } from '../testing/temp-journal.js';
import { everyNote } from '../testing/replicas.js';
import { testServer } from '../testing/sync-server.js';
import { Journal } from '../journal/journal.js';
import { cloneFromServer } from './clone-server.js';
import { syncOnce, type SyncProgress } from './sync-once.js';
import type { SyncTransport } from './transport.js';

const folders = tempFolders();
const clock = testClock();
const open: Journal[] = [];
afterEach(() => {
  for (const journal of open.splice(0)) journal.close();
  folders.cleanup();
});

async function setup() {
  const server = testServer(folders, clock.now);
  const laptop = createTestJournal(folders.make(), { clock: clock.now, deviceName: 'laptop', seed: 'laptop' });
  open.push(laptop);
  const token = await server.token(laptop.journalId);
  laptop.setRemote('memory:', token);
  const transport = server.transport(token);
  const cloneTo = async (name: string) => {
    const { journal } = await cloneFromServer(transport, folders.make(), { url: 'memory:', token, deviceName: name, clock: clock.now, random: seededRandom(name) });
    open.push(journal);
    return journal;
  };
  return { server, laptop, transport, token, cloneTo };
}

describe('sync basics', () => {
  it('C1–C4: a laptop pushes its notes, a phone clones them, and edits on each reach the other', async () => {
    const { laptop, transport, cloneTo } = await setup();
    const groceries = laptop.createNote({ title: 'Groceries', body: 'milk\neggs\n', tags: ['home'] });
    laptop.createNote({ title: 'Trip', body: 'Lisbon in May\n' });
    const first = await syncOnce(laptop, transport);
    expect(first).toMatchObject({ pulled: 0, pushed: 2 });

    const phone = await cloneTo('phone');
    expect(everyNote(phone)).toEqual(everyNote(laptop));

    phone.editNote(groceries.id, { body: 'milk\neggs\nbread\n' });
    laptop.editNote(groceries.id, { title: 'Groceries for Sunday' });
    expect((await syncOnce(phone, transport)).pushed).toBe(1);
    const back = await syncOnce(laptop, transport);
    expect(back).toMatchObject({ pulled: 1, pushed: 1 });
    expect(back.notes.map((n) => [n.title, n.change])).toEqual([['Groceries for Sunday', 'edited']]);
    await syncOnce(phone, transport);
    expect(everyNote(phone)).toEqual(everyNote(laptop));
    expect(laptop.note(groceries.id)).toMatchObject({ title: 'Groceries for Sunday', body: 'milk\neggs\nbread\n', conflict: false });
  });

  it('C5: a sync with nothing to do is one request, and moves nothing', async () => {
    const { laptop, transport } = await setup();
    laptop.createNote({ title: 'One' });
    await syncOnce(laptop, transport);
    const idle = await syncOnce(laptop, transport);
    expect(idle).toMatchObject({ pulled: 0, pushed: 0, runs: [] });
    expect(idle.wire.requests).toBe(1);
    expect(idle.wire.bytesUp + idle.wire.bytesDown).toBeLessThan(1024);
  });

  it('C2: a long history comes in pages, each stored as it arrives', async () => {
    const { laptop, transport, token, server } = await setup();
    for (let i = 0; i < 40; i++) laptop.createNote({ title: `Note ${i}`, body: `line ${i}\n`.repeat(20) });
    await syncOnce(laptop, transport);
    const progress: SyncProgress[] = [];
    const { journal: phone, report } = await cloneFromServer(server.transport(token), folders.make(), {
      url: 'memory:',
      token,
      deviceName: 'phone',
      clock: clock.now,
      pageBytes: 500,
      progress: (p) => progress.push(p),
    });
    open.push(phone);
    expect(report.pulled).toBe(40);
    // Each page says how far the clone has come, and of how many: what the server holds.
    const pulls = progress.filter((p) => p.phase === 'pull');
    expect(pulls.length).toBe(report.wire.requests);
    expect(pulls.every((p) => p.total === 40)).toBe(true);
    expect(pulls.map((p) => p.done)).toEqual([...pulls.map((p) => p.done)].sort((a, b) => a - b));
    expect(pulls.at(-1)!.done).toBe(40);
    expect(report.wire.requests).toBeGreaterThan(5);
    expect(everyNote(phone)).toEqual(everyNote(laptop));
    // However many pages, the clone is one run, listing each note once, and called a clone, as one from a bundle is.
    expect(report.runs).toHaveLength(1);
    expect(phone.run(report.runs[0]!)).toMatchObject({ kind: 'clone', source: 'memory:', undone: null });
    expect(phone.run(report.runs[0]!).versions).toHaveLength(40);
    expect(report.notes).toHaveLength(40);
    expect(new Set(report.notes.map((n) => n.change))).toEqual(new Set(['created']));
  });

  it('a sync of many pages is one run, which undo takes back whole; an edit made here between two pages starts a new run', async () => {
    const { laptop, transport, token, server } = await setup();
    const ids = Array.from({ length: 30 }, (_, i) => laptop.createNote({ title: `Note ${i}`, body: `line ${i}\n`.repeat(20) }).id);
    await syncOnce(laptop, transport);
    const phone = await (async () => {
      const { journal } = await cloneFromServer(server.transport(token), folders.make(), { url: 'memory:', token, deviceName: 'phone', clock: clock.now });
      open.push(journal);
      return journal;
    })();
    // The laptop edits every note twice; the phone pulls it all in small pages.
    for (const id of ids) laptop.editNote(id, { body: 'first pass\n'.repeat(20) });
    for (const id of ids) laptop.editNote(id, { body: 'second pass\n'.repeat(20) });
    // And a new note, edited on later pages: created, over the whole sync.
    const fresh = laptop.createNote({ title: 'Fresh', body: 'one\n'.repeat(40) });
    laptop.editNote(fresh.id, { body: 'two\n'.repeat(40) });
    laptop.editNote(fresh.id, { body: 'three\n'.repeat(40) });
    await syncOnce(laptop, transport);
    const pulled = await syncOnce(phone, server.transport(token), { pageBytes: 600 });
    expect(pulled.wire.requests).toBeGreaterThan(5);
    expect(pulled.runs).toHaveLength(1);
    expect(pulled.notes.map((n) => [n.noteId, n.change])).toEqual([...ids.map((id) => [id, 'edited']), [fresh.id, 'created']]);
    expect(phone.run(pulled.runs[0]!).notes).toHaveLength(ids.length + 1);
    phone.undoRun(pulled.runs[0]!);
    ids.forEach((id, i) => expect(phone.note(id).body).toBe(`line ${i}\n`.repeat(20)));
    expect(phone.note(fresh.id).deleted).toBe(true);

    // Between two pages, a note is edited here: the pages after it are a run of their own, so that
    // undoing the sync's runs cannot take back what was typed here.
    for (const id of ids) laptop.editNote(id, { body: 'third pass\n'.repeat(20) });
    await syncOnce(laptop, transport);
    const base = server.transport(token);
    let asked = 0;
    const typingMeanwhile: SyncTransport = {
      describe: base.describe,
      sync: (journalId, request) => {
        if (++asked === 3) phone.createNote({ title: 'Typed on the phone during the sync' });
        return base.sync(journalId, request);
      },
      push: (journalId, header, envelopes) => base.push(journalId, header, envelopes),
      journals: () => base.journals(),
      listen: (journalId, handlers) => base.listen(journalId, handlers),
      close: () => base.close(),
    };
    const split = await syncOnce(phone, typingMeanwhile, { pageBytes: 600 });
    expect(split.runs).toHaveLength(2);
    expect(split.notes.filter((n) => n.title === 'Typed on the phone during the sync')).toEqual([]);
    expect(new Set(split.notes.map((n) => n.noteId))).toEqual(new Set(ids));
  });

  it('C10: the next page is asked for before this one is stored, with the vector storing it gives; pages grow from 256 KiB', async () => {
    const { laptop, transport, token, server } = await setup();
    const random = seededRandom('long notes');
    const words = () => Buffer.from(random(6000)).toString('base64');
    for (let i = 0; i < 100; i++) laptop.createNote({ title: `Note ${i}`, body: words() });
    await syncOnce(laptop, transport);

    const events: string[] = [];
    const sizes: (number | undefined)[] = [];
    const base = server.transport(token);
    const watched: SyncTransport = {
      describe: base.describe,
      sync: (journalId, request) => {
        events.push(`ask ${JSON.stringify(request.replica.vector)}`);
        sizes.push(request.maxBytes);
        return base.sync(journalId, request);
      },
      push: (journalId, header, envelopes) => base.push(journalId, header, envelopes),
      journals: () => base.journals(),
      listen: (journalId, handlers) => base.listen(journalId, handlers),
      close: () => base.close(),
    };
    // eslint-disable-next-line @typescript-eslint/unbound-method -- called below with the journal as `this`
    const importVersions = Journal.prototype.importVersions;
    const spy = vi.spyOn(Journal.prototype, 'importVersions').mockImplementation(function (this: Journal, ...args) {
      const result = importVersions.apply(this, args);
      events.push(`stored ${JSON.stringify(this.vector())}`);
      return result;
    });
    try {
      const { journal: phone, report } = await cloneFromServer(watched, folders.make(), { url: 'memory:', token, deviceName: 'phone', clock: clock.now });
      open.push(phone);
      expect(report.pulled).toBe(100);
      expect(everyNote(phone)).toEqual(everyNote(laptop));
    } finally {
      spy.mockRestore();
    }
    expect(sizes).toEqual([256 * 1024, 512 * 1024, 1024 * 1024]);
    expect(events.map((e) => e.split(' ')[0])).toEqual(['ask', 'ask', 'stored', 'ask', 'stored', 'stored']);
    // What each page ahead was asked with is what storing the page before it gave.
    expect(events[1]!.slice(4)).toBe(events[2]!.slice(7));
    expect(events[3]!.slice(4)).toBe(events[4]!.slice(7));
  });

  it('C10: when a page fails to store, the page asked for ahead is dropped, and the next sync finishes the work', async () => {
    const { laptop, transport, token, server } = await setup();
    for (let i = 0; i < 40; i++) laptop.createNote({ title: `Note ${i}`, body: `line ${i}\n`.repeat(20) });
    await syncOnce(laptop, transport);
    const phone = await (async () => {
      const { journal } = await cloneFromServer(server.transport(token), folders.make(), { url: 'memory:', token, deviceName: 'phone', clock: clock.now, pageBytes: 500 });
      open.push(journal);
      return journal;
    })();
    for (let i = 40; i < 80; i++) laptop.createNote({ title: `Note ${i}`, body: `line ${i}\n`.repeat(20) });
    await syncOnce(laptop, transport);

    // eslint-disable-next-line @typescript-eslint/unbound-method -- called below with the journal as `this`
    const importVersions = Journal.prototype.importVersions;
    let calls = 0;
    const spy = vi.spyOn(Journal.prototype, 'importVersions').mockImplementation(function (this: Journal, ...args) {
      if (++calls === 2) throw new FerryError('DiskFull', 'The disk is full.');
      return importVersions.apply(this, args);
    });
    try {
      await expect(syncOnce(phone, server.transport(token), { pageBytes: 500 })).rejects.toMatchObject({ code: 'DiskFull' });
    } finally {
      spy.mockRestore();
    }
    const stored = phone.status().versions;
    expect(stored).toBeGreaterThan(40);
    expect(stored).toBeLessThan(80);
    const again = await syncOnce(phone, server.transport(token), { pageBytes: 500 });
    expect(again.pulled).toBe(80 - stored);
    expect(everyNote(phone)).toEqual(everyNote(laptop));
  });

  it('a sync that brought versions is a run, and undo takes it back on this replica only', async () => {
    const { laptop, transport, cloneTo } = await setup();
    const plan = laptop.createNote({ title: 'Plan', body: 'step one\n' });
    await syncOnce(laptop, transport);
    const phone = await cloneTo('phone');
    phone.trashNote(plan.id);
    await syncOnce(phone, transport);
    const report = await syncOnce(laptop, transport);
    expect(report.notes).toEqual([{ noteId: plan.id, title: 'Plan', change: 'deleted' }]);
    const run = laptop.run(report.runs[0]!);
    expect(run).toMatchObject({ kind: 'sync', source: 'memory:' });
    laptop.undoRun(run.run);
    expect(laptop.note(plan.id).deleted).toBe(false);
    await syncOnce(laptop, transport);
    await syncOnce(phone, transport);
    expect(phone.note(plan.id).deleted).toBe(false);
  });

  it('peers shows every replica the server heard of, with what it held when it last synced', async () => {
    const { laptop, transport, cloneTo } = await setup();
    laptop.createNote({ title: 'A' });
    await syncOnce(laptop, transport);
    const phone = await cloneTo('phone');
    clock.tick(3 * 24 * 3600_000);
    laptop.createNote({ title: 'B' });
    laptop.createNote({ title: 'C' });
    await syncOnce(laptop, transport);
    const peer = laptop.peers().find((p) => p.replicaId === phone.replicaId);
    expect(peer).toMatchObject({ deviceName: 'phone', behind: 2 });
    await syncOnce(phone, transport);
    await syncOnce(laptop, transport);
    expect(laptop.peers().find((p) => p.replicaId === phone.replicaId)).toMatchObject({ behind: 0 });
    const heard = phone.peers().find((p) => p.replicaId === laptop.replicaId);
    expect(heard?.deviceName).toBe('laptop');
  });

  it('status counts what the server does not hold yet, and when the last sync worked', async () => {
    const { laptop, transport } = await setup();
    laptop.createNote({ title: 'A' });
    laptop.createNote({ title: 'B' });
    expect(laptop.status()).toMatchObject({ pending: 2, lastSync: null, remote: 'memory:' });
    await syncOnce(laptop, transport);
    expect(laptop.status()).toMatchObject({ pending: 0, lastSync: new Date(clock.now()).toISOString(), lastSyncError: null });
  });

  it('a refused token is remembered as the last error, and nothing moves', async () => {
    const { laptop, server } = await setup();
    laptop.createNote({ title: 'A' });
    const wrong: SyncTransport = server.transport('ferry_not-a-token');
    await expect(syncOnce(laptop, wrong)).rejects.toMatchObject({ code: 'AuthRejected' });
    expect(laptop.status()).toMatchObject({ pending: 1, lastSync: null, lastSyncError: { code: 'AuthRejected' } });
  });

  it('a token for another journal opens nothing of this one', async () => {
    const { laptop, server } = await setup();
    laptop.createNote({ title: 'Mine' }); // a device that holds nothing yet would join that journal instead (sync.join.test.ts)
    const other = createTestJournal(folders.make(), { seed: 'other' });
    open.push(other);
    const theirs = server.transport(await server.token(other.journalId));
    await expect(syncOnce(laptop, theirs)).rejects.toMatchObject({ code: 'Forbidden' });
  });
});
