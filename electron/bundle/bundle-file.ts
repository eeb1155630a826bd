// The bundle file's framing (docs/stream-format.md, B1–B4): signature and format version, the JSON
// header, the (compressed) body and the SHA-256 trailer. Pure: bytes in, checked parts out, and
// each refusal is a sentence naming what is wrong with the file, so a person knows whether to
// wait for a copy to finish, fetch the bundle again, or update Ferry.

import { createHash } from 'node:crypto';
import { bundleFormatVersion, type BundleHeader } from '../../shared/bundle.js';
import { FerryError } from '../../shared/errors.js';
import { isHexId } from '../journal/ids.js';
import type { VersionVector } from '../../shared/model.js';

export const bundleSignature = Buffer.from('ferry-bundle\n', 'latin1');
export const bundleExtension = '.ferry';
const maxHeaderBytes = 1024 * 1024;
const trailerBytes = 32;

export interface BundleParts {
  header: BundleHeader;
  /** The body as stored (compressed as the header says). */
  body: Uint8Array;
}

/** The whole file: signature, version, header, body, trailer. */
export function encodeBundle(header: BundleHeader, body: readonly Uint8Array[]): Buffer[] {
  const headerBytes = Buffer.from(JSON.stringify(header), 'utf8');
  const bodyLength = body.reduce((sum, chunk) => sum + chunk.length, 0);
  const prefix = Buffer.alloc(bundleSignature.length + 1 + 4);
  bundleSignature.copy(prefix);
  prefix[bundleSignature.length] = bundleFormatVersion;
  prefix.writeUInt32BE(headerBytes.length, bundleSignature.length + 1);
  const lengthField = Buffer.alloc(8);
  lengthField.writeBigUInt64BE(BigInt(bodyLength));
  const parts = [prefix, headerBytes, lengthField, ...body.map((chunk) => Buffer.from(chunk.buffer, chunk.byteOffset, chunk.length))];
  const hash = createHash('sha256');
  for (const part of parts) hash.update(part);
  return [...parts, hash.digest()];
}

/** Checks B1–B4 and the header's fields; `name` is how errors call the file. */
export function parseBundle(bytes: Uint8Array, name: string): BundleParts {
  const file = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length);
  const damaged = (why: string): FerryError =>
    new FerryError('BundleDamaged', `${name} is a damaged Ferry bundle: ${why}. Copy the bundle again from the device that wrote it.`);

  if (file.length === 0) throw new FerryError('NotABundle', `${name} is empty: it is not a Ferry bundle (if it is still being copied, wait for the copy to finish).`);
  const signed = file.subarray(0, bundleSignature.length);
  if (!bundleSignature.subarray(0, signed.length).equals(signed)) {
    throw new FerryError('NotABundle', `${name} is not a Ferry bundle (it does not start with "ferry-bundle").`);
  }
  if (file.length < bundleSignature.length + 1 + 4) throw damaged(`it ends after ${file.length} bytes, inside its first line (it is still being written, or was cut short)`);
  const version = file[bundleSignature.length]!;
  if (version !== bundleFormatVersion) {
    throw new FerryError('BundleFromFuture', `${name} is a bundle of format ${version}, made by a newer Ferry (this one reads format ${bundleFormatVersion}). Update Ferry to import it.`);
  }
  let at = bundleSignature.length + 1;
  const headerLength = file.readUInt32BE(at);
  at += 4;
  if (headerLength > maxHeaderBytes) throw damaged(`its header claims ${headerLength} bytes`);
  if (file.length < at + headerLength + 8) throw damaged(`it ends after ${file.length} bytes, inside its header (it is still being written, or was cut short)`);
  const headerBytes = file.subarray(at, at + headerLength);
  at += headerLength;
  const bodyLength = Number(file.readBigUInt64BE(at));
  at += 8;
  const expected = at + bodyLength + trailerBytes;
  if (!Number.isSafeInteger(bodyLength) || file.length < expected) {
    throw damaged(`it is ${file.length} bytes long but says it holds ${Number.isSafeInteger(expected) ? expected : 'more'} (it is still being written, or was cut short)`);
  }
  if (file.length > expected) throw damaged(`${file.length - expected} unexpected bytes follow its end`);
  const actual = createHash('sha256').update(file.subarray(0, expected - trailerBytes)).digest();
  if (!actual.equals(file.subarray(expected - trailerBytes))) throw damaged('its checksum does not match its content (bytes were changed in transit or on the disk)');

  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(headerBytes));
  } catch {
    throw damaged('its header is not JSON');
  }
  const problem = headerProblem(json);
  if (problem !== null) throw damaged(`its header ${problem}`);
  return { header: json as BundleHeader, body: file.subarray(at, at + bodyLength) };
}

/** What is wrong with a parsed header, or null. */
function headerProblem(json: unknown): string | null {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) return 'is not an object';
  const h = json as Record<string, unknown>;
  if (typeof h.journalId !== 'string' || !isHexId(h.journalId, 32)) return 'has no valid journalId';
  if (typeof h.replicaId !== 'string' || !isHexId(h.replicaId, 32)) return 'has no valid replicaId';
  if (typeof h.deviceName !== 'string') return 'has no deviceName';
  if (typeof h.created !== 'string' || Number.isNaN(Date.parse(h.created))) return 'has no valid created time';
  if (!isVector(h.vector)) return 'has no valid vector';
  if (!isVector(h.basis)) return 'has no valid basis';
  if (!isRecordOf(h.devices, (v) => typeof v === 'string')) return 'has no valid devices';
  if (typeof h.versions !== 'number' || !Number.isSafeInteger(h.versions) || h.versions < 0) return 'has no valid version count';
  if (h.stream !== 1) return `names stream format ${JSON.stringify(h.stream)} (this Ferry reads 1)`;
  if (h.compression !== 'brotli' && h.compression !== 'none') return `names an unknown compression (${JSON.stringify(h.compression)})`;
  for (const [replica, seq] of Object.entries(h.basis)) {
    const held = h.vector[replica];
    if (held === undefined || held < seq) return 'has a basis beyond its vector';
  }
  return null;
}

function isVector(value: unknown): value is VersionVector {
  return isRecordOf(value, (seq) => typeof seq === 'number' && Number.isSafeInteger(seq) && seq >= 1);
}

function isRecordOf(value: unknown, check: (v: unknown) => boolean): boolean {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  return Object.entries(value).every(([key, v]) => isHexId(key, 32) && check(v));
}
