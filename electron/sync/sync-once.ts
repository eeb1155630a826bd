// One sync with the server (docs/sync-protocol.md, C1–C5): send the vector, store each page of what
// is missing in one transaction with the checkpoint it reaches (so a sync cut off after any page
// resumes from there and nothing is stored half), then push what the server lacks in parts, each
// idempotent. With nothing to do it costs one request.

import { FerryError, toErrorData } from '../../shared/errors.js';
import type { VersionVector } from '../../shared/model.js';
import type { Envelope } from '../../shared/stream.js';
import { syncFormatVersion, type ReplicaNews, type ReplicaReport } from '../../shared/sync-protocol.js';
import type { Journal, LearnedFromPeer } from '../journal/journal.js';
import { missingFrom } from '../journal/peers.js';
import type { RunNote } from '../journal/runs.js';
import { rebuildVersions } from '../stream/rebuild.js';
import { journalToJoin } from './server-journal.js';
import type { PageAnswer, SyncTransport, WireCost } from './transport.js';

export interface SyncProgress {
  phase: 'pull' | 'push';
  /** Versions moved so far in this phase. */
  done: number;
  /** Versions this phase will move, where known: for a pull, what the server's vector (as of the last page) holds beyond this replica's when the sync began. */
  total: number | null;
}

export interface SyncOnceOptions {
  /** Envelope bytes per page asked for, and per push request. */
  pageBytes?: number;
  pushBytes?: number;
  progress?: (progress: SyncProgress) => void;
  /** Checked between requests: a sync stopped this way keeps every page it stored. */
  signal?: AbortSignal;
  clock?: () => number;
  /** What the pulled versions' run is called: a clone's first sync is a `clone` run, like a clone from a bundle. */
  runKind?: 'sync' | 'clone';
  /**
   * The journal this replica, which holds nothing yet, joins with its first page (a clone into the
   * journal the app's first start made). Without it, a device that holds nothing yet and whose
   * token does not open its journal joins the one journal the token opens (server-journal.ts).
   */
  joining?: string;
}

export interface SyncReport {
  server: string;
  /** Versions stored here. */
  pulled: number;
  /** Versions the server stored from here. */
  pushed: number;
  /** The runs the pulled versions were recorded as: one, unless something else was stored between two pages (then a new run starts there). */
  runs: number[];
  /** Notes the pulled versions changed, as the runs list them (each note once per run). */
  notes: RunNote[];
  /** What the server holds now. */
  serverVector: VersionVector;
  /** The journal this replica joined in this sync (it held nothing yet: joining.ts); null when it synced its own. */
  joined: string | null;
  wire: WireCost;
  ms: number;
}

const defaultPushBytes = 4 * 1024 * 1024;
/** A server that keeps saying "more" without sending anything new is broken, not slow. */
const maxIdlePages = 3;

export async function syncOnce(journal: Journal, transport: SyncTransport, options: SyncOnceOptions = {}): Promise<SyncReport> {
  const clock = options.clock ?? Date.now;
  const started = clock();
  const report: SyncReport = { server: transport.describe, pulled: 0, pushed: 0, runs: [], notes: [], serverVector: {}, joined: null, wire: { requests: 0, bytesUp: 0, bytesDown: 0 }, ms: 0 };
  const own = journal.journalId;
  try {
    try {
      await pull(journal, transport, report, options, options.joining ?? own);
    } catch (error) {
      // A device set up and never written on, with a token for the journal of another device.
      const joining = report.pulled === 0 && options.joining === undefined ? await journalToJoin(journal, transport, error) : null;
      if (joining === null) throw error;
      await pull(journal, transport, report, { ...options, runKind: 'clone' }, joining);
    }
    if (journal.journalId !== own) report.joined = journal.journalId;
    await push(journal, transport, report, options);
    journal.recordSyncOutcome(null);
  } catch (error) {
    try {
      journal.recordSyncOutcome(toErrorData(error));
    } catch {
      // The journal cannot be written (a copied replica, a full disk): the sync's own error says more.
    }
    throw error;
  }
  report.ms = clock() - started;
  return report;
}

