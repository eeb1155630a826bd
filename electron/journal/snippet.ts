// Snippets for search hits, built here rather than by FTS5's snippet(): that function's cost grows
// with the square of the matches in a document (measured: 1.9 s for a 430 kB note full of a
// common word, 32 s for 1.7 MB), so one long log note would freeze every search. This walks the
// text once, stops at the first match, and marks the matching words around it.

import { plainLine } from './preview.js';
import { foldToken, tokenRun, type HighlightTerm } from '../../shared/search-query.js';

export interface Snippet {
  /** One line of text around the first match, with … where it was cut. */
  snippet: string;
  /** [start, end) offsets (UTF-16 units) of the matched words in `snippet`. */
  highlights: [number, number][];
}

const before = 4;
const width = 16;

/** The snippet of the first of `texts` (for example body, then title, then tags) that holds a match. */
export function makeSnippet(texts: readonly string[], terms: readonly HighlightTerm[]): Snippet {
  const matches = tokenMatcher(terms);
  for (const text of texts) {
    const found = snippetOf(text, matches);
    if (found !== null) return found;
  }
  const first = texts.find((t) => t.trim() !== '') ?? '';
  return window(first, [...tokenSpans(first, width)], () => false, 0);
}

/**
 * The window around the first match, read from its lines with their Markdown taken out as the
 * list's preview line does (preview.ts): "grew tall", not "**grew** tall" or "- [x] grew". When
 * the match was in Markdown itself (a link's address), the raw window is kept.
 */
function snippetOf(text: string, matches: (folded: string) => boolean): Snippet | null {
  const raw = windowOf(text, matches);
  if (raw === null) return null;
  const lineStart = Math.max(text.lastIndexOf('\n', raw.from - 1) + 1, raw.from - lineReach);
  const nextLine = text.indexOf('\n', raw.to);
  const lineEnd = nextLine < 0 ? text.length : Math.min(nextLine, raw.to + lineReach);
  const plainText = text.slice(lineStart, lineEnd).split('\n').map(plainLine).join('\n');
  const plain = windowOf(plainText, matches);
  if (plain === null) return window(text, raw.spans, matches, raw.from);
  let { snippet, highlights } = window(plainText, plain.spans, matches, plain.from);
  if (!snippet.startsWith('…') && hasWord(text.slice(0, lineStart))) {
    snippet = `…${snippet}`;
    highlights = highlights.map(([start, end]) => [start + 1, end + 1]);
  }
  if (!snippet.endsWith('…') && hasWord(text.slice(lineEnd))) snippet += ' …';
  return { snippet, highlights };
}

/** How far before and after the window its lines are read to take their Markdown out. */
const lineReach = 200;

function hasWord(text: string): boolean {
  return word.test(text);
}

/** The words of the window around the first match, where it starts, and where its last word ends. */
function windowOf(text: string, matches: (folded: string) => boolean): { spans: Span[]; from: number; to: number } | null {
  const recent: Span[] = [];
  let hitAt = -1;
  for (const span of tokenSpans(text, Infinity)) {
    recent.push(span);
    if (recent.length > before + 1) recent.shift();
    if (matches(foldToken(span.token))) {
      hitAt = recent.length - 1;
      break;
    }
  }
  if (hitAt < 0) return null;
  // Continue from the match to fill the window.
  const start = recent[0]!;
  const spans = [...tokenSpans(text, width, start.start)];
  return { spans, from: start.start, to: spans[spans.length - 1]!.end };
}

interface Span {
  token: string;
  start: number;
  end: number;
}

// Made once: compiling the word pattern (a long Unicode class) cost more than a snippet's walk.
// `run` is shared by the token walks, which never interleave; `word` only tests (no lastIndex).
const run = new RegExp(tokenRun.source, 'gu');
const word = new RegExp(tokenRun.source, 'u');

function* tokenSpans(text: string, limit: number, from = 0): Generator<Span> {
  run.lastIndex = from;
  let count = 0;
  for (let m = run.exec(text); m !== null && count < limit; m = run.exec(text), count++) {
    yield { token: m[0], start: m.index, end: m.index + m[0].length };
  }
}

function window(text: string, spans: readonly Span[], matches: (folded: string) => boolean, from: number): Snippet {
  const last = spans[spans.length - 1];
  if (last === undefined) return { snippet: text.slice(0, 120).replace(/\s+/gu, ' ').trim(), highlights: [] };
  // "…" only where words were left out, not for a list marker or a heading's '#'.
  let snippet = hasWord(text.slice(0, from)) ? '…' : '';
  const highlights: [number, number][] = [];
  let at = spans[0]!.start;
  for (const span of spans) {
    snippet += oneLine(text.slice(at, span.start));
    if (matches(foldToken(span.token))) highlights.push([snippet.length, snippet.length + span.token.length]);
    snippet += span.token;
    at = span.end;
  }
  const rest = text.slice(at);
  const moreWords = hasWord(rest);
  snippet += moreWords ? ' …' : oneLine(rest).trimEnd();
  return { snippet: snippet.trimStart(), highlights: snippet.startsWith(' ') ? highlights.map(([s, e]) => [s - 1, e - 1]) : highlights };
}

function oneLine(text: string): string {
  return text.replace(/\s+/gu, ' ');
}

/** Whether a folded token is one of the terms' tokens (the last token of a prefix term as a prefix). */
function tokenMatcher(terms: readonly HighlightTerm[]): (folded: string) => boolean {
  const exact = new Set<string>();
  const prefixes: string[] = [];
  for (const term of terms) {
    term.tokens.forEach((token, i) => {
      if (term.prefix && i === term.tokens.length - 1) prefixes.push(token);
      else exact.add(token);
    });
  }
  return (folded) => exact.has(folded) || prefixes.some((p) => folded.startsWith(p));
}

/** [start, end) offsets of every matched word in `text` (a title, marked where it is shown whole). */
export function matchSpans(text: string, terms: readonly HighlightTerm[]): [number, number][] {
  const matches = tokenMatcher(terms);
  const spans: [number, number][] = [];
  for (const span of tokenSpans(text, Infinity)) if (matches(foldToken(span.token))) spans.push([span.start, span.end]);
  return spans;
}

/**
 * The snippet of a note found by one of its tags only: the tag, marked, then the note's preview
 * line, so that a list of notes found by a tag does not read "garden, garden, garden". Null when
 * no tag holds the words.
 */
export function tagSnippet(tags: readonly string[], terms: readonly HighlightTerm[], preview: string): Snippet | null {
  for (const tag of tags) {
    const found = makeSnippet([tag], terms);
    if (found.highlights.length === 0) continue;
    const lead = `#${found.snippet}`;
    return { snippet: preview === '' ? lead : `${lead} · ${preview}`, highlights: found.highlights.map(([start, end]) => [start + 1, end + 1]) };
  }
  return null;
}
