// A version's id: SHA-256 of its canonical encoding (docs/journal-format.md, V1–V6). The encoding is the
// JSON text of one array, in this order, encoded as UTF-8:
//
//   ["ferry-version/1", journalId, noteId, [parents…], replicaId, seq, time, title, body, [tags…], deleted]
//
// Ids are lower-case hex; parents keep the author's order (the first parent is the delta base);
// tags are sorted by code point without duplicates; seq and time are integers; strings must be
// well-formed Unicode. JSON.stringify is deterministic for such an array (no objects, no floats),
// so any implementation can reproduce it. Golden vectors in version-id.test.ts pin it: an id
// must never change, or every journal in the field breaks.

import { createHash } from 'node:crypto';
import { FerryError } from '../../shared/errors.js';
import { compareCodePoints } from '../../shared/fields.js';
import type { VersionFields } from '../../shared/model.js';
import { isHexId } from './ids.js';

export const versionEncodingTag = 'ferry-version/1';

export function canonicalVersionBytes(journalId: string, v: VersionFields): Buffer {
  return Buffer.from(canonicalVersionText(journalId, v), 'utf8');
}

/** The canonical encoding before UTF-8: what the hash reads, encoded as it reads it. */
function canonicalVersionText(journalId: string, v: VersionFields): string {
  checkVersionFields(v);
  return JSON.stringify([
    versionEncodingTag,
    journalId,
    v.noteId,
    v.parents,
    v.replicaId,
    v.seq,
    v.time,
    v.title,
    v.body,
    v.tags,
    v.deleted,
  ]);
}

export function versionId(journalId: string, v: VersionFields): string {
  // The text goes to the hash as UTF-8 without a Buffer of it in between (a clone hashes every
  // version's whole body: tens of megabytes).
  return createHash('sha256').update(canonicalVersionText(journalId, v), 'utf8').digest('hex');
}

/** The structural rules a version must meet before it can be hashed or stored. */
export function checkVersionFields(v: VersionFields): void {
  const bad = (why: string): never => {
    throw new FerryError('InvalidVersion', `A version of note ${v.noteId} is malformed: ${why}.`);
  };
  if (!isHexId(v.noteId, 32)) bad('its note id is not 32 hex digits');
  if (!isHexId(v.replicaId, 32)) bad('its replica id is not 32 hex digits');
  if (!Number.isSafeInteger(v.seq) || v.seq < 1) bad('its seq is not a positive integer');
  if (!Number.isSafeInteger(v.time)) bad('its time is not an integer');
  if (new Set(v.parents).size !== v.parents.length) bad('a parent is named twice');
  for (const p of v.parents) if (!isHexId(p, 64)) bad('a parent id is not 64 hex digits');
  if (!v.title.isWellFormed() || !v.body.isWellFormed()) bad('its text is not well-formed Unicode');
  for (let i = 0; i < v.tags.length; i++) {
    const tag = v.tags[i]!;
    if (!tag.isWellFormed() || tag === '') bad('a tag is empty or not well-formed');
    if (i > 0 && compareCodePoints(v.tags[i - 1]!, tag) >= 0) bad('its tags are not sorted and distinct');
  }
}