/** C1–C3: pages of journal `journalId` until the server has nothing more this replica lacks; the first joins that journal, when it is not this replica's yet. */
async function pull(journal: Journal, transport: SyncTransport, report: SyncReport, options: SyncOnceOptions, journalId: string): Promise<void> {
  const sizes = pageSizes(options.pageBytes);
  let idle = 0;
  const start = journal.vector();
  let vector = start;
  // Each run's notes by id: a page that extends a run reports only the notes it changed.
  const notesByRun = new Map<number, Map<string, RunNote>>();
  // Replica news comes from the start for a journal joined now: what was seen of the old one says nothing of it.
  const newsAfter = journalId === journal.journalId ? (journal.remote()?.replicasRev ?? 0) : 0;
  let next: Promise<PageAnswer> | null = ask(journal, journalId, transport, vector, newsAfter, sizes.next().value);
  try {
    while (next !== null) {
      const page = await next;
      next = null;
      add(report.wire, page.wire);
      if (page.header.format !== syncFormatVersion) {
        throw new FerryError('SyncFormat', `${transport.describe} speaks sync format ${page.header.format}; this Ferry speaks ${syncFormatVersion}. Update the older one.`);
      }
      // C10: the next page is asked for before this one is stored, with the vector this replica
      // will have once it is, so the server prepares it while this one is checked and stored.
      if (page.header.more) {
        vector = vectorAfter(vector, page.envelopes);
        checkStopped(options.signal);
        next = ask(journal, journalId, transport, vector, page.header.replicasRev, sizes.next().value);
        // Let the request leave before the synchronous work below holds the event loop.
        await new Promise((resolve) => setImmediate(resolve));
      }
      const versions = rebuildVersions(journalId, page.envelopes, (id) => journal.heldVersion(id));
      const imported = journal.importVersions(
        versions,
        { kind: options.runKind ?? 'sync', source: transport.describe, peer: null },
        page.header.replicas.filter((r) => r.replicaId !== journal.replicaId).map(learnedFrom),
        // rebuildVersions checked every id.
        {
          idsChecked: true,
          checkpoint: { serverVector: page.header.vector, replicasRev: page.header.replicasRev },
          // One sync is one run: each page joins the run the previous one started.
          ...(report.runs.length === 0 ? {} : { continueRun: report.runs.at(-1)! }),
          ...(journalId === journal.journalId ? {} : { joining: journalId }),
        },
      );
      report.pulled += imported.stored;
      if (imported.run !== null) {
        if (report.runs.at(-1) !== imported.run) report.runs.push(imported.run);
        const notes = notesByRun.get(imported.run) ?? new Map<string, RunNote>();
        for (const note of imported.notes) notes.set(note.noteId, note);
        notesByRun.set(imported.run, notes);
      }
      report.serverVector = page.header.vector;
      options.progress?.({ phase: 'pull', done: report.pulled, total: missingFrom(start, page.header.vector) });
      if (!page.header.more) return;
      idle = imported.stored === 0 ? idle + 1 : 0;
      if (idle >= maxIdlePages) throw new FerryError('ServerError', `${transport.describe} keeps announcing more versions without sending any this replica lacks.`);
    }
  } finally {
    // A page asked for ahead and not stored (a later step failed) is dropped: its failure, if any, says nothing new.
    next?.catch(() => undefined);
    report.notes = [...notesByRun.values()].flatMap((byId) => [...byId.values()]);
  }
}

function ask(journal: Journal, journalId: string, transport: SyncTransport, vector: VersionVector, replicasAfter: number, maxBytes: number | undefined): Promise<PageAnswer> {
  return transport.sync(journalId, {
    format: syncFormatVersion,
    replica: { ...reportOf(journal), vector },
    replicasAfter,
    ...(maxBytes === undefined ? {} : { maxBytes }),
  });
}

/** The vector a replica holding `vector` has once it stores `envelopes` (a page sends each replica's seqs in order, without gaps). */
export function vectorAfter(vector: VersionVector, envelopes: readonly Envelope[]): VersionVector {
  const after: Record<string, number> = { ...vector };
  for (const e of envelopes) after[e.replicaId] = Math.max(after[e.replicaId] ?? 0, e.seq);
  return after;
}

/**
 * C10: page sizes asked for. A fixed size when the caller names one; otherwise a small first page
 * (it arrives soon, so storing starts soon), each next one twice as big up to the server's default:
 * while this replica stores one page the server prepares the next, bigger one.
 */
export function* pageSizes(fixed: number | undefined): Generator<number | undefined, never> {
  if (fixed !== undefined) for (;;) yield fixed;
  let size = firstPageBytes;
  for (;;) {
    yield size;
    size = Math.min(size * 2, largestPageBytes);
  }
}

const firstPageBytes = 256 * 1024;
const largestPageBytes = 4 * 1024 * 1024;

/** C4: what the server lacks, in parts of about pushBytes, parents first. */
async function push(journal: Journal, transport: SyncTransport, report: SyncReport, options: SyncOnceOptions): Promise<void> {
  const { count, envelopes } = journal.envelopesBeyond(report.serverVector);
  if (count === 0) return;
  const limit = options.pushBytes ?? defaultPushBytes;
  let part: Envelope[] = [];
  let bytes = 0;
  const send = async () => {
    checkStopped(options.signal);
    const answer = await transport.push(journal.journalId, { format: syncFormatVersion, replica: reportOf(journal) }, part);
    add(report.wire, answer.wire);
    report.pushed += answer.stored;
    report.serverVector = answer.vector;
    journal.recordSyncCheckpoint({ serverVector: answer.vector, replicasRev: journal.remote()?.replicasRev ?? 0 });
    options.progress?.({ phase: 'push', done: report.pushed, total: count });
    part = [];
    bytes = 0;
  };
  for (const envelope of envelopes) {
    if (part.length > 0 && bytes + envelope.payload.length > limit) await send();
    part.push(envelope);
    bytes += envelope.payload.length;
  }
  if (part.length > 0) await send();
}

function reportOf(journal: Journal): ReplicaReport {
  return { replicaId: journal.replicaId, deviceName: journal.deviceName.slice(0, 200), vector: journal.vector() };
}

function learnedFrom(news: ReplicaNews): LearnedFromPeer {
  const heard = Date.parse(news.seen);
  return { replicaId: news.replicaId, vector: news.vector, devices: { [news.replicaId]: news.deviceName }, ...(Number.isNaN(heard) ? {} : { heard }) };
}

function add(total: WireCost, cost: WireCost): void {
  total.requests += cost.requests;
  total.bytesUp += cost.bytesUp;
  total.bytesDown += cost.bytesDown;
}

function checkStopped(signal: AbortSignal | undefined): void {
  if (signal?.aborted === true) throw new FerryError('Offline', 'The sync was stopped before it finished; everything it had stored is kept, and the next sync goes on from there.');
}
