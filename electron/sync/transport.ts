// The client's side of the wire (docs/sync-protocol.md, P1–P8): the calls the sync engine makes,
// behind one interface with an in-memory implementation (memory-transport.ts, over a SyncService),
// the HTTP one (http-transport.ts), and the offline simulator (flaky-transport.ts) that wraps
// either. All pass transport.suite.ts. Failures are FerryErrors the engine can tell apart:
// Offline (try again later), AuthRejected (stop until the token changes), ServerError,
// RateLimited, TooLarge, SyncFormat, and the server's refusals of a push (InvalidVersion,
// ReplicaForked).

import type { Envelope } from '../../shared/stream.js';
import type { JournalsAnswer, MovedNotice, PageHeader, PushAnswer, PushHeader, SyncRequest } from '../../shared/sync-protocol.js';

/** What one call cost on the wire. */
export interface WireCost {
  requests: number;
  /** Bytes of bodies as sent and received (compressed where they were). */
  bytesUp: number;
  bytesDown: number;
}

export interface PageAnswer {
  header: PageHeader;
  envelopes: Envelope[];
  wire: WireCost;
}

export interface EventsHandlers {
  onMoved(notice: MovedNotice): void;
  /** The channel ended (the server went away, or refused); the engine reconnects when it next syncs. */
  onClosed(error: Error | null): void;
}

export interface SyncTransport {
  /** Where the server is, for run sources and messages. */
  readonly describe: string;

  /** P3/P4: one page of what the replica lacks, with the journal's vector and replica news. */
  sync(journalId: string, request: SyncRequest): Promise<PageAnswer>;

  /** P5: stores envelopes the server lacks (idempotent). */
  push(journalId: string, header: PushHeader, envelopes: readonly Envelope[]): Promise<PushAnswer & { wire: WireCost }>;

  /** P7: the journals the token opens. */
  journals(): Promise<JournalsAnswer>;

  /** P8: notices that the journal moved, until the returned function is called. */
  listen(journalId: string, handlers: EventsHandlers): () => void;

  /** Ends connections it keeps open. */
  close(): void;
}
