// How a version's body is stored (docs/journal-format.md, S1–S3): in full, or as a delta against
// its first parent, compressed when that helps; like a revlog, a chain of deltas is cut by a full
// snapshot so that reading any version costs at most `maxChain` delta applications. Pure: the
// caller reads and writes rows.
//
// A stored body is one format byte, then the payload:
//   0  full text, UTF-8            1  full text, deflate-raw
//   2  delta (delta.ts), raw       3  delta, deflate-raw
// A delta's base is the row named in `versions.base`; `versions.chain` is the number of deltas
// between this body and the snapshot its chain starts from (0 for a snapshot).

import { deflateRawSync, inflateRawSync } from 'node:zlib';
import { FerryError } from '../../shared/errors.js';
import { applyDelta, createDelta } from './delta.js';

export const maxChain = 24;

const enum Format {
  Full = 0,
  FullDeflated = 1,
  Delta = 2,
  DeltaDeflated = 3,
}

export interface StoredBody {
  /** The text as UTF-8, as encoded once here (the caller caches it for the next delta). */
  bytes: Buffer;
  /** The local row (vno) this body is a delta against, or null for a snapshot. */
  base: number | null;
  chain: number;
  blob: Buffer;
}

export interface BodyBase {
  vno: number;
  chain: number;
  bytes: Uint8Array;
}

/**
 * Chooses the smallest of: a delta against `base` (when the chain may grow), or a snapshot.
 * `knownDelta`, when given, is a delta of this text against `base` already at hand (one that
 * arrived in a stream), used instead of computing another; `knownBytes`, the text as UTF-8 when
 * the caller has it already.
 */
export function encodeBody(text: string, base: BodyBase | null, knownDelta?: Uint8Array, knownBytes?: Uint8Array): StoredBody {
  const bytes = knownBytes === undefined ? Buffer.from(text, 'utf8') : Buffer.from(knownBytes.buffer, knownBytes.byteOffset, knownBytes.byteLength);
  const snapshot = (): StoredBody => ({ bytes, base: null, chain: 0, blob: pack(Format.Full, Format.FullDeflated, bytes) });
  if (base === null || base.chain + 1 > maxChain) return snapshot();
  const raw = knownDelta ?? createDelta(base.bytes, bytes);
  const delta = pack(Format.Delta, Format.DeltaDeflated, raw);
  // A delta that is not small next to the text may not be worth a longer chain: a snapshot within
  // 10% of its size is stored instead, which also shortens the chains of the versions after it.
  // A delta under a quarter of the text always wins, without compressing the whole text to see:
  // Markdown compresses to a third of its size at best, so its snapshot cannot come within 10%.
  // (On the standard workload a fifth of the edits have deltas of an eighth to a quarter of the
  // text; not one of them was smaller as a snapshot.)
  if (delta.length > 64 && raw.length * 4 > bytes.length) {
    const full = snapshot();
    if (full.blob.length <= delta.length * 1.1) return full;
  }
  return { bytes, base: base.vno, chain: base.chain + 1, blob: delta };
}

/** Whether a stored body is a delta (and so needs its base's bytes to be read). */
export function isDelta(blob: Uint8Array): boolean {
  const format = blob[0];
  return format === Format.Delta || format === Format.DeltaDeflated;
}

/** The delta a stored body holds (against its base), or null for a snapshot. */
export function storedDelta(blob: Uint8Array): Uint8Array | null {
  const format = blob[0];
  if (format === Format.Delta) return blob.subarray(1);
  if (format === Format.DeltaDeflated) return inflate(blob.subarray(1));
  return null;
}

/**
 * Decodes one stored body. `baseBytes` is the decoded base for a delta, null for a snapshot.
 * Throws FerryError('Corrupt') on anything malformed.
 */
export function decodeBody(blob: Uint8Array, baseBytes: Uint8Array | null): Uint8Array {
  const format = blob[0];
  const payload = blob.subarray(1);
  switch (format) {
    case Format.Full:
      return payload;
    case Format.FullDeflated:
      return inflate(payload);
    case Format.Delta:
    case Format.DeltaDeflated: {
      if (baseBytes === null) throw new FerryError('Corrupt', 'A stored body is a delta but its base version is missing.');
      return applyDelta(baseBytes, format === Format.Delta ? payload : inflate(payload));
    }
    default:
      throw new FerryError('Corrupt', `A stored body has an unknown format (${String(format)}): it was written by a newer Ferry or is damaged.`);
  }
}

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

export function bytesToText(bytes: Uint8Array): string {
  try {
    return utf8.decode(bytes);
  } catch {
    throw new FerryError('Corrupt', 'A stored body is not valid UTF-8 text.');
  }
}

/**
 * Deflate pays off only past a few dozen bytes of text; keep whichever is smaller. Deltas are
 * deflated only from 256 bytes: measured on the standard workload, deflating the smaller ones
 * (over half of all deltas) saved 19 bytes each, under 1% of the journal, for a zlib call each.
 */
const deflateFrom = { text: 64, delta: 256 };

function pack(rawFormat: Format, deflatedFormat: Format, bytes: Uint8Array): Buffer {
  if (bytes.length >= (rawFormat === Format.Delta ? deflateFrom.delta : deflateFrom.text)) {
    const deflated = deflateRawSync(bytes, { level: 6 });
    if (deflated.length < bytes.length) return Buffer.concat([Buffer.of(deflatedFormat), deflated]);
  }
  return Buffer.concat([Buffer.of(rawFormat), bytes]);
}

function inflate(payload: Uint8Array): Buffer {
  try {
    return inflateRawSync(payload);
  } catch (error) {
    throw new FerryError('Corrupt', 'A stored body does not decompress: the journal file is damaged.', { cause: error });
  }
}
