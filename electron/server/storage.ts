// The sync server's storage seam (docs/sync-protocol.md, S1–S6): envelopes of many journals, what
// each replica last told, and the tokens. Two implementations, SQLite (storage-sqlite.ts, the
// embedded default) and PostgreSQL (storage-postgres.ts, for several server processes on one
// database), pass one suite (storage.suite.ts). Neither ever reads a payload.

import type { VersionVector } from '../../shared/model.js';
import type { Envelope } from '../../shared/stream.js';

export interface PullLimits {
  /** Stop once the page holds this many payload bytes (a page always holds at least one envelope). */
  maxBytes: number;
  maxCount: number;
}

export interface Page {
  /** S2: what a holder of `have` lacks, in the order the server stored them (parents first). */
  envelopes: Envelope[];
  /** Everything the journal holds, read in the same snapshot as the envelopes. */
  vector: VersionVector;
  /** More envelopes beyond this page remain for a holder of `have`. */
  more: boolean;
}

export interface PushOutcome {
  stored: number;
  alreadyHeld: number;
  /** The journal's vector after the push. */
  vector: VersionVector;
}

/** What a replica last told the server of itself (S5). */
export interface ReplicaRecord {
  replicaId: string;
  deviceName: string;
  vector: VersionVector;
  /** Server clock, ms. */
  seen: number;
}

export interface TokenRecord {
  /** Public, short: what `token list` shows and `token revoke` takes. */
  tokenId: string;
  /** SHA-256 of the secret, hex; the secret itself is never stored (S6). */
  hash: string;
  label: string;
  journals: string[];
  created: number;
  revoked: number | null;
}

export interface JournalSummary {
  journalId: string;
  versions: number;
  bytes: number;
  replicas: number;
}

export interface ServerStorage {
  readonly kind: 'sqlite' | 'postgres';

  /** S1: what the journal holds, by replica; `{}` for a journal never pushed to. */
  vector(journalId: string): Promise<VersionVector>;

  /** S2: envelopes a holder of `have` lacks, parents first, up to the limits, with the journal's vector. */
  pull(journalId: string, have: VersionVector, limits: PullLimits): Promise<Page>;

  /**
   * S3: checks the envelopes against what is stored (planPush: seqs without gaps, parents present,
   * one id per seq) and stores the new ones in one transaction, creating the journal on its first
   * push; all or nothing. Envelopes already held count as such (pushes are idempotent). Throws a
   * FerryError (InvalidVersion or ReplicaForked) and stores nothing when a check fails.
   */
  push(journalId: string, envelopes: readonly Envelope[]): Promise<PushOutcome>;

  /** S5: remembers what a replica said of itself and when; each record gets a new revision. */
  recordReplica(journalId: string, record: ReplicaRecord): Promise<void>;

  /** S5: replica records changed after revision `after`, and the latest revision (0 when none). */
  replicasAfter(journalId: string, after: number): Promise<{ replicas: ReplicaRecord[]; rev: number }>;

  /** S4: called after any push that stored something commits, here or in another process sharing the storage. */
  onMoved(listener: (journalId: string) => void): () => void;

  journals(): Promise<JournalSummary[]>;

  /** S6: tokens. `createToken` fails if the id or hash is taken. */
  createToken(token: TokenRecord): Promise<void>;
  tokenByHash(hash: string): Promise<TokenRecord | undefined>;
  listTokens(): Promise<TokenRecord[]>;
  /** Marks a token revoked; false when no such token exists (or it was already revoked). */
  revokeToken(tokenId: string, at: number): Promise<boolean>;

  close(): Promise<void>;
}
