// The one-line preview a note list shows under each title: the start of the body as plain text,
// without the Markdown that would read as noise in a list (heading marks, list bullets, emphasis,
// link targets) and without a first heading that only repeats the title.

/** How much of the body lists read to make a preview (in UTF-16 units). */
export const previewLead = 600;
const previewWidth = 160;

export function previewLine(lead: string, title: string): string {
  const lines = lead.split(/\r?\n/u).map(plainLine).filter((line) => line !== '');
  if (lines.length > 0 && sameText(lines[0]!, title)) lines.shift();
  const text = lines.join(' ').replace(/\s+/gu, ' ').trim();
  if (text.length <= previewWidth) return text;
  const cut = text.lastIndexOf(' ', previewWidth);
  return `${text.slice(0, cut > previewWidth / 2 ? cut : previewWidth)}…`;
}

/** One line of Markdown as plain text: no heading marks, list bullets, task boxes, emphasis or link targets. */
export function plainLine(line: string): string {
  return line
    .replace(/^\s{0,3}(?:#{1,6}\s+|>\s?|[-*+]\s+\[[ xX]\]\s+|[-*+]\s+|\d{1,9}[.)]\s+)/u, '')
    .replace(/^\s*(?:[-*_]\s*){3,}$/u, '')
    .replace(/^\s*```.*$/u, '')
    .replace(/!?\[([^\]]*)\]\([^)]*\)/gu, '$1')
    .replace(/(\*\*|__|~~|`)(.+?)\1/gu, '$2')
    .replace(/(^|[\s(])[*_](\S(?:.*?\S)?)[*_](?=[\s).,;:!?]|$)/gu, '$1$2')
    .trim();
}

function sameText(a: string, b: string): boolean {
  return a.trim().toLowerCase() === b.trim().toLowerCase();
}
