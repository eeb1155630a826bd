// A quick fingerprint of a text (32-bit FNV-1a over its UTF-16 code units), the same in the page
// and in Node: a closing page sends only its last change to a long note, with the fingerprint of
// the text the change applies to, and the host applies it only to that text. A page's typing also
// names the note it began on by fieldsHash (see saveDraft in app-contract.ts). Not for security.

const offset = 0x811c9dc5;

function feed(hash: number, text: string): number {
  let h = hash;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h;
}

export function textHash(text: string): number {
  return feed(offset, text) >>> 0;
}

/** The fingerprint of a note's title, body and tags together, each ended by U+0000 so that text moved from one to the next changes it. */
export function fieldsHash(fields: { title: string; body: string; tags: readonly string[] }): number {
  let hash = feed(feed(feed(offset, fields.title), '\u0000'), fields.body);
  for (const tag of fields.tags) hash = feed(feed(hash, '\u0000'), tag);
  return feed(hash, '\u0000') >>> 0;
}
