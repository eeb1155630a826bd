// The `ferry` command line as people and scripts meet it: every test runs the real process
// (bin/ferry → dist/), in a temporary home, and tells one person's story. Human output is checked
// for what a person needs to read; `--json` output is checked against the shapes DESIGN.md fixes
// ("The CLI"), key for key, because scripts depend on them.

import { spawn } from 'node:child_process';
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import type { NoteJson, VersionJson } from '../../shared/model.js';
import type { FsckReport } from '../journal/fsck.js';
import { localDay } from '../journal/ids.js';
import { Journal, type JournalStatus } from '../journal/journal.js';
import { defaultJournalDir } from '../journal/location.js';
import { tempFolders } from '../testing/temp-journal.js';
import { expectHumanError, expectJsonError } from './cli-expect.js';
import { ferryInvocation, runFerry, unprivilegedUser, type FerryResult } from './run-ferry.js';

const folders = tempFolders();
afterEach(() => folders.cleanup());

type SearchHitJson = NoteJson & { snippet: string; highlights: [number, number][] };

const hex32 = /^[0-9a-f]{32}$/;
const hex64 = /^[0-9a-f]{64}$/;
const iso = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
/** Each test spawns dozens of processes: room for a busy machine. */
const slow = { timeout: 120_000 };
const commands = ['init', 'new', 'edit', 'rm', 'restore', 'show', 'list', 'search', 'today', 'log', 'history', 'status', 'fsck'];

/** A person at a shell: their own temporary home, and FERRY_HOME pointing at a journal folder in it. */
function person() {
  const home = folders.make('ferry-cli-');
  const dir = join(home, 'journal');
  const ferry = (args: readonly string[], options: { input?: Buffer | string; env?: Record<string, string | undefined> } = {}): FerryResult =>
    runFerry(args, { home, ferryHome: dir, ...options });
  /** Runs a command that must succeed quietly on stderr, and returns what it printed. */
  const ok = (args: readonly string[], input?: Buffer | string): string => {
    const result = ferry(args, input === undefined ? {} : { input });
    expect({ args, status: result.status, stderr: result.stderr }).toEqual({ args, status: 0, stderr: '' });
    return result.stdout;
  };
  /** The same with --json, parsed as the shape the caller names. */
  // eslint-disable-next-line @typescript-eslint/no-unnecessary-type-parameters -- the caller names the JSON shape it expects
  const json = <T>(args: readonly string[], input?: Buffer | string): T => JSON.parse(ok(['--json', ...args], input)) as T;
  const file = (name: string, content: Buffer | string): string => {
    const path = join(home, name);
    writeFileSync(path, content);
    return path;
  };
  return { home, dir, ferry, ok, json, file };
}

function expectNoteJson(note: NoteJson): void {
  expect(note).toEqual({
    id: expect.stringMatching(hex32),
    title: expect.any(String),
    body: expect.any(String),
    tags: expect.any(Array),
    deleted: expect.any(Boolean),
    conflict: expect.any(Boolean),
    heads: expect.any(Array),
    created: expect.stringMatching(iso),
    updated: expect.stringMatching(iso),
  });
  for (const tag of note.tags) expect(tag).toEqual(expect.any(String));
  expect(note.heads.length).toBeGreaterThan(0);
  for (const head of note.heads) expect(head).toMatch(hex64);
  expect(Date.parse(note.updated)).toBeGreaterThanOrEqual(Date.parse(note.created));
}

function expectVersionJson(version: VersionJson): void {
  expect(version).toEqual({
    id: expect.stringMatching(hex64),
    noteId: expect.stringMatching(hex32),
    parents: expect.any(Array),
    replicaId: expect.stringMatching(hex32),
    seq: expect.any(Number),
    time: expect.stringMatching(iso),
    title: expect.any(String),
    body: expect.any(String),
    tags: expect.any(Array),
    deleted: expect.any(Boolean),
  });
  for (const parent of version.parents) expect(parent).toMatch(hex64);
  expect(Number.isSafeInteger(version.seq) && version.seq >= 1).toBe(true);
}

function expectSearchHitJson(hit: SearchHitJson): void {
  const { snippet, highlights, ...note } = hit;
  expectNoteJson(note);
  expect(snippet).toEqual(expect.any(String));
  expect(highlights).toEqual(expect.any(Array));
  for (const range of highlights) {
    expect(range).toEqual([expect.any(Number), expect.any(Number)]);
    expect(0 <= range[0] && range[0] < range[1] && range[1] <= snippet.length).toBe(true);
  }
}

/** Lower case without accents: how a person compares "Café" with "cafe". */
function folded(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}


