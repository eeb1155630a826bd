// A binary delta codec: stores a body as the edits that turn a base (its first parent) into it,
// like a git packfile delta or a Mercurial revlog delta. Pure and deterministic.
//
// ── Delta format, version 1 (docs/journal-format.md, D1–D4) ───────────────────────────────────
//
//   delta         = format target-length *op
//   format        = %x01                              one byte; any other value is refused
//   target-length = varint                            byte length of the rebuilt target
//   op            = copy / insert
//   copy          = varint(2 × len + 1) varint(offset) len bytes of the base, from base[offset]
//   insert        = varint(2 × len)     len × byte     len literal bytes, which follow the header
//
//   varint        = unsigned LEB128: 7 bits a byte, least significant group first, the high bit
//                   set on every byte but the last. Minimal (a varint of more than one byte never
//                   ends in %x00), at most 8 bytes, value at most 2^53 − 1.
//
// The low bit of an op's header tells copy (1) from insert (0); the rest is the op's length. Ops
// run to the end of the delta: there is no op count and no terminator. A delta is valid only if
// every op has len ≥ 1, every copy lies inside the base (offset + len ≤ base length), every insert
// lies inside the delta, and the ops' lengths add up to exactly target-length. A decoder refuses
// anything else (an empty or truncated delta, an unknown format, a copy out of range, a length
// mismatch, trailing bytes) as Corrupt, and never returns a target of another length.
//
// Not in the format: the base's identity and a checksum. Whoever stores or sends a delta names its
// base, and checks the rebuilt body against its content hash (a valid delta against the wrong base
// rebuilds the wrong body).
//
// Examples: the empty target is `01 00`; "abc" from any base is `01 03 06 61 62 63`; the first
// 200 bytes of a base are `01 c8 01 91 03 00` (target length 200, copy header 401, offset 0).
//
// ── How createDelta chooses ops (not part of the format) ────────────────────────────────────────
//
// Any encoder producing valid deltas is conforming; decoders must not depend on these choices, and
// content ids are computed over bodies, never over deltas. This one, after git's diff-delta:
//   1. copies the common prefix and the common suffix of base and target (the usual edit touches a
//      few lines in the middle; copies shorter than MIN_EDGE_COPY are sent as literal bytes);
//   2. indexes every WINDOW-byte window of the base by a rolling hash, keeping at most BUCKET_CAP
//      positions per hash bucket, so that repetitive text (1 MB of one character) cannot make a
//      bucket long;
//   3. scans the rest of the target with the same rolling hash; on a hit it verifies and extends
//      the match forwards, and backwards into the literal bytes not yet sent, keeps the longest of
//      the bucket's candidates (the one nearest the end of the previous copy on a tie, and stops
//      looking once one is GOOD_ENOUGH), emits it as a copy and jumps past it; bytes that match
//      nothing become inserts. Adjacent inserts, and copies that continue each other, are merged.
// Time is linear in base + target (at most BUCKET_CAP candidates per target position, and a
// candidate's extension is paid for by the bytes it lets the scan skip); the index takes about
// 4 bytes of memory per base byte.

import { FerryError } from '../../shared/errors.js';
import { ByteWriter } from './byte-writer.js';

const FORMAT = 1;

/** Bytes hashed per window; a match found by the index is at least this long. */
const WINDOW = 16;
/** A common prefix or suffix shorter than this is cheaper sent as literal bytes. */
const MIN_EDGE_COPY = 8;
/** Base positions kept per hash bucket (the first ones seen). */
const BUCKET_CAP = 32;
/** A match this long ends the search among a bucket's candidates. */
const GOOD_ENOUGH = 4096;
const MIN_TABLE_BITS = 8;
const MAX_TABLE_BITS = 20;

const MAX_VARINT_BYTES = 8;

const HASH_MULTIPLIER = 0x01000193;
const BUCKET_MIXER = 0x9e3779b1;
/** HASH_MULTIPLIER^WINDOW mod 2^32, to take the byte leaving the window out of the hash. */
const HASH_OUTGOING = (() => {
  let power = 1;
  for (let k = 0; k < WINDOW; k++) power = Math.imul(power, HASH_MULTIPLIER);
  return power;
})();

/** Encodes `target` as a delta against `base`. Deterministic: same inputs, same bytes. */
export function createDelta(base: Uint8Array, target: Uint8Array): Uint8Array {
  const out = new ByteWriter(64);
  out.byte(FORMAT);
  out.varint(target.length);
  const ops = new OpWriter(out, target);

  const shorter = Math.min(base.length, target.length);
  let prefix = 0;
  while (prefix < shorter && base[prefix] === target[prefix]) prefix++;
  let suffix = 0;
  const suffixRoom = shorter - prefix;
  while (suffix < suffixRoom && base[base.length - 1 - suffix] === target[target.length - 1 - suffix]) suffix++;

  ops.copy(0, 0, prefix);
  matchMiddle(base, target, prefix, target.length - suffix, ops);
  ops.copy(target.length - suffix, base.length - suffix, suffix);
  ops.flush();
  return out.finish();
}

