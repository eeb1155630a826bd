// Identities (DESIGN.md, "Identities"): random 128-bit journal, replica and note ids; the derived
// id of a daily journal entry; and the hex/blob conversions the database uses (ids are stored as
// BLOBs, shown and typed as lower-case hex, and may be abbreviated to a unique prefix).

import { createHash } from 'node:crypto';
import { FerryError } from '../../shared/errors.js';

export type RandomBytes = (size: number) => Uint8Array;

export function newId128(random: RandomBytes): string {
  return Buffer.from(random(16)).toString('hex');
}

/**
 * The note id of the daily entry for `day` (YYYY-MM-DD, the author's local calendar day): every
 * replica of one journal derives the same id, so two devices that start "today" offline write to
 * one note. Golden vectors in ids.test.ts keep it from changing.
 */
export function dailyNoteId(journalId: string, day: string): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) throw new FerryError('BadInput', `"${day}" is not a day: use YYYY-MM-DD.`);
  return createHash('sha256').update(`ferry-daily/1\n${journalId}\n${day}`).digest('hex').slice(0, 32);
}

/** The local calendar day of a moment, YYYY-MM-DD. */
export function localDay(ms: number): string {
  const d = new Date(ms);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

export function isHexId(value: string, hexDigits: number): boolean {
  return value.length === hexDigits && /^[0-9a-f]+$/.test(value);
}

export function toBlob(hex: string): Buffer {
  return Buffer.from(hex, 'hex');
}

export function toHex(blob: Uint8Array): string {
  return Buffer.from(blob).toString('hex');
}

/** Concatenated fixed-size ids (parents, heads) in one BLOB. */
export function packIds(hexIds: readonly string[]): Buffer {
  return Buffer.concat(hexIds.map(toBlob));
}

export function unpackIds(blob: Uint8Array, bytesPerId: number): string[] {
  const ids: string[] = [];
  for (let at = 0; at < blob.length; at += bytesPerId) ids.push(toHex(blob.subarray(at, at + bytesPerId)));
  return ids;
}

/**
 * The BLOB range [low, high) holding every id that starts with a hex prefix, so a prefix lookup
 * uses the id index. `high` is null when the prefix is all f's (no upper bound).
 */
export function prefixRange(prefix: string): { low: Buffer; high: Buffer | null } {
  const even = prefix.length % 2 === 0 ? prefix : `${prefix}0`;
  const low = Buffer.from(even, 'hex');
  // The smallest id above the prefix: increment the prefix as a hex number.
  const digits = [...prefix].map((c) => parseInt(c, 16));
  let i = digits.length - 1;
  while (i >= 0 && digits[i] === 15) i--;
  if (i < 0) return { low, high: null };
  const upper = digits.slice(0, i + 1);
  upper[i] = upper[i]! + 1;
  let hex = upper.map((d) => d.toString(16)).join('');
  if (hex.length % 2 === 1) hex += '0';
  return { low, high: Buffer.from(hex, 'hex') };
}

/** Checks a typed id or id prefix: hex digits only, at least 4 of them. */
export function checkIdPrefix(typed: string, what: string, maxDigits: number): string {
  const prefix = typed.trim().toLowerCase();
  if (!/^[0-9a-f]+$/.test(prefix) || prefix.length > maxDigits) {
    const where = what === 'version' ? '`ferry history NOTE`' : '`ferry list`';
    throw new FerryError('BadInput', `"${typed}" is not a ${what} id: ids are hexadecimal (0-9, a-f), like those ${where} prints.`);
  }
  if (prefix.length < 4) throw new FerryError('BadInput', `"${typed}" is too short to name a ${what}: give at least 4 characters of its id.`);
  return prefix;
}
