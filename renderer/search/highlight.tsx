// A search hit's snippet with the matched words marked. The engine gives [start, end) offsets in
// UTF-16 units into the snippet (electron/journal/snippet.ts); they are split out here by a pure
// function, which also tolerates ranges that are out of order, overlap or run past the text, so
// a surprising answer shows unmarked text rather than breaking the list.

import type { ReactNode } from 'react';

export type Highlight = readonly [start: number, end: number];

export interface SnippetPart {
  text: string;
  marked: boolean;
}

/** `text` cut into runs, marked where a highlight covers it; ranges are clamped, sorted and merged. */
export function highlightParts(text: string, highlights: readonly Highlight[]): SnippetPart[] {
  const ranges = highlights
    .map(([start, end]): [number, number] => [Math.max(0, Math.min(start, text.length)), Math.max(0, Math.min(end, text.length))])
    .filter(([start, end]) => end > start)
    .sort((a, b) => a[0] - b[0]);
  const parts: SnippetPart[] = [];
  let at = 0;
  for (const [start, end] of ranges) {
    if (end <= at) continue; // inside a range already marked
    const from = Math.max(start, at);
    if (from > at) parts.push({ text: text.slice(at, from), marked: false });
    const previous = parts[parts.length - 1];
    // Touching or overlapping ranges become one <mark>.
    if (previous?.marked === true && from === at) previous.text += text.slice(from, end);
    else parts.push({ text: text.slice(from, end), marked: true });
    at = end;
  }
  if (at < text.length) parts.push({ text: text.slice(at), marked: false });
  return parts;
}

export function Highlighted({ text, highlights }: { text: string; highlights: readonly Highlight[] }): ReactNode {
  return highlightParts(text, highlights).map((part, i) => (part.marked ? <mark key={i}>{part.text}</mark> : <span key={i}>{part.text}</span>));
}