/** Rebuilds the target. Throws FerryError('Corrupt', …) on any malformed delta (truncated, bad opcode, copy out of range, length mismatch, trailing bytes). Never returns wrong-length output silently. */
export function applyDelta(base: Uint8Array, delta: Uint8Array): Uint8Array {
  if (delta.length === 0) throw corrupt('it is empty');
  if (delta[0] !== FORMAT) throw corrupt(`unknown format ${delta[0]!} (this version of Ferry reads format ${FORMAT})`);
  const cursor = { pos: 1 };
  const targetLength = readVarint(delta, cursor, 'the target length');
  // Two passes over the ops: the first checks everything, so that nothing is allocated for a
  // target length that the ops do not actually build; the second copies.
  walkOps(base, delta, cursor.pos, targetLength, null);
  let target: Uint8Array;
  try {
    target = new Uint8Array(targetLength);
  } catch (error) {
    throw new FerryError('Corrupt', `Corrupt delta: it builds a target of ${targetLength} bytes, too large to hold.`, { cause: error });
  }
  walkOps(base, delta, cursor.pos, targetLength, target);
  return target;
}

// ── Decoding ────────────────────────────────────────────────────────────────────────────────────

interface Cursor {
  pos: number;
}

function corrupt(reason: string): FerryError {
  return new FerryError('Corrupt', `Corrupt delta: ${reason}.`);
}

function readVarint(bytes: Uint8Array, cursor: Cursor, what: string): number {
  const start = cursor.pos;
  let value = 0;
  let scale = 1;
  for (let count = 0; count < MAX_VARINT_BYTES; count++) {
    if (cursor.pos >= bytes.length) throw corrupt(`it ends inside ${what} (byte ${start})`);
    const byte = bytes[cursor.pos++]!;
    value += (byte & 0x7f) * scale;
    if (byte < 0x80) {
      if (byte === 0 && count > 0) throw corrupt(`${what} at byte ${start} is not minimally encoded`);
      if (value > Number.MAX_SAFE_INTEGER) throw corrupt(`${what} at byte ${start} is too large`);
      return value;
    }
    scale *= 0x80;
  }
  throw corrupt(`${what} at byte ${start} is longer than ${MAX_VARINT_BYTES} bytes`);
}

/** Checks every op (and, given `target`, writes it). Throws Corrupt on the first thing wrong. */
function walkOps(base: Uint8Array, delta: Uint8Array, start: number, targetLength: number, target: Uint8Array | null): void {
  const cursor: Cursor = { pos: start };
  let built = 0;
  while (cursor.pos < delta.length) {
    const at = cursor.pos;
    const header = readVarint(delta, cursor, 'an op header');
    const isCopy = header % 2 === 1;
    const length = Math.floor(header / 2);
    if (length === 0) throw corrupt(`the ${isCopy ? 'copy' : 'insert'} at byte ${at} has length 0`);
    if (length > targetLength - built) {
      throw corrupt(`the op at byte ${at} goes past the declared target length of ${targetLength} bytes (extra or trailing bytes?)`);
    }
    if (isCopy) {
      const offset = readVarint(delta, cursor, 'a copy offset');
      if (offset > base.length || length > base.length - offset) {
        throw corrupt(`the copy at byte ${at} of ${length} bytes from offset ${offset} goes past the end of the ${base.length}-byte base (wrong base?)`);
      }
      target?.set(base.subarray(offset, offset + length), built);
    } else {
      if (length > delta.length - cursor.pos) {
        throw corrupt(`the insert at byte ${at} of ${length} bytes is cut short: the delta ends after ${delta.length - cursor.pos}`);
      }
      target?.set(delta.subarray(cursor.pos, cursor.pos + length), built);
      cursor.pos += length;
    }
    built += length;
  }
  if (built !== targetLength) throw corrupt(`its ops build ${built} bytes but it declares ${targetLength} (truncated?)`);
}

// ── Encoding ────────────────────────────────────────────────────────────────────────────────────


const enum Pending {
  None,
  Insert,
  Copy,
}

/** Writes ops in target order, merging adjacent inserts and copies that continue each other. */
class OpWriter {
  private readonly out: ByteWriter;
  private readonly target: Uint8Array;
  private pending = Pending.None;
  /** Target position of a pending insert, base offset of a pending copy. */
  private start = 0;
  private length = 0;

  constructor(out: ByteWriter, target: Uint8Array) {
    this.out = out;
    this.target = target;
  }

  /** Sends target[at, at + length) as literal bytes. */
  insert(at: number, length: number): void {
    if (length === 0) return;
    if (this.pending === Pending.Insert) {
      this.length += length;
      return;
    }
    this.flush();
    this.pending = Pending.Insert;
    this.start = at;
    this.length = length;
  }

