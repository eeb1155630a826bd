// Two laptops share a folder on a USB stick and each runs the watcher (a real chokidar watcher on a
// temporary folder): what one writes shows up on the other, files still being copied are never
// imported half, and a stick pulled out and put back is picked up again without a restart.
import { copyFileSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createBundle } from '../bundle/create-bundle.js';
import { readBundle } from '../bundle/read-bundle.js';
import { Journal } from '../journal/journal.js';
import { everyNote, laptops } from '../testing/replicas.js';
import { tempFolders, testClock } from '../testing/temp-journal.js';
import type { ExchangeEvent } from './exchange.js';
import { ownBundleName } from './own-bundle.js';
import { watchExchangeFolders, type ExchangeWatch } from './watcher.js';

const folders = tempFolders();
const clock = testClock();
const machines = laptops(folders, clock);
const watches: ExchangeWatch[] = [];
afterEach(async () => {
  for (const w of watches.splice(0)) await w.close();
  machines.closeAll();
  folders.cleanup();
});

/** Quick timers: the story, not the waiting, is what is tested. */
async function watchStick(journal: Journal, stick: string): Promise<ExchangeEvent[]> {
  const events: ExchangeEvent[] = [];
  watches.push(await watchExchangeFolders(journal, [stick], { pollMs: 100, settleMs: 150, clock: clock.now, onEvent: (e) => events.push(e) }));
  return events;
}

const eventually = { timeout: 15_000, interval: 50 };

describe('two laptops watching one stick', () => {
  it('each finds the other\'s notes on it, with nothing but edits done by hand', async () => {
    const home = machines.first('home desktop');
    const work = await machines.cloneOf(home, 'work laptop');
    const stick = folders.make('ferry-usb-');
    await watchStick(home, stick);
    await watchStick(work, stick);

    const note = home.createNote({ title: 'Written at home', body: 'one\n' });
    await vi.waitFor(() => expect(work.note(note.id).title).toBe('Written at home'), eventually);
    work.editNote(note.id, { body: 'one\ntwo\n' });
    await vi.waitFor(() => expect(home.note(note.id).body).toBe('one\ntwo\n'), eventually);
    expect(readdirSync(stick).sort()).toEqual([ownBundleName('home desktop', home.replicaId), ownBundleName('work laptop', work.replicaId)].sort());
    await vi.waitFor(() => expect(everyNote(work)).toEqual(everyNote(home)), eventually);
  });

  it('keeps this replica\'s own bundle up to date after local edits and after imports', async () => {
    const home = machines.first('home desktop');
    const work = await machines.cloneOf(home, 'work laptop');
    const stick = folders.make('ferry-usb-');
    const own = join(stick, ownBundleName('home desktop', home.replicaId));
    await watchStick(home, stick);
    await vi.waitFor(async () => expect((await readBundle(own)).header.vector).toEqual(home.vector()), eventually);

    home.createNote({ title: 'Later' });
    await vi.waitFor(async () => expect((await readBundle(own)).header.vector).toEqual(home.vector()), eventually);

    work.createNote({ title: 'From work' });
    await createBundle(work, join(stick, ownBundleName('work laptop', work.replicaId)), { all: true }, clock.now);
    await vi.waitFor(() => expect(home.notes().map((n) => n.title)).toContain('From work'), eventually);
    await vi.waitFor(async () => expect((await readBundle(own)).header.vector).toEqual(home.vector()), eventually);
  });
});

