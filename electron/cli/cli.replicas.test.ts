// The `ferry` commands for more than one replica, as people meet them (DESIGN.md, "Bundles:
// sneakernet" and "The CLI"; docs/stream-format.md): two laptops of one journal, each a journal
// folder named with --journal under one temporary home, and a "stick" folder between them. Every
// test runs the real process and tells one story; human output is checked for the sentences a
// person acts on, and `--json` output key for key, because scripts depend on those shapes.

import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { BundleHeader } from '../../shared/bundle.js';
import type { NoteJson, VersionJson } from '../../shared/model.js';
import type { JournalStatus } from '../journal/journal.js';
import { tempFolders } from '../testing/temp-journal.js';
import { expectHumanError, expectJsonError } from './cli-expect.js';
import type { PeerJson, RunJson, RunNoteJson, UndoJson } from './cli-json.js';
import { runFerry, type FerryResult } from './run-ferry.js';

const folders = tempFolders();
afterEach(() => folders.cleanup());

/** Each test spawns a few dozen processes: room for a busy machine. */
const slow = { timeout: 120_000 };
const hex32 = /^[0-9a-f]{32}$/;
const hex64 = /^[0-9a-f]{64}$/;
const iso = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const localMinute = '\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}';
const size = '(?:\\d+ bytes|\\d+\\.\\d kB)';
const escape = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

// The `--json` shapes of the replica commands (DESIGN.md, "The CLI"), key for key.
const noteKeys = ['body', 'conflict', 'created', 'deleted', 'heads', 'id', 'tags', 'title', 'updated'];
const headerKeys = ['basis', 'compression', 'created', 'deviceName', 'devices', 'journalId', 'replicaId', 'stream', 'vector', 'versions'];
const createdKeys = ['bytes', 'file', 'header', 'peer'];
const verifiedKeys = ['bytes', 'file', 'header', 'newVersions', 'ok'];
const importedKeys = ['alreadyHeld', 'file', 'header', 'joined', 'notes', 'run', 'stored'];
const runKeys = ['kind', 'notes', 'peer', 'peerName', 'run', 'source', 'time', 'undone', 'versions'];
const runNoteKeys = ['change', 'noteId', 'title'];
const undoKeys = ['restored', 'run', 'skipped', 'trashed'].sort();
const peerKeys = ['ahead', 'behind', 'deviceName', 'known', 'lastHeard', 'learned', 'replicaId', 'source'];

interface CreatedJson {
  file: string;
  bytes: number;
  peer: string | null;
  header: BundleHeader;
}
interface VerifiedJson {
  file: string;
  bytes: number;
  ok: boolean;
  header: BundleHeader;
  newVersions: number | null;
}
interface ImportedJson {
  run: number | null;
  stored: number;
  alreadyHeld: number;
  notes: RunNoteJson[];
  file: string;
  header: BundleHeader;
  joined: string | null;
}

const keys = (value: object): string[] => Object.keys(value).sort();

/** One laptop: a journal folder in the shared home, every command addressed to it with --journal. */
interface Laptop {
  dir: string;
  ferry: (args: readonly string[], input?: Buffer | string) => FerryResult;
  /** A command that must succeed quietly on stderr; what it printed. */
  ok: (args: readonly string[], input?: Buffer | string) => string;
  /** The same with --json, parsed as the shape the caller names. */
  // eslint-disable-next-line @typescript-eslint/no-unnecessary-type-parameters -- the caller names the JSON shape it expects
  json: <T>(args: readonly string[], input?: Buffer | string) => T;
}

/**
 * A desk with laptops on it: one temporary home (the working folder of every command, so bundle
 * paths like `stick/full` are relative to it, as a person types them), a `stick` folder in it, and
 * as many journal folders as the story needs.
 */
function desk() {
  const home = folders.make('ferry-replicas-');
  mkdirSync(join(home, 'stick'));
  const laptop = (folder: string): Laptop => {
    const dir = join(home, folder);
    const ferry = (args: readonly string[], input?: Buffer | string): FerryResult => runFerry(['--journal', dir, ...args], { home, ...(input === undefined ? {} : { input }) });
    const ok = (args: readonly string[], input?: Buffer | string): string => {
      const result = ferry(args, input);
      expect({ args, status: result.status, stderr: result.stderr }).toEqual({ args, status: 0, stderr: '' });
      return result.stdout;
    };
    // eslint-disable-next-line @typescript-eslint/no-unnecessary-type-parameters -- the caller names the JSON shape it expects
    const json = <T,>(args: readonly string[], input?: Buffer | string): T => JSON.parse(ok(['--json', ...args], input)) as T;
    return { dir, ferry, ok, json };
  };
  /** A path under the home (what a relative name in a command means). */
  const at = (relative: string): string => join(home, relative);
  const file = (relative: string, content: Buffer | string): string => {
    writeFileSync(at(relative), content);
    return relative;
  };
  return { home, laptop, at, file };
}

/**
 * The usual start: "home desktop" starts a journal with some notes, writes a full bundle to the
 * stick, and "work laptop" is cloned from it.
 */
function homeAndWork(notes: readonly { title: string; body: string; tags?: readonly string[] }[]) {
  const place = desk();
  const a = place.laptop('home');
  const b = place.laptop('work');
  const homeStatus = a.json<JournalStatus>(['init', '--name', 'home desktop']);
  const written = notes.map((n) => a.json<NoteJson>(['new', '--title', n.title, '--body', n.body, ...(n.tags ?? []).flatMap((t) => ['--tag', t])]));
  a.ok(['bundle', 'create', 'stick/full', '--all']);
  const workStatus = b.json<JournalStatus>(['clone', 'stick/full.ferry', '--name', 'work laptop']);
  return { ...place, a, b, homeStatus, workStatus, notes: written };
}


/** The same mistake, made at a person's shell and by a script: the same code and sentence either way. */
function expectRefusal(laptop: Laptop, args: readonly string[], exit: number, code: string, says: readonly string[]): string {
  const human = expectHumanError(laptop.ferry(args), exit, args);
  for (const words of says) expect({ args, human }).toEqual({ args, human: expect.stringContaining(words) });
  const fromJson = expectJsonError(laptop.ferry(['--json', ...args]), exit, code, args);
  for (const words of says) expect({ args, fromJson }).toEqual({ args, fromJson: expect.stringContaining(words) });
  if (exit === 1) expect(fromJson).toBe(human);
  return human;
}

function expectHeader(header: BundleHeader, expected: Partial<BundleHeader>): void {
  expect(keys(header)).toEqual(headerKeys);
  expect(header).toEqual({
    journalId: expect.stringMatching(hex32),
    replicaId: expect.stringMatching(hex32),
    deviceName: expect.any(String),
    created: expect.stringMatching(iso),
    vector: expect.any(Object),
    basis: expect.any(Object),
    devices: expect.any(Object),
    versions: expect.any(Number),
    stream: 1,
    compression: expect.stringMatching(/^(brotli|none)$/),
    ...expected,
  });
}

