// The `ferry` commands for a sync server, as people meet them (DESIGN.md, "The CLI";
// docs/sync-protocol.md): `ferry serve` runs for real in a child process on a free port, with its
// SQLite store in a temporary folder, and devices — journal folders under one temporary home —
// set it as their remote, clone from it and sync through it. Every test tells one story with the
// real processes; `--json` output is checked key for key (scripts depend on those shapes), human
// output for the sentences a person acts on. Every server is stopped with SIGTERM at the end of its
// story and must exit 0 saying so; one left behind by a failed test is killed after it.

import { spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { ErrorData } from '../../shared/errors.js';
import type { NoteJson, VersionVector } from '../../shared/model.js';
import type { JournalStatus } from '../journal/journal.js';
import { tempFolders } from '../testing/temp-journal.js';
import { expectHumanError, expectJsonError } from './cli-expect.js';
import type { PeerJson, RunJson, RunNoteJson, UndoJson } from './cli-json.js';
import { ferryInvocation, runFerry, type FerryResult } from './run-ferry.js';

const folders = tempFolders();
const running = new Set<ChildProcess>();

afterEach(async () => {
  // A story that failed half-way may leave its server running: no process outlives its test.
  await Promise.all(
    [...running].map(async (child) => {
      if (child.exitCode === null && child.signalCode === null) {
        const exited = new Promise((done) => child.once('close', done));
        child.kill('SIGKILL');
        await exited;
      }
    }),
  );
  running.clear();
  folders.cleanup();
});

/** Each story spawns a few dozen processes: room for a busy machine. */
const slow = { timeout: 120_000 };
const hex12 = /^[0-9a-f]{12}$/;
const hex32 = /^[0-9a-f]{32}$/;
const hex64 = /^[0-9a-f]{64}$/;
const iso = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const localMinute = '\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}';
const secretShape = /^ferry_[A-Za-z0-9_-]{43}$/;

const syncKeys = ['bytesDown', 'bytesUp', 'conflicts', 'joined', 'ms', 'notes', 'pulled', 'pushed', 'requests', 'runs', 'server', 'serverVector', 'vector'];
const remoteKeys = ['lastError', 'lastSync', 'serverVector', 'url'];
const statusKeys = ['conflicts', 'copied', 'deviceName', 'drafts', 'journalId', 'lastSync', 'lastSyncError', 'notes', 'path', 'peers', 'pending', 'remote', 'replicaId', 'trash', 'vector', 'versions'];
const tokenKeys = ['journals', 'token', 'tokenId'];
const tokenListKeys = ['created', 'journals', 'label', 'revoked', 'tokenId'];
const serverJournalKeys = ['bytes', 'journalId', 'replicas', 'versions'];
const runKeys = ['kind', 'notes', 'peer', 'peerName', 'run', 'source', 'time', 'undone', 'versions'];
const peerKeys = ['ahead', 'behind', 'deviceName', 'known', 'lastHeard', 'learned', 'replicaId', 'source'];
const logKeys = ['bytesIn', 'bytesOut', 'method', 'ms', 'path', 'status', 'time', 'token'];

interface SyncJson {
  server: string;
  pulled: number;
  pushed: number;
  runs: number[];
  notes: RunNoteJson[];
  vector: VersionVector;
  serverVector: VersionVector;
  joined: string | null;
  conflicts: number;
  requests: number;
  bytesUp: number;
  bytesDown: number;
  ms: number;
}
interface RemoteJson {
  url: string | null;
  lastSync: string | null;
  lastError: ErrorData | null;
  serverVector: VersionVector;
}
interface TokenJson {
  token: string;
  tokenId: string;
  journals: string[];
}
interface TokenListJson {
  tokenId: string;
  label: string;
  journals: string[];
  created: string;
  revoked: string | null;
}
interface ServerJournalJson {
  journalId: string;
  versions: number;
  bytes: number;
  replicas: number;
}
interface LogLine {
  time: string;
  method: string;
  path: string;
  status: number;
  ms: number;
  token?: string | null;
  bytesIn: number;
  bytesOut: number;
  error?: string;
}

const keys = (value: object): string[] => Object.keys(value).sort();
const escape = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** A command on one device (or the server's admin, with no journal), run as a person would. */
interface Device {
  dir: string;
  ferry: (args: readonly string[]) => FerryResult;
  /** A command that must succeed quietly on stderr; what it printed. */
  ok: (args: readonly string[]) => string;
  /** The same with --json, parsed as the shape the caller names. */
  // eslint-disable-next-line @typescript-eslint/no-unnecessary-type-parameters -- the caller names the JSON shape it expects
  json: <T>(args: readonly string[]) => T;
}

/** What a stopped server printed, and how it ended. */
interface Stopped {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** A `ferry serve` running in the foreground in a child process. */
interface Server {
  url: string;
  port: number;
  data: string;
  /** The first line it printed. */
  banner: string;
  /** Sends the signal and waits for the process to end. */
  stop: (signal?: NodeJS.Signals) => Promise<Stopped>;
}

/**
 * A room with devices in it: one temporary home (the working folder of every command), the
 * server's data folder in it, and as many journal folders as the story needs.
 */
function room() {
  const home = folders.make('ferry-sync-');
  const data = join(home, 'server');
  const device = (folder: string | null): Device => {
    const dir = folder === null ? '' : join(home, folder);
    const ferry = (args: readonly string[]): FerryResult => runFerry(folder === null ? args : ['--journal', dir, ...args], { home });
    const ok = (args: readonly string[]): string => {
      const result = ferry(args);
      expect({ args, status: result.status, stderr: result.stderr }).toEqual({ args, status: 0, stderr: '' });
      return result.stdout;
    };
    // eslint-disable-next-line @typescript-eslint/no-unnecessary-type-parameters -- the caller names the JSON shape it expects
    const json = <T,>(args: readonly string[]): T => JSON.parse(ok(['--json', ...args])) as T;
    return { dir, ferry, ok, json };
  };

  /** `ferry serve --port 0 --data DIR …`: resolves once it says where it listens. */
  const serve = async (extra: readonly string[] = [], dir = data): Promise<Server> => {
    const invocation = ferryInvocation(['serve', '--port', '0', '--data', dir, ...extra], { home });
    const child = spawn(invocation.command, invocation.args, { cwd: invocation.cwd, env: invocation.env, stdio: ['ignore', 'pipe', 'pipe'] });
    running.add(child);
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const closed = new Promise<Stopped>((done) => child.once('close', (code, signal) => done({ code, signal, stdout, stderr })));
    const banner = await new Promise<string>((done, fail) => {
      const timer = setTimeout(() => fail(new Error(`ferry serve said nothing within 15 s; stderr: ${stderr}`)), 15_000);
      const look = () => {
        const end = stdout.indexOf('\n');
        if (end < 0) return;
        clearTimeout(timer);
        child.stdout.off('data', look);
        done(stdout.slice(0, end));
      };
      child.stdout.on('data', look);
      void closed.then((ended) => {
        clearTimeout(timer);
        fail(new Error(`ferry serve ended (${ended.code ?? ended.signal}) before listening; stderr: ${ended.stderr}`));
      });
    });
    const url = /(http:\/\/127\.0\.0\.1:\d+)/.exec(banner)?.[1];
    if (url === undefined) throw new Error(`ferry serve printed no URL: ${banner}`);
    return {
      url,
      port: Number(new URL(url).port),
      data: dir,
      banner,
      stop: async (signal = 'SIGTERM') => {
        child.kill(signal);
        const ended = await closed;
        running.delete(child);
        return ended;
      },
    };
  };

  return { home, data, device, admin: device(null), serve };
}

/** A server stops on SIGTERM as it says it does: exit 0, every request answered, no stack trace. */
async function expectStopped(server: Server): Promise<Stopped> {
  const ended = await server.stop();
  expect({ code: ended.code, signal: ended.signal }).toEqual({ code: 0, signal: null });
  expect(ended.stderr).toMatch(/^Stopped: every request in flight was answered\.$/m);
  expect(ended.stderr).not.toContain('    at ');
  expect(ended.stdout.split('\n')[0]).toBe(server.banner);
  return ended;
}

/** The request log after the banner: one JSON line per request. */
function logLines(stdout: string): LogLine[] {
  const lines = stdout.trimEnd().split('\n').slice(1);
  return lines.map((line) => {
    const entry = JSON.parse(line) as LogLine;
    expect(keys(entry).filter((k) => k !== 'error')).toEqual(logKeys);
    expect(entry.time).toMatch(iso);
    return entry;
  });
}

/** The same refusal, met at a person's shell and by a script: one sentence, the same code and words either way. */
function expectRefusal(device: Device, args: readonly string[], code: string, says: readonly string[]): string {
  const human = expectHumanError(device.ferry(args), 1, args);
  for (const words of says) expect({ args, human }).toEqual({ args, human: expect.stringContaining(words) });
  const fromJson = expectJsonError(device.ferry(['--json', ...args]), 1, code, args);
  expect(fromJson).toBe(human);
  return human;
}

/** A token for these journals, made with the server's admin command. */
function makeToken(admin: Device, data: string, journalIds: readonly string[], label?: string): TokenJson {
  const made = admin.json<TokenJson>(['serve', 'token', 'create', '--data', data, ...journalIds.flatMap((id) => ['--journal-id', id]), ...(label === undefined ? [] : ['--label', label])]);
  expect(keys(made)).toEqual(tokenKeys);
  expect(made.token).toMatch(secretShape);
  expect(made.tokenId).toMatch(hex12);
  expect(made.journals).toEqual([...journalIds].sort());
  return made;
}

function expectSyncJson(report: SyncJson, server: Server): void {
  expect(keys(report)).toEqual(syncKeys);
  expect(report.server).toBe(server.url);
  expect(report.ms).toBeGreaterThanOrEqual(0);
  for (const note of report.notes) expect(keys(note)).toEqual(['change', 'noteId', 'title']);
}

function expectRunJson(run: RunJson): void {
  expect(keys(run)).toEqual(runKeys);
  expect(run.time).toMatch(iso);
  for (const id of run.versions) expect(id).toMatch(hex64);
}

function expectPeerJson(peer: PeerJson): void {
  expect(keys(peer)).toEqual(peerKeys);
  expect(peer.replicaId).toMatch(hex32);
}

/** Every file under a folder, as bytes. */
function filesUnder(dir: string): { path: string; bytes: Buffer }[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .map((name) => join(dir, name))
    .filter((path) => statSync(path).isFile())
    .map((path) => ({ path, bytes: readFileSync(path) }));
}

/** A laptop with a journal and a few notes, set up to sync with a running server. */
async function laptopOnAServer(notes: readonly { title: string; body: string }[]) {
  const place = room();
  const server = await place.serve();
  const laptop = place.device('laptop');
  const status = laptop.json<JournalStatus>(['init', '--name', 'laptop']);
  const written = notes.map((n) => laptop.json<NoteJson>(['new', '--title', n.title, '--body', n.body]));
  const token = makeToken(place.admin, place.data, [status.journalId]);
  laptop.ok(['remote', 'set', server.url, '--token', token.token]);
  return { ...place, server, laptop, status, notes: written, token };
}

describe('a newcomer sets up a server', slow, () => {
  it('starts one, makes a token for the journal, sets the remote and syncs; the second sync is one small request', async () => {
    const place = room();
    const { admin, data } = place;
    const server = await place.serve();
    expect(server.banner).toMatch(new RegExp(`^Ferry sync server listening on http://127\\.0\\.0\\.1:\\d+ \\(SQLite in ${escape(data)}\\)\\. Ctrl-C stops it\\.$`));
    expect(server.port).toBeGreaterThan(0);

    // A laptop journal with two notes; `status --json` gives the id the token is made for.
    const laptop = place.device('laptop');
    laptop.ok(['init', '--name', 'laptop']);
    laptop.ok(['new', '--title', 'Groceries', '--body', 'milk\nbread\n']);
    laptop.ok(['new', '--title', 'Trip to Lyon', '--body', 'Train at 9.\n']);
    const before = laptop.json<JournalStatus>(['status']);
    expect(before).toMatchObject({ remote: null, lastSync: null, lastSyncError: null, pending: 2, notes: 2 });
    expect(laptop.ok(['status'])).toContain('Server    none (`ferry remote set URL --token T` sets one)');

    // The token is printed once, alone on stdout (TOKEN=$(…) takes it), with how to use it on stderr.
    const shown = admin.ferry(['serve', 'token', 'create', '--data', data, '--journal-id', before.journalId, '--label', 'laptop']);
    expect(shown.status).toBe(0);
    const secret = shown.stdout.trimEnd();
    expect(shown.stdout).toBe(`${secret}\n`);
    expect(secret).toMatch(secretShape);
    expect(shown.stderr).toContain(`  ferry remote set URL --token ${secret}\n`);
    expect(shown.stderr).toMatch(/^Token [0-9a-f]{12} opens [0-9a-f]{32}\. It is shown only now;/m);
    const token = makeToken(admin, data, [before.journalId]);
    expect(token.token).not.toBe(secret);

    // The remote: set, shown, never with its token.
    expect(laptop.ok(['remote', 'set', server.url, '--token', token.token])).toBe(`This device now syncs with ${server.url}. \`ferry sync\` syncs now.\n`);
    expect(laptop.ok(['remote'])).toBe(`Sync server  ${server.url}\nLast sync    never\n`);
    const unsynced = laptop.json<RemoteJson>(['remote', 'show']);
    expect(keys(unsynced)).toEqual(remoteKeys);
    expect(unsynced).toEqual({ url: server.url, lastSync: null, lastError: null, serverVector: {} });
    expect(laptop.ok(['status'])).toContain(`Server    ${server.url}, never synced (\`ferry sync\`)`);

    // The first sync sends both notes; the second has nothing to do.
    expect(laptop.ok(['sync'])).toMatch(new RegExp(`^Synced with ${escape(server.url)}: fetched nothing, sent 2 versions \\(\\d+ bytes in 2 requests\\)\\.\\n$`));
    expect(laptop.ok(['sync'])).toBe(`Up to date with ${server.url}: nothing to send or fetch.\n`);
    const idle = laptop.json<SyncJson>(['sync']);
    expectSyncJson(idle, server);
    const vector = { [before.replicaId]: 2 };
    expect(idle).toMatchObject({ pulled: 0, pushed: 0, runs: [], notes: [], vector, serverVector: vector, conflicts: 0, requests: 1 });
    expect(idle.bytesUp).toBeGreaterThan(0);
    expect(idle.bytesDown).toBeGreaterThan(0);
    expect(idle.bytesUp + idle.bytesDown).toBeLessThan(1024);

    // Status and remote say where the journal syncs, when it last did, and that nothing is waiting.
    const after = laptop.json<JournalStatus>(['status']);
    expect(keys(after)).toEqual(statusKeys);
    expect(after).toMatchObject({ journalId: before.journalId, remote: server.url, lastSync: expect.stringMatching(iso), lastSyncError: null, pending: 0, peers: 0, versions: 2 });
    const text = laptop.ok(['status']);
    expect(text).toMatch(new RegExp(`^Server {4}${escape(server.url)}, last synced ${localMinute}$`, 'm'));
    expect(text).toContain('Pending   nothing: every change made here is on the server or another device\n');
    expect(text).not.toContain('Last error');
    const remote = laptop.json<RemoteJson>(['remote', 'show']);
    expect(remote).toEqual({ url: server.url, lastSync: after.lastSync, lastError: null, serverVector: vector });
    expect(laptop.ok(['remote', 'show'])).toMatch(new RegExp(`^Sync server  ${escape(server.url)}\\nLast sync    ${localMinute}\\n$`));
    for (const printed of [laptop.ok(['remote']), JSON.stringify(remote), laptop.ok(['status']), JSON.stringify(after)]) expect(printed).not.toContain(token.token);

    // The server logged one line per request: sync + push, then one sync each time.
    const ended = await expectStopped(server);
    expect(logLines(ended.stdout).map((l) => `${l.method} ${l.path.replace(before.journalId, 'J')} ${l.status} ${l.token}`)).toEqual([
      `POST /v1/journals/J/sync 200 ${token.tokenId}`,
      `POST /v1/journals/J/push 200 ${token.tokenId}`,
      `POST /v1/journals/J/sync 200 ${token.tokenId}`,
      `POST /v1/journals/J/sync 200 ${token.tokenId}`,
    ]);
    // It started with no token, and said how to make one.
    expect(ended.stderr).toContain(`No tokens yet: \`ferry serve token create --journal-id ID --data ${data}\``);
  });
});

describe('a second device', slow, () => {
  it('clones from the server, and edits travel both ways as runs that undo takes back; each learns of the other', async () => {
    const { device, server, laptop, status, notes, token } = await laptopOnAServer([
      { title: 'Groceries', body: 'milk\nbread\n' },
      { title: 'Trip to Lyon', body: 'Train at 9.\n' },
    ]);
    const [groceries] = notes as [NoteJson, NoteJson];
    laptop.ok(['sync']);

    // The phone: no journal id needed, the token opens exactly one.
    const phone = device('phone');
    expect(existsSync(phone.dir)).toBe(false);
    expect(phone.ok(['clone', server.url, '--token', token.token, '--name', 'phone'])).toBe(
      `Cloned the journal from ${server.url} into ${phone.dir}: 2 notes, 2 versions. This device is “phone”, a new replica; \`ferry sync\` keeps it in step.\n`,
    );
    expect(phone.json<NoteJson[]>(['list'])).toEqual(laptop.json<NoteJson[]>(['list']));
    const phoneStatus = phone.json<JournalStatus>(['status']);
    expect(phoneStatus).toMatchObject({ journalId: status.journalId, deviceName: 'phone', remote: server.url, lastSync: expect.stringMatching(iso), pending: 0, notes: 2, versions: 2 });
    expect(phoneStatus.replicaId).not.toBe(status.replicaId);
    expect(phone.ok(['sync'])).toBe(`Up to date with ${server.url}: nothing to send or fetch.\n`);
    // The clone is a run of its own, called a clone, as one from a bundle file is.
    expect(phone.ok(['runs'])).toMatch(new RegExp(`^ +1 {2}${localMinute} {2}clone: 2 versions, 2 created\\n {6}${escape(server.url)}\\n$`));

    // The phone edits a note and syncs it up.
    phone.ok(['edit', groceries.id, '--body', 'milk\nbread\nbutter\n']);
    expect(phone.json<JournalStatus>(['status']).pending).toBe(1);
    expect(phone.ok(['sync'])).toMatch(new RegExp(`^Synced with ${escape(server.url)}: fetched nothing, sent 1 version \\(.* in 2 requests\\)\\.\\n$`));
    expect(phone.json<JournalStatus>(['status']).pending).toBe(0);

    // The laptop fetches it: one run, naming the note as edited.
    const fetched = laptop.json<SyncJson>(['sync']);
    expectSyncJson(fetched, server);
    expect(fetched).toMatchObject({ pulled: 1, pushed: 0, runs: [expect.any(Number)], notes: [{ noteId: groceries.id, title: 'Groceries', change: 'edited' }], conflicts: 0 });
    expect(fetched.vector).toEqual({ [status.replicaId]: 2, [phoneStatus.replicaId]: 1 });
    expect(fetched.serverVector).toEqual(fetched.vector);
    const run = fetched.runs[0]!;
    expect(laptop.json<NoteJson>(['show', groceries.id]).body).toBe('milk\nbread\nbutter\n');
    expect(laptop.json<NoteJson[]>(['list'])).toEqual(phone.json<NoteJson[]>(['list']));

    // `runs` lists the sync, from the server; `undo` puts the note back as it was.
    const runs = laptop.json<RunJson[]>(['runs']);
    runs.forEach(expectRunJson);
    expect(runs).toEqual([
      { run, time: expect.stringMatching(iso), kind: 'sync', source: server.url, peer: null, peerName: null, versions: [expect.stringMatching(hex64)], notes: [{ noteId: groceries.id, title: 'Groceries', change: 'edited' }], undone: null },
    ]);
    expect(laptop.ok(['runs'])).toMatch(new RegExp(`^ +${run} {2}${localMinute} {2}sync: 1 version, 1 edited\\n {6}${escape(server.url)}\\n$`));
    const undone = laptop.json<UndoJson>(['undo', String(run)]);
    expect(undone).toMatchObject({ run, restored: [{ noteId: groceries.id, title: 'Groceries' }], skipped: [] });
    expect(laptop.json<NoteJson>(['show', groceries.id]).body).toBe('milk\nbread\n');
    expect(laptop.json<RunJson[]>(['runs'])[0]!.undone).toMatch(iso);

    // The undo is an edit like any other: it travels to the phone through the server.
    expect(laptop.ok(['sync'])).toMatch(/: fetched nothing, sent 1 version /);
    const back = phone.json<SyncJson>(['sync']);
    expect(back).toMatchObject({ pulled: 1, pushed: 0, notes: [{ noteId: groceries.id, title: 'Groceries', change: 'edited' }] });
    expect(phone.json<NoteJson>(['show', groceries.id]).body).toBe('milk\nbread\n');
    expect(laptop.ok(['sync'])).toBe(`Up to date with ${server.url}: nothing to send or fetch.\n`);

    // Each device has heard of the other through the server, and knows it is in step.
    const laptopPeers = laptop.json<PeerJson[]>(['peers']);
    laptopPeers.forEach(expectPeerJson);
    expect(laptopPeers).toEqual([
      expect.objectContaining({ replicaId: phoneStatus.replicaId, deviceName: 'phone', behind: 0, ahead: 0, lastHeard: expect.stringMatching(iso) }),
    ]);
    expect(laptop.ok(['peers'])).toMatch(new RegExp(`^phone  ${phoneStatus.replicaId}\\n {6}in step with this replica; last heard ${localMinute}\\n$`));
    expect(phone.json<PeerJson[]>(['peers'])).toEqual([expect.objectContaining({ replicaId: status.replicaId, deviceName: 'laptop', behind: 0, ahead: 0 })]);
    expect(laptop.json<JournalStatus>(['status'])).toMatchObject({ peers: 1, pending: 0 });
    expect(laptop.json<NoteJson[]>(['list'])).toEqual(phone.json<NoteJson[]>(['list']));

    await expectStopped(server);
  });
});

describe('a second device set up before it had the journal', slow, () => {
  it('made its own empty journal (as the app’s first start does); its first sync joins the laptop’s, a clone into its folder does too, and one with a note joins only when asked, bringing it', async () => {
    const { device, server, laptop, status, token, home } = await laptopOnAServer([{ title: 'Groceries', body: 'milk\nbread\n' }]);
    laptop.ok(['sync']);

    // The desk: `ferry init`, as the app's first start, then the server and the laptop's token.
    const desk = device('desk');
    const own = desk.json<JournalStatus>(['init', '--name', 'desk']);
    desk.ok(['remote', 'set', server.url, '--token', token.token]);
    const first = desk.json<SyncJson>(['sync']);
    expectSyncJson(first, server);
    expect(first).toMatchObject({ joined: status.journalId, pulled: 1, pushed: 0, notes: [{ title: 'Groceries', change: 'created' }] });
    expect(desk.json<JournalStatus>(['status'])).toMatchObject({ journalId: status.journalId, replicaId: own.replicaId, deviceName: 'desk', notes: 1, pending: 0 });
    expect(desk.ok(['runs'])).toMatch(new RegExp(`^ +1 {2}${localMinute} {2}clone: 1 version, 1 created\\n`));
    expect(desk.ok(['sync'])).toBe(`Up to date with ${server.url}: nothing to send or fetch.\n`);

    // The same, told to a person; and `ferry clone` into a folder the app made and never wrote in.
    const den = device('den');
    den.ok(['init', '--name', 'den']);
    den.ok(['remote', 'set', server.url, '--token', token.token]);
    expect(den.ok(['sync'])).toMatch(new RegExp(`^This device held nothing yet, so it joined journal ${status.journalId}, from ${escape(server.url)}\\.\\nSynced with ${escape(server.url)}: fetched 1 version \\(1 created; run 1\\)`));
    const attic = device('attic');
    const atticOwn = attic.json<JournalStatus>(['init', '--name', 'attic']);
    expect(attic.ok(['clone', server.url, '--token', token.token, '--name', 'attic desk'])).toMatch(/^Cloned the journal from /u);
    expect(attic.json<JournalStatus>(['status'])).toMatchObject({ journalId: status.journalId, replicaId: atticOwn.replicaId, deviceName: 'attic desk', notes: 1 });

    // A device with a note of its own is left as it was, and told why.
    const study = device('study');
    const studyOwn = study.json<JournalStatus>(['init', '--name', 'study']);
    const mine = study.json<NoteJson>(['new', '--title', 'Mine', '--body', 'Written in the study.']);
    expectRefusal(study, ['clone', server.url, '--token', token.token], 'JournalExists', [`There is already a journal in ${study.dir}, with 1 note; clone into another folder with --journal`]);
    expect(study.json<JournalStatus>(['status'])).toMatchObject({ notes: 1, remote: null });
    study.ok(['remote', 'set', server.url, '--token', token.token]);
    expectRefusal(study, ['sync'], 'Forbidden', ['which already has 1 note of its own', '`ferry remote set URL --token T --join`']);

    // Asked to, it joins bringing its note; the journal as it was is kept to read from.
    const kept = join(study.dir, `before-joining-${status.journalId.slice(0, 8)}`);
    expect(study.ok(['remote', 'set', server.url, '--token', token.token, '--join'])).toBe(
      `This device joined journal ${status.journalId}, bringing 1 note; its journal as it was is kept, to read from, in ${kept}.\n` +
        `This device now syncs with ${server.url}. \`ferry sync\` fetches that journal's notes and sends these.\n`,
    );
    expect(study.json<SyncJson>(['sync'])).toMatchObject({ joined: null, pulled: 1, pushed: 1 });
    // A script is told the same: the journal joined, and where the journal as it was is kept.
    const attic2 = device('attic2');
    attic2.ok(['init']);
    attic2.ok(['new', '--title', 'Also mine']);
    const told = attic2.json<RemoteJson & { joined: string; carried: { notes: number; keptCopy: string } }>(['remote', 'set', server.url, '--token', token.token, '--join']);
    expect(keys(told)).toEqual([...remoteKeys, 'carried', 'joined'].sort());
    expect(told).toMatchObject({ url: server.url, joined: status.journalId, carried: { notes: 1, keptCopy: join(attic2.dir, `before-joining-${status.journalId.slice(0, 8)}`) } });
    const joinedStatus = study.json<JournalStatus>(['status']);
    expect(joinedStatus).toMatchObject({ journalId: status.journalId, notes: 2 });
    expect(joinedStatus.replicaId).not.toBe(studyOwn.replicaId);
    expect(laptop.json<SyncJson>(['sync'])).toMatchObject({ pulled: 1 });
    expect(laptop.json<NoteJson>(['show', mine.id])).toMatchObject({ title: 'Mine', body: 'Written in the study.' });
    const copy = runFerry(['--journal', kept, '--json', 'list'], { home });
    expect(JSON.parse(copy.stdout)).toEqual([expect.objectContaining({ id: mine.id, title: 'Mine' })]);
    await expectStopped(server);
  });
});

describe('conflicts through the server', slow, () => {
  it('both devices see the conflict; a resolution on one ends it on both', async () => {
    const { device, server, laptop, notes, token } = await laptopOnAServer([{ title: 'Recipe', body: 'Flour\nSugar\n' }]);
    const [recipe] = notes as [NoteJson];
    laptop.ok(['sync']);
    const phone = device('phone');
    phone.ok(['clone', server.url, '--token', token.token, '--name', 'phone']);

    // Both change the same line while apart.
    const onLaptop = laptop.json<NoteJson>(['edit', recipe.id, '--body', 'Flour, 300 g\nSugar\n']);
    const onPhone = phone.json<NoteJson>(['edit', recipe.id, '--body', 'Flour, 100 g\nSugar\n']);
    const laptopVersion = onLaptop.heads[0]!;
    const phoneVersion = onPhone.heads[0]!;

    expect(laptop.ok(['sync'])).toMatch(/: fetched nothing, sent 1 version /);
    const phoneText = phone.ok(['sync']);
    expect(phoneText).toMatch(/: fetched 1 version \(1 conflicted; run \d+\), sent 1 version /);
    expect(phoneText).toContain('In conflict now: “Recipe”; `ferry conflicts` shows them.\n');
    const laptopSync = laptop.json<SyncJson>(['sync']);
    expect(laptopSync).toMatchObject({ pulled: 1, pushed: 0, notes: [{ noteId: recipe.id, title: 'Recipe', change: 'conflicted' }], conflicts: 1 });

    // The conflict shows the same on both devices, every head readable.
    for (const d of [laptop, phone]) {
      const conflicts = d.json<NoteJson[]>(['conflicts']);
      expect(conflicts.map((n) => ({ id: n.id, conflict: n.conflict, heads: [...n.heads].sort() }))).toEqual([{ id: recipe.id, conflict: true, heads: [laptopVersion, phoneVersion].sort() }]);
      const listed = d.ok(['conflicts']);
      expect(listed).toContain(`${laptopVersion.slice(0, 12)}  `);
      expect(listed).toContain(`${phoneVersion.slice(0, 12)}  `);
      expect(listed).toContain(`\`ferry resolve ${recipe.id.slice(0, 8)} --take VERSION\``);
      expect(d.json<JournalStatus>(['status']).conflicts).toBe(1);
    }
    expect(phone.json<NoteJson[]>(['conflicts'])).toEqual(laptop.json<NoteJson[]>(['conflicts']));

    // The phone takes the laptop's version; the resolution travels like any edit.
    expect(phone.ok(['resolve', recipe.id, '--take', laptopVersion])).toMatch(new RegExp(`^Resolved “Recipe” by taking version ${laptopVersion} \\(written as the new version [0-9a-f]{12}\\); it is no longer in conflict\\.\\n$`));
    expect(phone.json<NoteJson[]>(['conflicts'])).toEqual([]);
    expect(phone.json<SyncJson>(['sync'])).toMatchObject({ pulled: 0, pushed: 1, conflicts: 0 });
    const resolved = laptop.json<SyncJson>(['sync']);
    expect(resolved).toMatchObject({ pulled: 1, pushed: 0, conflicts: 0, notes: [{ noteId: recipe.id, change: expect.any(String) }] });

    for (const d of [laptop, phone]) {
      expect(d.json<NoteJson[]>(['conflicts'])).toEqual([]);
      expect(d.ok(['conflicts'])).not.toContain('Recipe');
      expect(d.json<JournalStatus>(['status'])).toMatchObject({ conflicts: 0, pending: 0 });
    }
    const note = laptop.json<NoteJson>(['show', recipe.id]);
    expect(note).toMatchObject({ conflict: false, body: 'Flour, 300 g\nSugar\n' });
    expect(note.heads).toHaveLength(1);
    expect(phone.json<NoteJson>(['show', recipe.id])).toEqual(note);

    await expectStopped(server);
  });
});

describe('refusals, in words', slow, () => {
  it('no remote, a wrong, foreign or revoked token, a bad URL, a clone without a token, a stopped server', async () => {
    const place = room();
    const { admin, data, device } = place;
    const server = await place.serve();
    const laptop = device('laptop');
    const status = laptop.json<JournalStatus>(['init', '--name', 'laptop']);
    laptop.ok(['new', '--title', 'Groceries', '--body', 'milk\n']);
    const neighbour = device('neighbour');
    const neighbourStatus = neighbour.json<JournalStatus>(['init', '--name', 'neighbour']);

    // No server set yet.
    expectRefusal(laptop, ['sync'], 'NoRemote', ['This device has no sync server: `ferry remote set URL --token T` sets one.']);
    expect(laptop.ok(['remote'])).toBe('No sync server set: `ferry remote set URL --token T` sets one.\n');
    expect(laptop.json<RemoteJson>(['remote'])).toEqual({ url: null, lastSync: null, lastError: null, serverVector: {} });
    expectRefusal(laptop, ['remote', 'remove'], 'NoRemote', ['This device has no sync server set.']);

    // Addresses and tokens that cannot be right are refused before anything is stored.
    expectRefusal(laptop, ['remote', 'set', 'not-a-url', '--token', 'ferry_xxxxxxxxxxxx'], 'BadInput', ['"not-a-url" is not a URL', 'http://192.168.1.20:8123']);
    expectRefusal(laptop, ['remote', 'set', 'ftp://example.org', '--token', 'ferry_xxxxxxxxxxxx'], 'BadInput', ['"ftp://example.org" is not an http or https URL.']);
    expectRefusal(laptop, ['remote', 'set', server.url, '--token', 'my token!'], 'BadInput', ['That token is not one a Ferry server makes']);
    expect(laptop.json<RemoteJson>(['remote']).url).toBeNull();

    // A token the server never made.
    laptop.ok(['remote', 'set', server.url, '--token', `ferry_${'A'.repeat(43)}`]);
    const rejected = expectRefusal(laptop, ['sync'], 'AuthRejected', ['The server does not accept this token: it is wrong or was revoked.', '`ferry serve token create`']);
    const failed = laptop.json<JournalStatus>(['status']);
    expect(failed.lastSyncError).toEqual({ code: 'AuthRejected', message: rejected });
    expect(failed).toMatchObject({ remote: server.url, lastSync: null, pending: 1 });
    expect(laptop.ok(['status'])).toContain(`Last error ${rejected}\n`);
    expect(laptop.json<RemoteJson>(['remote'])).toMatchObject({ lastError: { code: 'AuthRejected', message: rejected } });
    expect(laptop.ok(['remote'])).toContain(`Last error   ${rejected}\n`);

    // A real token, for another journal: forbidden, and the sentence names both journals and what to do.
    const foreign = makeToken(admin, data, [neighbourStatus.journalId]);
    laptop.ok(['remote', 'set', server.url, '--token', foreign.token]);
    expect(laptop.json<RemoteJson>(['remote']).lastError).toBeNull();
    expectRefusal(laptop, ['sync'], 'Forbidden', [
      `The token opens journal ${neighbourStatus.journalId.slice(0, 8)} on ${server.url}, not this device’s journal (${status.journalId.slice(0, 8)}), which already has 1 note of its own`,
      `\`ferry serve token create --journal-id ${status.journalId}\` on the server`,
    ]);
    expect(laptop.json<JournalStatus>(['status']).lastSyncError?.code).toBe('Forbidden');

    // Cloning: a server needs a token, and one for another journal opens nothing; no folder is left behind.
    const phone = device('phone');
    expectRefusal(phone, ['clone', server.url], 'BadInput', ['A server needs a token: `ferry clone URL --token T`']);
    expect(expectJsonError(phone.ferry(['--json', 'clone', server.url, '--token', foreign.token, '--journal-id', status.journalId]), 1, 'Forbidden', ['clone'])).toContain(status.journalId);
    expect(existsSync(phone.dir)).toBe(false);

    // The right token works, until it is revoked.
    const good = makeToken(admin, data, [status.journalId], 'laptop');
    laptop.ok(['remote', 'set', server.url, '--token', good.token]);
    expect(laptop.ok(['sync'])).toMatch(/: fetched nothing, sent 1 version /);
    expect(laptop.json<JournalStatus>(['status'])).toMatchObject({ lastSyncError: null, lastSync: expect.stringMatching(iso), pending: 0 });
    expect(admin.ok(['serve', 'token', 'revoke', good.tokenId, '--data', data])).toBe(`Revoked token ${good.tokenId}: devices using it can no longer sync.\n`);
    expect(laptop.ok(['new', '--title', 'After the revoke'])).toMatch(/^[0-9a-f]{32}\n$/);
    expectRefusal(laptop, ['sync'], 'AuthRejected', ['it is wrong or was revoked']);
    expect(laptop.json<JournalStatus>(['status'])).toMatchObject({ lastSyncError: { code: 'AuthRejected' }, pending: 1 });
    expect(expectHumanError(admin.ferry(['serve', 'token', 'revoke', good.tokenId, '--data', data]), 1, ['serve', 'token', 'revoke'])).toBe(`Token ${good.tokenId} was already revoked.`);
    expectRefusal(admin, ['serve', 'token', 'revoke', 'feedfacecafe', '--data', data], 'NotFound', ['There is no token feedfacecafe; `ferry serve token list` shows them.']);

    // The server stops: the device says it cannot be reached, and remembers why.
    const another = makeToken(admin, data, [status.journalId]);
    laptop.ok(['remote', 'set', server.url, '--token', another.token]);
    await expectStopped(server);
    const offline = expectRefusal(laptop, ['sync'], 'Offline', [`${server.url} cannot be reached`, 'is the server running?']);
    expect(offline).toBe(`${server.url} cannot be reached (connection refused: is the server running?).`);
    expect(laptop.json<JournalStatus>(['status'])).toMatchObject({ lastSyncError: { code: 'Offline', message: offline }, pending: 1 });
    expect(laptop.ok(['status'])).toMatch(new RegExp(`^Server {4}${escape(server.url)}, last synced ${localMinute}$`, 'm'));

    // Removing the remote: the notes stay, and sync is back to "no remote".
    expect(laptop.ok(['remote', 'remove'])).toBe('This device no longer syncs with a server; its notes stay here.\n');
    expectJsonError(laptop.ferry(['--json', 'sync']), 1, 'NoRemote', ['sync']);
    expect(laptop.json<NoteJson[]>(['list']).map((n) => n.title).sort()).toEqual(['After the revoke', 'Groceries']);
  });
});

describe('tokens', slow, () => {
  it('are stored only as a hash: the secret is in no file of the server nor in its log; list and revoke never show it', async () => {
    const { admin, data, server, laptop, status, token } = await laptopOnAServer([{ title: 'Groceries', body: 'milk\n' }]);
    laptop.ok(['sync']);
    const spare = makeToken(admin, data, [status.journalId], 'spare phone');

    const raw = (secret: string) => Buffer.from(secret.slice('ferry_'.length), 'base64url');
    const hash = (secret: string) => createHash('sha256').update(secret, 'utf8').digest();
    const expectOnlyHashes = () => {
      const files = filesUnder(data);
      expect(files.length).toBeGreaterThan(0);
      const all = Buffer.concat(files.map((f) => f.bytes));
      for (const { token: secret } of [token, spare]) {
        expect(raw(secret)).toHaveLength(32);
        for (const f of files) {
          expect({ file: f.path, secret: f.bytes.includes(secret) }).toEqual({ file: f.path, secret: false });
          expect({ file: f.path, rawSecret: f.bytes.includes(raw(secret)) }).toEqual({ file: f.path, rawSecret: false });
        }
        // What the server does keep: the SHA-256 of the secret (S6), as hex or as bytes.
        expect(all.includes(hash(secret).toString('hex')) || all.includes(hash(secret))).toBe(true);
      }
    };
    // While the server runs (its write-ahead log included) and after it stopped.
    expectOnlyHashes();

    const listed = admin.json<TokenListJson[]>(['serve', 'token', 'list', '--data', data]);
    for (const t of listed) expect(keys(t)).toEqual(tokenListKeys);
    expect(listed).toEqual(
      expect.arrayContaining([
        { tokenId: token.tokenId, label: '', journals: [status.journalId], created: expect.stringMatching(iso), revoked: null },
        { tokenId: spare.tokenId, label: 'spare phone', journals: [status.journalId], created: expect.stringMatching(iso), revoked: null },
      ]),
    );
    expect(listed).toHaveLength(2);
    const listing = admin.ok(['serve', 'token', 'list', '--data', data]);
    expect(listing).toMatch(new RegExp(`^${spare.tokenId}  spare phone  made ${localMinute}  ${status.journalId}$`, 'm'));
    expect(listing).toMatch(new RegExp(`^${token.tokenId}  \\(no label\\)  made ${localMinute}  ${status.journalId}$`, 'm'));
    for (const printed of [listing, JSON.stringify(listed)]) {
      expect(printed).not.toContain(token.token);
      expect(printed).not.toContain(spare.token);
    }

    // Revoking marks it, with when; the other token still works.
    expect(admin.json<{ tokenId: string; revoked: boolean }>(['serve', 'token', 'revoke', spare.tokenId, '--data', data])).toEqual({ tokenId: spare.tokenId, revoked: true });
    const after = admin.json<TokenListJson[]>(['serve', 'token', 'list', '--data', data]);
    expect(after.find((t) => t.tokenId === spare.tokenId)?.revoked).toMatch(iso);
    expect(after.find((t) => t.tokenId === token.tokenId)?.revoked).toBeNull();
    expect(admin.ok(['serve', 'token', 'list', '--data', data])).toMatch(new RegExp(`^${spare.tokenId}  spare phone  revoked ${localMinute}  ${status.journalId}$`, 'm'));
    expect(laptop.ok(['sync'])).toBe(`Up to date with ${server.url}: nothing to send or fetch.\n`);
    // A device with the revoked token is turned away, and the log names the refusal, not the secret.
    const phone = room().device('phone');
    expectJsonError(phone.ferry(['--json', 'clone', server.url, '--token', spare.token]), 1, 'AuthRejected', ['clone']);

    const ended = await expectStopped(server);
    expectOnlyHashes();
    for (const secret of [token.token, spare.token]) {
      expect(ended.stdout).not.toContain(secret);
      expect(ended.stderr).not.toContain(secret);
      expect(ended.stdout).not.toContain(secret.slice('ferry_'.length));
    }
    const log = logLines(ended.stdout);
    expect(log.length).toBeGreaterThanOrEqual(4);
    for (const entry of log) expect(entry.token === null || entry.token === undefined || hex12.test(entry.token)).toBe(true);
    expect(log.filter((l) => l.token === token.tokenId && l.status === 200).length).toBeGreaterThanOrEqual(3);
    expect(log.at(-1)).toMatchObject({ method: 'GET', path: '/v1/journals', status: 401 });
  });
});

describe('running the server', slow, () => {
  it('refuses a taken port in a sentence, lists its journals, and speaks JSON when asked', async () => {
    const { admin, data, server, laptop, status } = await laptopOnAServer([
      { title: 'Groceries', body: 'milk\n' },
      { title: 'Trip to Lyon', body: 'Train at 9.\n' },
    ]);
    const taken = ['serve', '--port', String(server.port), '--data', join(data, '..', 'second')];
    const human = expectHumanError(admin.ferry(taken), 1, taken);
    expect(human).toBe(`Port ${server.port} on 127.0.0.1 is taken (another server?): pick another with --port, or --port 0 for any free one.`);
    expect(expectJsonError(admin.ferry(['--json', ...taken]), 1, 'BadInput', taken)).toBe(human);
    expectRefusal(admin, ['serve', '--port', '70000', '--data', data], 'BadInput', ['"70000" is not a port: give a whole number from 0 to 65535.']);
    expectRefusal(admin, ['serve', 'token', 'create', '--data', data, '--journal-id', 'laptop'], 'BadInput', ['"laptop" is not a journal id: it is 32 hex digits']);
    // A mistyped --data: the admin commands say no server is there, and leave nothing behind.
    const typo = `${data}-typo`;
    for (const args of [['serve', 'token', 'list', '--data', typo], ['serve', 'journal', 'list', '--data', typo], ['serve', 'token', 'revoke', 'abc123', '--data', typo]]) {
      expectRefusal(admin, args, 'NotFound', [`There is no Ferry sync server in ${typo}: check the folder given with --data`]);
    }
    expect(existsSync(typo)).toBe(false);
    // Making a token may start a store (before the first `ferry serve`), and says that it did.
    const first = admin.ferry(['serve', 'token', 'create', '--data', typo, '--journal-id', status.journalId]);
    expect(first.stderr).toContain(`No server had stored anything in ${typo} yet: it holds this token now; \`ferry serve --data ${typo}\` serves it.\n`);
    expect(admin.ferry(['serve', 'token', 'create', '--data', typo, '--journal-id', status.journalId]).stderr).not.toContain('No server had stored anything');

    // Journals appear when a device first syncs, with what the server holds of them.
    expect(admin.ok(['serve', 'journal', 'list', '--data', data])).toBe('No journals yet: one appears when a device with a token for it first syncs.\n');
    expect(admin.json<ServerJournalJson[]>(['serve', 'journal', 'list', '--data', data])).toEqual([]);
    laptop.ok(['sync']);
    const journals = admin.json<ServerJournalJson[]>(['serve', 'journal', 'list', '--data', data]);
    for (const j of journals) expect(keys(j)).toEqual(serverJournalKeys);
    expect(journals).toEqual([{ journalId: status.journalId, versions: 2, bytes: expect.any(Number), replicas: 1 }]);
    expect(journals[0]!.bytes).toBeGreaterThan(0);
    expect(admin.ok(['serve', 'journal', 'list', '--data', data])).toMatch(new RegExp(`^${status.journalId}  2 versions, .+, 1 replica\\n$`));
    await expectStopped(server);

    // With --json the first line is {url, storage}; SIGINT (Ctrl-C) stops it as cleanly as SIGTERM.
    const place = room();
    const quiet = await place.serve(['--json'], data);
    const banner = JSON.parse(quiet.banner) as { url: string; storage: string };
    expect(banner).toEqual({ url: quiet.url, storage: 'sqlite' });
    expect(laptop.ok(['remote', 'set', quiet.url, '--token', makeToken(admin, data, [status.journalId]).token])).toContain(quiet.url);
    laptop.ok(['new', '--title', 'One more']);
    expect(laptop.json<SyncJson>(['sync'])).toMatchObject({ server: quiet.url, pushed: 1, pulled: 0 });
    const ended = await quiet.stop('SIGINT');
    expect({ code: ended.code, signal: ended.signal }).toEqual({ code: 0, signal: null });
    expect(ended.stderr).not.toContain('    at ');
    expect(logLines(ended.stdout).map((l) => l.status)).toEqual([200, 200]);
    expect(admin.json<ServerJournalJson[]>(['serve', 'journal', 'list', '--data', data])).toEqual([{ journalId: status.journalId, versions: 3, bytes: expect.any(Number), replicas: 1 }]);
  });

  it('stops cleanly even when told to the moment it says it is listening', async () => {
    // A supervisor (or a script) may stop the server as soon as it reads the first line: the
    // signal must find the server ready to stop, not kill it half-way.
    const place = room();
    for (let i = 0; i < 3; i++) await expectStopped(await place.serve());
  });
});
