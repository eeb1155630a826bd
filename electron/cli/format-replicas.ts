// How the CLI prints bundles, runs, peers and conflicts for people (--json prints the engine's
// shapes). Pure: strings in, strings out.

import type { BundleHeader } from '../../shared/bundle.js';
import type { NoteSummary, Version } from '../../shared/model.js';
import { grouped } from '../../shared/count.js';
import type { CreatedBundle } from '../bundle/create-bundle.js';
import type { ImportedBundle } from '../bundle/import-bundle.js';
import type { UndoResult } from '../journal/journal.js';
import type { Peer } from '../journal/peers.js';
import type { Run, RunNote } from '../journal/runs.js';
import { count, displayTitle, localTime, noteLine, shortId, type Style } from './format.js';


/** 1234567 → "1.2 MB". */
export function size(bytes: number): string {
  if (bytes < 1000) return `${bytes} bytes`;
  if (bytes < 1_000_000) return `${(bytes / 1000).toFixed(1)} kB`;
  return `${(bytes / 1_000_000).toFixed(1)} MB`;
}

/**
 * "159 edited, 1 deleted, 1,307 created" for the notes of a run, an import or a sync: each note
 * counted once, though a sync recorded as several runs lists a note once per run that changed
 * it; a note new here counts as created, any other by its last change.
 */
export function changeSummary(notes: readonly RunNote[]): string {
  const changeOf = new Map<string, RunNote['change']>();
  for (const n of notes) if (changeOf.get(n.noteId) !== 'created') changeOf.set(n.noteId, n.change);
  const counts = new Map<string, number>();
  for (const change of changeOf.values()) counts.set(change, (counts.get(change) ?? 0) + 1);
  return [...counts].map(([change, n]) => `${grouped(n)} ${change}`).join(', ');
}

export function createdText(made: CreatedBundle): string {
  const what = made.header.versions === 0 ? 'no versions' : count(made.header.versions, 'version');
  const forWhom = made.peer === null ? (Object.keys(made.header.basis).length === 0 ? 'the whole journal, for any replica' : 'for the basis given') : `for “${made.peer}”`;
  const nothing = made.header.versions === 0 && made.peer !== null ? ` (as far as this replica knows, “${made.peer}” already holds everything here)` : '';
  return `Wrote ${made.file}: ${what} (${size(made.bytes)}), ${forWhom}${nothing}.\n`;
}

export function importedText(result: ImportedBundle): string {
  const from = `“${result.header.deviceName}”`;
  if (result.run === null) {
    return `Nothing new: this journal already holds every version in ${result.file} (${count(result.alreadyHeld, 'version')} from ${from}).\n`;
  }
  const lines = [`Imported ${count(result.stored, 'version')} from ${from} (run ${result.run}): ${changeSummary(result.notes)}.`];
  if (result.carried !== undefined) {
    lines.unshift(`This device joined journal ${result.header.journalId}, from ${from}, bringing ${count(result.carried.notes, 'note')}; its journal as it was is kept, to read from, in ${result.carried.keptCopy}.`);
  } else if (result.joined !== null) lines.unshift(joinedLine(result.joined, from));
  const conflicts = result.notes.filter((n) => n.change === 'conflicted');
  if (conflicts.length > 0) lines.push(`In conflict now: ${conflicts.map((n) => `“${displayTitle(n.title)}”`).join(', ')}; \`ferry conflicts\` shows them.`);
  lines.push(`\`ferry undo ${result.run}\` takes this import back.`);
  return lines.join('\n') + '\n';
}

/** Said first when this device, which held nothing yet, became a replica of another device's journal. */
export function joinedLine(journalId: string, from: string): string {
  return `This device held nothing yet, so it joined journal ${journalId}, from ${from}.`;
}

export function headerText(file: string, header: BundleHeader, bytes: number, style: Style): string {
  const full = Object.keys(header.basis).length === 0;
  return [
    `${style.bold('Bundle')}    ${file} (${size(bytes)})`,
    `${style.bold('Journal')}   ${header.journalId}`,
    `${style.bold('From')}      “${header.deviceName}” (replica ${header.replicaId}), ${localTime(Date.parse(header.created))}`,
    `${style.bold('Holds')}     ${count(header.versions, 'version')}${full ? ': the whole journal (it can start a new replica: `ferry clone`)' : ', for a replica that already holds its basis'}`,
  ].join('\n') + '\n';
}