function expectNoteKeys(note: NoteJson): void {
  expect(keys(note)).toEqual(noteKeys);
  expect(note.id).toMatch(hex32);
  for (const head of note.heads) expect(head).toMatch(hex64);
  expect(note.created).toMatch(iso);
  expect(note.updated).toMatch(iso);
}

function expectRunJson(run: RunJson): void {
  expect(keys(run)).toEqual(runKeys);
  expect(run.time).toMatch(iso);
  if (run.undone !== null) expect(run.undone).toMatch(iso);
  for (const id of run.versions) expect(id).toMatch(hex64);
  for (const note of run.notes) expect(keys(note)).toEqual(runNoteKeys);
}

function expectPeerJson(peer: PeerJson): void {
  expect(keys(peer)).toEqual(peerKeys);
  expect(peer.replicaId).toMatch(hex32);
  if (peer.learned !== null) expect(peer.learned).toMatch(iso);
  if (peer.lastHeard !== null) expect(peer.lastHeard).toMatch(iso);
}

/** What a note says, without the ids and times that a new version changes. */
function content(note: NoteJson) {
  return { id: note.id, title: note.title, body: note.body, tags: note.tags, deleted: note.deleted };
}

const byId = <T extends { id: string }>(list: readonly T[]): T[] => [...list].sort((x, y) => (x.id < y.id ? -1 : x.id > y.id ? 1 : 0));

describe('a second laptop from a bundle on a stick', slow, () => {
  it('clones a full bundle: the same notes, the same journal, a new replica that knows where it came from', () => {
    const place = desk();
    const { at } = place;
    const a = place.laptop('home');
    const b = place.laptop('work');

    // At home: a journal with a few notes, one of them in the trash.
    const homeStatus = a.json<JournalStatus>(['init', '--name', 'home desktop']);
    const groceries = a.json<NoteJson>(['new', '--title', 'Groceries', '--body', 'milk\nbread\n', '--tag', 'food']);
    const trip = a.json<NoteJson>(['new', '--title', 'Trip to Lyon', '--body', 'Train at 9.\r\nNo final newline']);
    const old = a.json<NoteJson>(['new', '--title', 'Old list', '--body', 'string\n']);
    a.ok(['rm', old.id]);
    a.ok(['edit', trip.id, '--tag', 'travel']);

    // A full bundle on the stick: the name gets .ferry, and says what it holds.
    const written = a.ok(['bundle', 'create', 'stick/full', '--all']);
    expect(written).toMatch(new RegExp(`^Wrote stick/full\\.ferry: 5 versions \\(${size}\\), the whole journal, for any replica\\.\\n$`));
    expect(readdirSync(at('stick'))).toEqual(['full.ferry']);

    // The work laptop has no journal yet; it can still check what the stick holds.
    const checked = b.ok(['bundle', 'verify', 'stick/full.ferry']).split('\n');
    expect(checked[0]).toMatch(new RegExp(`^Bundle {4}stick/full\\.ferry \\(${size}\\)$`));
    expect(checked[1]).toBe(`Journal   ${homeStatus.journalId}`);
    expect(checked[2]).toMatch(new RegExp(`^From {6}“home desktop” \\(replica ${homeStatus.replicaId}\\), ${localMinute}$`));
    expect(checked[3]).toBe('Holds     5 versions: the whole journal (it can start a new replica: `ferry clone`)');
    expect(checked.slice(4)).toEqual(['The bundle is sound (no journal here to check it against).', '']);
    const verified = b.json<VerifiedJson>(['bundle', 'verify', 'stick/full.ferry']);
    expect(keys(verified)).toEqual(verifiedKeys);
    expect(verified).toMatchObject({ file: 'stick/full.ferry', bytes: statSync(at('stick/full.ferry')).size, ok: true, newVersions: null });
    expectHeader(verified.header, {
      journalId: homeStatus.journalId,
      replicaId: homeStatus.replicaId,
      deviceName: 'home desktop',
      vector: { [homeStatus.replicaId]: 5 },
      basis: {},
      devices: { [homeStatus.replicaId]: 'home desktop' },
      versions: 5,
    });
    expect(existsSync(b.dir)).toBe(false);

    // The clone: a new replica of the same journal, holding everything.
    expect(b.ok(['clone', 'stick/full.ferry', '--name', 'work laptop'])).toBe(
      `Cloned the journal from “home desktop” into ${b.dir}: 2 notes, 5 versions. This device is “work laptop”, a new replica.\n`,
    );
    expect(b.json<NoteJson[]>(['list'])).toEqual(a.json<NoteJson[]>(['list']));
    const trash = b.json<NoteJson[]>(['list', '--trash']);
    expect(trash).toEqual(a.json<NoteJson[]>(['list', '--trash']));
    expect(trash.map((n) => n.title)).toEqual(['Old list']);
    expect(b.json<NoteJson>(['show', trip.id])).toMatchObject({ body: 'Train at 9.\r\nNo final newline', tags: ['travel'] });
    expect(b.json<NoteJson>(['show', groceries.id])).toEqual(groceries);

    const work = b.json<JournalStatus>(['status']);
    expect(work).toMatchObject({
      journalId: homeStatus.journalId,
      replicaId: expect.stringMatching(hex32),
      deviceName: 'work laptop',
      vector: { [homeStatus.replicaId]: 5 },
      path: b.dir,
      notes: 2,
      trash: 1,
      conflicts: 0,
      versions: 5,
      peers: 1,
      pending: 0,
    });
    expect(work.replicaId).not.toBe(homeStatus.replicaId);
    // Home has heard nothing from the work laptop: its five versions are on no other device it knows of.
    expect(a.json<JournalStatus>(['status'])).toMatchObject({ replicaId: homeStatus.replicaId, peers: 0, pending: 5 });

    // The work laptop knows where its versions came from; home knows of no other device yet.
    expect(b.ok(['peers'])).toMatch(new RegExp(`^home desktop  ${homeStatus.replicaId}\\n {6}in step with this replica; last heard ${localMinute}\\n$`));
    const peers = b.json<PeerJson[]>(['peers']);
    peers.forEach(expectPeerJson);
    expect(peers).toEqual([
      {
        replicaId: homeStatus.replicaId,
        deviceName: 'home desktop',
        known: { [homeStatus.replicaId]: 5 },
        learned: expect.stringMatching(iso),
        source: expect.stringContaining('full.ferry'),
        behind: 0,
        ahead: 0,
        lastHeard: expect.stringMatching(iso),
      },
    ]);
    expect(a.ok(['peers'])).toMatch(/^No other replica heard of yet\. .*`ferry bundle import FILE`/);
    expect(a.json<PeerJson[]>(['peers'])).toEqual([]);

    // The clone is the work laptop's first run.
    const runs = b.json<RunJson[]>(['runs']);
    runs.forEach(expectRunJson);
    expect(runs).toEqual([
      {
        run: 1,
        time: expect.stringMatching(iso),
        kind: 'clone',
        source: expect.stringContaining('full.ferry'),
        peer: homeStatus.replicaId,
        peerName: 'home desktop',
        versions: expect.any(Array),
        notes: expect.any(Array),
        undone: null,
      },
    ]);
    expect(runs[0]!.versions).toHaveLength(5);
    expect(new Set(runs[0]!.notes.map((n) => `${n.title}: ${n.change}`))).toEqual(new Set(['Groceries: created', 'Trip to Lyon: created', 'Old list: created']));

    // A clone never lands on a journal, and a missing bundle makes no folder.
    expect(expectHumanError(b.ferry(['clone', 'stick/full.ferry']), 1, ['clone'])).toBe(`There is already a journal in ${b.dir}, with 3 notes; clone into another folder with --journal, or use that one.`);
    const spare = place.laptop('spare');
    expect(expectJsonError(spare.ferry(['--json', 'clone', 'stick/nothing.ferry']), 1, 'NotFound', ['clone'])).toBe('There is no file stick/nothing.ferry.');
    expect(existsSync(spare.dir)).toBe(false);
    expect(b.json<JournalStatus>(['status'])).toEqual(work);
  });
});

