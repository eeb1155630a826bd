// Writing binary formats into a growing buffer: bytes, unsigned LEB128 varints (journal-format.md,
// D2), hex ids as raw bytes, and length-prefixed UTF-8 strings. Shared by the delta codec and the
// version stream, whose readers differ in how they refuse bad input.

const maxVarintBytes = 8;

export class ByteWriter {
  private buffer: Buffer;
  private used = 0;

  constructor(capacity = 4096) {
    this.buffer = Buffer.allocUnsafe(capacity);
  }

  get length(): number {
    return this.used;
  }

  byte(value: number): void {
    this.reserve(1);
    this.buffer[this.used++] = value;
  }

  varint(value: number): void {
    if (!Number.isSafeInteger(value) || value < 0) throw new RangeError(`A varint must be a safe non-negative integer, not ${value}`);
    this.reserve(maxVarintBytes);
    let rest = value;
    while (rest >= 0x80) {
      this.buffer[this.used++] = (rest % 0x80) | 0x80;
      rest = Math.floor(rest / 0x80);
    }
    this.buffer[this.used++] = rest;
  }

  bytes(values: Uint8Array): void {
    this.reserve(values.length);
    this.buffer.set(values, this.used);
    this.used += values.length;
  }

  /** A hex id as its raw bytes (`hexDigits / 2` of them). */
  id(hex: string): void {
    this.bytes(Buffer.from(hex, 'hex'));
  }

  /** varint(byte length), then the UTF-8 bytes. */
  string(text: string): void {
    const encoded = Buffer.from(text, 'utf8');
    this.varint(encoded.length);
    this.bytes(encoded);
  }

  /** varint(length), then the bytes. */
  sized(values: Uint8Array): void {
    this.varint(values.length);
    this.bytes(values);
  }

  finish(): Buffer {
    return this.buffer.subarray(0, this.used);
  }

  private reserve(extra: number): void {
    if (this.used + extra <= this.buffer.length) return;
    const grown = Buffer.allocUnsafe(Math.max(this.buffer.length * 2, this.used + extra));
    this.buffer.copy(grown, 0, 0, this.used);
    this.buffer = grown;
  }
}
