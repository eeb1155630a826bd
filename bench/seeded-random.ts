// A deterministic random source for the replayed journals (SHA-256 in counter mode), so the
// journal, replica and note ids — and so the bytes on disk — are the same from run to run.

import { createHash } from 'node:crypto';

export function seededRandom(seed: string): (size: number) => Uint8Array {
  let counter = 0;
  return (size) => {
    const out = Buffer.alloc(size);
    for (let at = 0; at < size; at += 32) createHash('sha256').update(`${seed}:${counter++}`).digest().copy(out, at);
    return out;
  };
}
