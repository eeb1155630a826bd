// A bundle's body (docs/stream-format.md, B3): the version stream cut at envelope boundaries into
// blocks of about 4 MiB, each compressed on its own by brotli (quality 5, 16 MiB window) and
// framed with its length. Blocks are compressed and decompressed concurrently on libuv's pool, and
// the next block's envelopes are made while the last one compresses: measured on the standard
// workload, two blocks took half the time of one stream and came out no larger.

import { promisify } from 'node:util';
import { brotliCompress as brotliCompressCallback, brotliDecompress as brotliDecompressCallback, constants as zlib } from 'node:zlib';
import type { Envelope } from '../../shared/stream.js';
import { encodeStream } from '../stream/envelope.js';

const brotliCompress = promisify(brotliCompressCallback);
const brotliDecompress = promisify(brotliDecompressCallback);

/** Uncompressed bytes per block; the cut falls at the first envelope boundary past it. */
export const blockBytes = 4 * 1024 * 1024;
/** A body never decompresses to more than this (a guard against decompression bombs). */
const maxStreamBytes = 2 ** 32 - 1;

export async function compressBody(envelopes: Iterable<Envelope>): Promise<Buffer[]> {
  const pending: Promise<Buffer>[] = [];
  let batch: Envelope[] = [];
  let batchBytes = 0;
  const flush = async () => {
    const stream = encodeStream(batch);
    batch = [];
    batchBytes = 0;
    pending.push(
      brotliCompress(stream, {
        params: { [zlib.BROTLI_PARAM_QUALITY]: 5, [zlib.BROTLI_PARAM_LGWIN]: 24, [zlib.BROTLI_PARAM_SIZE_HINT]: stream.length },
      }),
    );
    // Let the pool start on it before the next block's envelopes are made.
    await new Promise<void>((resolve) => setImmediate(resolve));
  };
  for (const envelope of envelopes) {
    batch.push(envelope);
    batchBytes += envelope.payload.length + 100 + 32 * envelope.parents.length;
    if (batchBytes >= blockBytes) await flush();
  }
  if (batch.length > 0 || pending.length === 0) await flush();
  const blocks = await Promise.all(pending);
  return blocks.flatMap((block) => {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(block.length);
    return [length, block];
  });
}

/** The stream a body holds: its blocks decompressed (concurrently) and joined. Throws a sentence on anything malformed. */
export async function decompressBody(body: Uint8Array): Promise<Uint8Array> {
  const blocks: Uint8Array[] = [];
  let at = 0;
  while (at < body.length) {
    if (body.length - at < 4) throw new Error(`a block length is cut short at byte ${at} of the body`);
    const length = Buffer.from(body.buffer, body.byteOffset + at, 4).readUInt32BE(0);
    at += 4;
    if (length === 0 || length > body.length - at) throw new Error(`the block at byte ${at - 4} of the body claims ${length} bytes`);
    blocks.push(body.subarray(at, at + length));
    at += length;
  }
  if (blocks.length === 0) throw new Error('the body holds no block');
  const streams = await Promise.all(blocks.map((block) => brotliDecompress(block, { maxOutputLength: maxStreamBytes })));
  return streams.length === 1 ? streams[0]! : Buffer.concat(streams);
}
