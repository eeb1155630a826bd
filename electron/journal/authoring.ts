// What a local edit becomes: pure functions from the note as shown and what the person asked for
// to the fields of the next version (or null when nothing would change, so history holds
// meaningful steps, not no-ops).

import { checkBody, normaliseTags, normaliseTitle } from '../../shared/fields.js';

export interface NoteFields {
  title: string;
  body: string;
  tags: string[];
  deleted: boolean;
}

export interface NoteChanges {
  title?: string;
  body?: string;
  /** Replaces every tag. */
  tags?: readonly string[];
  addTags?: readonly string[];
  removeTags?: readonly string[];
}

export function newNoteFields(input: { title?: string; body?: string; tags?: readonly string[] }): NoteFields {
  return {
    title: normaliseTitle(input.title ?? ''),
    body: checkBody(input.body ?? ''),
    tags: normaliseTags(input.tags ?? []),
    deleted: false,
  };
}

/** The fields after an edit; a trashed note stays in the trash (restore brings it back). */
export function editedFields(current: NoteFields, changes: NoteChanges): NoteFields {
  let tags = changes.tags === undefined ? current.tags : normaliseTags(changes.tags);
  if (changes.addTags !== undefined) tags = normaliseTags([...tags, ...changes.addTags]);
  if (changes.removeTags !== undefined) {
    const gone = new Set(normaliseTags(changes.removeTags));
    tags = tags.filter((t) => !gone.has(t));
  }
  return {
    title: changes.title === undefined ? current.title : normaliseTitle(changes.title),
    body: changes.body === undefined ? current.body : checkBody(changes.body),
    tags,
    deleted: current.deleted,
  };
}

export function sameFields(a: NoteFields, b: NoteFields): boolean {
  return a.title === b.title && a.body === b.body && a.deleted === b.deleted && a.tags.length === b.tags.length && a.tags.every((t, i) => t === b.tags[i]);
}
