// What a person types into the search box (or `ferry search QUERY`) becomes an FTS5 MATCH
// expression for the `search` table (tokenize = 'unicode61 remove_diacritics 2'). Any text at all
// is a valid input: the output is either null or an expression FTS5 accepts, because every piece
// of user text reaches FTS5 only inside an FTS5 string ("…" with " doubled), never as syntax.
//
// The query language
// ──────────────────
//   query    := { space | item }
//   item     := OR | term
//   term     := [ "-" ] ( phrase | word )
//   phrase   := quote { any character but a quote } [ quote ] [ "*" ]
//   word     := { any character but a space or a quote } , not the bare word OR
//
// • Spaces separate terms (any Unicode white space, e.g. the ideographic space U+3000; control
//   characters count as spaces). Terms are ANDed, in any column: `garden plan` finds the notes
//   holding both words.
// • A word is literal text: `c++`, `foo:bar`, `NEAR(a`, `AND`, `NOT`, `^start`, `{title}`, `'`.
//   unicode61 splits it into tokens at punctuation, and the tokens must then be adjacent, so
//   `foo:bar` finds "foo:bar", "foo bar" and "Foo-Bar"; `c++` finds the token "c".
// • A trailing `*` (one or more) makes the last token a prefix: `caf*` finds café, cafe,
//   cafeteria. A `*` anywhere else is punctuation.
// • Double quotes make a phrase: `"garden plan"` finds those words next to each other in that
//   order. A quote opens or closes a phrase wherever it stands (`say"hello world"` is `say` and
//   the phrase), an unterminated phrase runs to the end of the text, and typographic quotes
//   “ ” „ ‟ and the full-width ＂ (what phone and Mac keyboards type) work like ".
//   A `*` right before the closing quote or right after it makes the phrase's last word a
//   prefix: `"garden pl*"` and `"garden pl"*` find "garden plan".
// • OR in capitals between two terms means either: `tomatoes OR basil`. OR binds tighter than
//   the implicit AND, as in web search: `garden tomatoes OR basil` is garden AND (tomatoes OR
//   basil); `a OR b OR c` is one group. A run of ORs between two terms counts as one. An OR
//   that is not between two (non-excluded) terms is simply the word "or" (`OR` alone, `garden
//   OR`, `a OR -b`), and so are `or`, `Or` and a quoted "OR".
// • A `-` at the start of a term excludes it: `garden -draft`, `garden -"old plan"`. A `-` that
//   is not followed directly by a term is punctuation. FTS5 cannot evaluate a query made only of
//   exclusions, and turning `-draft` into `draft` would show exactly the notes the person wanted
//   to hide, so a query with nothing but exclusions gives null, like an empty box.
// • A term with no character that unicode61 indexes (only punctuation, symbols, spaces) is
//   dropped as if it had not been typed: `garden !!!` is `garden`, `a OR ??? OR b` is a OR b.
//   Without this, FTS5 would AND in a phrase of zero tokens, which matches nothing.
// • Null means nothing searchable: empty text, spaces, punctuation, only exclusions.
//
// Diacritics and case are the tokenizer's business (café = cafe = CAFÉ); nothing is folded here.
//
// The FTS5 expression has the shape
//   "w1" "w2"* …                                  (implicit AND of the single terms)
//   ("w1" "w2") AND ("a" OR "b") AND …            (when there are OR groups)
//   (…) NOT ("x" OR "y" …)                        (when there are exclusions)
// Single terms use FTS5's implicit AND (juxtaposition), which also skips a phrase of zero tokens
// should one ever slip through; FTS5 accepts it only between phrases, not after parentheses, so
// OR groups are joined with an explicit AND. All exclusions go into one NOT: a chain `a NOT x NOT y …` deepens the expression tree by one
// level per NOT, and FTS5 refuses trees deeper than 256 levels.

/**
 * The code points unicode61 (SQLite 3.53, default categories "L* N* Co") does NOT start a token
 * with, as hexadecimal ranges, plus the surrogates U+D800–DFFF (a lone surrogate reaches SQLite as
 * U+FFFD, itself a separator). unicode61 classifies characters by its own Unicode tables, not by
 * today's Unicode: code points unassigned in those tables, including most emoji newer than
 * Unicode 6 (🤔, 🥑, 🦀), ARE token characters and can be searched for, while older emoji
 * (😀, 🚀, ❤) are separators and cannot. Hence a measured table instead of /\p{L}|\p{N}/u.
 * Measured by indexing every code point as its own row and listing the rows that got a token;
 * search-query.test.ts re-measures it against the installed SQLite.
 */
