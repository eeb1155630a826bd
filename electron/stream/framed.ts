// A JSON header followed by envelopes in one body (docs/sync-protocol.md, P4 and P5): how sync
// pages and pushes travel. The header says what the envelopes are; the envelopes are the version
// stream as bundles carry it (T2), so a page can be walked without opening a payload.

import type { Envelope } from '../../shared/stream.js';
import { StreamFormatError } from './bytes.js';
import { decodeStream, encodeStream } from './envelope.js';

/** A header larger than this is not a header (vectors of thousands of replicas stay far below it). */
export const maxFramedHeaderBytes = 4 * 1024 * 1024;

export function encodeFramed(header: unknown, envelopes: Iterable<Envelope>): Buffer {
  const json = Buffer.from(JSON.stringify(header), 'utf8');
  const length = Buffer.alloc(4);
  length.writeUInt32BE(json.length);
  return Buffer.concat([length, json, encodeStream(envelopes)]);
}

/** The header as parsed JSON (the caller checks its shape) and every envelope; throws StreamFormatError. */
export function decodeFramed(bytes: Uint8Array): { header: unknown; envelopes: Envelope[] } {
  if (bytes.length < 4) throw new StreamFormatError(`the body has ${bytes.length} bytes, too few for a header`);
  const view = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length);
  const length = view.readUInt32BE(0);
  if (length > maxFramedHeaderBytes) throw new StreamFormatError(`the header claims ${length} bytes (at most ${maxFramedHeaderBytes})`);
  if (view.length < 4 + length) throw new StreamFormatError(`the body ends inside its header (${view.length} bytes, header of ${length})`);
  let header: unknown;
  try {
    header = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(view.subarray(4, 4 + length)));
  } catch {
    throw new StreamFormatError('the header is not JSON');
  }
  return { header, envelopes: decodeStream(view.subarray(4 + length)) };
}
