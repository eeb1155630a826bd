// The field-by-field three-way merge of one note (DESIGN.md, "The view"). Pure and deterministic:
//   title   changed on one side → that side; the same change → it; different changes → conflict;
//   tags    a three-way set merge: a tag added on either side is added, removed on either is removed;
//   body    line-based diff3 whose clean results equal `git merge-file` (diff3.ts), except that a
//           last line without a newline does not make a conflict by itself (merge-body.ts);
//   deleted deleted on one side while the other changed the note → the note stays (the edit wins).
// Daily entries never conflict: overlapping body changes keep both texts (ours, then theirs) as
// `git merge-file --union` does, and different titles keep ours.

import { compareCodePoints } from '../../shared/fields.js';
import { mergeBody } from './merge-body.js';

export interface NoteState {
  title: string;
  body: string;
  /** Sorted, distinct. */
  tags: readonly string[];
  deleted: boolean;
}

export interface FieldMerge {
  state: NoteState;
  /** Fields that changed differently on both sides (empty when the merge is clean). */
  conflicts: ('title' | 'body')[];
}

/** The state of a note before it had any version: the base of two histories that share nothing. */
export const emptyNote: NoteState = { title: '', body: '', tags: [], deleted: false };

export interface MergeOptions {
  /** A daily journal entry: union merge, never a conflict. */
  daily: boolean;
}

export function mergeFields(base: NoteState, ours: NoteState, theirs: NoteState, options: MergeOptions): FieldMerge {
  const conflicts: FieldMerge['conflicts'] = [];

  let title = pick(base.title, ours.title, theirs.title);
  if (title === undefined) {
    title = ours.title;
    if (!options.daily) conflicts.push('title');
  }

  let body = pick(base.body, ours.body, theirs.body);
  if (body === undefined) {
    const merged = mergeBody(base.body, ours.body, theirs.body, { union: options.daily });
    body = merged.text;
    if (merged.conflicts > 0) conflicts.push('body');
  }

  const tags = mergeTags(base.tags, ours.tags, theirs.tags);

  let deleted = pick(base.deleted, ours.deleted, theirs.deleted) ?? ours.deleted;
  if (deleted && ours.deleted !== theirs.deleted) {
    const kept = ours.deleted ? theirs : ours;
    if (contentChanged(base, kept)) deleted = false;
  }

  return { state: { title, body, tags, deleted }, conflicts };
}

/** The three-way choice for a value: undefined when both sides changed it differently. */
function pick<T>(base: T, ours: T, theirs: T): T | undefined {
  if (ours === theirs) return ours;
  if (ours === base) return theirs;
  if (theirs === base) return ours;
  return undefined;
}

export function mergeTags(base: readonly string[], ours: readonly string[], theirs: readonly string[]): string[] {
  const inBase = new Set(base);
  const inOurs = new Set(ours);
  const inTheirs = new Set(theirs);
  const result = new Set<string>();
  for (const tag of base) if (inOurs.has(tag) && inTheirs.has(tag)) result.add(tag);
  for (const tag of ours) if (!inBase.has(tag)) result.add(tag);
  for (const tag of theirs) if (!inBase.has(tag)) result.add(tag);
  return [...result].sort(compareCodePoints);
}

function contentChanged(base: NoteState, side: NoteState): boolean {
  return side.title !== base.title || side.body !== base.body || side.tags.length !== base.tags.length || side.tags.some((t, i) => t !== base.tags[i]);
}
