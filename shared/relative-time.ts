// Times as words relative to now: "just now", "5 min ago", "14:05" (earlier today: the time alone,
// as mail lists show it, which leaves a narrow list room for titles), "yesterday 14:05", "3 Mar",
// "3 Mar 2024"; and "in 40 s" for a retry to come. Shared so that the renderer's lists and status
// bar and the desktop tray say the same words. Pure, so it is tested with a fixed now; the
// locale's own words are used for dates. The formatters are made once: a toLocaleDateString call
// with options builds one each time, which cost a list of 50 search hits 17 ms at every keystroke.

const minute = 60_000;
const hour = 60 * minute;

const formats = {
  dayMonth: new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'short' }),
  dayMonthYear: new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'short', year: 'numeric' }),
  clock: new Intl.DateTimeFormat(undefined, { hour: 'numeric', minute: '2-digit' }),
};

export function ago(time: number, now: number): string {
  const past = now - time;
  if (past < 45_000) return 'just now';
  if (past < hour) return `${Math.round(past / minute)} min ago`;
  const then = new Date(time);
  const today = new Date(now);
  if (sameDay(then, today)) return clock(then);
  const yesterday = new Date(now);
  yesterday.setDate(today.getDate() - 1);
  if (sameDay(then, yesterday)) return `yesterday ${clock(then)}`;
  return day(time, now);
}

/** "3 Mar", or "3 Mar 2024" when not this year. */
export function day(time: number, now: number): string {
  const then = new Date(time);
  return (then.getFullYear() === new Date(now).getFullYear() ? formats.dayMonth : formats.dayMonthYear).format(then);
}

/** "in 40 s", "in 3 min", "now". */
export function until(time: number, now: number): string {
  const left = time - now;
  if (left < 1000) return 'now';
  if (left < minute) return `in ${Math.ceil(left / 1000)} s`;
  return `in ${Math.ceil(left / minute)} min`;
}

function clock(date: Date): string {
  return formats.clock.format(date);
}

function sameDay(a: Date, b: Date): boolean {
  return a.getFullYear() === b.getFullYear() && a.getMonth() === b.getMonth() && a.getDate() === b.getDate();
}
