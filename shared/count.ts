// "1 note", "12,010 versions": how every screen, dialog, tray menu and CLI line counts things.

/** `n` and its noun, the plural when n is not 1, thousands grouped. */
export function count(n: number, noun: string, plural = `${noun}s`): string {
  return `${n.toLocaleString('en')} ${n === 1 ? noun : plural}`;
}