describe('a newcomer at the command line', slow, () => {
  it('initialises a journal, writes a note, edits it, finds it without accents, trashes and restores it, and goes back to the first version', () => {
    const { dir, ok, json } = person();

    // A new journal, and a status that says what it is.
    const started = ok(['init', '--name', 'kitchen laptop']);
    expect(started).toContain(`Started a new journal in ${dir} on “kitchen laptop”.`);
    expect(started).toContain('ferry new');
    expect(started).toContain("To have another device's journal here instead, bring it before writing");
    const fresh = json<JournalStatus>(['status']);
    expect(fresh).toMatchObject({ journalId: expect.stringMatching(hex32), replicaId: expect.stringMatching(hex32), deviceName: 'kitchen laptop', vector: {}, path: dir, notes: 0, versions: 0 });
    const { replicaId } = fresh;
    expect(ok(['list'])).toMatch(/^No notes here yet\. .*`ferry new/);
    expect(ok(['log'])).toBe('The journal has no versions yet.\n');

    // A note: `new` prints only its id, so scripts can capture it.
    const created = ok(['new', '--title', '  Café in Zürich  ', '--body', 'Meet Zoë at the café at 9.\n', '--tag', 'travel', '--tag', '#food']);
    expect(created).toMatch(/^[0-9a-f]{32}\n$/);
    const id = created.trim();
    const short = id.slice(0, 8);
    const first = json<NoteJson>(['show', id]);
    expectNoteJson(first);
    expect(first).toMatchObject({ id, title: 'Café in Zürich', body: 'Meet Zoë at the café at 9.\n', tags: ['food', 'travel'], deleted: false, conflict: false, created: first.updated });
    expect(first.heads).toHaveLength(1);
    const firstVersion = first.heads[0]!;
    const shown = ok(['show', short]).split('\n');
    expect(shown[0]).toBe('Café in Zürich');
    expect(shown[1]).toMatch(new RegExp(`^id ${id}  ·  updated \\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}  ·  #food #travel$`));
    expect(shown.slice(2).join('\n')).toBe('\nMeet Zoë at the café at 9.\n');

    // An edit makes a version; the same edit again changes nothing and says so.
    expect(ok(['edit', short, '--body', 'Meet Zoë at the café at 10.\n', '--tag', 'plans', '--untag', 'food'])).toMatch(/^Saved “Café in Zürich” \(version [0-9a-f]{12}\)\.\n$/);
    expect(ok(['edit', id, '--body', 'Meet Zoë at the café at 10.\n'])).toBe('Nothing changed: “Café in Zürich” already reads like that.\n');
    const edited = json<NoteJson>(['edit', id, '--tag', 'plans']);
    expectNoteJson(edited);
    expect(edited).toMatchObject({ body: 'Meet Zoë at the café at 10.\n', tags: ['plans', 'travel'], created: first.created });
    expect(edited.heads).toHaveLength(1);
    expect(edited.heads[0]).not.toBe(firstVersion);

    // Found without typing accents or capitals, in the title and in the body.
    const hits = json<SearchHitJson[]>(['search', 'cafe']);
    expect(hits).toHaveLength(1);
    expectSearchHitJson(hits[0]!);
    expect(hits[0]).toMatchObject({ ...edited, snippet: expect.any(String) });
    expect(hits[0]!.highlights.length).toBeGreaterThan(0);
    for (const [start, end] of hits[0]!.highlights) expect(folded(hits[0]!.snippet.slice(start, end))).toBe('cafe');
    expect(json<SearchHitJson[]>(['search', 'ZOE']).map((h) => h.id)).toEqual([id]);
    const found = ok(['search', 'zurich']);
    expect(found).toContain(short);
    expect(found).toContain('**Zürich**');
    expect(ok(['search', 'lisbon'])).toBe('No notes match “lisbon”.\n');
    expect(json<SearchHitJson[]>(['search', 'lisbon'])).toEqual([]);
    // A word cut short, as typed in the app's search field: the star that finds it is offered.
    expect(ok(['search', 'zoe', 'zur'])).toBe('No notes match “zoe zur”. 1 note matches `ferry search \'zoe zur*\'` (the star: words starting with “zur”).\n');
    expect(json<SearchHitJson[]>(['search', 'zur'])).toEqual([]);

    // Listed, also by tag (with or without #).
    const listed = json<NoteJson[]>(['list']);
    expect(listed).toEqual([edited]);
    expect(ok(['list', '--tag', '#travel'])).toMatch(new RegExp(`^${short}  \\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}  Café in Zürich  #plans #travel\\n$`));
    expect(json<NoteJson[]>(['list', '--tag', 'food'])).toEqual([]);
    expect(ok(['list', '--tag', '#food'])).toBe('No note is tagged #food.\n');
    // Searched within a tag, as the app's list of a tag searches.
    expect(json<SearchHitJson[]>(['search', 'cafe', '--tag', '#travel']).map((h) => h.id)).toEqual([id]);
    expect(json<SearchHitJson[]>(['search', '--tag', 'food', 'cafe'])).toEqual([]);
    expect(ok(['search', 'cafe', '--tag', 'food'])).toBe('No notes tagged #food match “cafe”.\n');
    expect(ok(['search', 'zur', '--tag', 'plans'])).toBe("No notes tagged #plans match “zur”. 1 note matches `ferry search 'zur*' --tag 'plans'` (the star: words starting with “zur”).\n");

    // To the trash and back.
    expect(ok(['rm', short])).toBe(`Moved “Café in Zürich” to the trash; \`ferry restore ${short}\` brings it back.\n`);
    expect(ok(['rm', short])).toBe('“Café in Zürich” is already in the trash.\n');
    expect(ok(['list'])).toMatch(/^No notes here yet\./);
    expect(ok(['list', '--trash'])).toMatch(new RegExp(`^${short}  .*  Café in Zürich  #plans #travel  \\[trashed\\]\\n$`));
    expect(ok(['search', 'cafe'])).toBe('No notes match “cafe”.\n');
    const trashed = json<SearchHitJson[]>(['search', 'cafe', '--trash']);
    expect(trashed.map((h) => [h.id, h.deleted])).toEqual([[id, true]]);
    expect(ok(['show', id])).toContain(`In the trash: \`ferry restore ${short}\` brings it back.`);
    expect(ok(['restore', short])).toBe('Restored “Café in Zürich” from the trash.\n');
    expect(ok(['restore', short])).toBe('“Café in Zürich” is not in the trash.\n');
    expect(ok(['list', '--trash'])).toBe('The trash is empty.\n');

    // History, newest first: each version on top of the one before.
    const history = json<VersionJson[]>(['history', id]);
    history.forEach(expectVersionJson);
    expect(history.map((v) => [v.seq, v.deleted, v.body])).toEqual([
      [4, false, 'Meet Zoë at the café at 10.\n'],
      [3, true, 'Meet Zoë at the café at 10.\n'],
      [2, false, 'Meet Zoë at the café at 10.\n'],
      [1, false, 'Meet Zoë at the café at 9.\n'],
    ]);
    history.forEach((v, i) => {
      expect(v).toMatchObject({ noteId: id, replicaId, title: 'Café in Zürich' });
      expect(v.parents).toEqual(i + 1 < history.length ? [history[i + 1]!.id] : []);
    });
    expect(history[3]!.id).toBe(firstVersion);
    const lines = ok(['history', short]).split('\n');
    expect(lines.pop()).toBe('');
    expect(lines.map((l) => l.split('  ').slice(2))).toEqual([
      ['kitchen laptop', 'restored'],
      ['kitchen laptop', 'trashed'],
      ['kitchen laptop', 'edited body, tags'],
      ['kitchen laptop', 'created'],
    ]);
    expect(lines.map((l) => l.slice(0, 12))).toEqual(history.map((v) => v.id.slice(0, 12)));

    // One old version, as it was.
    const old = json<VersionJson>(['show', id, '--version', firstVersion.slice(0, 10)]);
    expect(old).toEqual(history[3]);
    const oldText = ok(['show', short, '--version', firstVersion]);
    expect(oldText.split('\n').slice(0, 2)).toEqual(['Café in Zürich', expect.stringMatching(new RegExp(`^version ${firstVersion}  ·  of note ${id}  ·  .*  ·  #food #travel$`))]);
    expect(oldText.endsWith('\nMeet Zoë at the café at 9.\n')).toBe(true);

    // Back to the first version: a new version with the old content; nothing is rewritten.
    expect(ok(['restore', short, firstVersion.slice(0, 8)])).toMatch(
      new RegExp(`^Restored “Café in Zürich” to version ${firstVersion.slice(0, 8)} \\(written as the new version [0-9a-f]{12}\\)\\.\\n$`),
    );
    const back = json<NoteJson>(['show', id]);
    expect(back).toMatchObject({ title: first.title, body: first.body, tags: first.tags, deleted: false, created: first.created });
    const after = json<VersionJson[]>(['history', id]);
    expect(after).toHaveLength(5);
    expect(after.slice(1)).toEqual(history);
    expect(after[0]).toMatchObject({ id: back.heads[0], seq: 5, parents: [history[0]!.id], title: old.title, body: old.body, tags: old.tags, deleted: false });
    expect(ok(['restore', short, firstVersion])).toBe('“Café in Zürich” already reads like that version.\n');

    // The audit trail of the whole journal, and its health.
    const log = json<VersionJson[]>(['log']);
    expect(log).toEqual(after);
    expect(json<VersionJson[]>(['log', '--limit', '2'])).toEqual(after.slice(0, 2));
    const logLines = ok(['log', '--limit', '3']).trimEnd().split('\n');
    // Cut at its limit, the list says so, and how to see more.
    expect(logLines.pop()).toBe('(3 versions shown, the newest first; `--limit 15` shows more)');
    expect(logLines).toHaveLength(3);
    for (const line of logLines) expect(line).toMatch(new RegExp(`  kitchen laptop  .*Café in Zürich \\(${short}\\)$`));
    expect(ok(['log', '--limit', '5']).trimEnd().split('\n')).toHaveLength(5);
    expect(json<JournalStatus>(['status'])).toMatchObject({ journalId: fresh.journalId, replicaId, deviceName: 'kitchen laptop', vector: { [replicaId]: 5 }, notes: 1, trash: 0, conflicts: 0, versions: 5, pending: 5 });
    const status = ok(['status']);
    expect(status).toContain(fresh.journalId);
    expect(status).toContain(`kitchen laptop (replica ${replicaId})`);
    expect(status).toMatch(/Versions {2}5\n/);
    expect(ok(['fsck'])).toBe('The journal is sound: 5 versions of 1 note from 1 replica checked.\n');
    expect(json<FsckReport>(['fsck'])).toEqual({ ok: true, problems: [], checked: { versions: 5, notes: 1, replicas: 1 } });
  });

  it('searches several notes: accents, phrases, prefixes, exclusions and a limit', () => {
    const { ok, json } = person();
    ok(['init']);
    const cafe = ok(['new', '--title', 'Café in Zürich', '--body', 'Plans: meet at the café.']).trim();
    const plans = ok(['new', '--title', 'Travel plans', '--body', 'Train to Lyon, then the museum.']).trim();
    // With --json, `new` prints the note it wrote.
    const written = json<NoteJson>(['new', '--title', 'Groceries', '--body', 'crème fraîche\nnaïve apples\n', '--tag', 'food']);
    expectNoteJson(written);
    expect(written).toMatchObject({ title: 'Groceries', body: 'crème fraîche\nnaïve apples\n', tags: ['food'], deleted: false, conflict: false, created: written.updated });
    const groceries = written.id;
    expect(json<NoteJson>(['show', groceries])).toEqual(written);

    expect(json<SearchHitJson[]>(['search', 'creme', 'fraiche']).map((h) => h.id)).toEqual([groceries]);
    expect(json<SearchHitJson[]>(['search', 'NAIVE']).map((h) => h.id)).toEqual([groceries]);
    expect(json<SearchHitJson[]>(['search', '"train to lyon"']).map((h) => h.id)).toEqual([plans]);
    expect(json<SearchHitJson[]>(['search', 'zur*']).map((h) => h.id)).toEqual([cafe]);
    expect(new Set(json<SearchHitJson[]>(['search', 'plans']).map((h) => h.id))).toEqual(new Set([cafe, plans]));
    // `-word` excludes, as the help says, without `--` in front.
    expect(json<SearchHitJson[]>(['search', 'plans', '-cafe']).map((h) => h.id)).toEqual([plans]);
    expect(json<SearchHitJson[]>(['search', '-cafe', 'plans']).map((h) => h.id)).toEqual([plans]);
    const limited = json<SearchHitJson[]>(['search', 'plans', '--limit', '1']);
    expect(limited).toHaveLength(1);
    limited.forEach(expectSearchHitJson);
    const cut = ok(['search', 'plans', '--limit', '1']).trimEnd().split('\n');
    expect(cut.at(-1)).toBe('(1 note shown, the best matches first; `--limit 5` shows more)');
    expect(ok(['search', 'plans', '--limit', '2'])).not.toContain('shows more');
    // Characters that mean something to the search engine are just text.
    expect(json<SearchHitJson[]>(['search', 'NEAR(', '"', '*', 'title:x'])).toEqual([]);
    // The human list shows each hit with its snippet, matched words marked.
    const text = ok(['search', 'fraiche']);
    expect(text).toMatch(new RegExp(`^${groceries.slice(0, 8)}  .*  Groceries  #food\\n {10}.*\\*\\*fraîche\\*\\*`));
    // Most recently changed first.
    expect(json<NoteJson[]>(['list']).map((n) => n.id)).toEqual([groceries, plans, cafe]);
  });
});

