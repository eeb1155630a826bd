// Sync through a local server on the standard workload (docs/sync-protocol.md), measured like this:
//
// - Journal A is the workload's initial phase replayed through the journal's API (replayWorkload).
// - The server is the real `ferry serve --port 0 --data DIR` (SQLite), a child process on
//   loopback with its default limits; its token, for A's journal, is written into its store
//   in-process before it starts.
// - Every client talks to the server through the wire meter (wire-meter.ts), a TCP proxy in this
//   process that counts the bytes crossing it each way: HTTP request and status lines, headers and
//   bodies as sent (compressed where they were), not TCP/IP framing. The meter is reset before
//   each step and read after it. Each step uses a new HttpTransport (a new connection), closed
//   after it.
// - Requests are those the step's SyncReport counts (wire.requests), plus, for a clone, the listing
//   of journals cloneFromServer makes first. Body bytes are the SyncReport's (wire.bytesUp/Down).
// - Times are wall time in this process around the one call (syncOnce, cloneFromServer), which
//   includes the client's own work (compressing, decoding and checking pages, storing them in its
//   journal) and the proxy's forwarding.
//
// The steps: (a) A's initial push (one syncOnce: an empty page, then the pushes); (b) `reps` clones
// into fresh folders (cloneFromServer), medians, the last one kept as B; (c) the increment applied
// to A (applyOperation, with the workload's times) and pushed (syncOnce on A), then pulled by B
// (syncOnce on B); (d) a sync of B with nothing to do. The server is stopped with SIGTERM.

import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { Journal } from '../electron/journal/journal.js';
import { SqliteStorage } from '../electron/server/storage-sqlite.js';
import { newToken } from '../electron/server/tokens.js';
import { cloneFromServer } from '../electron/sync/clone-server.js';
import { HttpTransport } from '../electron/sync/http-transport.js';
import { syncOnce, type SyncReport } from '../electron/sync/sync-once.js';
import { formatBytes, formatCount, formatDuration } from './format-units.js';
import { startServe } from '../electron/testing/serve-process.js';
import type { Progress } from './progress.js';
import { applyOperation, replayWorkload } from './replay.js';
import { seededRandom } from './seeded-random.js';
import { median, repeated, type Repeated } from './stats.js';
import type { TempSpace } from './temp-space.js';
import { startWireMeter, type WireMeter } from './wire-meter.js';
import type { Operation } from './workload.js';

/** One step of a sync, as the client and the wire meter saw it. */
export interface SyncTransfer {
  /** Wall time of the call in the bench process, through the meter. */
  ms: number;
  /** Bytes client → server as the wire meter counted them: request lines, headers and bodies as sent. */
  bytesUp: number;
  /** Bytes server → client, counted the same way. */
  bytesDown: number;
  /** Of bytesUp, the request bodies alone (SyncReport.wire.bytesUp): the rest is HTTP request lines and headers. */
  bodyBytesUp: number;
  /** Of bytesDown, the answer bodies alone, as sent (compressed where they were). */
  bodyBytesDown: number;
  /** HTTP requests the step made. */
  requests: number;
  /** TCP connections opened through the meter. */
  connections: number;
  /** Versions moved: pushed for a push, stored here for a pull or a clone. */
  versions: number;
}

/** A clone, repeated into fresh folders. */
export interface CloneFigures extends Omit<SyncTransfer, 'ms'> {
  /** Each clone's time, and their median. */
  ms: Repeated;
  /** The other fields are medians over the clones (later clones hear of more replicas, so their bytes differ a little). */
  reps: number;
}

