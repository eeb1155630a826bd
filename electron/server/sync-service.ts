// What the sync server does, apart from HTTP (docs/sync-protocol.md, P1–P8): who a token is, which
// journals it opens, and the sync, push and journals calls over a ServerStorage. The HTTP layer
// (http-server.ts) and the in-memory transport (../sync/memory-transport.ts) both call it, so the
// engine's tests and the real server share every rule.

import { FerryError } from '../../shared/errors.js';
import type { Envelope } from '../../shared/stream.js';
import {
  syncFormatVersion,
  type JournalsAnswer,
  type PageHeader,
  type PushAnswer,
  type PushHeader,
  type ReplicaReport,
  type SyncRequest,
} from '../../shared/sync-protocol.js';
import type { ServerStorage, TokenRecord } from './storage.js';
import { bearerSecret, hashToken } from './tokens.js';

export interface ServiceLimits {
  /** Envelope bytes in a page unless the client asks for fewer. */
  pageBytes: number;
  pageCount: number;
}

export const defaultServiceLimits: ServiceLimits = { pageBytes: 4 * 1024 * 1024, pageCount: 20_000 };

export interface Caller {
  tokenId: string;
  journals: ReadonlySet<string>;
}

export class SyncService {
  constructor(
    readonly storage: ServerStorage,
    private readonly clock: () => number = Date.now,
    private readonly limits: ServiceLimits = defaultServiceLimits,
  ) {}

  /** P1: the caller an `Authorization` header names; AuthRejected when it names none. */
  async authenticate(authorization: string | undefined): Promise<Caller> {
    const secret = bearerSecret(authorization);
    if (secret === null) throw new FerryError('AuthRejected', 'This server needs a token: send `Authorization: Bearer <token>` (`ferry remote set URL --token T`).');
    const token = await this.storage.tokenByHash(hashToken(secret));
    if (token === undefined || token.revoked !== null) {
      throw new FerryError('AuthRejected', 'The server does not accept this token: it is wrong or was revoked. Ask the server\'s keeper for a new one (`ferry serve token create`).');
    }
    return callerOf(token);
  }

  /** P1: a journal the token was not granted is refused without saying whether it exists. */
  authorize(caller: Caller, journalId: string): void {
    if (!caller.journals.has(journalId)) throw new FerryError('Forbidden', `This token does not open journal ${journalId}.`);
  }

  /** P3/P4: what the caller's replica lacks (one page), the journal's vector, and news of other replicas. */
  async sync(caller: Caller, journalId: string, request: SyncRequest): Promise<{ header: PageHeader; envelopes: Envelope[] }> {
    this.authorize(caller, journalId);
    checkFormat(request.format);
    const maxBytes = Math.min(request.maxBytes ?? this.limits.pageBytes, this.limits.pageBytes);
    const page = await this.storage.pull(journalId, request.replica.vector, { maxBytes, maxCount: this.limits.pageCount });
    // P6: what the replica holds once it stores this page, so others see where a replica that
    // only pulls stands. If it fails to store the page, its next sync corrects the record.
    const holds = { ...request.replica.vector };
    for (const e of page.envelopes) holds[e.replicaId] = Math.max(holds[e.replicaId] ?? 0, e.seq);
    await this.record(journalId, { ...request.replica, vector: holds });
    const news = await this.storage.replicasAfter(journalId, request.replicasAfter ?? 0);
    return {
      header: {
        format: syncFormatVersion,
        vector: page.vector,
        count: page.envelopes.length,
        more: page.more,
        replicas: news.replicas
          .filter((r) => r.replicaId !== request.replica.replicaId)
          .map((r) => ({ replicaId: r.replicaId, deviceName: r.deviceName, vector: r.vector, seen: new Date(r.seen).toISOString() })),
        replicasRev: news.rev,
      },
      envelopes: page.envelopes,
    };
  }

  /** P5: stores what the server lacks, all or nothing, idempotently. */
  async push(caller: Caller, journalId: string, header: PushHeader, envelopes: readonly Envelope[]): Promise<PushAnswer> {
    this.authorize(caller, journalId);
    checkFormat(header.format);
    const outcome = await this.storage.push(journalId, envelopes);
    await this.record(journalId, header.replica);
    return outcome;
  }

  /** P7: the journals the token opens, with how many versions the server holds of each. */
  async journals(caller: Caller): Promise<JournalsAnswer> {
    const held = new Map((await this.storage.journals()).map((j) => [j.journalId, j.versions]));
    return { journals: [...caller.journals].sort().map((journalId) => ({ journalId, versions: held.get(journalId) ?? 0 })) };
  }

  private async record(journalId: string, replica: ReplicaReport): Promise<void> {
    await this.storage.recordReplica(journalId, { ...replica, seen: this.clock() });
  }
}

function callerOf(token: TokenRecord): Caller {
  return { tokenId: token.tokenId, journals: new Set(token.journals) };
}

function checkFormat(format: number): void {
  if (format !== syncFormatVersion) {
    throw new FerryError(
      'SyncFormat',
      format > syncFormatVersion
        ? `This server speaks sync format ${syncFormatVersion}; the client speaks ${format}. Update the server.`
        : `This server speaks sync format ${syncFormatVersion}; the client speaks ${format}. Update Ferry on this device.`,
    );
  }
}
