// What changed from one state of a note to another, as the history and the conflict inbox show it:
// the title, the tags added and removed, and the text line by line. Pure.

import type { CallResult } from '../../shared/app-contract.js';
import { lineChanges } from '../merge/line-changes.js';

export interface ComparedFields {
  title: string;
  tags: readonly string[];
  body: string;
}

/** From `before` (null: from nothing, as for a new note) to `after`. */
export function versionChanges(before: ComparedFields | null, after: ComparedFields): CallResult<'changesOf'>['changes'] {
  return {
    title: before !== null && before.title === after.title ? null : { from: before?.title ?? '', to: after.title },
    tags: {
      removed: before === null ? [] : before.tags.filter((t) => !after.tags.includes(t)),
      added: after.tags.filter((t) => before === null || !before.tags.includes(t)),
    },
    lines: lineChanges(before?.body ?? '', after.body),
  };
}