describe('bodies are kept byte for byte', slow, () => {
  const bodies: [string, string][] = [
    ['CRLF line ends', 'line one\r\nline two\r\n\r\n'],
    ['no final newline, a tab and trailing spaces', '\tno newline at the end  '],
    ['a byte-order mark first', '\uFEFFstarts with a byte-order mark\n'],
    ['emoji, CJK and combining marks', '🚆 東京 → 🏔️ — e\u0301 is not é; 👩‍👩‍👧 family\n'],
    ['an empty body', ''],
    ['only line breaks, one a lone CR', '\n\r'],
  ];

  it('through --body-file, --body - and --body-file - (standard input) and --body, read back exactly with show --json', () => {
    const { ok, json, file } = person();
    ok(['init']);
    for (const [label, body] of bodies) {
      const bytes = Buffer.from(body, 'utf8');
      const viaFile = ok(['new', '--title', label, '--body-file', file('body.md', bytes)]).trim();
      const viaStdin = ok(['new', '--title', label, '--body', '-'], bytes).trim();
      const viaArgument = ok(['new', '--title', label, '--body', body]).trim();
      for (const noteId of [viaFile, viaStdin, viaArgument]) {
        const note = json<NoteJson>(['show', noteId]);
        expect({ label, body: note.body }).toEqual({ label, body });
        expect(Buffer.from(note.body, 'utf8').equals(bytes)).toBe(true);
      }
      // An edit through standard input keeps the bytes too.
      const edited = json<NoteJson>(['edit', viaArgument, '--body-file', '-'], Buffer.concat([bytes, Buffer.from('+')]));
      expect({ label, body: edited.body }).toEqual({ label, body: `${body}+` });
    }
    // Each old version keeps its bytes as well.
    const last = json<NoteJson[]>(['list'])[0]!;
    expect(json<VersionJson[]>(['history', last.id]).map((v) => v.body)).toEqual([`${bodies.at(-1)![1]}+`, bodies.at(-1)![1]]);
    // A body with a NUL byte can only come from a file; it survives too.
    const nul = ok(['new', '--body-file', file('nul.bin', Buffer.from('a\u0000b', 'utf8'))]).trim();
    expect(json<NoteJson>(['show', nul]).body).toBe('a\u0000b');
    // The human view prints the body as it is, adding a final newline only where it lacks one.
    const crlf = ok(['new', '--title', 'crlf', '--body', 'a\r\nb']).trim();
    expect(ok(['show', crlf]).endsWith('\n\na\r\nb\n')).toBe(true);
    // No title and no body: an empty note, shown as Untitled.
    const empty = ok(['new']).trim();
    expect(json<NoteJson>(['show', empty])).toMatchObject({ title: '', body: '', tags: [] });
    expect(ok(['show', empty]).split('\n')[0]).toBe('Untitled');
    expect(json<FsckReport>(['fsck']).ok).toBe(true);
  });

  it('refuses bytes that are not UTF-8, from a file or standard input, and writes nothing', () => {
    const { ferry, ok, json, file } = person();
    ok(['init']);
    const id = ok(['new', '--title', 'Letter', '--body', 'Dear café,\n']).trim();
    const before = json<VersionJson[]>(['log']);
    const latin1 = file('latin1.txt', Buffer.from('caf\xe9\n', 'latin1'));
    const surrogate = Buffer.from([0x61, 0x62, 0xed, 0xa0, 0x80]); // an encoded UTF-16 surrogate
    const cut = Buffer.from([0x61, 0xe6, 0x9d]); // the first two bytes of 東

    const fromFile = ferry(['new', '--body-file', latin1]);
    expect(expectHumanError(fromFile, 1, ['new'])).toBe(
      `The body from ${latin1} is not UTF-8 text (a bad byte at offset 3). Convert it first, for example with \`iconv -f latin1 -t utf-8\`; nothing was saved.`,
    );
    expectJsonError(ferry(['--json', 'edit', id, '--body-file', latin1]), 1, 'NotUtf8', ['edit']);
    expect(expectJsonError(ferry(['new', '--json', '--body', '-'], { input: surrogate }), 1, 'NotUtf8', ['new'])).toContain('standard input is not UTF-8 text (a bad byte at offset 2)');
    expect(expectHumanError(ferry(['edit', id, '--body-file', '-'], { input: cut }), 1, ['edit'])).toContain('offset 1');

    expect(ferry(['new', 'Garden plan']).stderr).toContain('(a title goes after --title: `ferry new --title "Garden plan"`.');
    expect(json<VersionJson[]>(['log'])).toEqual(before);
    expect(json<JournalStatus>(['status'])).toMatchObject({ notes: 1, versions: 1 });
    expect(json<NoteJson>(['show', id]).body).toBe('Dear café,\n');
  });
});

