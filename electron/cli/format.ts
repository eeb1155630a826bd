// How the CLI prints for people (the `--json` shapes live in shared/model.ts). Pure: strings in,
// strings out, so the wording is tested without spawning a process.

import type { NoteSummary, NoteView, Version } from '../../shared/model.js';
import { count, grouped } from '../../shared/count.js';
import { bareTag } from '../../shared/fields.js';
import type { FsckReport } from '../journal/fsck.js';
import type { JournalStatus, VersionInfo } from '../journal/journal.js';
import type { SearchHit } from '../journal/search.js';
import { nothingToFind, nothingToFindWords } from '../../shared/search-query.js';

export interface Style {
  bold(text: string): string;
  dim(text: string): string;
  mark(text: string): string;
}

export const plainStyle: Style = { bold: (t) => t, dim: (t) => t, mark: (t) => `**${t}**` };

export const ansiStyle: Style = {
  bold: (t) => `\u001b[1m${t}\u001b[22m`,
  dim: (t) => `\u001b[2m${t}\u001b[22m`,
  mark: (t) => `\u001b[1;4m${t}\u001b[22;24m`,
};

export function shortId(id: string): string {
  return id.slice(0, 8);
}

export function displayTitle(title: string): string {
  return title === '' ? 'Untitled' : title;
}

