// The fields of a note as the editor (and the conflict inbox) handle them: what is shown when a
// note opens, tags as a person types them, and comparisons with what the engine keeps. Pure.

import { normaliseTag, normaliseTitle } from '../../shared/fields.js';
import { fieldsHash, textHash } from '../../shared/text-hash.js';
import type { CallArgs } from '../../shared/app-contract.js';
import type { NoteDetail } from '../api/types.js';

export interface NoteFields {
  title: string;
  body: string;
  tags: string[];
}

/** The engine's limit, said before it refuses. */
export const maxTags = 100;

/** What the user typed last: the draft when there is one, else the note as committed. */
export function fieldsOf(note: NoteDetail): NoteFields {
  const from = note.draft ?? note;
  return { title: from.title, body: from.body, tags: [...from.tags] };
}

/** The note as committed, leaving any draft aside. */
export function storedFields(note: NoteDetail): NoteFields {
  return { title: note.title, body: note.body, tags: [...note.tags] };
}

/** A note as stored when the typing shown began, and its fieldsHash once worked out (once per such note, not per save). */
export interface TypedOn {
  noteId: string;
  fields: NoteFields;
  hash: number | null;
}

/** The `typedOn` argument of saveDraft and commitDraft for `noteId` (none when the editor does not know it). */
export function typedOnArg(typedOn: TypedOn | null, noteId: string): { typedOn?: number } {
  if (typedOn === null || typedOn.noteId !== noteId) return {};
  typedOn.hash ??= fieldsHash(typedOn.fields);
  return { typedOn: typedOn.hash };
}

/**
 * Tags as typed ("work, ideas #todo") to the list the engine keeps. A word it would refuse is
 * left out and named, so that a bad tag never stops the text from being saved.
 */
export function parseTags(text: string): { tags: string[]; problem: string | null } {
  const tags: string[] = [];
  let problem: string | null = null;
  for (const word of text.split(/[\s,]+/u)) {
    if (word === '' || /^#+$/u.test(word)) continue;
    try {
      const tag = normaliseTag(word);
      if (tags.includes(tag)) continue;
      if (tags.length === maxTags) {
        problem ??= `A note has at most ${maxTags} tags.`;
        continue;
      }
      tags.push(tag);
    } catch (error) {
      problem ??= asError(error).message;
    }
  }
  return { tags, problem };
}

export function sameTags(a: readonly string[], b: readonly string[]): boolean {
  const left = [...new Set(a)].sort();
  const right = [...new Set(b)].sort();
  return left.length === right.length && left.every((tag, i) => tag === right[i]);
}

/** The title as the engine will keep it (or as typed, when it would refuse it). */
export function cleanTitle(title: string): string {
  try {
    return normaliseTitle(title);
  } catch {
    return title;
  }
}

export function asError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error));
}

/** The change from `from` to `to` that keeps their common start and end. */
export function smallestChange(from: string, to: string): { from: number; to: number; insert: string } {
  const most = Math.min(from.length, to.length);
  let start = 0;
  while (start < most && from.charCodeAt(start) === to.charCodeAt(start)) start++;
  let end = 0;
  while (end < most - start && from.charCodeAt(from.length - 1 - end) === to.charCodeAt(to.length - 1 - end)) end++;
  return { from: start, to: from.length - end, insert: to.slice(start, to.length - end) };
}

/** Bodies longer than this are sent as a change as the page closes (a keepalive request carries 64 kB at most). */
export const longBody = 48 * 1024;

/**
 * What a closing page sends to save and commit what was typed: the fields, or for a long body
 * only its change from each text the engine may hold (`bases`: a save on its way, the last
 * saved, the note as loaded), each fingerprinted, for the engine to apply the one that fits.
 */
export function unloadArgs(noteId: string, typed: NoteFields, bases: readonly NoteFields[]): CallArgs<'commitDraft'> {
  const texts = [...new Set(bases.map((b) => b.body))].slice(0, 3);
  if (typed.body.length <= longBody || texts.length === 0) return { noteId, ...typed };
  const bodyEdits = texts.map((base) => ({ ...smallestChange(base, typed.body), baseLength: base.length, baseHash: textHash(base) }));
  return { noteId, title: typed.title, tags: typed.tags, bodyEdits };
}