describe('a second laptop that made its own journal first', slow, () => {
  it('holds nothing yet, so a full bundle by hand makes it a replica of the journal on the stick; one with a note of its own is refused, and joins only when asked, bringing its note', () => {
    const place = desk();
    const a = place.laptop('home');
    const b = place.laptop('work');
    const homeStatus = a.json<JournalStatus>(['init', '--name', 'home desktop']);
    a.ok(['new', '--title', 'Groceries', '--body', 'milk\n']);
    a.ok(['bundle', 'create', 'stick/full.ferry', '--all']);

    // `ferry init` at work, as the app's first start: an empty journal of its own.
    const workStatus = b.json<JournalStatus>(['init', '--name', 'work laptop']);
    expect(b.ok(['bundle', 'verify', 'stick/full.ferry'])).toContain('The bundle is sound; this device holds nothing yet, so importing it here would join its journal and bring 1 version.\n');
    expect(b.ok(['bundle', 'import', 'stick/full.ferry'])).toBe(
      `This device held nothing yet, so it joined journal ${homeStatus.journalId}, from “home desktop”.\nImported 1 version from “home desktop” (run 1): 1 created.\n\`ferry undo 1\` takes this import back.\n`,
    );
    expect(b.json<JournalStatus>(['status'])).toMatchObject({ journalId: homeStatus.journalId, replicaId: workStatus.replicaId, deviceName: 'work laptop', notes: 1 });
    expect(b.json<RunJson[]>(['runs'])[0]).toMatchObject({ kind: 'clone', peerName: 'home desktop' });

    // And back: what the work laptop writes is the home journal's.
    b.ok(['new', '--title', 'From work']);
    b.ok(['bundle', 'create', 'stick/work.ferry', '--for', 'home desktop']);
    const back = a.json<ImportedJson>(['bundle', 'import', 'stick/work.ferry']);
    expect(keys(back)).toEqual(importedKeys);
    expect(back).toMatchObject({ stored: 1, joined: null });
    expect(a.json<NoteJson[]>(['list']).map((n) => n.title).sort()).toEqual(['From work', 'Groceries']);

    // Only a whole journal can be joined: the bundle made for home builds on what it holds.
    const c = place.laptop('attic');
    c.ok(['init', '--name', 'attic']);
    expectRefusal(c, ['bundle', 'import', 'stick/work.ferry'], 1, 'JournalMismatch', ['This device holds nothing yet, so it could join that journal, but only from a full bundle: on "work laptop", run `ferry bundle create FILE --all`.', 'Nothing was imported.']);

    // A laptop with a note of its own keeps its journal, and is told how to have both.
    const d = place.laptop('spare');
    const spareStatus = d.json<JournalStatus>(['init', '--name', 'spare']);
    d.ok(['new', '--title', 'Mine']);
    expectRefusal(d, ['bundle', 'import', 'stick/full.ferry'], 1, 'JournalMismatch', [
      `this one is ${spareStatus.journalId.slice(0, 8)}. This one already has 1 note of its own: a device keeps one journal, and two journals are never mixed.`,
      '`ferry bundle import FILE --join`',
      '`ferry clone FILE --journal DIR`',
    ]);
    expect(d.json<JournalStatus>(['status'])).toMatchObject({ journalId: spareStatus.journalId, notes: 1 });

    // Asked to, it joins bringing its note; the journal as it was is kept to read from.
    expectRefusal(d, ['bundle', 'import', 'stick/work.ferry', '--join'], 1, 'BasisMissing', ['does not hold the whole of its journal, so this device cannot join it']);
    const kept = join(d.dir, `before-joining-${homeStatus.journalId.slice(0, 8)}`);
    expect(d.ok(['bundle', 'import', 'stick/full.ferry', '--join'])).toBe(
      `This device joined journal ${homeStatus.journalId}, from “home desktop”, bringing 1 note; its journal as it was is kept, to read from, in ${kept}.\n` +
        'Imported 1 version from “home desktop” (run 1): 1 created.\n`ferry undo 1` takes this import back.\n',
    );
    const joinedStatus = d.json<JournalStatus>(['status']);
    expect(joinedStatus).toMatchObject({ journalId: homeStatus.journalId, notes: 2 });
    expect(joinedStatus.replicaId).not.toBe(spareStatus.replicaId);
    const copy = place.laptop(`spare/before-joining-${homeStatus.journalId.slice(0, 8)}`);
    expect(copy.dir).toBe(kept);
    expect(copy.json<NoteJson[]>(['list']).map((n) => n.title)).toEqual(['Mine']);
  });
});

