// The words of the search being made, marked in the rendered preview as in the note's text
// (term-marks.ts) and the list: each text node is matched on its own (shared/snippet.ts), so a
// phrase split by emphasis ("New **York**") is not marked, and a word always is.

import type { HighlightTerm } from '../../shared/search-query.js';
import { matchSpans } from '../../shared/snippet.js';

/** Wraps every match under `root` in <mark class="term">; how many were marked. */
export function markTerms(root: HTMLElement, terms: readonly HighlightTerm[]): number {
  if (terms.length === 0) return 0;
  const walker = root.ownerDocument.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  const texts: Text[] = [];
  for (let node = walker.nextNode(); node !== null; node = walker.nextNode()) texts.push(node as Text);
  let marked = 0;
  for (const text of texts) {
    const spans = matchSpans(text.data, terms);
    if (spans.length === 0) continue;
    const parts = root.ownerDocument.createDocumentFragment();
    let at = 0;
    for (const [start, end] of spans) {
      if (start > at) parts.append(text.data.slice(at, start));
      const mark = root.ownerDocument.createElement('mark');
      mark.className = 'term';
      mark.textContent = text.data.slice(start, end);
      parts.append(mark);
      at = end;
    }
    if (at < text.data.length) parts.append(text.data.slice(at));
    text.replaceWith(parts);
    marked += spans.length;
  }
  return marked;
}