export function runLines(runs: readonly Run[], style: Style): string {
  if (runs.length === 0) return 'No imports yet: runs are listed here when bundles (or syncs) bring versions.\n';
  return (
    runs
      .map((run) => {
        const from = run.peerName === null ? (run.peer === null ? '' : ` from ${shortId(run.peer)}`) : ` from “${run.peerName}”`;
        const undone = run.undone === null ? '' : `  [undone ${localTime(run.undone)}]`;
        return `${style.bold(String(run.run).padStart(4))}  ${localTime(run.time)}  ${run.kind}${from}: ${count(run.versions.length, 'version')}, ${changeSummary(run.notes)}${undone}\n      ${style.dim(run.source)}`;
      })
      .join('\n') + '\n'
  );
}

export function undoText(result: UndoResult): string {
  const done = [
    result.restored.length > 0 ? `put back ${count(result.restored.length, 'note')} as ${result.restored.length === 1 ? 'it was' : 'they were'} before it` : '',
    result.trashed.length > 0 ? `moved the ${count(result.trashed.length, 'note')} it brought to the trash` : '',
  ].filter((part) => part !== '');
  const lines = [`Undid run ${result.run}: ${done.length === 0 ? 'nothing needed changing' : done.join('; ')}.`];
  if (result.skipped.length > 0) {
    lines.push(`Left alone, because they were edited after the run: ${result.skipped.map((n) => `“${displayTitle(n.title)}” (${shortId(n.noteId)})`).join(', ')}.`);
  }
  return lines.join('\n') + '\n';
}

export function peerLines(peers: readonly Peer[], style: Style): string {
  if (peers.length === 0) return 'No other replica heard of yet. Import a bundle from another device (`ferry bundle import FILE`) and it is listed here.\n';
  return (
    peers
      .map((p) => {
        const name = style.bold(p.deviceName ?? '(unnamed device)');
        const standing =
          p.known === null
            ? 'what it holds is not known (none of its bundles was imported here)'
            : p.behind === 0 && p.ahead === 0
              ? 'in step with this replica'
              : [p.behind! > 0 ? `lacks ${count(p.behind!, 'version')} held here` : '', p.ahead! > 0 ? `holds ${count(p.ahead!, 'version')} not here yet` : ''].filter((s) => s !== '').join('; ');
        const heard = p.lastHeard === null ? 'never heard from directly' : `last heard ${localTime(p.lastHeard)}`;
        return `${name}  ${style.dim(p.replicaId)}\n      ${standing}; ${heard}`;
      })
      .join('\n') + '\n'
  );
}

export function conflictLines(notes: readonly { note: NoteSummary; heads: { version: Version; device: string }[] }[], style: Style): string {
  if (notes.length === 0) return 'No notes are in conflict.\n';
  const blocks = notes.map(({ note, heads }) => {
    const lines = [noteLine(note, style)];
    const at = firstDifference(heads.map((h) => h.version.body.split('\n')));
    for (const { version, device } of heads) {
      const firstLine = version.body.split('\n')[at] ?? '(no such line)';
      lines.push(`      ${style.dim(version.id.slice(0, 12))}  ${localTime(version.time)}  ${device}: ${displayTitle(version.title)}${version.deleted ? ' (trashed)' : ''} — line ${at + 1}: ${firstLine.slice(0, 60)}`);
    }
    lines.push(`      resolve: \`ferry resolve ${shortId(note.id)} --take VERSION\`, or write the merged text with --body (\`ferry show ${shortId(note.id)} --marked\` starts it)`);
    return lines.join('\n');
  });
  return blocks.join('\n') + '\n';
}

/** The first line number (0-based) where the texts differ; 0 when they are equal (a title conflict). */
function firstDifference(texts: readonly string[][]): number {
  const longest = Math.max(...texts.map((t) => t.length));
  for (let i = 0; i < longest; i++) if (texts.some((t) => t[i] !== texts[0]![i])) return i;
  return 0;
}
