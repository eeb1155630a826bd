// A quick fingerprint of a text (32-bit FNV-1a over its UTF-16 code units), the same in the page
// and in Node: a closing page sends only its last change to a long note, with the fingerprint of
// the text the change applies to, and the host applies it only to that text. Not for security.

export function textHash(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}