describe('bundles for a peer', slow, () => {
  it('carry only what the peer lacks, named by device or replica id; a second import changes nothing', () => {
    const { a, b, at, homeStatus, workStatus, notes } = homeAndWork([
      { title: 'Groceries', body: 'milk\nbread\n', tags: ['food'] },
      { title: 'Trip to Lyon', body: 'Train at 9.\n' },
    ]);
    const [groceries, trip] = notes as [NoteJson, NoteJson];
    const home = homeStatus.replicaId;
    const work = workStatus.replicaId;

    // At work: an edit and a new note, on this laptop only so far.
    b.ok(['edit', groceries.id, '--body', 'milk\nbread\nbutter\n']);
    const fromWork = b.ok(['new', '--title', 'From work', '--body', 'Call the plumber.\n']).trim();
    expect(b.json<JournalStatus>(['status'])).toMatchObject({ pending: 2, peers: 1 });

    // Asked for nothing in particular, it names the devices it could be for.
    expectRefusal(b, ['bundle', 'create', 'stick/for-home'], 1, 'BadInput', ['Say what the bundle holds: --for PEER (what that device lacks: “home desktop”) or --all (everything).']);
    // A bundle for home, named by its device name, and the same by a prefix of its replica id.
    expect(b.ok(['bundle', 'create', 'stick/for-home', '--for', 'home desktop'])).toMatch(new RegExp(`^Wrote stick/for-home\\.ferry: 2 versions \\(${size}\\), for “home desktop”\\.\\n$`));
    const made = b.json<CreatedJson>(['bundle', 'create', 'stick/by-id.bundle', '--for', home.slice(0, 8)]);
    expect(keys(made)).toEqual(createdKeys);
    expect(made).toMatchObject({ file: 'stick/by-id.bundle', bytes: statSync(at('stick/by-id.bundle')).size, peer: 'home desktop' });
    expectHeader(made.header, {
      journalId: homeStatus.journalId,
      replicaId: work,
      deviceName: 'work laptop',
      vector: { [home]: 2, [work]: 2 },
      basis: { [home]: 2 },
      devices: { [home]: 'home desktop', [work]: 'work laptop' },
      versions: 2,
    });

    // At home: check the stick first, then import.
    const verdict = a.ok(['bundle', 'verify', 'stick/for-home.ferry']);
    expect(verdict).toContain(`From      “work laptop” (replica ${work})`);
    expect(verdict).toContain('Holds     2 versions, for a replica that already holds its basis\n');
    expect(verdict.endsWith('\nThe bundle is sound; importing it here would bring 2 new versions.\n')).toBe(true);
    const verified = a.json<VerifiedJson>(['bundle', 'verify', 'stick/by-id.bundle']);
    expect(keys(verified)).toEqual(verifiedKeys);
    expect(verified).toEqual({ file: 'stick/by-id.bundle', bytes: made.bytes, ok: true, header: made.header, newVersions: 2 });

    expect(a.ok(['bundle', 'import', 'stick/for-home.ferry'])).toBe('Imported 2 versions from “work laptop” (run 1): 1 edited, 1 created.\n`ferry undo 1` takes this import back.\n');
    const runs = a.json<RunJson[]>(['runs']);
    runs.forEach(expectRunJson);
    expect(runs).toEqual([
      {
        run: 1,
        time: expect.stringMatching(iso),
        kind: 'bundle',
        source: expect.stringContaining('for-home.ferry'),
        peer: work,
        peerName: 'work laptop',
        versions: expect.any(Array),
        notes: [
          { noteId: groceries.id, title: 'Groceries', change: 'edited' },
          { noteId: fromWork, title: 'From work', change: 'created' },
        ],
        undone: null,
      },
    ]);
    expect(runs[0]!.versions).toHaveLength(2);

    // The same versions again, from either file: nothing new, no run.
    expect(a.ok(['bundle', 'import', 'stick/for-home.ferry'])).toBe('Nothing new: this journal already holds every version in stick/for-home.ferry (2 versions from “work laptop”).\n');
    const again = a.json<ImportedJson>(['bundle', 'import', 'stick/by-id.bundle']);
    expect(keys(again)).toEqual(importedKeys);
    expect(again).toEqual({ run: null, stored: 0, alreadyHeld: 2, notes: [], file: 'stick/by-id.bundle', header: made.header, joined: null });
    expect(a.json<RunJson[]>(['runs'])).toEqual(runs);
    expect(a.ok(['bundle', 'verify', 'stick/for-home.ferry']).endsWith('\nThe bundle is sound; this journal already holds all of it.\n')).toBe(true);
    expect(a.json<NoteJson[]>(['list'])).toEqual(b.json<NoteJson[]>(['list']));

    // Home now knows the work laptop, and that it lacks nothing.
    const peers = a.json<PeerJson[]>(['peers']);
    peers.forEach(expectPeerJson);
    expect(peers).toEqual([
      { replicaId: work, deviceName: 'work laptop', known: { [home]: 2, [work]: 2 }, learned: expect.stringMatching(iso), source: expect.any(String), behind: 0, ahead: 0, lastHeard: expect.stringMatching(iso) },
    ]);
    expect(a.ok(['bundle', 'create', 'stick/nothing', '--for', 'work laptop'])).toMatch(
      new RegExp(`^Wrote stick/nothing\\.ferry: no versions \\(${size}\\), for “work laptop” \\(as far as this replica knows, “work laptop” already holds everything here\\)\\.\\n$`),
    );
    // A device never heard of: the error names the ones that were, and the way out.
    const unknown = expectHumanError(a.ferry(['bundle', 'create', 'stick/tablet', '--for', 'travel tablet']), 1, ['bundle', 'create']);
    expect(unknown).toContain('No replica of this journal is called "travel tablet"');
    expect(unknown).toContain(`the ones heard of: work laptop (${work.slice(0, 8)})`);
    expect(unknown).toContain('`--all`');
    expect(existsSync(at('stick/tablet.ferry'))).toBe(false);

    // Home edits; its bundle for work carries just that, and work learns home holds its versions.
    a.ok(['edit', trip.id, '--body', 'Train at 10.\n']);
    expect(a.json<JournalStatus>(['status'])).toMatchObject({ peers: 1, pending: 1 });
    expect(a.ok(['bundle', 'create', 'stick/for-work', '--for', 'work laptop'])).toMatch(/: 1 version \(/);
    expect(b.ok(['bundle', 'import', 'stick/for-work.ferry'])).toBe('Imported 1 version from “home desktop” (run 2): 1 edited.\n`ferry undo 2` takes this import back.\n');
    expect(b.json<JournalStatus>(['status'])).toMatchObject({ vector: { [home]: 3, [work]: 2 }, peers: 1, pending: 0 });
    expect(b.json<NoteJson>(['show', trip.id]).body).toBe('Train at 10.\n');
  });
});

describe('a conflict through the command line', slow, () => {
  it('is listed on both laptops with its heads, resolved on one by taking a version and on the other by a written merge, and ends on both', () => {
    const { a, b, file, notes } = homeAndWork([
      { title: 'Plans', body: 'Leave at 8\nLunch in Dijon\n' },
      { title: 'Packing', body: 'Passport\nSocks\n' },
    ]);
    const [plans, packing] = notes as [NoteJson, NoteJson];
    const short = plans.id.slice(0, 8);

    // Both laptops change the same line of each note, and Packing's title too, offline.
    const homePlans = a.json<NoteJson>(['edit', plans.id, '--body', 'Leave at 9\nLunch in Dijon\n']).heads[0]!;
    const homePacking = a.json<NoteJson>(['edit', packing.id, '--title', 'Packing for Lyon', '--body', 'Passport, tickets\nSocks\n']).heads[0]!;
    const workPlans = b.json<NoteJson>(['edit', plans.id, '--body', 'Leave at 10\nLunch in Dijon\n']).heads[0]!;
    const workPacking = b.json<NoteJson>(['edit', packing.id, '--title', 'Packing list', '--body', 'Passport, charger\nSocks\n']).heads[0]!;

    // Bundles both ways (work first: home hears of the work laptop from its bundle).
    b.ok(['bundle', 'create', 'stick/for-home', '--for', 'home desktop']);
    const atHome = a.ok(['bundle', 'import', 'stick/for-home.ferry']).split('\n');
    expect(atHome[0]).toBe('Imported 2 versions from “work laptop” (run 1): 2 conflicted.');
    expect(atHome[1]).toMatch(/^In conflict now: “.+”, “.+”; `ferry conflicts` shows them\.$/);
    expect(atHome[1]).toContain('“Plans”');
    expect(atHome.slice(2)).toEqual(['`ferry undo 1` takes this import back.', '']);
    a.ok(['bundle', 'create', 'stick/for-work', '--for', 'work laptop']);
    expect(b.ok(['bundle', 'import', 'stick/for-work.ferry'])).toMatch(/^Imported 2 versions from “home desktop” \(run 2\): 2 conflicted\.\nIn conflict now: /);

    // Both laptops list the same two notes in conflict, each with both heads.
    const listed = a.json<NoteJson[]>(['conflicts']);
    expect(b.json<NoteJson[]>(['conflicts'])).toEqual(listed);
    listed.forEach(expectNoteKeys);
    expect(byId(listed).map((n) => ({ id: n.id, conflict: n.conflict, heads: [...n.heads].sort() }))).toEqual(
      byId([
        { id: plans.id, conflict: true, heads: [homePlans, workPlans].sort() },
        { id: packing.id, conflict: true, heads: [homePacking, workPacking].sort() },
      ]),
    );
    const text = a.ok(['conflicts']);
    expect(text).toMatch(new RegExp(`^${short}  ${localMinute}  Plans  \\[CONFLICT\\]$`, 'm'));
    expect(text).toMatch(new RegExp(`^ {6}${homePlans.slice(0, 12)}  ${localMinute}  home desktop: Plans — line \\d+: Leave at 9$`, 'm'));
    expect(text).toMatch(new RegExp(`^ {6}${workPlans.slice(0, 12)}  ${localMinute}  work laptop: Plans — line \\d+: Leave at 10$`, 'm'));
    expect(text).toMatch(new RegExp(`^ {6}${workPacking.slice(0, 12)}  ${localMinute}  work laptop: Packing list — line \\d+: Passport, charger$`, 'm'));
    expect(text).toContain(`resolve: \`ferry resolve ${short} --take VERSION\`, or write the merged text with --body (\`ferry show ${short} --marked\` starts it)`);
    // The two versions merged to finish by hand: markers only around the line that collides.
    const marked = a.json<{ id: string; heads: string[]; marked: string }>(['show', short, '--marked']);
    expect([...marked.heads].sort()).toEqual([homePlans, workPlans].sort());
    const [ours, theirs] = marked.heads[0] === homePlans ? ['home desktop', 'work laptop'] : ['work laptop', 'home desktop'];
    const leave: Record<string, string> = { 'home desktop': 'Leave at 9\n', 'work laptop': 'Leave at 10\n' };
    expect(marked.marked).toBe(`<<<<<<< ${ours}\n${leave[ours]}=======\n${leave[theirs]}>>>>>>> ${theirs}\nLunch in Dijon\n`);
    expect(a.ok(['show', short, '--marked'])).toBe(marked.marked);
    expectRefusal(a, ['show', short, '--marked', '--version', homePlans], 1, 'BadInput', ['Give either --version or --marked, not both.']);
    const shown = b.ok(['show', plans.id]);
    expect(shown).toContain('In conflict: 2 versions were written at the same time (');
    expect(shown).toContain(homePlans.slice(0, 12));
    expect(shown).toContain(workPlans.slice(0, 12));

    // Resolve needs to be told how, in one way.
    expectRefusal(a, ['resolve', plans.id], 1, 'BadInput', ['Say how to resolve: --take VERSION']);
    expectRefusal(a, ['resolve', plans.id, '--take', workPlans, '--body', 'Leave at 9:30\n'], 1, 'BadInput', ['Give either --take VERSION or the merged --title/--body/--tag, not both.']);

    // At home: take the work laptop's version of Plans. The resolution is a new version on both heads.
    expect(a.ok(['resolve', short, '--take', workPlans.slice(0, 10)])).toMatch(/^Resolved “Plans” .*; it is no longer in conflict\.\n$/);
    const history = a.json<VersionJson[]>(['history', plans.id]);
    expect([...history[0]!.parents].sort()).toEqual([homePlans, workPlans].sort());
    expect(history[0]).toMatchObject({ title: 'Plans', body: 'Leave at 10\nLunch in Dijon\n', replicaId: expect.stringMatching(hex32) });
    // In words, the newest version is the resolution.
    expect(a.ok(['history', short]).split('\n')[0]).toMatch(/ {2}home desktop {2}resolved$/);
    expect(a.json<NoteJson[]>(['conflicts']).map((n) => n.id)).toEqual([packing.id]);
    expectRefusal(a, ['show', short, '--marked'], 1, 'BadInput', ['“Plans” is not in conflict']);

    // At work: write the merged Packing list by hand (title, body from a file, tags).
    const merged = b.json<NoteJson>(['resolve', packing.id, '--title', 'Packing for Lyon', '--body-file', file('merged.md', 'Passport, tickets, charger\nSocks\n'), '--tag', 'travel']);
    expectNoteKeys(merged);
    expect(merged).toMatchObject({ id: packing.id, title: 'Packing for Lyon', body: 'Passport, tickets, charger\nSocks\n', tags: ['travel'], deleted: false, conflict: false });
    expect(merged.heads).toHaveLength(1);
    expect(b.json<NoteJson[]>(['conflicts']).map((n) => n.id)).toEqual([plans.id]);

    // Bundles both ways again: no conflict left anywhere, and both laptops show the same notes.
    b.ok(['bundle', 'create', 'stick/for-home-2', '--for', 'home desktop']);
    a.ok(['bundle', 'create', 'stick/for-work-2', '--for', 'work laptop']);
    a.ok(['bundle', 'import', 'stick/for-home-2.ferry']);
    b.ok(['bundle', 'import', 'stick/for-work-2.ferry']);
    expect(a.ok(['conflicts'])).toBe('No notes are in conflict.\n');
    expect(b.ok(['conflicts'])).toBe('No notes are in conflict.\n');
    const plansAtHome = a.json<NoteJson>(['show', plans.id]);
    expect(b.json<NoteJson>(['show', plans.id])).toEqual(plansAtHome);
    expect(plansAtHome).toMatchObject({ body: 'Leave at 10\nLunch in Dijon\n', conflict: false, heads: [history[0]!.id] });
    const everything = a.json<NoteJson[]>(['list']);
    expect(b.json<NoteJson[]>(['list'])).toEqual(everything);
    expect(everything.find((n) => n.id === packing.id)).toEqual(merged);

    // A note that is not in conflict is changed with edit, not resolve.
    expectRefusal(a, ['resolve', plans.id, '--take', homePlans], 1, 'BadInput', [`Note ${short} ("Plans") is not in conflict; \`ferry edit\` changes it.`]);
    expect(a.json<NoteJson>(['show', plans.id])).toEqual(plansAtHome);
  });

  it('is finished by hand from `show --marked`, and a resolution that still has marker lines is kept but pointed out', () => {
    const { a, b, file, notes } = homeAndWork([{ title: 'Stoves', body: 'tent\nstove\n' }]);
    const [stoves] = notes as [NoteJson];
    a.ok(['edit', stoves.id, '--body', 'tent\ngas stove\n']);
    b.ok(['edit', stoves.id, '--body', 'tent\nspirit stove\n']);
    b.ok(['bundle', 'create', 'stick/for-home', '--for', 'home desktop']);
    a.ok(['bundle', 'import', 'stick/for-home.ferry']);

    const marked = a.ok(['show', stoves.id, '--marked']);
    expect(marked).toMatch(/^tent\n<<<<<<< (home desktop|work laptop)\n(gas|spirit) stove\n=======\n(spirit|gas) stove\n>>>>>>> (work laptop|home desktop)\n$/u);
    const resolved = a.ferry(['resolve', stoves.id, '--body-file', file('stoves.md', marked)]);
    expect(resolved.status).toBe(0);
    expect(resolved.stdout).toMatch(/^Resolved “Stoves” with the text you gave/u);
    expect(resolved.stderr).toBe(`ferry: the merged text still has marker lines (<<<<<<<, =======, >>>>>>>), saved as they are: \`ferry edit ${stoves.id.slice(0, 8)}\` takes them out.\n`);
    expect(a.json<NoteJson>(['show', stoves.id])).toMatchObject({ body: marked, conflict: false });
  });

  it('merges edits on different lines silently, the same on both laptops, and a daily entry written on both keeps both texts', () => {
    const { a, b, notes } = homeAndWork([{ title: 'Recipe', body: 'Flour\nSugar\nEggs\n' }]);
    const recipe = notes[0]!;
    a.ok(['edit', recipe.id, '--body', 'Flour, 200 g\nSugar\nEggs\n']);
    b.ok(['edit', recipe.id, '--body', 'Flour\nSugar\nEggs, 2\n']);
    // Today's entry, started on both laptops offline: one note, whose id both derive from the day.
    const homeDay = a.json<NoteJson>(['today']);
    const workDay = b.json<NoteJson>(['today']);
    const sameDay = homeDay.title === workDay.title;
    a.ok(['edit', homeDay.id, '--body', 'Morning run.\n']);
    b.ok(['edit', workDay.id, '--body', 'Meeting at 10.\n']);

    b.ok(['bundle', 'create', 'stick/for-home', '--for', 'home desktop']);
    const imported = a.ok(['bundle', 'import', 'stick/for-home.ferry']);
    expect(imported).toMatch(/^Imported \d versions from “work laptop” \(run 1\): \d (edited|created)/);
    expect(imported).not.toContain('conflict');
    a.ok(['bundle', 'create', 'stick/for-work', '--for', 'work laptop']);
    b.ok(['bundle', 'import', 'stick/for-work.ferry']);

    for (const laptop of [a, b]) {
      const shown = laptop.ok(['show', recipe.id]);
      expect(shown).toContain('Merged from 2 versions written at the same time (on different devices, or here while the app was open); the next edit records the merge.');
      expect(shown).not.toContain('In conflict');
      expect(shown.endsWith('\n\nFlour, 200 g\nSugar\nEggs, 2\n')).toBe(true);
    }
    expect(a.json<NoteJson[]>(['conflicts'])).toEqual([]);
    const atHome = a.json<NoteJson>(['show', recipe.id]);
    expect(b.json<NoteJson>(['show', recipe.id])).toEqual(atHome);
    expect(atHome).toMatchObject({ conflict: false, body: 'Flour, 200 g\nSugar\nEggs, 2\n' });
    expect(atHome.heads).toHaveLength(2);

    if (sameDay) {
      expect(workDay.id).toBe(homeDay.id);
      const day = a.json<NoteJson>(['show', homeDay.id]);
      expect(b.json<NoteJson>(['show', homeDay.id])).toEqual(day);
      expect(day.conflict).toBe(false);
      expect(day.body.split('\n').sort()).toEqual(['', 'Meeting at 10.', 'Morning run.']);
    }

    // The next edit records the merge: one head again, made on both.
    const edited = a.json<NoteJson>(['edit', recipe.id, '--tag', 'baking']);
    expect(edited.heads).toHaveLength(1);
    expect(a.json<VersionJson[]>(['history', recipe.id])[0]!.parents.sort()).toEqual([...atHome.heads].sort());
  });
});

describe('runs and undo', slow, () => {
  it('takes back an import that trashed notes, says so when there is nothing left to undo, and leaves alone what was edited since', () => {
    const { a, b, workStatus, notes } = homeAndWork([
      { title: 'Groceries', body: 'milk\n', tags: ['food'] },
      { title: 'Trip to Lyon', body: 'Train at 9.\n' },
      { title: 'Books', body: 'Dune\n' },
    ]);
    const work = workStatus.replicaId;

    // At work, a clean-up goes too far: every note to the trash, carried home on the stick.
    for (const note of notes) b.ok(['rm', note.id]);
    b.ok(['bundle', 'create', 'stick/cleanup', '--for', 'home desktop']);
    expect(a.ok(['bundle', 'import', 'stick/cleanup.ferry'])).toBe('Imported 3 versions from “work laptop” (run 1): 3 deleted.\n`ferry undo 1` takes this import back.\n');
    expect(a.json<NoteJson[]>(['list'])).toEqual([]);

    const runs = a.json<RunJson[]>(['runs']);
    runs.forEach(expectRunJson);
    expect(runs).toHaveLength(1);
    expect(runs[0]).toMatchObject({ run: 1, kind: 'bundle', peer: work, peerName: 'work laptop', undone: null });
    expect(runs[0]!.versions).toHaveLength(3);
    expect(byId(runs[0]!.notes.map((n) => ({ id: n.noteId, title: n.title, change: n.change })))).toEqual(byId(notes.map((n) => ({ id: n.id, title: n.title, change: 'deleted' }))));

    // Undo: new versions put the three notes back as they were.
    const undone = a.json<UndoJson>(['undo', '1']);
    expect(keys(undone)).toEqual(undoKeys);
    expect(undone.run).toBe(1);
    expect(undone.skipped).toEqual([]);
    for (const named of undone.restored) expect(keys(named)).toEqual(['noteId', 'title']);
    expect(byId(undone.restored.map((n) => ({ id: n.noteId, title: n.title })))).toEqual(byId(notes.map((n) => ({ id: n.id, title: n.title }))));
    const back = a.json<NoteJson[]>(['list']);
    expect(byId(back).map(content)).toEqual(byId(notes).map(content));
    const listing = a.ok(['runs']);
    expect(listing).toMatch(new RegExp(`^ {3}1  ${localMinute}  bundle from “work laptop”: 3 versions, 3 deleted  \\[undone ${localMinute}\\]\\n {6}.*cleanup\\.ferry\\n$`));

    // Undoing twice, or a run that does not exist: a clear sentence, nothing written.
    const log = a.json<VersionJson[]>(['log']);
    expect(expectRefusal(a, ['undo', '1'], 1, 'NothingToUndo', ['Run 1 was already undone'])).toMatch(/^Run 1 was already undone; `ferry runs` shows when\.$/);
    expectRefusal(a, ['undo', '99'], 1, 'NotFound', ['There is no run 99; `ferry runs` lists them.']);
    expect(a.json<VersionJson[]>(['log'])).toEqual(log);

    // The undo travels like any edit: the work laptop gets its notes back too.
    a.ok(['bundle', 'create', 'stick/for-work', '--for', 'work laptop']);
    expect(b.ok(['bundle', 'import', 'stick/for-work.ferry'])).toBe('Imported 3 versions from “home desktop” (run 2): 3 restored.\n`ferry undo 2` takes this import back.\n');
    expect(b.json<NoteJson[]>(['list'])).toEqual(a.json<NoteJson[]>(['list']));

    // Two new notes from work; one is edited at home before the import is taken back.
    const fresh = b.ok(['new', '--title', 'Fresh idea', '--body', 'a\n']).trim();
    b.ok(['new', '--title', 'Second idea', '--body', 'b\n']);
    b.ok(['bundle', 'create', 'stick/ideas', '--for', 'home desktop']);
    expect(a.ok(['bundle', 'import', 'stick/ideas.ferry'])).toMatch(/^Imported 2 versions from “work laptop” \(run 2\): 2 created\.\n/);
    a.ok(['edit', fresh, '--body', 'a, thought through\n']);
    const partly = a.ok(['undo', '2']);
    expect(partly).toMatch(/^Undid run 2: .*1 note/);
    expect(partly).toContain(`Left alone, because they were edited after the run: “Fresh idea” (${fresh.slice(0, 8)}).\n`);
    expect(a.json<NoteJson[]>(['list']).map((n) => n.title).sort()).toEqual(['Books', 'Fresh idea', 'Groceries', 'Trip to Lyon']);
  });
});

describe('bundles that must not be imported', slow, () => {
  it('refuses what is not a bundle, a damaged one, another journal’s, and one built on versions this laptop lacks, and changes nothing', () => {
    const place = homeAndWork([{ title: 'Groceries', body: 'milk\n' }]);
    const { a, b, at, file, homeStatus, workStatus } = place;
    const work = workStatus.replicaId;

    // The work laptop writes two notes home has never seen, and a bundle of them for home.
    b.ok(['new', '--title', 'Only at work', '--body', 'one\n']);
    b.ok(['new', '--title', 'Also only at work', '--body', 'two\n']);
    b.ok(['bundle', 'create', 'stick/for-home', '--for', 'home desktop']);
    // A tablet cloned from the work laptop then holds more than home: its bundle for the work
    // laptop builds on versions 1–2 of the work laptop.
    b.ok(['bundle', 'create', 'stick/work-full', '--all']);
    const tablet = place.laptop('tablet');
    tablet.ok(['clone', 'stick/work-full.ferry', '--name', 'travel tablet']);
    tablet.ok(['new', '--title', 'From the tablet']);
    tablet.ok(['bundle', 'create', 'stick/tablet-for-work', '--for', 'work laptop']);
    // And a journal that has nothing to do with these.
    const stranger = place.laptop('stranger');
    const strangerStatus = stranger.json<JournalStatus>(['init', '--name', 'neighbour']);
    stranger.ok(['new', '--title', 'Not yours']);
    stranger.ok(['bundle', 'create', 'stick/neighbour', '--all']);

    // Files on the stick that look like bundles and are not, or no longer.
    const good = readFileSync(at('stick/for-home.ferry'));
    const flipped = Buffer.from(good);
    flipped[Math.floor(flipped.length / 2)]! ^= 0x01;
    file('stick/notes.txt', 'These are my notes, not a bundle.\n');
    file('stick/empty.ferry', '');
    file('stick/cut.ferry', good.subarray(0, Math.floor(good.length / 2)));
    file('stick/flipped.ferry', flipped);
    file('stick/padded.ferry', Buffer.concat([good, Buffer.from('\n\n\n')]));

    const snapshot = () => ({
      list: a.json<NoteJson[]>(['list']),
      log: a.json<VersionJson[]>(['log']),
      runs: a.json<RunJson[]>(['runs']),
      peers: a.json<PeerJson[]>(['peers']),
    });
    const before = snapshot();

    const damaged = 'Copy the bundle again from the device that wrote it. Nothing was imported.';
    const cases: { file: string; code: string; says: string[] }[] = [
      { file: 'stick/notes.txt', code: 'NotABundle', says: ['stick/notes.txt is not a Ferry bundle'] },
      { file: 'stick/empty.ferry', code: 'NotABundle', says: ['stick/empty.ferry is empty: it is not a Ferry bundle'] },
      { file: 'stick/cut.ferry', code: 'BundleDamaged', says: ['stick/cut.ferry is a damaged Ferry bundle', 'cut short', damaged] },
      { file: 'stick/flipped.ferry', code: 'BundleDamaged', says: ['stick/flipped.ferry is a damaged Ferry bundle', 'its checksum does not match its content', damaged] },
      { file: 'stick/padded.ferry', code: 'BundleDamaged', says: ['stick/padded.ferry is a damaged Ferry bundle', '3 unexpected bytes follow its end', damaged] },
      {
        file: 'stick/neighbour.ferry',
        code: 'JournalMismatch',
        says: [`belongs to another journal (${strangerStatus.journalId.slice(0, 8)}, written by "neighbour"); this one is ${homeStatus.journalId.slice(0, 8)}`, 'Nothing was imported.'],
      },
      {
        file: 'stick/tablet-for-work.ferry',
        code: 'BasisMissing',
        says: ['was made for a replica that holds more than this one', `work laptop (${work.slice(0, 8)}): versions 1–2`, 'Nothing was imported.'],
      },
    ];
    for (const { file: bundle, code, says } of cases) expectRefusal(a, ['bundle', 'import', bundle], 1, code, says);
    // verify says the same about a damaged file; a clone from one leaves no journal behind.
    expect(expectHumanError(a.ferry(['bundle', 'verify', 'stick/flipped.ferry']), 1, ['bundle', 'verify'])).toContain('its checksum does not match its content');
    const spare = place.laptop('spare');
    expectJsonError(spare.ferry(['--json', 'clone', 'stick/cut.ferry']), 1, 'BundleDamaged', ['clone']);
    expect(existsSync(join(spare.dir, 'journal.db'))).toBe(false);

    expect(snapshot()).toEqual(before);

    // The bundle itself, whole, imports; after it, the tablet's bundle has its basis.
    expect(a.ok(['bundle', 'import', 'stick/for-home.ferry'])).toBe('Imported 2 versions from “work laptop” (run 1): 2 created.\n`ferry undo 1` takes this import back.\n');
    expect(a.ok(['bundle', 'import', 'stick/tablet-for-work.ferry'])).toBe('Imported 1 version from “travel tablet” (run 2): 1 created.\n`ferry undo 2` takes this import back.\n');
    expect(a.json<NoteJson[]>(['list']).map((n) => n.title).sort()).toEqual(['Also only at work', 'From the tablet', 'Groceries', 'Only at work']);
  });

  it('bundle create says what it needs: --for a known device or --all, not both', () => {
    const place = desk();
    const a = place.laptop('home');
    a.ok(['init', '--name', 'home desktop']);
    a.ok(['new', '--title', 'Groceries']);
    expectRefusal(a, ['bundle', 'create', 'stick/x'], 1, 'BadInput', [
      'Say what the bundle holds: --all (everything, which a new device starts from with `ferry clone`); no other device is known yet, so there is no --for PEER to name.',
    ]);
    expectRefusal(a, ['bundle', 'create', 'stick/x', '--for', 'work laptop'], 1, 'NotFound', ['No replica of this journal is called "work laptop": this replica has not heard of any other yet', '`--all`']);
    expectRefusal(a, ['bundle', 'create', 'stick/x', '--for', 'work laptop', '--all'], 2, 'BadInput', ["'--for <peer>' cannot be used with option '--all'"]);
    expect(expectHumanError(a.ferry(['bundle', 'create', 'stick/x', '--all', '--for', 'work laptop']), 2, ['bundle', 'create'])).toContain('cannot be used with');
    expect(readdirSync(place.at('stick'))).toEqual([]);
  });
});

describe('an exchange folder on a stick, from the command line', slow, () => {
  it('ferry exchange add and ferry watch --once carry a note across, and status says when the stick is out', () => {
    const { a, b, at, notes } = homeAndWork([{ title: 'Packing list', body: 'tent\n' }]);
    mkdirSync(at('usb'));
    const usb = at('usb');
    expect(a.ok(['exchange', 'add', 'usb'])).toBe(`Added the exchange folder ${usb}. \`ferry watch\` keeps it up to date.\n`);
    expect(a.ok(['exchange', 'add', 'usb'])).toBe(`${usb} is already an exchange folder.\n`);
    expect(b.json<{ path: string; added: string; present: boolean }[]>(['exchange', 'add', 'usb'])).toEqual([{ path: usb, added: expect.stringMatching(iso), present: true }]);
    expect(b.ok(['exchange', 'list'])).toBe(`${usb}\n`);

    // The home desktop writes a note and leaves its bundle on the stick: all it holds, for it has
    // not heard yet that the work laptop was cloned.
    const field = a.json<NoteJson>(['new', '--title', 'Field notes', '--body', 'Saw a kestrel.\n']);
    const wrote = a.ok(['watch', '--once']);
    expect(wrote).toMatch(new RegExp(`^${localMinute}  Wrote this device's bundle ${escape(usb)}/home-desktop-[0-9a-f]{8}\\.ferry: 2 versions \\(${size}\\)\\.\\n$`));
    expect(readdirSync(usb).filter((name) => name.endsWith('.ferry'))).toHaveLength(1);

    // The work laptop, the stick plugged in, takes it: a run that undo can take back.
    const took = b.ok(['watch', '--once']);
    expect(took).toMatch(/Imported 1 version from “home desktop” \(.*home-desktop-[0-9a-f]{8}\.ferry; run \d+, `ferry undo \d+` takes it back\)\./u);
    expect(b.json<NoteJson[]>(['list']).map((n) => n.title).sort()).toEqual(['Field notes', notes[0]!.title]);
    expect(b.json<NoteJson>(['show', field.id]).body).toBe('Saw a kestrel.\n');
    expect(b.ok(['status'])).toMatch(new RegExp(`\\nExchange  ${escape(usb)}\\n`));

    // The stick pulled out: status and list say so, and the watcher waits for it.
    rmSync(usb, { recursive: true });
    expect(b.ok(['status'])).toMatch(new RegExp(`\\nExchange  ${escape(usb)} \\(not there now: a USB stick pulled out\\?\\)\\n`));
    expect(b.ok(['exchange', 'list'])).toBe(`${usb}  (not there now)\n`);
    expect(b.json<{ present: boolean }[]>(['exchange', 'list']).map((f) => f.present)).toEqual([false]);
    expect(b.ok(['watch', '--once'])).toMatch(new RegExp(`^${localMinute}  ${escape(usb)} is not there \\(stick removed\\?\\); it is used again as soon as it is back\\.\\n$`));
    expect(b.ok(['exchange', 'remove', 'usb'])).toBe(`${usb} is no longer an exchange folder; the files in it were left alone.\n`);
    expect(b.ok(['status'])).not.toContain('Exchange');
  });
});

describe('where bundle create writes', slow, () => {
  it('given the stick folder itself, writes neither a file beside the folder nor a hidden one in it', () => {
    // A person who names the stick (`ferry bundle create /media/usb --all`) means "on the stick".
    // Either a sentence asks for a file name, or the bundle lands inside the folder under a name
    // ending in .ferry that a person (and an exchange folder, which skips names starting with ".",
    // docs/stream-format.md B6) can see. What must not happen: /media/usb.ferry next to the
    // stick, or a hidden stick/.ferry.
    const place = desk();
    const a = place.laptop('home');
    a.ok(['init', '--name', 'home desktop']);
    a.ok(['new', '--title', 'Groceries']);
    const outcomes = ['stick', 'stick/'].map((target) => {
      for (const name of readdirSync(place.at('stick'))) rmSync(join(place.at('stick'), name));
      const besideBefore = readdirSync(place.home);
      const onBefore = readdirSync(place.at('stick'));
      const result = a.ferry(['bundle', 'create', target, '--all']);
      const on = readdirSync(place.at('stick'));
      return {
        target,
        printed: result.status === 0 ? result.stdout : result.stderr,
        writtenBesideTheStick: readdirSync(place.home).filter((n) => !besideBefore.includes(n)),
        writtenHiddenOnTheStick: on.filter((n) => !onBefore.includes(n) && n.startsWith('.')),
        visibleBundleOnTheStick: on.some((n) => !onBefore.includes(n) && /^[^.].*\.ferry$/.test(n)),
        refused: result.status === 1 && result.stdout === '' && /^ferry: \S.*\n$/.test(result.stderr),
      };
    });
    expect(outcomes).toEqual(
      outcomes.map(({ target, printed, visibleBundleOnTheStick, refused }) => ({
        target,
        printed,
        writtenBesideTheStick: [],
        writtenHiddenOnTheStick: [],
        visibleBundleOnTheStick,
        refused,
      })),
    );
    for (const { target, visibleBundleOnTheStick, refused } of outcomes) expect({ target, visibleOrRefused: visibleBundleOnTheStick || refused }).toEqual({ target, visibleOrRefused: true });
  });
});

describe('the help', slow, () => {
  it('lists the commands for more than one replica', () => {
    const a = desk().laptop('home');
    const help = a.ok(['--help']);
    for (const command of ['conflicts', 'resolve', 'bundle', 'clone', 'runs', 'undo', 'peers']) expect(help).toMatch(new RegExp(`^  ${command}\\b`, 'm'));
    const bundleHelp = a.ok(['bundle', '--help']);
    for (const command of ['create', 'verify', 'import']) expect(bundleHelp).toMatch(new RegExp(`^  ${command}\\b`, 'm'));
    expect(a.ok(['bundle', 'create', '--help'])).toContain('--for <peer>');
  });
});
