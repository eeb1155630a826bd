// Envelopes on the wire and in bundle files (docs/stream-format.md, T1–T3): the clear header
// (id, replica, seq, parents) and the opaque payload, framed so that a reader can walk a stream
// without opening a single payload. Structural checks only; payloads are rebuilt in rebuild.ts.

import type { Envelope } from '../../shared/stream.js';
import { ByteReader, ByteWriter, StreamFormatError } from './bytes.js';

/** T3: limits a reader enforces before allocating anything. */
export const maxParents = 64;
export const maxPayloadBytes = 256 * 1024 * 1024;

export function writeEnvelope(out: ByteWriter, envelope: Envelope): void {
  out.id(envelope.id);
  out.id(envelope.replicaId);
  out.varint(envelope.seq);
  out.varint(envelope.parents.length);
  for (const parent of envelope.parents) out.id(parent);
  out.sized(envelope.payload);
}

/** Reads one envelope at the reader's position; `index` names it in errors (0-based). */
export function readEnvelope(input: ByteReader, index: number): Envelope {
  const which = `envelope ${index + 1}`;
  const id = input.id(32, `the id of ${which}`);
  const replicaId = input.id(16, `the replica of ${which}`);
  const seq = input.varint(`the seq of ${which}`);
  if (seq < 1) throw new StreamFormatError(`${which} has seq 0 (seqs start at 1)`);
  const count = input.varint(`the parent count of ${which}`);
  if (count > maxParents) throw new StreamFormatError(`${which} names ${count} parents (at most ${maxParents})`);
  const parents: string[] = [];
  for (let i = 0; i < count; i++) {
    const parent = input.id(32, `parent ${i + 1} of ${which}`);
    if (parents.includes(parent)) throw new StreamFormatError(`${which} names the same parent twice`);
    parents.push(parent);
  }
  const length = input.varint(`the payload length of ${which}`);
  if (length > maxPayloadBytes) throw new StreamFormatError(`${which} has a payload of ${length} bytes (at most ${maxPayloadBytes})`);
  if (length === 0) throw new StreamFormatError(`${which} has an empty payload`);
  const payload = input.take(length, `the payload of ${which}`);
  return { id, replicaId, seq, parents, payload };
}

/** T2: a stream is its envelopes, one after another, parents first. */
export function encodeStream(envelopes: Iterable<Envelope>): Buffer {
  const out = new ByteWriter(64 * 1024);
  for (const envelope of envelopes) writeEnvelope(out, envelope);
  return out.finish();
}

/** Every envelope of a stream; throws StreamFormatError unless the bytes are exactly whole envelopes. */
export function decodeStream(bytes: Uint8Array): Envelope[] {
  const input = new ByteReader(bytes);
  const envelopes: Envelope[] = [];
  while (input.remaining > 0) envelopes.push(readEnvelope(input, envelopes.length));
  return envelopes;
}