describe('where the journal is', slow, () => {
  it('is FERRY_HOME, else the app-data folder, and --journal wins over both', () => {
    const { home, dir, ferry, ok, json } = person();
    const elsewhere = join(home, 'usb stick', 'journal');

    // Nothing yet: every command says how to start, and makes no folder.
    const none = ferry(['list']);
    expect(expectHumanError(none, 1, ['list'])).toBe(`There is no journal in ${dir}. Run \`ferry init\` to make one there, or point --journal (or FERRY_HOME) at an existing one.`);
    expect(expectJsonError(ferry(['status', '--json']), 1, 'NoJournal', ['status'])).toContain('ferry init');
    expect(() => readFileSync(join(dir, 'journal.db'))).toThrow();

    const atHome = json<JournalStatus>(['init', '--name', 'desk']);
    expect(atHome).toMatchObject({ path: dir, deviceName: 'desk', versions: 0 });
    expect(readFileSync(join(dir, 'journal.db')).subarray(0, 16).toString('latin1')).toBe('SQLite format 3\u0000');
    const onStick = json<JournalStatus>(['--journal', elsewhere, 'init', '--name', 'stick']);
    expect(onStick).toMatchObject({ path: elsewhere, deviceName: 'stick' });
    expect(onStick.journalId).not.toBe(atHome.journalId);

    // --journal, before or after the command, wins over FERRY_HOME.
    const stickNote = ok(['new', '--title', 'On the stick', '--journal', elsewhere]).trim();
    const homeNote = ok(['new', '--title', 'At home']).trim();
    expect(json<NoteJson[]>(['--journal', elsewhere, 'list']).map((n) => n.title)).toEqual(['On the stick']);
    expect(json<NoteJson[]>(['list']).map((n) => n.title)).toEqual(['At home']);
    expect(expectJsonError(ferry(['--json', 'show', stickNote]), 1, 'NotFound', ['show'])).toContain(stickNote);
    expect(json<NoteJson>(['--journal', elsewhere, 'show', stickNote]).title).toBe('On the stick');
    expect(json<JournalStatus>(['status', '--journal', elsewhere]).journalId).toBe(onStick.journalId);

    // Without FERRY_HOME: the app-data folder, where the desktop app keeps its journal.
    const env = { FERRY_HOME: undefined };
    const appData = defaultJournalDir({ HOME: home, XDG_CONFIG_HOME: join(home, '.config'), APPDATA: join(home, 'AppData', 'Roaming') }, process.platform, home);
    const initialised = ferry(['--json', 'init', '--name', 'app'], { env });
    expect(initialised.status).toBe(0);
    expect((JSON.parse(initialised.stdout) as JournalStatus).path).toBe(appData);
    const inAppData = ferry(['new', '--title', 'In the app'], { env });
    expect(inAppData.status).toBe(0);
    expect(JSON.parse(ferry(['--json', 'list'], { env }).stdout)).toEqual([expect.objectContaining({ id: inAppData.stdout.trim(), title: 'In the app' })]);
    expect(json<NoteJson[]>(['list']).map((n) => n.id)).toEqual([homeNote]);
  });

  it('refuses to start a second journal in the same folder, and keeps the first intact', () => {
    const { dir, ferry, ok, json } = person();
    ok(['init']);
    ok(['new', '--title', 'Kept']);
    const status = json<JournalStatus>(['status']);
    expect(expectHumanError(ferry(['init']), 1, ['init'])).toBe(`There is already a journal in ${dir}; use it, or pick another folder with --journal.`);
    expectJsonError(ferry(['init', '--json', '--name', 'other']), 1, 'JournalExists', ['init']);
    expect(json<JournalStatus>(['status'])).toEqual(status);
  });

  it('says clearly when journal.db is not a database, or a file stands where a folder should be', () => {
    const { home, ferry } = person();
    const garbage = join(home, 'garbage');
    mkdirSync(garbage);
    const bytes = Buffer.from('These are my notes, not a database.\n'.repeat(200));
    writeFileSync(join(garbage, 'journal.db'), bytes);
    for (const command of [['status'], ['new', '--title', 'x'], ['fsck']]) {
      const message = expectHumanError(ferry(['--journal', garbage, ...command]), 1, command);
      expect(message).toContain('not a Ferry journal');
      expect(message).toContain(join(garbage, 'journal.db'));
      expectJsonError(ferry(['--journal', garbage, '--json', ...command]), 1, 'NotAJournal', command);
    }
    expect(readFileSync(join(garbage, 'journal.db')).equals(bytes)).toBe(true);

    // A file where the journal folder should be.
    const aFile = join(home, 'notes.txt');
    writeFileSync(aFile, 'just a file\n');
    expect(expectHumanError(ferry(['--journal', aFile, 'init']), 1, ['init'])).toContain(`${aFile} is a file, not a folder`);
    expectJsonError(ferry(['--journal', join(aFile, 'sub'), 'init', '--json']), 1, 'BadInput', ['init']);
    expect(expectHumanError(ferry(['--journal', aFile, 'list']), 1, ['list'])).toContain(`${aFile} is a file, not a folder`);
    expect(readFileSync(aFile, 'utf8')).toBe('just a file\n');

    // A folder where journal.db should be.
    const odd = join(home, 'odd');
    mkdirSync(join(odd, 'journal.db'), { recursive: true });
    expect(expectHumanError(ferry(['--journal', odd, 'status']), 1, ['status'])).toContain(join(odd, 'journal.db'));
    expectJsonError(ferry(['--journal', odd, '--json', 'status']), 1, 'ReadOnly', ['status']);
  });

  // Root may write anywhere, so a read-only folder only shows as one to other users.
  // Root may write anywhere: as root, the person is played by `nobody` (when the checkout lets
  // that user run ferry); as anyone else, the folder is made read-only.
  const asRoot = process.getuid?.() === 0;
  const nobody = asRoot ? unprivilegedUser() : null;
  it.skipIf(process.platform === 'win32' || (asRoot && nobody === null))('says so when the journal folder may not be written, and writes nothing', () => {
    const { home, dir, ferry, ok, json } = person();
    ok(['init']);
    ok(['new', '--title', 'Before']);
    const before = json<VersionJson[]>(['log']);
    const denied = (args: string[]) => (nobody === null ? ferry(args) : runFerry(args, { home, ferryHome: dir, user: nobody }));
    if (nobody !== null) chmodSync(home, 0o755);
    else chmodSync(dir, 0o555);
    try {
      const message = expectHumanError(denied(['new', '--title', 'After']), 1, ['new']);
      expect(message).toContain('write');
      expectJsonError(denied(['--json', 'new', '--title', 'After']), 1, 'ReadOnly', ['new']);
    } finally {
      chmodSync(dir, 0o755);
    }
    expect(json<VersionJson[]>(['log'])).toEqual(before);
  });

  it("refuses another app's SQLite database without writing to it", () => {
    const { home, ferry } = person();
    const foreign = join(home, 'foreign');
    mkdirSync(foreign);
    const db = new Database(join(foreign, 'journal.db'));
    db.exec("CREATE TABLE contacts (name TEXT); INSERT INTO contacts VALUES ('Zoë')");
    db.close();
    const bytes = readFileSync(join(foreign, 'journal.db'));
    const message = expectJsonError(ferry(['--journal', foreign, '--json', 'status']), 1, 'NotAJournal', ['status']);
    expect(message).toContain('not a Ferry journal');
    expect(readFileSync(join(foreign, 'journal.db')).equals(bytes)).toBe(true);
  });
});

