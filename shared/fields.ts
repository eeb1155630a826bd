// What a note's fields may hold, checked the same way wherever a person can type them (CLI, app).
// Pure: the engine calls these before it writes anything.

import { FerryError } from './errors.js';

const maxTitleLength = 500;
const maxTagLength = 64;

/** A title is one line of text; surrounding spaces are dropped. */
export function normaliseTitle(title: string): string {
  const trimmed = title.trim();
  if (/[\r\n]/.test(trimmed)) throw new FerryError('BadInput', 'A title is one line: remove the line break from it.');
  if (!trimmed.isWellFormed()) throw new FerryError('BadInput', 'The title holds a broken Unicode character (a lone surrogate).');
  if ([...trimmed].length > maxTitleLength) throw new FerryError('BadInput', `A title is at most ${maxTitleLength} characters.`);
  return trimmed;
}

/** A tag as a person may type it (" #garden"), as notes carry it ("garden"), without checking it. */
export function bareTag(tag: string): string {
  return tag.trim().replace(/^#+/u, '');
}

/** A tag is one word (letters, digits, `-`, `_`, `/`, `.`…, no spaces); a leading `#` is dropped. */
export function normaliseTag(tag: string): string {
  const word = bareTag(tag);
  if (word === '') throw new FerryError('BadInput', `"${tag}" is not a tag: a tag needs at least one letter or digit.`);
  if (/[\s,]/u.test(word) || /\p{Cc}/u.test(word)) {
    throw new FerryError('BadInput', `"${tag}" is not a tag: a tag is one word, without spaces or commas (try "${word.replace(/[\s,]+/gu, '-')}").`);
  }
  if (!word.isWellFormed()) throw new FerryError('BadInput', 'The tag holds a broken Unicode character (a lone surrogate).');
  if ([...word].length > maxTagLength) throw new FerryError('BadInput', `A tag is at most ${maxTagLength} characters.`);
  return word;
}

/** Tags as versions hold them: normalised, without duplicates, sorted by code point. */
export function normaliseTags(tags: readonly string[]): string[] {
  return [...new Set(tags.map(normaliseTag))].sort(compareCodePoints);
}

/** The body is kept byte for byte (CRLF, no trailing newline, any Unicode); it must be well-formed. */
export function checkBody(body: string): string {
  if (!body.isWellFormed()) throw new FerryError('BadInput', 'The body holds a broken Unicode character (a lone surrogate).');
  return body;
}

/** Order by Unicode code point (not UTF-16 unit, not locale): the same on every device. */
export function compareCodePoints(a: string, b: string): number {
  const ia = a[Symbol.iterator]();
  const ib = b[Symbol.iterator]();
  for (;;) {
    const x = ia.next();
    const y = ib.next();
    if (x.done === true) return y.done === true ? 0 : -1;
    if (y.done === true) return 1;
    const d = x.value.codePointAt(0)! - y.value.codePointAt(0)!;
    if (d !== 0) return d;
  }
}
