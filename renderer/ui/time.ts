// Times as a person reads them in the renderer. The relative words ("5 min ago", "in 40 s", "3 Mar")
// live in shared/relative-time.ts, because the desktop tray says them too; they are re-exported
// here so the renderer has one place to ask. What only the renderer shows stays here: the full
// date and time of a tooltip or a history entry, with its formatter made once (a
// toLocaleDateString call with options builds one each time, which is slow in a long list).

export { ago, day, until } from '../../shared/relative-time.js';

const full = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

/** Full date and time, for a tooltip or a history entry. */
export function fullTime(time: number): string {
  return full.format(new Date(time));
}
