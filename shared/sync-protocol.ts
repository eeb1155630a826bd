// The sync protocol's messages (docs/sync-protocol.md): what a client and the sync server say to
// each other, as zod schemas both sides check what they receive against. Envelopes travel in the
// version stream (stream.ts); these are the JSON parts around them.

import { z } from 'zod';

/** The protocol these messages describe; each request names it, and a server refuses others (P2). */
export const syncFormatVersion = 1;

/** Limits every side enforces on what it reads (P9). */
export const syncLimits = {
  /** Replicas a vector may name: far more than any journal has devices. */
  maxVectorEntries: 10_000,
  maxDeviceName: 200,
  maxSeq: Number.MAX_SAFE_INTEGER,
  /** The largest page a client may ask for, in envelope bytes. */
  maxPageBytes: 64 * 1024 * 1024,
} as const;

export const journalIdSchema = z.string().regex(/^[0-9a-f]{32}$/, 'a journal id is 32 lowercase hex digits');
export const replicaIdSchema = z.string().regex(/^[0-9a-f]{32}$/, 'a replica id is 32 lowercase hex digits');
const seqSchema = z.number().int().min(0).max(syncLimits.maxSeq);

export const vectorSchema = z
  .record(replicaIdSchema, seqSchema)
  .refine((vector) => Object.keys(vector).length <= syncLimits.maxVectorEntries, `a vector names at most ${syncLimits.maxVectorEntries} replicas`);

const deviceNameSchema = z.string().max(syncLimits.maxDeviceName);

/** Who is asking: a replica and what it holds (it becomes what the server tells other replicas of it). */
export const replicaReportSchema = z.object({
  replicaId: replicaIdSchema,
  deviceName: deviceNameSchema,
  vector: vectorSchema,
});
export type ReplicaReport = z.infer<typeof replicaReportSchema>;

/** P3: POST /v1/journals/:journalId/sync, JSON. */
export const syncRequestSchema = z.object({
  format: z.number().int(),
  replica: replicaReportSchema,
  /** Replica news the client has already seen: the `replicasRev` of its last answer (P6). */
  replicasAfter: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER).default(0),
  /** At most this many envelope bytes in the page (the server may send less, and always sends one). */
  maxBytes: z.number().int().min(1).max(syncLimits.maxPageBytes).optional(),
});
export type SyncRequest = z.input<typeof syncRequestSchema>;

/** What the server last heard from a replica of the journal (P6). */
export const replicaNewsSchema = z.object({
  replicaId: replicaIdSchema,
  deviceName: deviceNameSchema,
  /** What the replica said it held when it last synced. */
  vector: vectorSchema,
  /** When it last synced, ISO-8601 (the server's clock). */
  seen: z.string(),
});
export type ReplicaNews = z.infer<typeof replicaNewsSchema>;

/** P4: the JSON header of a page; the envelopes follow it in the same body. */
export const pageHeaderSchema = z.object({
  format: z.number().int(),
  /** Everything the server holds of the journal when the page was read. */
  vector: vectorSchema,
  /** Envelopes in this page. */
  count: z.number().int().min(0),
  /** True when the server holds more that the client lacks: ask again with the new vector. */
  more: z.boolean(),
  replicas: z.array(replicaNewsSchema),
  replicasRev: z.number().int().min(0),
});
export type PageHeader = z.infer<typeof pageHeaderSchema>;

/** P5: the JSON header of a push; the envelopes follow it in the same body. */
export const pushHeaderSchema = z.object({
  format: z.number().int(),
  replica: replicaReportSchema,
});
export type PushHeader = z.infer<typeof pushHeaderSchema>;

/** P5: the answer to a push. */
export const pushAnswerSchema = z.object({
  stored: z.number().int().min(0),
  alreadyHeld: z.number().int().min(0),
  vector: vectorSchema,
});
export type PushAnswer = z.infer<typeof pushAnswerSchema>;

/** P7: GET /v1/journals — what the token opens. */
export const journalsAnswerSchema = z.object({
  journals: z.array(z.object({ journalId: journalIdSchema, versions: z.number().int().min(0) })),
});
export type JournalsAnswer = z.infer<typeof journalsAnswerSchema>;

/** P8: a notice on the events channel. */
export const movedNoticeSchema = z.object({ journalId: journalIdSchema, vector: vectorSchema });
export type MovedNotice = z.infer<typeof movedNoticeSchema>;

/** P10: every error the server sends. */
export const errorAnswerSchema = z.object({ error: z.object({ code: z.string(), message: z.string() }) });

export const mediaTypes = {
  page: 'application/vnd.ferry.page',
  push: 'application/vnd.ferry.push',
} as const;
