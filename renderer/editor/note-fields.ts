// The fields of a note as the editor (and the conflict inbox) handle them: what is shown when a
// note opens, tags as a person types them, and comparisons with what the engine keeps. Pure.

import { normaliseTag, normaliseTitle } from '../../shared/fields.js';
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
