// The view of a note with several heads (DESIGN.md, "The view"): the heads are folded in id order,
// each merged into the result so far against their lowest common ancestors; several ancestors (a
// criss-cross history) are first merged into one virtual base, as git's recursive merge does, so
// the outcome depends only on the set of versions. A clean fold is shown merged; otherwise the note
// is in conflict and shows its deterministic head.

import { lowestCommonAncestors } from './ancestors.js';
import { emptyNote, mergeFields, type NoteState } from './merge-fields.js';
import { pickShownHead, type HeadMerger, type HeadsView, type HeadVersion } from '../journal/view.js';

export const mergeHeads: HeadMerger = (heads, history) => {
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
  const options = { daily: history.daily };

  /** One state for several bases: folded like heads, conflicts left in the text (never shown). */
  const virtualBase = (ids: readonly string[]): NoteState => {
    const [first, ...rest] = ids;
    if (first === undefined) return emptyNote;
    let merged = stateOf(first);
    const folded = [first];
    for (const id of rest) {
      const base = virtualBase(lowestCommonAncestors(history.parentsOf, folded, [id]));
      merged = mergeFields(base, merged, stateOf(id), options).state;
      folded.push(id);
    }
    return merged;
  };

  const [first, ...rest] = heads;
  if (first === undefined) throw new Error('mergeHeads needs at least one head');
  let merged = stateOf(first.id);
  const folded = [first.id];
  let clean = true;
  for (const head of rest) {
    const base = virtualBase(lowestCommonAncestors(history.parentsOf, folded, [head.id]));
    const step = mergeFields(base, merged, stateOf(head.id), options);
    if (step.conflicts.length > 0) clean = false;
    merged = step.state;
    folded.push(head.id);
  }
  return clean ? mergedView(heads, merged, stateOf) : conflictView(heads);
};

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