  /** Sends target[at, at + length), equal to base[offset, offset + length), as a copy. */
  copy(at: number, offset: number, length: number): void {
    if (length === 0) return;
    if (this.pending === Pending.Copy && this.start + this.length === offset) {
      this.length += length;
      return;
    }
    if (length < MIN_EDGE_COPY) {
      this.insert(at, length);
      return;
    }
    this.flush();
    this.pending = Pending.Copy;
    this.start = offset;
    this.length = length;
  }

  flush(): void {
    if (this.pending === Pending.Insert) {
      this.out.varint(this.length * 2);
      this.out.bytes(this.target.subarray(this.start, this.start + this.length));
    } else if (this.pending === Pending.Copy) {
      this.out.varint(this.length * 2 + 1);
      this.out.varint(this.start);
    }
    this.pending = Pending.None;
  }
}

function hashWindow(bytes: Uint8Array, at: number): number {
  let hash = 0;
  for (let k = 0; k < WINDOW; k++) hash = (Math.imul(hash, HASH_MULTIPLIER) + bytes[at + k]!) | 0;
  return hash;
}

/** The hash of the window one byte further on. */
function rollHash(hash: number, outgoing: number, incoming: number): number {
  return (Math.imul(hash, HASH_MULTIPLIER) - Math.imul(outgoing, HASH_OUTGOING) + incoming) | 0;
}

interface BaseIndex {
  /** Per bucket, the last base position added to it, or -1. */
  head: Int32Array;
  /** Per base position, the next (earlier) position in its bucket, or -1. */
  next: Int32Array;
  shift: number;
}

function bucketOf(hash: number, shift: number): number {
  return Math.imul(hash, BUCKET_MIXER) >>> shift;
}

function indexBase(base: Uint8Array): BaseIndex {
  const windows = base.length - WINDOW + 1;
  let bits = MIN_TABLE_BITS;
  while (bits < MAX_TABLE_BITS && 1 << bits < windows) bits++;
  const shift = 32 - bits;
  const head = new Int32Array(1 << bits).fill(-1);
  const count = new Uint8Array(1 << bits);
  const next = new Int32Array(windows);
  let hash = hashWindow(base, 0);
  for (let pos = 0; ; pos++) {
    const bucket = bucketOf(hash, shift);
    if (count[bucket]! < BUCKET_CAP) {
      next[pos] = head[bucket]!;
      head[bucket] = pos;
      count[bucket]!++;
    }
    if (pos + 1 >= windows) break;
    hash = rollHash(hash, base[pos]!, base[pos + WINDOW]!);
  }
  return { head, next, shift };
}

/** Emits ops for target[start, end), which lies between the common prefix and suffix. */
function matchMiddle(base: Uint8Array, target: Uint8Array, start: number, end: number, ops: OpWriter): void {
  if (end - start < WINDOW || base.length < WINDOW) {
    ops.insert(start, end - start);
    return;
  }
  const { head, next, shift } = indexBase(base);
  let literalFrom = start; // the first target byte not yet sent
  let expected = start; // where in the base the next copy would continue the previous one
  let pos = start;
  let hash = hashWindow(target, pos);
  while (pos + WINDOW <= end) {
    let bestLength = 0;
    let bestOffset = 0;
    let bestAt = 0;
    for (let candidate = head[bucketOf(hash, shift)]!; candidate >= 0; candidate = next[candidate]!) {
      const forwardRoom = Math.min(base.length - candidate, end - pos);
      let forward = 0;
      while (forward < forwardRoom && base[candidate + forward] === target[pos + forward]) forward++;
      if (forward < WINDOW) continue; // another window in the same bucket
      const backwardRoom = Math.min(candidate, pos - literalFrom);
      let backward = 0;
      while (backward < backwardRoom && base[candidate - 1 - backward] === target[pos - 1 - backward]) backward++;
      const length = forward + backward;
      const offset = candidate - backward;
      if (length > bestLength || (length === bestLength && Math.abs(offset - expected) < Math.abs(bestOffset - expected))) {
        bestLength = length;
        bestOffset = offset;
        bestAt = pos - backward;
      }
      if (bestLength >= GOOD_ENOUGH) break;
    }
    if (bestLength > 0) {
      ops.insert(literalFrom, bestAt - literalFrom);
      ops.copy(bestAt, bestOffset, bestLength);
      pos = bestAt + bestLength;
      literalFrom = pos;
      expected = bestOffset + bestLength;
      if (pos + WINDOW <= end) hash = hashWindow(target, pos);
    } else {
      if (pos + WINDOW < end) hash = rollHash(hash, target[pos]!, target[pos + WINDOW]!);
      pos++;
    }
  }
  ops.insert(literalFrom, end - literalFrom);
}