const unicode61Separators = [
  '0-2f 3a-40 5b-60 7b-a9 ab-b1 b4 b6-b8 bb bf d7 f7 2c2-2c5 2d2-2df 2e5-2eb 2ed 2ef-36f 375 37e',
  '384-385 387 3f6 482-489 55a-55f 589-58a 58f 591-5c7 5f3-5f4 600-604 606-61b 61e-61f 64b-65f',
  '66a-66d 670 6d4 6d6-6e4 6e7-6ed 6fd-6fe 700-70d 70f 711 730-74a 7a6-7b0 7eb-7f3 7f6-7f9 816-819',
  '81b-823 825-827 829-82d 830-83e 859-85b 85e 8e4-8fe 900-903 93a-93c 93e-94f 951-957 962-965 970',
  '981-983 9bc 9be-9c4 9c7-9c8 9cb-9cd 9d7 9e2-9e3 9f2-9f3 9fa-9fb a01-a03 a3c a3e-a42 a47-a48',
  'a4b-a4d a51 a70-a71 a75 a81-a83 abc abe-ac5 ac7-ac9 acb-acd ae2-ae3 af0-af1 b01-b03 b3c b3e-b44',
  'b47-b48 b4b-b4d b56-b57 b62-b63 b70 b82 bbe-bc2 bc6-bc8 bca-bcd bd7 bf3-bfa c01-c03 c3e-c44',
  'c46-c48 c4a-c4d c55-c56 c62-c63 c7f c82-c83 cbc cbe-cc4 cc6-cc8 cca-ccd cd5-cd6 ce2-ce3 d02-d03',
  'd3e-d44 d46-d48 d4a-d4d d57 d62-d63 d79 d82-d83 dca dcf-dd4 dd6 dd8-ddf df2-df4 e31 e34-e3a e3f',
  'e47-e4f e5a-e5b eb1 eb4-eb9 ebb-ebc ec8-ecd f01-f1f f34-f3f f71-f87 f8d-f97 f99-fbc fbe-fcc',
  'fce-fda 102b-103e 104a-104f 1056-1059 105e-1060 1062-1064 1067-106d 1071-1074 1082-108d 108f',
  '109a-109f 10fb 135d-1368 1390-1399 1400 166d-166e 1680 169b-169c 16eb-16ed 1712-1714 1732-1736',
  '1752-1753 1772-1773 17b4-17d6 17d8-17db 17dd 1800-180e 18a9 1920-192b 1930-193b 1940 1944-1945',
  '19b0-19c0 19c8-19c9 19de-19ff 1a17-1a1b 1a1e-1a1f 1a55-1a5e 1a60-1a7c 1a7f 1aa0-1aa6 1aa8-1aad',
  '1b00-1b04 1b34-1b44 1b5a-1b7c 1b80-1b82 1ba1-1bad 1be6-1bf3 1bfc-1bff 1c24-1c37 1c3b-1c3f',
  '1c7e-1c7f 1cc0-1cc7 1cd0-1ce8 1ced 1cf2-1cf4 1dc0-1de6 1dfc-1dff 1fbd 1fbf-1fc1 1fcd-1fcf',
  '1fdd-1fdf 1fed-1fef 1ffd-1ffe 2000-2064 206a-206f 207a-207e 208a-208e 20a0-20b9 20d0-20f0',
  '2100-2101 2103-2106 2108-2109 2114 2116-2118 211e-2123 2125 2127 2129 212e 213a-213b 2140-2144',
  '214a-214d 214f 2190-23f3 2400-2426 2440-244a 249c-24e9 2500-26ff 2701-2775 2794-2b4c 2b50-2b59',
  '2ce5-2cea 2cef-2cf1 2cf9-2cfc 2cfe-2cff 2d70 2d7f 2de0-2e2e 2e30-2e3b 2e80-2e99 2e9b-2ef3',
  '2f00-2fd5 2ff0-2ffb 3000-3004 3008-3020 302a-3030 3036-3037 303d-303f 3099-309c 30a0 30fb',
  '3190-3191 3196-319f 31c0-31e3 3200-321e 322a-3247 3250 3260-327f 328a-32b0 32c0-32fe 3300-33ff',
  '4dc0-4dff a490-a4c6 a4fe-a4ff a60d-a60f a66f-a67e a69f a6f0-a6f7 a700-a716 a720-a721 a789-a78a',
  'a802 a806 a80b a823-a82b a836-a839 a874-a877 a880-a881 a8b4-a8c4 a8ce-a8cf a8e0-a8f1 a8f8-a8fa',
  'a926-a92f a947-a953 a95f a980-a983 a9b3-a9cd a9de-a9df aa29-aa36 aa43 aa4c-aa4d aa5c-aa5f',
  'aa77-aa79 aa7b aab0 aab2-aab4 aab7-aab8 aabe-aabf aac1 aade-aadf aaeb-aaf1 aaf5-aaf6 abe3-abed',
  'd800-dfff fb1e fb29 fbb2-fbc1 fd3e-fd3f fdfc-fdfd fe00-fe19 fe20-fe26 fe30-fe52 fe54-fe66',
  'fe68-fe6b feff ff01-ff0f ff1a-ff20 ff3b-ff40 ff5b-ff65 ffe0-ffe6 ffe8-ffee fff9-ffff 10100-10102',
  '10137-1013f 10179-10189 10190-1019b 101d0-101fd 1039f 103d0 10857 1091f 1093f 10a01-10a03',
  '10a05-10a06 10a0c-10a0f 10a38-10a3a 10a3f 10a50-10a58 10a7f 10b39-10b3f 11000-11002 11038-1104d',
  '11080-11082 110b0-110c1 11100-11102 11127-11134 11140-11143 11180-11182 111b3-111c0 111c5-111c8',
  '116ab-116b7 12470-12473 16f51-16f7e 16f8f-16f92 1d000-1d0f5 1d100-1d126 1d129-1d1dd 1d200-1d245',
  '1d300-1d356 1d6c1 1d6db 1d6fb 1d715 1d735 1d74f 1d76f 1d789 1d7a9 1d7c3 1eef0-1eef1 1f000-1f02b',
  '1f030-1f093 1f0a0-1f0ae 1f0b1-1f0be 1f0c1-1f0cf 1f0d1-1f0df 1f110-1f12e 1f130-1f16b 1f170-1f19a',
  '1f1e6-1f202 1f210-1f23a 1f240-1f248 1f250-1f251 1f300-1f320 1f330-1f335 1f337-1f37c 1f380-1f393',
  '1f3a0-1f3c4 1f3c6-1f3ca 1f3e0-1f3f0 1f400-1f43e 1f440 1f442-1f4f7 1f4f9-1f4fc 1f500-1f53d',
  '1f540-1f543 1f550-1f567 1f5fb-1f640 1f645-1f64f 1f680-1f6c5 1f700-1f773 e0001 e0020-e007f',
  'e0100-e01ef',
].join(' ');

