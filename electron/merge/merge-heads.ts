// The view of a note with several heads (DESIGN.md, "The view"): the heads are folded in id order,
// each merged into the result so far against their lowest common ancestors; several ancestors (a
// criss-cross history) are first merged into one virtual base, as git's recursive merge does, so
// the outcome depends only on the set of versions. A clean fold is shown merged; otherwise the note
// is in conflict and shows its deterministic head.

import { lowestCommonAncestors, lowestSharedAncestors, type OrderOf, type ParentsOf } from './ancestors.js';
import { emptyNote, mergeFields, type NoteState } from './merge-fields.js';
import { pickShownHead, type HeadMerger, type HeadsView, type HeadVersion, type NoteHistory } from '../journal/view.js';

export const mergeHeads: HeadMerger = (heads, history) => {
  const bases = basesOf(history);
  const { stateOf } = bases;
  const [first, ...rest] = heads;
  if (first === undefined) throw new Error('mergeHeads needs at least one head');
  let merged = stateOf(first.id);
  const folded = [first.id];
  let clean = true;
  for (const head of rest) {
    const step = mergeFields(virtualBase(bases, lowestCommonAncestors(history.parentsOf, folded, [head.id], history.orderOf)), merged, stateOf(head.id), bases);
    if (step.conflicts.length > 0) clean = false;
    merged = step.state;
    folded.push(head.id);
  }
  return clean ? mergedView(heads, merged, stateOf) : conflictView(heads);
};

/**
 * What `heads` all last shared: the versions every one of them was made on that are not ancestors
 * of another such (one, or several in a criss-cross history), and their fields merged as a merge
 * of heads merges its bases; null when they share nothing. What the conflict inbox compares with.
 */
export function sharedBase(history: NoteHistory, heads: readonly string[]): { versions: string[]; state: NoteState } | null {
  const versions = lowestSharedAncestors(history.parentsOf, heads, history.orderOf);
  return versions.length === 0 ? null : { versions, state: virtualBase(basesOf(history), versions) };
}

/** A note's history as merging reads it: each version's fields read once. */
function basesOf(history: NoteHistory): BaseHistory {
  const states = new Map<string, NoteState>();
  const stateOf = (id: string): NoteState => {
    let state = states.get(id);
    if (state === undefined) {
      const v = history.version(id);
      state = { title: v.title, body: v.body(), tags: v.tags, deleted: v.deleted };
      states.set(id, state);
    }
    return state;
  };
  return {
    parentsOf: history.parentsOf,
    stateOf,
    daily: history.daily,
    ...(history.orderOf === undefined ? {} : { orderOf: history.orderOf }),
    ...(history.bases === undefined ? {} : { known: history.bases }),
  };
}

/** What a merge needs of a note's history to build the base of two sets of versions. */
export interface BaseHistory {
  parentsOf: ParentsOf;
  /** The stored order of versions, parents first (ancestors.ts, OrderOf). */
  orderOf?: OrderOf;
  stateOf: (id: string) => NoteState;
  /** A daily journal entry (merged as a union). */
  daily: boolean;
  /** Virtual bases built before, to build each once (KnownBases). */
  known?: KnownBases;
}

/**
 * Virtual bases already built, by the versions they fold. Versions never change, so neither do
 * their bases: one kept from an earlier merge stays right. Without it, a history where two
 * devices each merged the other's edit, again and again, builds the base of the last crossing
 * from the one before, and that from the one before it, for every merge: a note's history of a
 * few hundred such versions took seconds to describe. Bounded in count and in text: cleared when full.
 */
export class KnownBases {
  private readonly states = new Map<string, NoteState>();
  /** The text kept, in UTF-16 units: bases of a long note are as long as it. */
  private units = 0;

  /** At most `capacity` bases, holding at most `maxUnits` of text between them (8 M units: 16 MB). */
  constructor(
    private readonly capacity = 256,
    private readonly maxUnits = 8_000_000,
  ) {}

  get(ids: readonly string[]): NoteState | undefined {
    return this.states.get(ids.join(','));
  }

  set(ids: readonly string[], state: NoteState): void {
    const units = state.title.length + state.body.length;
    if (units > this.maxUnits / 4) return; // one base of a huge note would push out all the others
    if (this.states.size >= this.capacity || this.units + units > this.maxUnits) {
      this.states.clear();
      this.units = 0;
    }
    this.states.set(ids.join(','), state);
    this.units += units;
  }
}

/**
 * One state for the bases `ids` (the lowest common ancestors of what is merged): the one base
 * itself, several folded like heads, each merged into the fold against their own common ancestors,
 * with any conflict left in the text (git's recursive merge); the empty note for none.
 */
export function virtualBase(history: BaseHistory, ids: readonly string[]): NoteState {
  const [first, ...rest] = ids;
  if (first === undefined) return emptyNote;
  if (rest.length === 0) return history.stateOf(first);
  const known = history.known?.get(ids);
  if (known !== undefined) return known;
  let merged = history.stateOf(first);
  const folded = [first];
  for (const id of rest) {
    merged = mergeFields(virtualBase(history, lowestCommonAncestors(history.parentsOf, folded, [id], history.orderOf)), merged, history.stateOf(id), history).state;
    folded.push(id);
  }
  history.known?.set(ids, merged);
  return merged;
}

function mergedView(heads: readonly HeadVersion[], merged: NoteState, stateOf: (id: string) => NoteState): HeadsView {
  const shown = pickShownHead(heads);
  return {
    shown: shown.id,
    title: merged.title,
    tags: [...merged.tags],
    deleted: merged.deleted,
    conflict: false,
    body: merged.body === stateOf(shown.id).body ? null : merged.body,
  };
}

function conflictView(heads: readonly HeadVersion[]): HeadsView {
  const shown = pickShownHead(heads);
  return { shown: shown.id, title: shown.title, tags: [...shown.tags], deleted: shown.deleted, conflict: true, body: null };
}