describe('mistakes on the command line', slow, () => {
  it('each gives a non-zero exit and one sentence (JSON with --json), never a stack trace, and changes nothing', () => {
    const { ferry, ok, json, file } = person();
    ok(['init']);
    const id = ok(['new', '--title', 'Groceries', '--body', 'milk\n', '--tag', 'food']).trim();
    const version = json<NoteJson>(['show', id]).heads[0]!;
    const before = json<VersionJson[]>(['log']);
    const status = json<JournalStatus>(['status']);
    const body = file('body.md', 'bread\n');
    // Prefixes that cannot be this note's or version's (ids are random).
    const otherNote = id.startsWith('0') ? '1111' : '0000';
    const otherVersion = version.startsWith('0') ? '1111111111' : '0000000000';

    const cases: { args: string[]; exit: number; code: string; says: string }[] = [
      { args: ['frobnicate'], exit: 2, code: 'BadInput', says: "unknown command 'frobnicate'" },
      { args: ['lst'], exit: 2, code: 'BadInput', says: 'Did you mean list?' },
      { args: ['list', '--frob'], exit: 2, code: 'BadInput', says: "unknown option '--frob'" },
      { args: ['search', 'milk', '--limt', '3'], exit: 2, code: 'BadInput', says: "unknown option '--limt'" },
      { args: ['show'], exit: 2, code: 'BadInput', says: "missing required argument 'id'" },
      { args: ['new', '--title'], exit: 2, code: 'BadInput', says: "option '--title <title>' argument missing" },
      { args: ['today', 'tomorrow'], exit: 2, code: 'BadInput', says: 'too many arguments' },
      // The first thing many people type: the title without --title, answered with where it goes.
      { args: ['new', 'Garden plan'], exit: 2, code: 'BadInput', says: 'too many arguments' },
      { args: ['search', 'milk', '--limit', '0'], exit: 1, code: 'BadInput', says: '"0" is not a count: give a whole number of at least 1.' },
      { args: ['log', '--limit', 'abc'], exit: 1, code: 'BadInput', says: '"abc" is not a count' },
      { args: ['show', 'not-an-id!'], exit: 1, code: 'BadInput', says: '"not-an-id!" is not a note id' },
      { args: ['show', id.slice(0, 3)], exit: 1, code: 'BadInput', says: 'give at least 4 characters' },
      { args: ['show', `${id}0`], exit: 1, code: 'BadInput', says: 'is not a note id' },
      { args: ['show', otherNote], exit: 1, code: 'NotFound', says: `No note has an id starting with ${otherNote}` },
      { args: ['history', '1999-12-31'], exit: 1, code: 'NotFound', says: 'There is no journal entry for 1999-12-31 yet: `ferry edit 1999-12-31 --body …` writes it.' },
      { args: ['show', id, '--version', 'zz'], exit: 1, code: 'BadInput', says: '"zz" is not a version id' },
      { args: ['show', id, '--version', otherVersion], exit: 1, code: 'NotFound', says: `No version has an id starting with ${otherVersion}` },
      { args: ['restore', id, otherVersion], exit: 1, code: 'NotFound', says: 'ferry history' },
      { args: ['new', '--body', 'bread', '--body-file', body], exit: 1, code: 'BadInput', says: 'either --body or --body-file, not both' },
      { args: ['edit', id], exit: 1, code: 'BadInput', says: 'Say what to change' },
      { args: ['new', '--title', 'two\nlines'], exit: 1, code: 'BadInput', says: 'A title is one line' },
      { args: ['edit', id, '--title', 'two\r\nlines'], exit: 1, code: 'BadInput', says: 'A title is one line' },
      { args: ['new', '--tag', 'two words'], exit: 1, code: 'BadInput', says: '"two words" is not a tag: a tag is one word, without spaces or commas (try "two-words").' },
      { args: ['edit', id, '--tag', 'fine', '--tag', 'not fine'], exit: 1, code: 'BadInput', says: '"not fine" is not a tag' },
      { args: ['new', '--body-file', `${body}.missing`], exit: 1, code: 'BadInput', says: 'there is no such file' },
    ];
    for (const { args, exit, code, says } of cases) {
      const human = expectHumanError(ferry(args), exit, args);
      expect({ args, human: human.toLowerCase() }).toEqual({ args, human: expect.stringContaining(says.toLowerCase()) });
      const fromJson = expectJsonError(ferry(['--json', ...args]), exit, code, args);
      expect({ args, fromJson: fromJson.toLowerCase() }).toEqual({ args, fromJson: expect.stringContaining(says.toLowerCase()) });
      // The same sentence either way (usage errors are made into one sentence for JSON).
      if (exit === 1) expect(fromJson).toBe(human);
    }

    expect(json<VersionJson[]>(['log'])).toEqual(before);
    expect(json<JournalStatus>(['status'])).toEqual(status);
    expect(json<NoteJson>(['show', id])).toMatchObject({ title: 'Groceries', body: 'milk\n', tags: ['food'] });
  });

  it('stops quietly when the reader of its output has gone (`ferry list | head`)', async () => {
    const { home, dir, ok } = person();
    ok(['init']);
    const invocation = ferryInvocation(['--journal', dir, '--help'], { home });
    const child = spawn(invocation.command, invocation.args, { cwd: invocation.cwd, env: invocation.env, stdio: ['ignore', 'pipe', 'pipe'] });
    // The reader leaves before ferry writes a line: every write meets a closed pipe.
    child.stdout.destroy();
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    const status = await new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
    expect({ status, stderr }).toEqual({ status: 141, stderr: '' });
  });

  it('asks for more of an id when a prefix names several notes', () => {
    const { home, ferry, ok, json } = person();
    // Ids are random, so this journal is made with chosen ones: two notes that share "abcd".
    const dir = join(home, 'chosen');
    const ids = ['11'.repeat(16), '22'.repeat(16), `abcd${'0'.repeat(28)}`, `abcd${'1'.repeat(28)}`];
    const journal = Journal.create(dir, { deviceName: 'desk', random: () => Buffer.from(ids.shift()!, 'hex') });
    journal.createNote({ title: 'First' });
    journal.createNote({ title: 'Second' });
    journal.close();

    const message = expectHumanError(ferry(['--journal', dir, 'show', 'abcd']), 1, ['show']);
    expect(message).toBe(`Several notes start with abcd (abcd${'0'.repeat(28)}, abcd${'1'.repeat(28)}): give more of the id.`);
    expectJsonError(ferry(['--journal', dir, '--json', 'edit', 'ABCD', '--title', 'Which?']), 1, 'AmbiguousId', ['edit']);
    expect(json<NoteJson>(['--journal', dir, 'show', 'abcd1']).title).toBe('Second');
    expect(ok(['--journal', dir, 'show', 'abcd0']).split('\n')[0]).toBe('First');
    expect(json<VersionJson[]>(['--journal', dir, 'log'])).toHaveLength(2);
  });
});