/** Matches one character unicode61 indexes (a token character). */
const separatorRanges = unicode61Separators
  .split(' ')
  .map((range) =>
    range
      .split('-')
      .map((hex) => `\\u{${hex}}`)
      .join('-'),
  )
  .join('');
const tokenCharacter = new RegExp(`[^${separatorRanges}]`, 'u');

/**
 * Scripts written without spaces between words (Chinese, Japanese, Thai, Lao, Khmer, Burmese), and
 * Korean, whose words carry their particles (학교에서: at school). unicode61 would index a whole run
 * of them as one token, so that 東京 could not find 東京旅行, nor 写真 find 写真を撮った. Each of their
 * characters is made a token of its own instead, in the index and in queries alike (segmented),
 * and a word of them is looked up as the phrase of its characters: found anywhere in a run, as a
 * person expects of these scripts.
 */
const segmentedClass = '\\p{Script=Han}\\p{Script=Hiragana}\\p{Script=Katakana}\\p{Script=Hangul}\\p{Script=Thai}\\p{Script=Lao}\\p{Script=Khmer}\\p{Script=Myanmar}';
const segmentedCharacter = new RegExp(`[${segmentedClass}]`, 'u');
const segmentedRun = new RegExp(`[${segmentedClass}]+`, 'gu');
/** U+2060 WORD JOINER: invisible, and a separator for unicode61. */
const joiner = '\u2060';
const spaceOrJoiner = /[\s\u2060]/u;

/**
 * Text as the search index holds it, and as queries are put to it: a word joiner between every
 * character of the segmented scripts and whatever touches it (東京tower: 東, 京, tower). Other text
 * is returned as it is.
 */
export function segmented(text: string): string {
  if (!segmentedCharacter.test(text)) return text;
  return text.replace(segmentedRun, (run: string, offset: number) => {
    const end = offset + run.length;
    const before = offset > 0 && !spaceOrJoiner.test(text[offset - 1]!) ? joiner : '';
    const after = end < text.length && !spaceOrJoiner.test(text[end]!) ? joiner : '';
    return before + Array.from(run).join(joiner) + after;
  });
}

