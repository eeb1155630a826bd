// "1 note", "12,010 versions": how every screen, dialog, tray menu and CLI line counts things.
//
// Thousands are grouped here rather than by toLocaleString('en'): the first call to it loads
// ICU's number formatting, about 20 ms, which is a seventh of `ferry status` on its own.

/** `n` with its thousands grouped by commas: 12010 → "12,010", -1234.5 → "-1,234.5". */
export function grouped(n: number): string {
  if (!Number.isFinite(n)) return String(n);
  const [whole = '', fraction] = String(Math.abs(n)).split('.');
  if (whole.includes('e')) return n.toLocaleString('en');
  const digits = whole.replace(/\B(?=(\d{3})+$)/g, ',');
  return `${n < 0 ? '-' : ''}${digits}${fraction === undefined ? '' : `.${fraction}`}`;
}

/** `n` and its noun, the plural when n is not 1, thousands grouped. */
export function count(n: number, noun: string, plural = `${noun}s`): string {
  return `${grouped(n)} ${n === 1 ? noun : plural}`;
}
