// Tokens (docs/sync-protocol.md, S6 and P1): a random secret the client sends as a bearer token,
// of which the server keeps only a SHA-256 hash. The secrets have 256 bits of entropy, so a fast
// hash is enough: nothing short of the secret itself finds a matching row.

import { createHash, randomBytes } from 'node:crypto';
import type { TokenRecord } from './storage.js';

const secretPrefix = 'ferry_';

export interface NewToken {
  /** Shown once; the server cannot show it again. */
  secret: string;
  record: TokenRecord;
}

export function newToken(journals: readonly string[], label: string, now: number, random: (size: number) => Buffer = randomBytes): NewToken {
  const secret = secretPrefix + random(32).toString('base64url');
  return {
    secret,
    record: { tokenId: random(6).toString('hex'), hash: hashToken(secret), label, journals: [...new Set(journals)].sort(), created: now, revoked: null },
  };
}

export function hashToken(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex');
}

/** The secret of an `Authorization: Bearer …` header, or null when there is none or it is not one. */
export function bearerSecret(header: string | undefined): string | null {
  if (header === undefined) return null;
  const match = /^Bearer ([A-Za-z0-9_-]{1,200})$/.exec(header.trim());
  return match === null ? null : match[1]!;
}