/** Text read back from the search index, without the joiners `segmented` put in. */
export function unsegmented(text: string): string {
  return text.includes(joiner) ? text.replaceAll(joiner, '') : text;
}

/** Characters that open or close a phrase. */
const quotes = new Set(['"', '\u201C', '\u201D', '\u201E', '\u201F', '\uFF02']);
const space = /\s/u;

interface Term {
  /** The literal text, without the leading `-` and the trailing `*`s. */
  readonly text: string;
  readonly prefix: boolean;
  readonly exclude: boolean;
}

type Item = { readonly kind: 'term'; readonly term: Term } | { readonly kind: 'or' };

const literalOr: Term = { text: 'OR', prefix: false, exclude: false };

/** Translates what a person typed into an FTS5 MATCH expression, or null when it holds nothing searchable (only spaces or punctuation). */
export function toFtsQuery(typed: string): string | null {
  const { groups, excluded } = group(lex(typed));
  if (groups.length === 0) return null;
  const singles = groups.filter((terms) => terms.length === 1).map((terms) => ftsString(terms[0]!));
  const parts = groups.filter((terms) => terms.length > 1).map((terms) => `(${terms.map(ftsString).join(' OR ')})`);
  if (singles.length > 0) parts.unshift(singles.length > 1 && parts.length > 0 ? `(${singles.join(' ')})` : singles.join(' '));
  const wanted = parts.join(' AND ');
  if (excluded.length === 0) return wanted;
  // One phrase or one parenthesized OR group needs no parentheses of its own.
  const single = parts.length === 1 && (singles.length === 1 || singles.length === 0);
  const unwanted = excluded.length === 1 ? ftsString(excluded[0]!) : `(${excluded.map(ftsString).join(' OR ')})`;
  return `${single ? wanted : `(${wanted})`} NOT ${unwanted}`;
}

/** A word to highlight in results: its tokens as the index holds them (folded), the last one a prefix or not. */
export interface HighlightTerm {
  tokens: string[];
  prefix: boolean;
}

/**
 * Why a query is not searched at all (toFtsQuery gives null), for a sentence better than "no
 * notes match": it only leaves notes out (`-draft`), or it holds no word (punctuation, symbols,
 * spaces). Null when it has something to find.
 */
export function nothingToFind(typed: string): 'only exclusions' | 'no words' | null {
  if (toFtsQuery(typed) !== null) return null;
  return group(lex(typed)).excluded.length > 0 ? 'only exclusions' : 'no words';
}

/** What the app and the CLI say when nothing was looked for (see nothingToFind), without the final stop; null when something was. */
export function nothingToFindWords(typed: string): string | null {
  const why = nothingToFind(typed);
  if (why === 'only exclusions') return `“${typed}” only leaves notes out: add a word to look for`;
  if (why === 'no words') return `“${typed}” holds no word to look for: search skips punctuation and symbols`;
  return null;
}

/** The terms a result is expected to contain (exclusions left out), for marking them in snippets. */
export function highlightTerms(typed: string): HighlightTerm[] {
  const { groups } = group(lex(typed));
  return groups.flat().map((term) => ({ tokens: tokensOf(term.text).map(foldToken), prefix: term.prefix }));
}

/** A token as the index holds it: one character of the segmented scripts, or a run of the other characters unicode61 indexes. */
export const tokenRun = new RegExp(`[^${separatorRanges}${segmentedClass}]+|(?=[${segmentedClass}])[^${separatorRanges}]`, 'gu');

/** Whether a token is one character of the segmented scripts (snippets count them as part of a word). */
export function isSegmentedToken(token: string): boolean {
  return segmentedCharacter.test(token);
}

/** The tokens the index holds for some text (before folding). */
export function tokensOf(text: string): string[] {
  return text.match(tokenRun) ?? [];
}

