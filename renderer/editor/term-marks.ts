// The words of the search being made, marked in the open note's text as the list marks them in
// its snippets (shared/snippet.ts: accents and case aside, prefixes, phrases). Only the lines on
// screen are read, so a 1 MB note costs what a screenful does; marks follow the text as it is
// edited, and the note opens at its first match.

import { RangeSetBuilder, type Extension, type Text } from '@codemirror/state';
import { Decoration, EditorView, ViewPlugin, type DecorationSet, type ViewUpdate } from '@codemirror/view';
import type { HighlightTerm } from '../../shared/search-query.js';
import { firstMatchAt, matchSpans } from '../../shared/snippet.js';

const termMark = Decoration.mark({ class: 'cm-term' });

/** How far past the screen a range is widened to the edges of its lines, so that no word on screen is cut in two. */
const lineReach = 200;

/** The extension that marks `terms` in the text on screen (nothing when there are none). */
export function termMarks(terms: readonly HighlightTerm[]): Extension {
  if (terms.length === 0) return [];
  const build = (view: EditorView): DecorationSet => {
    const builder = new RangeSetBuilder<Decoration>();
    let done = 0;
    for (const visible of view.visibleRanges) {
      const { from, to } = widened(view.state.doc, visible.from, visible.to);
      const start = Math.max(from, done);
      if (start >= to) continue;
      for (const [s, e] of matchSpans(view.state.doc.sliceString(start, to), terms)) builder.add(start + s, start + e, termMark);
      done = to;
    }
    return builder.finish();
  };
  return ViewPlugin.fromClass(
    class {
      decorations: DecorationSet;
      constructor(view: EditorView) {
        this.decorations = build(view);
      }
      update(update: ViewUpdate) {
        if (update.docChanged || update.viewportChanged) this.decorations = build(update.view);
      }
    },
    { decorations: (plugin) => plugin.decorations },
  );
}

/** Where the text's first match is, to show the note there; null when it holds none. */
export function firstTermAt(doc: Text, terms: readonly HighlightTerm[]): number | null {
  return terms.length === 0 ? null : firstMatchAt(doc.toString(), terms);
}

function widened(doc: Text, from: number, to: number): { from: number; to: number } {
  const first = doc.lineAt(from);
  const last = doc.lineAt(to);
  return { from: from - first.from <= lineReach ? first.from : from, to: last.to - to <= lineReach ? last.to : to };
}
