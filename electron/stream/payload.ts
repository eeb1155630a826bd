// An envelope's payload (docs/stream-format.md, T4–T6): the version's fields that are not in the
// header, with the body as a delta against the first parent's body (or whole, for a new note),
// and the title and tags left out where they equal the first parent's. Compressed only when that
// makes it smaller. Pure: the caller supplies the first parent's fields.

import { brotliCompressSync, brotliDecompressSync, constants as zlib, deflateRawSync, inflateRawSync } from 'node:zlib';
import { applyDelta, createDelta } from '../journal/delta.js';
import { ByteReader, ByteWriter, StreamFormatError, utf8 } from './bytes.js';

/** T5: the payload's first byte. */
export const enum PayloadFormat {
  Raw = 0,
  Deflate = 1,
  Brotli = 2,
}

/** T4: bits of the flags byte; any other bit set is refused. */
const enum Flag {
  Deleted = 1,
  SameTitle = 2,
  SameTags = 4,
  BodyDelta = 8,
}
const knownFlags = Flag.Deleted | Flag.SameTitle | Flag.SameTags | Flag.BodyDelta;

/** The version's fields a payload carries. */
export interface PayloadFields {
  noteId: string;
  time: number;
  title: string;
  tags: string[];
  deleted: boolean;
  /** The body as UTF-8. */
  body: Uint8Array;
}

/** What a payload may refer to: its version's first parent. */
export interface FirstParent {
  title: string;
  tags: readonly string[];
  body: Uint8Array;
}

/** How the body travels: whole (UTF-8), or as a delta (journal-format.md, D1) against the first parent's body. */
export interface BodyPart {
  delta: boolean;
  bytes: Uint8Array;
}

/** The smaller of a delta against the first parent's body and the whole body. */
export function bodyPart(body: Uint8Array, parentBody: Uint8Array | null): BodyPart {
  if (parentBody === null) return { delta: false, bytes: body };
  const delta = createDelta(parentBody, body);
  return delta.length < body.length ? { delta: true, bytes: delta } : { delta: false, bytes: body };
}

/** Compressing a payload smaller than this rarely pays for itself. */
const compressFrom = 48;

export function encodePayload(
  fields: Omit<PayloadFields, 'body'>,
  body: BodyPart,
  parent: Omit<FirstParent, 'body'> | null,
  compression: PayloadFormat = PayloadFormat.Raw,
): Buffer {
  if (body.delta && parent === null) throw new Error('A body delta needs a first parent');
  const out = new ByteWriter(body.bytes.length + 128);
  out.id(fields.noteId);
  out.varint(fields.time);
  let flags = fields.deleted ? Flag.Deleted : 0;
  if (parent !== null && parent.title === fields.title) flags |= Flag.SameTitle;
  if (parent !== null && sameTags(parent.tags, fields.tags)) flags |= Flag.SameTags;
  if (body.delta) flags |= Flag.BodyDelta;
  out.byte(flags);
  if ((flags & Flag.SameTitle) === 0) out.string(fields.title);
  if ((flags & Flag.SameTags) === 0) {
    out.varint(fields.tags.length);
    for (const tag of fields.tags) out.string(tag);
  }
  out.sized(body.bytes);
  return compress(out.finish(), compression);
}

/** T6: the fields, with the body rebuilt (and the delta it was rebuilt from); the caller checks the result against the version's id. */
export function decodePayload(payload: Uint8Array, parent: FirstParent | null): PayloadFields & { delta: Uint8Array | null } {
  const input = new ByteReader(decompress(payload));
  const noteId = input.id(16, 'the note id');
  const time = input.varint('the time');
  const flags = input.byte('the flags');
  if ((flags & ~knownFlags) !== 0) throw new StreamFormatError(`its flags byte has unknown bits (${flags.toString(2)})`);
  const refersToParent = (flags & (Flag.SameTitle | Flag.SameTags | Flag.BodyDelta)) !== 0;
  if (refersToParent && parent === null) throw new StreamFormatError('it refers to a first parent, and the version has none');
  const title = (flags & Flag.SameTitle) !== 0 ? parent!.title : input.string('the title');
  let tags: string[];
  if ((flags & Flag.SameTags) !== 0) tags = [...parent!.tags];
  else {
    const count = input.varint('the tag count');
    if (count > input.remaining) throw new StreamFormatError(`it declares ${count} tags in ${input.remaining} bytes`);
    tags = [];
    for (let i = 0; i < count; i++) tags.push(input.string(`tag ${i + 1}`));
  }
  const bodyPart = input.sized('the body');
  if (input.remaining !== 0) throw new StreamFormatError(`${input.remaining} bytes follow the body`);
  let body: Uint8Array;
  let delta: Uint8Array | null = null;
  if ((flags & Flag.BodyDelta) !== 0) {
    delta = bodyPart;
    try {
      body = applyDelta(parent!.body, bodyPart);
    } catch (error) {
      throw new StreamFormatError(`its body delta does not apply to the first parent: ${(error as Error).message}`);
    }
  } else {
    utf8(bodyPart, 'the body');
    body = bodyPart;
  }
  return { noteId, time, title, tags, deleted: (flags & Flag.Deleted) !== 0, body, delta };
}

function sameTags(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((tag, i) => tag === b[i]);
}

function compress(content: Buffer, format: PayloadFormat): Buffer {
  const raw = (): Buffer => Buffer.concat([Buffer.of(PayloadFormat.Raw), content]);
  if (format === PayloadFormat.Raw || content.length < compressFrom) return raw();
  const packed =
    format === PayloadFormat.Deflate
      ? deflateRawSync(content)
      : brotliCompressSync(content, {
          params: {
            [zlib.BROTLI_PARAM_MODE]: zlib.BROTLI_MODE_TEXT,
            [zlib.BROTLI_PARAM_QUALITY]: 9,
            [zlib.BROTLI_PARAM_SIZE_HINT]: content.length,
          },
        });
  if (packed.length + 1 >= content.length + 1) return raw();
  return Buffer.concat([Buffer.of(format), packed]);
}

/** A payload never decompresses to more than this (a guard against decompression bombs). */
const maxContentBytes = 256 * 1024 * 1024;

function decompress(payload: Uint8Array): Uint8Array {
  const format = payload[0];
  const content = payload.subarray(1);
  const limit = maxContentBytes;
  try {
    switch (format) {
      case PayloadFormat.Raw:
        return content;
      case PayloadFormat.Deflate:
        return inflateRawSync(content, { maxOutputLength: limit });
      case PayloadFormat.Brotli:
        return brotliDecompressSync(content, { maxOutputLength: limit });
      default:
        throw new StreamFormatError(`its format byte is ${String(format)} (this Ferry reads 0, 1 and 2)`);
    }
  } catch (error) {
    if (error instanceof StreamFormatError) throw error;
    throw new StreamFormatError(`it does not decompress: ${(error as Error).message}`);
  }
}