/** Folds a token as unicode61 with remove_diacritics 2 does, closely enough to mark matches: no case, no accents. */
export function foldToken(token: string): string {
  // eslint-disable-next-line no-control-regex
  return /^[\x00-\x7f]*$/.test(token) ? token.toLowerCase() : token.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

/** Splits the text into OR markers and searchable terms; terms with nothing to index are dropped. */
function lex(typed: string): Item[] {
  // Control characters are separators for unicode61 anyway, and a NUL inside an FTS5 string
  // makes FTS5 report an "unterminated string".
  const text = typed.replace(/\p{Cc}/gu, ' ');
  const items: Item[] = [];
  const push = (raw: string, prefix: boolean, exclude: boolean): void => {
    if (tokenCharacter.test(raw)) items.push({ kind: 'term', term: { text: raw, prefix, exclude } });
  };
  let at = 0;
  while (at < text.length) {
    if (space.test(text[at]!)) {
      at++;
      continue;
    }
    let exclude = false;
    if (text[at] === '-' && at + 1 < text.length && !space.test(text[at + 1]!)) {
      exclude = true;
      at++;
    }
    if (quotes.has(text[at]!)) {
      const start = at + 1;
      let end = start;
      while (end < text.length && !quotes.has(text[end]!)) end++;
      let body = text.slice(start, end).trimEnd();
      at = end + 1;
      let prefix = false;
      if (body.endsWith('*')) {
        body = body.replace(/\*+$/u, '');
        prefix = true;
      }
      while (text[at] === '*') {
        prefix = true;
        at++;
      }
      push(body, prefix, exclude);
    } else {
      let end = at;
      while (end < text.length && !space.test(text[end]!) && !quotes.has(text[end]!)) end++;
      const word = text.slice(at, end);
      at = end;
      if (word === 'OR' && !exclude) {
        items.push({ kind: 'or' });
        continue;
      }
      const body = word.replace(/\*+$/u, '');
      push(body, body.length < word.length, exclude);
    }
  }
  return items;
}

/** Gathers the wanted terms into OR groups (ANDed together) and sets the exclusions apart. */
function group(items: readonly Item[]): { groups: Term[][]; excluded: Term[] } {
  const groups: Term[][] = [];
  const excluded: Term[] = [];
  const isWanted = (item: Item | undefined): boolean => item?.kind === 'term' && !item.term.exclude;
  let joinNext = false;
  let at = 0;
  while (at < items.length) {
    const item = items[at]!;
    if (item.kind === 'or') {
      let end = at;
      while (items[end]?.kind === 'or') end++;
      if (isWanted(items[at - 1]) && isWanted(items[end])) joinNext = true;
      else for (let n = at; n < end; n++) groups.push([literalOr]);
      at = end;
      continue;
    }
    if (item.term.exclude) excluded.push(item.term);
    else if (joinNext) groups[groups.length - 1]!.push(item.term);
    else groups.push([item.term]);
    joinNext = false;
    at++;
  }
  return { groups, excluded };
}

/** The term as an FTS5 string: only `"` is special inside one, and it is doubled. */
function ftsString(term: Term): string {
  return `"${segmented(term.text).replaceAll('"', '""')}"${term.prefix ? '*' : ''}`;
}

/**
 * A query being typed: its last word is still growing, so it is looked up as a prefix ("viad"
 * finds "viaduct"). A query that ends in a space, a quote or a `*` is taken as written.
 */
export function asTypedSoFar(typed: string): string {
  return /[\p{L}\p{N}]$/u.test(typed) ? `${typed}*` : typed;
}

/**
 * A note looked up by name (the quick switcher): every word before the last is the start of a
 * word too, so "jour 2024-10" finds "Journal 2024-10-28" and "gard pla" finds "Garden plan". The
 * last word is left for asTypedSoFar; words in quotes, excluded words and OR are left as typed.
 */
export function asNameSoFar(typed: string): string {
  return typed
    .split(/(["\u201C\u201D\u201E\u201F\uFF02][^"\u201C\u201D\u201E\u201F\uFF02]*["\u201C\u201D\u201E\u201F\uFF02]?)/u)
    .map((part, index) => (index % 2 === 1 ? part : part.replace(/(^|\s)([^\s-][^\s]*[\p{L}\p{N}])(?=\s)/gu, (whole, space: string, word: string) => (word === 'OR' ? whole : `${space}${word}*`))))
    .join('');
}

/**
 * Whether a query typed so far is one letter or digit: as a prefix it is the start of a word in
 * nearly every note ("g" matched 9,869 of 10,000 notes in the bench's journal), so ranking the
 * bodies gives a slow list of noise; in titles and tags it means the start of a name, which is
 * what a person who typed one letter is looking for. Letters without case (Han, kana, Thai…)
 * can be a whole word on their own and are searched everywhere.
 */
export function titlesOnlySoFar(typed: string): boolean {
  const text = typed.trim();
  return /^\p{N}$/u.test(text) || (/^\p{L}$/u.test(text) && text.toLowerCase() !== text.toUpperCase());
}