describe('the day, the help and the checks', slow, () => {
  it("opens today's entry, the same note every time, and brings it back from the trash", () => {
    const { ok, json } = person();
    ok(['init', '--name', 'desk']);
    const dayBefore = localDay(Date.now());
    const first = json<NoteJson>(['today']);
    const again = json<NoteJson>(['today']);
    const dayAfter = localDay(Date.now());
    expectNoteJson(first);
    // Only when midnight passed between the two calls may they differ.
    if (dayBefore === dayAfter) {
      expect(again).toEqual(first);
      expect(first).toMatchObject({ title: dayBefore, body: '', tags: ['journal'], deleted: false });
      expect(json<VersionJson[]>(['log'])).toHaveLength(1);
    }
    const day = first.title;
    const text = ok(['today']).split('\n');
    expect(text[0]).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(text[1]).toMatch(/^id [0-9a-f]{32} {2}· {2}updated .* {2}· {2}#journal$/);

    // A day names its entry wherever an id is expected.
    const written = json<NoteJson>(['edit', day, '--body', '-'], 'Walked to the harbour.\n');
    expect(written).toMatchObject({ id: first.id, body: 'Walked to the harbour.\n' });
    expect(json<NoteJson>(['show', day])).toEqual(written);
    // rm and restore print the note with --json.
    const removed = json<NoteJson>(['rm', day]);
    expectNoteJson(removed);
    expect(removed).toMatchObject({ ...written, deleted: true, heads: [expect.stringMatching(hex64)], updated: expect.stringMatching(iso) });
    const restored = json<NoteJson>(['restore', day]);
    expect(restored).toMatchObject({ id: first.id, deleted: false, body: 'Walked to the harbour.\n' });
    // `today` brings the day's entry back from the trash by itself.
    ok(['rm', day]);
    const back = json<NoteJson>(['today']);
    if (localDay(Date.now()) === day) {
      expect(back).toMatchObject({ id: first.id, deleted: false, body: 'Walked to the harbour.\n' });
      expect(json<VersionJson[]>(['history', day]).map((v) => v.deleted)).toEqual([false, true, false, true, false, false]);
    }
  });

  it('writes an entry for a past day by its first change: last night’s, the morning after', () => {
    const { ok, json, ferry } = person();
    ok(['init', '--name', 'desk']);
    expect(ferry(['show', '2026-03-14']).stderr).toContain('There is no journal entry for 2026-03-14 yet: `ferry edit 2026-03-14 --body …` writes it.');
    const written = json<NoteJson>(['edit', '2026-03-14', '--body', 'Pi day: baked a pie.']);
    expect(written).toMatchObject({ title: '2026-03-14', body: 'Pi day: baked a pie.', tags: ['journal'] });
    expect(json<NoteJson>(['show', '2026-03-14'])).toEqual(written);
    // Written by the change: one first version, with no empty entry before it.
    expect(json<VersionJson[]>(['history', '2026-03-14']).map((v) => [v.body, v.parents])).toEqual([['Pi day: baked a pie.', []]]);
    // Nothing to change: nothing written, and no empty entry left behind.
    ok(['edit', '2026-03-15', '--tag', 'journal']);
    expect(ferry(['show', '2026-03-15']).status).toBe(1);
    expectJsonError(ferry(['--json', 'edit', '2026-02-30', '--body', 'x']), 1, 'BadInput', ['2026-02-30', 'is not a day']);
  });

  it('lists every command in the help, and each command explains itself', () => {
    const { ferry, ok } = person();
    for (const help of [ok(['--help']), ok(['help'])]) {
      expect(help).toMatch(/^Usage: ferry \[options\] \[command\]/);
      for (const command of commands) expect(help).toMatch(new RegExp(`^  ${command}\\b`, 'm'));
      expect(help).toContain('--journal <dir>');
      expect(help).toContain('--json');
    }
    const newHelp = ok(['new', '--help']);
    expect(newHelp).toMatch(/^Usage: ferry new \[options\]/);
    for (const flag of ['--title <title>', '--body <text>', '--body-file <file>', '--tag <tag>']) expect(newHelp).toContain(flag);
    expect(ok(['help', 'search'])).toContain('--limit <n>');
    expect(ok(['edit', '--help'])).toContain('--untag <tag>');

    // No command at all: the help, on stderr, as a usage error.
    const bare = ferry([]);
    expect(bare.status).toBe(2);
    expect(bare.stdout).toBe('');
    expect(bare.stderr).toMatch(/^Usage: ferry/);
    expectJsonError(ferry(['--json']), 2, 'BadInput', ['--json']);
  });

  it('fsck passes on a sound journal and names what is wrong in a damaged one', () => {
    const { dir, ferry, ok, json } = person();
    ok(['init']);
    expect(ok(['fsck'])).toBe('The journal is sound: 0 versions of 0 notes from 1 replica checked.\n');
    const id = ok(['new', '--title', 'Sound', '--body', 'all good\n']).trim();
    ok(['edit', id, '--title', 'Still sound']);
    expect(json<FsckReport>(['fsck'])).toEqual({ ok: true, problems: [], checked: { versions: 2, notes: 1, replicas: 1 } });

    // Damage the cached view behind Ferry's back.
    const db = new Database(join(dir, 'journal.db'));
    db.prepare("UPDATE notes SET title = 'Tampered'").run();
    db.close();
    const damaged = ferry(['fsck']);
    expect({ status: damaged.status, stderr: damaged.stderr }).toEqual({ status: 1, stderr: '' });
    expect(damaged.stdout).toMatch(/^The journal has \d+ problems? \(2 versions of 1 note from 1 replica checked\):\n {2}- /);
    expect(damaged.stdout).toContain('the cache of its title does not match the view recomputed from its versions');
    const report = ferry(['fsck', '--json']);
    expect(report.status).toBe(1);
    const parsed = JSON.parse(report.stdout) as FsckReport;
    expect(parsed).toEqual({ ok: false, problems: expect.any(Array), checked: { versions: 2, notes: 1, replicas: 1 } });
    expect(parsed.problems.length).toBeGreaterThan(0);
    for (const problem of parsed.problems) expect(problem).toEqual(expect.any(String));
    expect(damaged.stdout).toContain('`ferry fsck --repair` rebuilds the notes list and the search index from the versions');

    // --repair makes the caches anew from the versions, and checks again.
    const repaired = ferry(['fsck', '--repair']);
    expect({ status: repaired.status, stderr: repaired.stderr, stdout: repaired.stdout }).toEqual({
      status: 0,
      stderr: '',
      stdout: 'Rebuilt the notes list and the search index from the versions of 1 note.\nThe journal is sound: 2 versions of 1 note from 1 replica checked.\n',
    });
    expect(ok(['search', 'sound'])).toContain('Still **sound**');
  });

  it('fsck of a journal file too damaged to open says what SQLite finds and how to get the notes back, changing nothing', () => {
    const { dir, ferry, ok } = person();
    ok(['init']);
    ok(['new', '--title', 'Kept', '--body', 'words\n']);
    // The page of the journal's own settings, read first on opening, overwritten as a bad sector would.
    const file = join(dir, 'journal.db');
    const db = new Database(file, { readonly: true });
    const { rootpage } = db.prepare("SELECT rootpage FROM sqlite_master WHERE name = 'meta'").get() as { rootpage: number };
    const pageSize = db.pragma('page_size', { simple: true }) as number;
    db.close();
    const bytes = readFileSync(file);
    bytes.fill(0xa5, rootpage * pageSize - pageSize / 2, rootpage * pageSize);
    writeFileSync(file, bytes);

    expect(expectHumanError(ferry(['list']), 1, ['list'])).toContain('run `ferry fsck` to see what is wrong');
    const checked = ferry(['fsck']);
    expect({ status: checked.status, stderr: checked.stderr }).toEqual({ status: 1, stderr: '' });
    expect(checked.stdout).toMatch(/^The journal has \d+ problems? \(0 versions of 0 notes from 0 replicas checked\):\n {2}- The journal file cannot be opened: database disk image is malformed\.\n/u);
    expect(checked.stdout).toContain(`The journal file in ${dir} is damaged; Ferry changes nothing in it.`);
    expect(checked.stdout).toContain('ferry --journal NEW_FOLDER clone URL --token T');
    const report = JSON.parse(ferry(['fsck', '--json']).stdout) as FsckReport;
    expect(report).toEqual({ ok: false, problems: expect.arrayContaining(['The journal file cannot be opened: database disk image is malformed.']), checked: { versions: 0, notes: 0, replicas: 0 } });
    expect(readFileSync(file).equals(bytes)).toBe(true);
  });
});
