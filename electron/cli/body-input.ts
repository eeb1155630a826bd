// Where a note's body comes from on the command line: --body TEXT, --body-file FILE, or standard
// input (--body - or --body-file -). Bytes are kept exactly (CRLF, a missing final newline, a
// byte-order mark); anything that is not UTF-8 is refused rather than silently altered.

import { readFileSync } from 'node:fs';
import { FerryError } from '../../shared/errors.js';

export interface BodyFlags {
  body?: string;
  bodyFile?: string;
}

export function readBody(flags: BodyFlags, readStdin: () => Buffer = () => readFileSync(0)): string | undefined {
  if (flags.body !== undefined && flags.bodyFile !== undefined) {
    throw new FerryError('BadInput', 'Give the body once: either --body or --body-file, not both.');
  }
  if (flags.body === '-' || flags.bodyFile === '-') return decodeUtf8(readStdin(), 'standard input');
  if (flags.body !== undefined) return flags.body;
  if (flags.bodyFile !== undefined) {
    let bytes: Buffer;
    try {
      bytes = readFileSync(flags.bodyFile);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      const why = code === 'ENOENT' ? 'there is no such file' : code === 'EISDIR' ? 'it is a folder' : code === 'EACCES' ? 'you may not read it' : (error as Error).message;
      throw new FerryError('BadInput', `Cannot read the body from ${flags.bodyFile}: ${why}.`);
    }
    return decodeUtf8(bytes, flags.bodyFile);
  }
  return undefined;
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

export function decodeUtf8(bytes: Uint8Array, source: string): string {
  try {
    return strictUtf8.decode(bytes);
  } catch {
    const at = firstInvalidUtf8(bytes);
    throw new FerryError('NotUtf8', `The body from ${source} is not UTF-8 text (a bad byte at offset ${at}). Convert it first, for example with \`iconv -f latin1 -t utf-8\`; nothing was saved.`);
  }
}

/** The offset of the first byte of the first character that is not UTF-8. */
function firstInvalidUtf8(bytes: Uint8Array): number {
  let lo = 0;
  let hi = bytes.length;
  // The longest prefix that is valid or merely cut inside a character (streaming decode accepts
  // an incomplete tail), found by bisection: that property holds for every shorter prefix too.
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    try {
      new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(0, mid), { stream: true });
      lo = mid;
    } catch {
      hi = mid - 1;
    }
  }
  // That prefix may end inside the bad character (Latin-1 "é" reads as the start of a three-byte
  // character): the bad character starts after the last complete one.
  const complete = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes.subarray(0, lo), { stream: true });
  return Buffer.byteLength(complete, 'utf8');
}
