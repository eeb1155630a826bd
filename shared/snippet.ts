// Snippets for search hits, built here rather than by FTS5's snippet(): that function's cost grows
// with the square of the matches in a document (measured: 1.9 s for a 430 kB note full of a
// common word, 32 s for 1.7 MB), so one long log note would freeze every search. This walks the
// text once, stops at the first match, and marks the matching words around it. The open note
// marks the words of the search being made with the same matching (matchSpans, firstMatchAt).

import { plainLine } from './preview.js';
import { asTypedSoFar, foldToken, highlightTerms, isSegmentedToken, titlesOnlySoFar, tokenRun, type HighlightTerm } from './search-query.js';

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
  const matcher = termMatcher(terms);
  for (const text of texts) {
    const found = snippetOf(text, matcher);
    if (found !== null) return found;
  }
  const first = texts.find((t) => t.trim() !== '') ?? '';
  return window(first, [...tokenSpans(first, width)], noMatch, 0);
}

/**
 * The window around the first match, read from its lines with their Markdown taken out as the
 * list's preview line does (preview.ts): "grew tall", not "**grew** tall" or "- [x] grew". When
 * the match was in Markdown itself (a link's address), the raw window is kept.
 */
function snippetOf(text: string, matches: Matcher): Snippet | null {
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
function windowOf(text: string, matches: Matcher): { spans: Span[]; from: number; to: number } | null {
  // The last tokens read, in a ring: enough to go `before` words back from the start of a match of several.
  const size = matches.longest + before * segmentsPerWord;
  const recent: Span[] = [];
  const folded: string[] = [];
  let seen = 0;
  let length = 0;
  run.lastIndex = 0;
  for (let m = run.exec(text); m !== null; m = run.exec(text)) {
    const slot = seen % size;
    recent[slot] = { token: m[0], start: m.index, end: m.index + m[0].length };
    folded[slot] = foldToken(m[0]);
    seen++;
    length = matchEnding(matches, folded, slot, Math.min(seen, size));
    if (length > 0) break;
  }
  if (length === 0) return null;
  // Up to `before` words before the match, then on from there to fill the window.
  const at = (back: number) => recent[(seen - 1 - back) % size]!;
  let first = length - 1; // tokens back from the last read to the window's first
  for (let used = 0; first + 1 < Math.min(seen, size) && used + weightOf(at(first + 1).token) <= before; first++) used += weightOf(at(first + 1).token);
  const start = at(first);
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

/** The tokens of `text` from `from` on, as many as make `limit` words (weightOf). */
function* tokenSpans(text: string, limit: number, from = 0): Generator<Span> {
  run.lastIndex = from;
  let used = 0;
  for (let m = run.exec(text); m !== null && used < limit; m = run.exec(text)) {
    if (limit !== Infinity) used += weightOf(m[0]);
    yield { token: m[0], start: m.index, end: m.index + m[0].length };
  }
}

/**
 * A character of the scripts written without spaces is a token of its own (search-query.ts,
 * segmented): several of them make a word, so a window holds about as much text in any script.
 */
const segmentsPerWord = 4;

function weightOf(token: string): number {
  return token.length <= 2 && isSegmentedToken(token) ? 1 / segmentsPerWord : 1;
}

function window(text: string, spans: readonly Span[], matches: Matcher, from: number): Snippet {
  const last = spans[spans.length - 1];
  if (last === undefined) return { snippet: text.slice(0, 120).replace(/\s+/gu, ' ').trim(), highlights: [] };
  // "…" only where words were left out, not for a list marker or a heading's '#'.
  let snippet = hasWord(text.slice(0, from)) ? '…' : '';
  const highlights: [number, number][] = [];
  let at = spans[0]!.start;
  const marked = matchedTokens(spans, matches);
  for (const [i, span] of spans.entries()) {
    snippet += oneLine(text.slice(at, span.start));
    if (marked[i] === true) mark(highlights, snippet.length, snippet.length + span.token.length);
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

/**
 * Where the terms are found in a run of tokens: a term of one token wherever it is, a term of
 * several (東京: 東, 京; foo:bar) where its tokens follow each other, as the index finds a phrase.
 * The last token of a prefix term matches as a prefix.
 */
interface Matcher {
  /** Whether a folded token is a term of one token. */
  one(folded: string): boolean;
  /** The terms of several tokens. */
  several: readonly HighlightTerm[];
  /** The most tokens a term has. */
  longest: number;
}

const noMatch: Matcher = { one: () => false, several: [], longest: 1 };

function termMatcher(terms: readonly HighlightTerm[]): Matcher {
  const exact = new Set<string>();
  const prefixes: string[] = [];
  const several: HighlightTerm[] = [];
  for (const term of terms) {
    const [only] = term.tokens;
    if (term.tokens.length > 1) several.push(term);
    else if (only !== undefined && term.prefix) prefixes.push(only);
    else if (only !== undefined) exact.add(only);
  }
  return {
    one: prefixes.length === 0 ? (folded) => exact.has(folded) : (folded) => exact.has(folded) || prefixes.some((p) => folded.startsWith(p)),
    several,
    longest: Math.max(1, ...several.map((t) => t.tokens.length)),
  };
}

/**
 * The number of tokens of a term found ending at folded[last] (the longest, if several), or 0.
 * `folded` is a ring of `available` tokens (at most its length): the one before folded[i] is at
 * i − 1, wrapping round.
 */
function matchEnding(matches: Matcher, folded: readonly string[], last: number, available: number): number {
  let found = 0;
  for (const term of matches.several) {
    const n = term.tokens.length;
    if (n <= found || n > available) continue;
    let all = true;
    for (let k = 0; k < n && all; k++) {
      const token = folded[(last - k + folded.length) % folded.length]!;
      const wanted = term.tokens[n - 1 - k]!;
      all = term.prefix && k === 0 ? token.startsWith(wanted) : token === wanted;
    }
    if (all) found = n;
  }
  return found > 0 ? found : matches.one(folded[last]!) ? 1 : 0;
}

/** Which of the spans are part of a match. */
function matchedTokens(spans: readonly Span[], matches: Matcher): boolean[] {
  const folded = spans.map((span) => foldToken(span.token));
  const marked: boolean[] = new Array<boolean>(spans.length).fill(false);
  for (let i = 0; i < folded.length; i++) {
    const length = matchEnding(matches, folded, i, i + 1);
    for (let k = 0; k < length; k++) marked[i - k] = true;
  }
  return marked;
}

/**
 * The terms of a search being typed, to mark in the open note as the list looks them up (its last
 * word a prefix so far); none for an empty query, one of exclusions only, or one letter (the list
 * looks that up in titles and tags only: in the text it would mark every other word).
 */
export function termsToMark(query: string): HighlightTerm[] {
  const words = query.trim();
  if (words === '' || titlesOnlySoFar(words)) return [];
  return highlightTerms(asTypedSoFar(words)).filter((term) => term.tokens.length > 0);
}

/** Where the first match in `text` starts (a note opened while searching is shown there), or null. */
export function firstMatchAt(text: string, terms: readonly HighlightTerm[]): number | null {
  const found = windowOf(text, termMatcher(terms));
  if (found === null) return null;
  const first = matchSpans(text.slice(found.from, found.to), terms)[0];
  return first === undefined ? null : found.from + first[0];
}

/** [start, end) offsets of every matched word in `text` (a title, marked where it is shown whole). */
export function matchSpans(text: string, terms: readonly HighlightTerm[]): [number, number][] {
  const spans = [...tokenSpans(text, Infinity)];
  const marked = matchedTokens(spans, termMatcher(terms));
  const highlights: [number, number][] = [];
  spans.forEach((span, i) => {
    if (marked[i] === true) mark(highlights, span.start, span.end);
  });
  return highlights;
}

/** Adds [start, end) to the highlights, as one with the last when they touch (写真: one mark, not two). */
function mark(highlights: [number, number][], start: number, end: number): void {
  const last = highlights[highlights.length - 1];
  if (last !== undefined && last[1] === start) last[1] = end;
  else highlights.push([start, end]);
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