export interface SyncFigures {
  /** How it was measured, in a sentence for the report. */
  setup: string;
  /** Versions in journal A after the initial phase (every one written by A). */
  initialVersions: number;
  /** Versions the increment phase wrote in A. */
  incrementVersions: number;
  /** (a) A's first sync with the empty server: one empty page, then pushes of about 4 MiB of payloads each. */
  initialPush: SyncTransfer;
  /** (b) `ferry clone`'s work into a fresh folder: the journals listing, then the pages (4 MiB each at most). */
  clone: CloneFigures;
  /** (c) A's sync after the increment phase: a page (with news of the clones), then one push. */
  incrementPush: SyncTransfer;
  /** (c) The last clone's sync after A's: the page bringing the increment. */
  incrementPull: SyncTransfer;
  /** (d) That clone's next sync, with nothing to fetch or send. */
  noop: SyncTransfer;
  /** Requests `ferry serve` logged over the whole measurement (one JSON line each), a check on the counts above (their sum). */
  serverLoggedRequests: number;
}

export async function measureSync(operations: readonly Operation[], temp: TempSpace, progress: Progress, options: { reps: number }): Promise<SyncFigures> {
  if (options.reps < 1) throw new Error('measureSync needs at least one clone (reps ≥ 1).');
  const initial = operations.filter((op) => op.phase === 'initial');
  const increment = operations.filter((op) => op.phase === 'increment');
  const dirA = temp.folder('sync-a');
  progress(`sync: replaying the initial phase (${formatCount(initial.length)} operations) into journal A`);
  const replay = replayWorkload(dirA, initial, { seed: 'sync' });

  let now = initial.at(-1)?.time ?? 0;
  const journals: Journal[] = [];
  const a = Journal.open(dirA, { clock: () => now, random: seededRandom('ferry-bench:sync:increment') });
  journals.push(a);
  const dataDir = temp.folder('sync-server');
  const token = await grantToken(dataDir, [a.journalId]);
  const server = await startFerryServe(['--port', '0', '--data', dataDir], temp.folder('sync-home'));
  let meter: WireMeter | null = null;
  try {
    meter = await startWireMeter(server.url);
    const url = meter.url;
    a.setRemote(url, token);
    const step = async (work: (transport: HttpTransport) => Promise<SyncReport>, versions: (report: SyncReport) => number, extraRequests = 0): Promise<SyncTransfer> => {
      const transport = new HttpTransport({ url, token });
      meter!.reset();
      const begun = performance.now();
      try {
        const report = await work(transport);
        const ms = performance.now() - begun;
        const count = meter!.read();
        return {
          ms,
          bytesUp: count.up,
          bytesDown: count.down,
          bodyBytesUp: report.wire.bytesUp,
          bodyBytesDown: report.wire.bytesDown,
          requests: report.wire.requests + extraRequests,
          connections: count.connections,
          versions: versions(report),
        };
      } finally {
        transport.close();
      }
    };
    const pushed = (report: SyncReport) => report.pushed;
    const pulled = (report: SyncReport) => report.pulled;

    progress(`sync: initial push of ${formatCount(replay.versions)} versions to ferry serve (SQLite) at ${server.url}`);
    const initialPush = await step((t) => syncOnce(a, t), pushed);
    progress(`sync: initial push ${describe(initialPush)}`);

    const clones: SyncTransfer[] = [];
    let b: Journal | null = null;
    for (let i = 0; i < options.reps; i++) {
      const dir = temp.folder(`sync-clone-${i}`);
      let cloned: Journal | null = null;
      // The journals listing cloneFromServer makes first is one request more than its SyncReport counts.
      clones.push(
        await step(
          async (t) => {
            const made = await cloneFromServer(t, dir, { url, token, journalId: a.journalId, deviceName: `bench clone ${i + 1}` });
            cloned = made.journal;
            return made.report;
          },
          pulled,
          1,
        ),
      );
      progress(`sync: clone ${i + 1}/${options.reps} ${describe(clones.at(-1)!)}`);
      const journal = cloned as Journal | null;
      if (journal === null) throw new Error('cloneFromServer returned no journal');
      if (i === options.reps - 1) {
        b = journal;
        journals.push(b);
      } else {
        journal.close();
        temp.remove(dir);
      }
    }
    const clone: CloneFigures = {
      reps: options.reps,
      ms: repeated(clones.map((c) => c.ms)),
      bytesUp: median(clones.map((c) => c.bytesUp)),
      bytesDown: median(clones.map((c) => c.bytesDown)),
      bodyBytesUp: median(clones.map((c) => c.bodyBytesUp)),
      bodyBytesDown: median(clones.map((c) => c.bodyBytesDown)),
      requests: median(clones.map((c) => c.requests)),
      connections: median(clones.map((c) => c.connections)),
      versions: median(clones.map((c) => c.versions)),
    };

    let incrementVersions = 0;
    for (const op of increment) {
      now = op.time;
      if (applyOperation(a, op, replay.noteIds)) incrementVersions++;
    }
    progress(`sync: increment phase applied to A (${incrementVersions} versions); pushing`);
    const incrementPush = await step((t) => syncOnce(a, t), pushed);
    progress(`sync: increment push ${describe(incrementPush)}`);
    const clonedB = b!;
    const incrementPull = await step((t) => syncOnce(clonedB, t), pulled);
    progress(`sync: increment pull ${describe(incrementPull)}`);
    const noop = await step((t) => syncOnce(clonedB, t), (report) => report.pulled + report.pushed);
    progress(`sync: no-op sync ${describe(noop)}`);
    // The server logs a request after answering it: give the last line time to arrive.
    await sleep(200);

    return {
      setup:
        'ferry serve --data (SQLite) as a child process on loopback, default limits; the client in the bench process, through a byte-counting TCP proxy (headers included, TCP/IP framing not); a new connection per step',
      initialVersions: replay.versions,
      incrementVersions,
      initialPush,
      clone,
      incrementPush,
      incrementPull,
      noop,
      serverLoggedRequests: server.loggedRequests(),
    };
  } finally {
    for (const journal of journals) journal.close();
    await meter?.close();
    await server.stop();
  }
}