describe('files a watcher must not trust', () => {
  it('never imports a bundle that is still being copied: it waits for the whole file', async () => {
    const home = machines.first('home desktop');
    const work = await machines.cloneOf(home, 'work laptop');
    for (let i = 0; i < 20; i++) work.createNote({ title: `Note ${i}`, body: `text ${i}\n`.repeat(200) });
    const made = machines.stickFile('work.ferry');
    await createBundle(work, made, { all: true }, clock.now);
    const bytes = readFileSync(made);

    const stick = folders.make('ferry-usb-');
    const events = await watchStick(home, stick);
    const target = join(stick, 'work-laptop-copy.ferry');
    // A slow copy: half the file, a pause long enough for the watcher to look, then the rest.
    writeFileSync(target, bytes.subarray(0, bytes.length >> 1));
    await new Promise((resolve) => setTimeout(resolve, 600));
    expect(home.notes()).toHaveLength(0);
    writeFileSync(target, bytes);
    await vi.waitFor(() => expect(home.notes()).toHaveLength(20), eventually);
    expect(events.filter((e) => e.kind === 'imported')).toHaveLength(1);
    expect(home.fsck().problems).toEqual([]);
  });

  it('leaves alone a bundle of another journal, and says so', async () => {
    const home = machines.first('home desktop');
    home.createNote({ title: 'Mine' });
    const stranger = machines.first('someone else');
    stranger.createNote({ title: 'Not yours' });
    const stick = folders.make('ferry-usb-');
    await createBundle(stranger, join(stick, 'someone-else-12345678.ferry'), { all: true }, clock.now);
    const events = await watchStick(home, stick);
    await vi.waitFor(() => expect(events).toContainEqual(expect.objectContaining({ kind: 'skipped', reason: expect.stringContaining('another journal') })), eventually);
    expect(home.notes().map((n) => n.title)).toEqual(['Mine']);
  });

  it('a new device that holds nothing yet joins the journal on the stick, and its own bundle carries its notes back', async () => {
    const laptop = machines.first('laptop');
    laptop.createNote({ title: 'Written on the laptop', body: 'one\n' });
    const stick = folders.make('ferry-usb-');
    await watchStick(laptop, stick);
    await vi.waitFor(() => expect(readdirSync(stick)).toContain(ownBundleName('laptop', laptop.replicaId)), eventually);

    // The desk, as the app's first start left it, is pointed at the stick.
    const desk = machines.first('desk');
    const deskReplica = desk.replicaId;
    const events = await watchStick(desk, stick);
    await vi.waitFor(() => expect(desk.journalId).toBe(laptop.journalId), eventually);
    expect(desk.replicaId).toBe(deskReplica);
    expect(desk.notes().map((n) => n.title)).toEqual(['Written on the laptop']);
    expect(events.find((e) => e.kind === 'imported')).toMatchObject({ device: 'laptop', versions: 1 });
    expect(desk.runs()[0]).toMatchObject({ kind: 'clone' });

    const reply = desk.createNote({ title: 'Written at the desk' });
    await vi.waitFor(() => expect(laptop.hasNote(reply.id)).toBe(true), eventually);
    expect(laptop.fsck().problems).toEqual([]);
  });

  it('a watcher in another process (ferry watch) follows a join the app made, bringing notes, and carries them in the joined journal', async () => {
    const laptop = machines.first('laptop');
    laptop.createNote({ title: 'Written on the laptop' });
    const stick = folders.make('ferry-usb-');
    await watchStick(laptop, stick);
    const desk = machines.first('desk');
    const mine = desk.createNote({ title: 'Written at the desk', body: 'before it knew the laptop' });
    const watching = Journal.open(desk.path, { clock: clock.now });
    try {
      const deskEvents = await watchStick(watching, stick);
      await vi.waitFor(() => expect(readdirSync(stick)).toHaveLength(2), eventually);
      // The laptop's bundle is another journal's, and the desk has a note: nothing joins by itself.
      expect(desk.journalId).not.toBe(laptop.journalId);

      const before = ownBundleName('desk', desk.replicaId);
      desk.joinCarrying(laptop.journalId, 'the app');
      desk.createNote({ title: 'After the join' });
      await vi.waitFor(() => expect(laptop.hasNote(mine.id)).toBe(true), eventually);
      expect(laptop.note(mine.id).body).toBe('before it knew the laptop');
      await vi.waitFor(() => expect(laptop.notes().map((n) => n.title)).toContain('After the join'), eventually);
      expect(watching.journalId).toBe(laptop.journalId);
      expect(laptop.fsck().problems).toEqual([]);
      // The desk's bundle from before the join, still on the stick, is not called another device's.
      expect(deskEvents.filter((e) => e.kind === 'skipped' && e.file.endsWith(before))).toEqual([]);
    } finally {
      watching.close();
    }
  });

  it('two new devices on one stick take nothing from each other until one of them writes', async () => {
    const stick = folders.make('ferry-usb-');
    const first = machines.first('first');
    const second = machines.first('second');
    const own = { first: first.journalId, second: second.journalId };
    const firstEvents = await watchStick(first, stick);
    const secondEvents = await watchStick(second, stick);
    await vi.waitFor(() => expect(readdirSync(stick)).toHaveLength(2), eventually);
    // Each has read the other's empty bundle by now; neither joined, and neither complains of it.
    await new Promise((resolve) => setTimeout(resolve, 600));
    expect({ first: first.journalId, second: second.journalId }).toEqual(own);
    expect([...firstEvents, ...secondEvents].filter((e) => e.kind === 'skipped' || e.kind === 'failed')).toEqual([]);

    first.createNote({ title: 'The first word' });
    await vi.waitFor(() => expect(second.journalId).toBe(own.first), eventually);
    expect(first.journalId).toBe(own.first);
    expect(second.notes().map((n) => n.title)).toEqual(['The first word']);
  });
});

describe('a stick pulled out and put back', () => {
  it('is noticed, and used again when it is back, without a restart', async () => {
    const home = machines.first('home desktop');
    const work = await machines.cloneOf(home, 'work laptop');
    const stick = folders.make('ferry-usb-');
    const events = await watchStick(home, stick);
    await vi.waitFor(() => expect(events.map((e) => e.kind)).toContain('wrote'), eventually);

    rmSync(stick, { recursive: true, force: true });
    await vi.waitFor(() => expect(events.map((e) => e.kind)).toContain('missing'), eventually);
    home.createNote({ title: 'Written while the stick was out' });

    work.createNote({ title: 'From work' });
    const fromWork = machines.stickFile('from-work.ferry');
    await createBundle(work, fromWork, { all: true }, clock.now);
    mkdirSync(stick);
    copyFileSync(fromWork, join(stick, ownBundleName('work laptop', work.replicaId)));

    await vi.waitFor(() => expect(home.notes().map((n) => n.title)).toContain('From work'), eventually);
    expect(events.map((e) => e.kind)).toContain('back');
    // Its own bundle is written again on the stick that came back, with the note written meanwhile.
    const own = join(stick, ownBundleName('home desktop', home.replicaId));
    await vi.waitFor(async () => expect((await readBundle(own)).header.vector).toEqual(home.vector()), eventually);
  });

  it('a file where the folder should be is told apart from a stick that is out: no stick brings it back', async () => {
    const home = machines.first('home desktop');
    const notFolder = join(folders.make('ferry-home-'), 'notes.md');
    writeFileSync(notFolder, 'a note, not a stick');
    const events = await watchStick(home, notFolder);
    await vi.waitFor(() => expect(events).toContainEqual({ kind: 'missing', folder: notFolder, file: true }), eventually);
    expect(readFileSync(notFolder, 'utf8')).toBe('a note, not a stick');
  });
});
