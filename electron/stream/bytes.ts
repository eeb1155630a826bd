// Reading the stream's binary fields (docs/stream-format.md, T1): unsigned LEB128 varints (as D2
// in journal-format.md), fixed-width ids and length-prefixed UTF-8 strings; the writer is shared
// with the delta codec (journal/byte-writer.ts). The reader never reads past its end and names, in its error, what it was reading and where, so a
// damaged file is refused with a sentence rather than a RangeError.

import { toHex } from '../journal/ids.js';

export { ByteWriter } from '../journal/byte-writer.js';

const maxVarintBytes = 8;

/** A malformed field: `reason` says what and where, for the caller's sentence. */
export class StreamFormatError extends Error {
  override readonly name = 'StreamFormatError';
}

export class ByteReader {
  private at: number;

  constructor(
    private readonly bytes: Uint8Array,
    start = 0,
    private readonly end = bytes.length,
  ) {
    this.at = start;
  }

  get position(): number {
    return this.at;
  }

  get remaining(): number {
    return this.end - this.at;
  }

  byte(what: string): number {
    this.need(1, what);
    return this.bytes[this.at++]!;
  }

  varint(what: string): number {
    const start = this.at;
    let value = 0;
    let scale = 1;
    for (let count = 0; count < maxVarintBytes; count++) {
      if (this.at >= this.end) throw new StreamFormatError(`it ends inside ${what} (byte ${start})`);
      const byte = this.bytes[this.at++]!;
      value += (byte & 0x7f) * scale;
      if (byte < 0x80) {
        if (byte === 0 && count > 0) throw new StreamFormatError(`${what} at byte ${start} is not minimally encoded`);
        if (value > Number.MAX_SAFE_INTEGER) throw new StreamFormatError(`${what} at byte ${start} is too large`);
        return value;
      }
      scale *= 0x80;
    }
    throw new StreamFormatError(`${what} at byte ${start} is longer than ${maxVarintBytes} bytes`);
  }

  take(length: number, what: string): Uint8Array {
    this.need(length, what);
    const slice = this.bytes.subarray(this.at, this.at + length);
    this.at += length;
    return slice;
  }

  id(byteLength: number, what: string): string {
    return toHex(this.take(byteLength, what));
  }

  /** A varint length, then that many bytes. */
  sized(what: string): Uint8Array {
    const length = this.varint(`the length of ${what}`);
    return this.take(length, what);
  }

  /** A length-prefixed string that must be well-formed UTF-8. */
  string(what: string): string {
    return utf8(this.sized(what), what);
  }

  private need(length: number, what: string): void {
    if (length > this.end - this.at) {
      throw new StreamFormatError(`it ends inside ${what} (byte ${this.at}: ${length} bytes needed, ${this.end - this.at} left)`);
    }
  }
}

const strictDecoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

export function utf8(bytes: Uint8Array, what: string): string {
  try {
    return strictDecoder.decode(bytes);
  } catch {
    throw new StreamFormatError(`${what} is not UTF-8 text`);
  }
}