/** A local date and time, to the minute: 2026-11-23 15:02. */
export function localTime(ms: number): string {
  const d = new Date(ms);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

export function tagList(tags: readonly string[]): string {
  return tags.map((t) => `#${t}`).join(' ');
}

/** A note on one line; `titleSpans` mark words in its title (a search's matches). */
export function noteLine(note: NoteSummary, style: Style, titleSpans: readonly [number, number][] = []): string {
  const flags = [note.conflict ? 'CONFLICT' : '', note.deleted ? 'trashed' : ''].filter((f) => f !== '').join(' ');
  const title = note.title === '' ? style.bold(displayTitle(note.title)) : marked(note.title, titleSpans, style, (t) => style.bold(t));
  const parts = [style.dim(shortId(note.id)), localTime(note.updated), title];
  if (note.tags.length > 0) parts.push(style.dim(tagList(note.tags)));
  if (flags !== '') parts.push(`[${flags}]`);
  return parts.join('  ');
}

export function noteList(notes: readonly NoteSummary[], style: Style, trash: boolean, tag?: string): string {
  // Filtered by a tag: say so, rather than suggest the journal is empty.
  if (notes.length === 0 && tag !== undefined) return `No ${trash ? 'note in the trash is' : 'note is'} tagged #${bareTag(tag)}.\n`;
  if (notes.length === 0) return trash ? 'The trash is empty.\n' : 'No notes here yet. Write one with `ferry new --title "…" --body "…"`, or start today\'s entry with `ferry today`.\n';
  return notes.map((n) => noteLine(n, style)).join('\n') + '\n';
}

export function noteDetail(note: NoteView, style: Style): string {
  const facts = [`id ${note.id}`, `updated ${localTime(note.updated)}`];
  if (note.tags.length > 0) facts.push(tagList(note.tags));
  const lines = [style.bold(displayTitle(note.title)), style.dim(facts.join('  ·  '))];
  if (note.deleted) lines.push(`In the trash: \`ferry restore ${shortId(note.id)}\` brings it back.`);
  if (!note.conflict && note.heads.length > 1) lines.push(style.dim(`Merged from ${note.heads.length} versions written at the same time (on different devices, or here while the app was open); the next edit records the merge.`));
  if (note.conflict) lines.push(`In conflict: ${note.heads.length} versions were written at the same time (${note.heads.map((h) => h.slice(0, 12)).join(', ')}); this shows the latest. \`ferry history ${shortId(note.id)}\` lists them.`);
  if (note.body === '') lines.push(style.dim(`(empty: write in it with \`ferry edit ${note.title.match(/^\d{4}-\d{2}-\d{2}$/) === null ? shortId(note.id) : note.title}\`)`));
  lines.push('');
  const body = note.body.endsWith('\n') || note.body === '' ? note.body : `${note.body}\n`;
  return lines.join('\n') + '\n' + body;
}

export function versionDetail(version: Version, style: Style): string {
  const facts = [`version ${version.id}`, `of note ${version.noteId}`, localTime(version.time)];
  if (version.tags.length > 0) facts.push(tagList(version.tags));
  const lines = [style.bold(displayTitle(version.title)), style.dim(facts.join('  ·  '))];
  if (version.deleted) lines.push('This version moved the note to the trash.');
  lines.push('');
  const body = version.body.endsWith('\n') || version.body === '' ? version.body : `${version.body}\n`;
  return lines.join('\n') + '\n' + body;
}

/** `prefixed`: with no hits, the same words with the last as a prefix, and how many notes that finds. */
export function searchResults(query: string, hits: readonly SearchHit[], style: Style, prefixed: { query: string; notes: number } | null = null, tag?: string): string {
  const nothing = nothingToFindWords(query);
  const tagged = tag === undefined ? '' : ` tagged #${bareTag(tag)}`;
  const tagFlag = tag === undefined ? '' : ` --tag ${shellQuoted(tag)}`;
  if (nothing !== null) return nothingToFind(query) === 'only exclusions' ? `${nothing}, as in \`ferry search WORD ${shellQuoted(query)}${tagFlag}\`.\n` : `${nothing}.\n`;
  if (hits.length === 0 && prefixed !== null) {
    const shown = prefixed.notes >= 1000 ? 'More than 999 notes match' : prefixed.notes === 1 ? '1 note matches' : `${grouped(prefixed.notes)} notes match`;
    const last = /[\p{L}\p{N}]+$/u.exec(query)?.[0] ?? query;
    return `No notes${tagged} match “${query}”. ${shown} \`ferry search ${shellQuoted(prefixed.query)}${tagFlag}\` (the star: words starting with “${last}”).\n`;
  }
  if (hits.length === 0) return `No notes${tagged} match “${query}”.\n`;
  return (
    hits
      .map((hit) => {
        const line = noteLine(hit.note, style, hit.titleHighlights);
        return hit.snippet === '' ? line : `${line}\n          ${marked(hit.snippet, hit.highlights, style)}`;
      })
      .join('\n') + '\n'
  );
}

/** Said under a list cut at its --limit: what was shown, and the --limit that shows more. */
export function moreHint(shown: string, next: number): string {
  return `(${shown}; \`--limit ${next}\` shows more)\n`;
}

/** Single-quoted for a POSIX shell (a star or a space must not be read by it). */
function shellQuoted(text: string): string {
  return `'${text.replaceAll("'", `'\\''`)}'`;
}

/** `text` with the words at `spans` marked, and the rest as `rest` styles it. */
function marked(text: string, spans: readonly [number, number][], style: Style, rest: (text: string) => string = (t) => t): string {
  let out = '';
  let at = 0;
  const plain = (part: string) => (part === '' ? '' : rest(part));
  for (const [start, end] of spans) {
    out += plain(text.slice(at, start)) + style.mark(text.slice(start, end));
    at = end;
  }
  return out + plain(text.slice(at));
}

/** Versions one per line, columns aligned: id, time, device, what changed (and the note in the log). */
export function versionLines(entries: readonly [Version, VersionInfo][], style: Style, withNote: boolean): string {
  if (entries.length === 0) return '';
  // "edited body", "merged" alone, or "merged, edited title" when the merged text was edited too.
  const what = ([, info]: [Version, VersionInfo]) =>
    info.changed.length === 0 || (info.kind !== 'edited' && info.kind !== 'merged') ? info.kind : `${info.kind === 'merged' ? 'merged, ' : ''}edited ${info.changed.join(', ')}`;
  const deviceWidth = Math.max(...entries.map(([, info]) => info.device.length));
  const whatWidth = Math.max(...entries.map((e) => what(e).length));
  const lines = entries.map((entry) => {
    const [version, info] = entry;
    const parts = [style.dim(version.id.slice(0, 12)), localTime(version.time), info.device.padEnd(deviceWidth)];
    // Padded only when the note's title follows, so no line ends in spaces.
    if (withNote) parts.push(what(entry).padEnd(whatWidth), `${displayTitle(version.title)} ${style.dim(`(${shortId(version.noteId)})`)}`);
    else parts.push(what(entry));
    return parts.join('  ');
  });
  return lines.join('\n') + '\n';
}

/** An exchange folder as `ferry status` lists it: where, and whether it is there now (a stick may be out). */
export interface FolderLine {
  path: string;
  there: boolean;
}

export function statusText(status: JournalStatus, style: Style, exchange: readonly FolderLine[] = []): string {
  const lines = [
    `${style.bold('Journal')}   ${status.journalId}`,
    `${style.bold('Folder')}    ${status.path}`,
    `${style.bold('Device')}    ${status.deviceName} (replica ${status.replicaId})`,
    `${style.bold('Notes')}     ${grouped(status.notes)} (${grouped(status.trash)} in the trash, ${grouped(status.conflicts)} in conflict)`,
    `${style.bold('Versions')}  ${grouped(status.versions)}`,
    status.remote === null
      ? `${style.bold('Server')}    none (\`ferry remote set URL --token T\` sets one)`
      : `${style.bold('Server')}    ${status.remote}, ${status.lastSync === null ? 'never synced (`ferry sync`)' : `last synced ${localTime(Date.parse(status.lastSync))}`}`,
    ...exchange.map((folder, i) => `${style.bold(i === 0 ? 'Exchange ' : '         ')} ${folder.path}${folder.there ? '' : ' (not there now: a USB stick pulled out?)'}`),
    status.peers === 0 ? `${style.bold('Devices')}   no other device heard of yet` : `${style.bold('Devices')}   ${status.peers} other ${status.peers === 1 ? 'device' : 'devices'} heard of (\`ferry peers\`)`,
    `${style.bold('Pending')}   ${
      status.pending === 0
        ? status.remote === null && status.peers === 0
          ? 'nothing written yet'
          : 'nothing: every change made here is on the server or another device'
        : `${count(status.pending, 'change')} made here ${status.pending === 1 ? 'is' : 'are'} not yet on the server or another device`
    }`,
  ];
  // Drafts are saved (on disk), only not versions yet: the app commits them when typing pauses,
  // and one left by a crash is committed when Ferry next opens the journal.
  if (status.drafts > 0) lines.push(`${style.bold('Drafts')}    ${count(status.drafts, 'note')} typed and saved, not yet a version`);
  if (status.lastSyncError !== null) lines.push(`${style.bold('Last error')} ${status.lastSyncError.message}`);
  if (status.copied !== null) lines.push('', `${style.bold('Writing stopped:')} ${status.copied}`);
  return lines.join('\n') + '\n';
}

export { count };

/** Said when `fsck --repair` could not rebuild the caches in place: the versions can still be carried to a sound journal. */
export function unrepairedAdvice(dir: string, error: Error): string {
  return (
    `\nThe notes list and the search index could not be rebuilt in place (${underlying(error)}): the damage is in the file itself. Nothing was changed.\n` +
    'The versions themselves can still be read: carry them all to a new, sound journal, and use it from then on:\n' +
    `  ferry --journal ${dir} bundle create rescue.ferry --all\n` +
    '  ferry --journal NEW_FOLDER clone rescue.ferry\n' +
    'Keep the old folder until the new one holds everything (`ferry --journal NEW_FOLDER fsck`).\n'
  );
}

/** What SQLite itself said, under Ferry's sentence about it (database.ts, translateSqliteError). */
export function underlying(error: Error): string {
  return error.cause instanceof Error ? error.cause.message : error.message;
}

/** What a person can do about a journal file too damaged to open (after fsck's list of what is wrong). */
export function damagedJournalAdvice(dir: string): string {
  return (
    `\nThe journal file in ${dir} is damaged; Ferry changes nothing in it. Keep the folder as it is (copy it somewhere safe).\n` +
    'What reached a sync server or another device is whole there: bring it into a new folder with\n' +
    '  ferry --journal NEW_FOLDER clone URL --token T      (from the sync server)\n' +
    '  ferry --journal NEW_FOLDER clone BUNDLE.ferry       (from a full bundle made on another device)\n' +
    'and use that folder from then on (FERRY_HOME=NEW_FOLDER for the app).\n'
  );
}

export function fsckText(report: FsckReport, options: { repairing?: boolean } = {}): string {
  const { versions, notes, replicas } = report.checked;
  const counted = `${count(versions, 'version')} of ${count(notes, 'note')} from ${count(replicas, 'replica')}`;
  if (report.ok) return `The journal is sound: ${counted} checked.\n`;
  return (
    `The journal has ${count(report.problems.length, 'problem')} (${counted} checked):\n` +
    report.problems.map((p) => `  - ${p}`).join('\n') +
    '\n' +
    (report.checked.notes > 0 && options.repairing !== true ? '`ferry fsck --repair` rebuilds the notes list and the search index from the versions; it cannot mend the versions themselves.\n' : '')
  );
}