function describe(t: SyncTransfer): string {
  return `${formatDuration(t.ms)}, ${t.versions} versions, ${t.requests} requests, ${formatBytes(t.bytesUp)} up / ${formatBytes(t.bytesDown)} down on the wire`;
}

/** A token opening `journalIds`, written into the SQLite store in `dataDir` (the server must not be running yet). */
export async function grantToken(dataDir: string, journalIds: readonly string[], label = 'bench'): Promise<string> {
  const storage = SqliteStorage.open(dataDir);
  try {
    const made = newToken(journalIds, label, Date.now());
    await storage.createToken(made.record);
    return made.secret;
  } finally {
    await storage.close();
  }
}

/** `ferry serve` running as a child process. */
export interface BenchServer {
  url: string;
  pid: number;
  /** Requests it has logged so far (it prints one JSON line per request on stdout). */
  loggedRequests(): number;
  /** The last 64 kB it wrote on stderr (5xx stacks). */
  stderr(): string;
  /** User + system CPU seconds the process has used so far, from /proc (null where there is none). */
  cpuSeconds(): number | null;
  /** SIGTERM (it answers what is in flight), then its exit code. */
  stop(): Promise<number | null>;
}

/** `bin/ferry serve ARGS` as a child process with its home in `home` (electron/testing/serve-process.ts), seen as the bench needs it. */
export async function startFerryServe(args: readonly string[], home: string): Promise<BenchServer> {
  const server = await startServe(args, home);
  const pid = server.child.pid!;
  return {
    url: server.url,
    pid,
    // The first line says where it listens; every later one is a request.
    loggedRequests: () => Math.max(0, server.stdout().split('\n').filter((line) => line !== '').length - 1),
    stderr: () => server.stderr().slice(-65536),
    cpuSeconds: () => processCpuSeconds(pid),
    stop: () => server.stop('SIGTERM'),
  };
}

/** utime + stime of a Linux process, in seconds (clock ticks of 1/100 s, as on every Linux the bench runs on). */
function processCpuSeconds(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return null;
  }
}
