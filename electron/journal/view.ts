// The view (DESIGN.md, "The view"): a note as shown is a pure function of the set of its versions,
// never of their order of arrival. This module holds that function's pieces; the journal keeps
// their result in the `notes` table and fsck recomputes it from scratch to check the cache.
//
// Several heads are handed to a `HeadMerger` with the note's history (its DAG), so the merger can
// find their common ancestors: the merge module's `mergeHeads` is the one the journal uses;
// `noMerge`, which calls every multi-head note a conflict, is kept for tests of the view alone.

import { compareCodePoints } from '../../shared/fields.js';
import type { KnownBases } from '../merge/merge-heads.js';

export interface VersionLink {
  id: string;
  parents: readonly string[];
}

/** A head as the view needs it; `body` is read only when a merger asks for it. */
export interface HeadVersion {
  id: string;
  time: number;
  title: string;
  tags: readonly string[];
  deleted: boolean;
  body(): string;
}

/** The fields the view derives from a note's heads. */
export interface HeadsView {
  /** The head whose fields are shown (its body, unless `body` is set). */
  shown: string;
  title: string;
  tags: string[];
  deleted: boolean;
  conflict: boolean;
  /** A merged body that no single version holds; null when the shown head's body is the note's. */
  body: string | null;
}

/** One note's versions, as a merger reads them. */
export interface NoteHistory {
  /** A daily journal entry (merged as a union). */
  daily: boolean;
  parentsOf: (id: string) => readonly string[];
  /** Each version's place in the order versions were stored, parents first (lets ancestry walks stop early). */
  orderOf?: (id: string) => number;
  version: (id: string) => HeadVersion;
  /** Merge bases built before, kept by the journal (merge-heads.ts, KnownBases). */
  bases?: KnownBases;
}

export type HeadMerger = (heads: readonly HeadVersion[], history: NoteHistory) => HeadsView;

/** Versions of the note that no other version of it names as a parent, sorted by id. */
export function headsOf(versions: readonly VersionLink[]): string[] {
  const named = new Set<string>();
  for (const v of versions) for (const p of v.parents) named.add(p);
  return versions
    .map((v) => v.id)
    .filter((id) => !named.has(id))
    .sort();
}

/**
 * The heads after one more version arrives. Exact because versions arrive parents first: a new
 * version has no children yet, so it is a head, and it ends the heads it names.
 */
export function nextHeads(heads: readonly string[], version: VersionLink): string[] {
  const ended = new Set(version.parents);
  return [...heads.filter((h) => !ended.has(h)), version.id].sort();
}

/** The deterministic head shown for a conflict: the latest `time`, ties broken by the larger id. */
export function pickShownHead<T extends { id: string; time: number }>(heads: readonly T[]): T {
  let best = heads[0];
  if (best === undefined) throw new Error('pickShownHead needs at least one head');
  for (const h of heads) if (h.time > best.time || (h.time === best.time && h.id > best.id)) best = h;
  return best;
}

/** Every multi-head note is a conflict (the merge module replaces this). */
export const noMerge: HeadMerger = (heads) => {
  const shown = pickShownHead(heads);
  return {
    shown: shown.id,
    title: shown.title,
    tags: [...shown.tags],
    deleted: shown.deleted,
    conflict: heads.length > 1,
    body: null,
  };
};

/** The view of a note from its heads (sorted by id), using `merge` when there are several. */
export function viewOfHeads(heads: readonly HeadVersion[], merge: HeadMerger, history: NoteHistory): HeadsView {
  const sorted = [...heads].sort((a, b) => compareCodePoints(a.id, b.id));
  if (sorted.length === 1) {
    const only = sorted[0]!;
    return { shown: only.id, title: only.title, tags: [...only.tags], deleted: only.deleted, conflict: false, body: null };
  }
  return merge(sorted, history);
}
