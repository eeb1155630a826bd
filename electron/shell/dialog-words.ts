// What the desktop app's own dialogs say about bundles (a bundle opened from a file manager, and
// the menu's Import bundle… and Export bundle…), and before a window closes on words not saved:
// plain functions, so every sentence is tested.

import type { CallResult } from '../../shared/app-contract.js';
import { count } from '../../shared/count.js';
import { productName } from '../journal/location.js';

export interface MessageWords {
  title: string;
  message: string;
  detail: string;
}

function fileName(path: string): string {
  return path.split(/[/\\]/u).pop() ?? path;
}

/** Asked before importing a bundle opened from outside the app. */
export function confirmImportWords(path: string): MessageWords & { buttons: [string, string] } {
  return {
    title: productName,
    message: `Import the notes in “${fileName(path)}”?`,
    detail: `The bundle is checked in full first; then all of it is added to your journal, or nothing is. Nothing you wrote is overwritten: edits made on both sides show up as conflicts for you to resolve. An import can be undone from Devices.\n\n${path}`,
    buttons: ['Import', 'Cancel'],
  };
}

export function importedWords(path: string, result: CallResult<'importBundle'>): MessageWords {
  const name = fileName(path);
  if (result.stored === 0) {
    return { title: productName, message: `Nothing new in “${name}”.`, detail: `Your journal already holds all ${count(result.alreadyHeld, 'version')} in it.` };
  }
  return {
    title: productName,
    message: `Imported “${name}”.`,
    detail: `${count(result.stored, 'version')} added, changing ${count(result.notes, 'note')}${result.alreadyHeld > 0 ? ` (${result.alreadyHeld} already here)` : ''}. Devices › Runs can undo this import.`,
  };
}

export function exportedWords(result: CallResult<'exportBundle'>): MessageWords {
  const to = result.peer === null ? 'everything in your journal' : `what ${result.peer} does not have yet`;
  return {
    title: productName,
    message: `Saved ${count(result.versions, 'version')} to “${fileName(result.file)}”.`,
    detail: `The bundle holds ${to} (${kilobytes(result.bytes)}). Carry it to the other device and open it there.\n\n${result.file}`,
  };
}

export function failedWords(action: 'import' | 'export', path: string, error: { message: string }): MessageWords {
  return {
    title: productName,
    message: action === 'import' ? `“${fileName(path)}” was not imported.` : 'The bundle was not saved.',
    detail: action === 'import' ? `${error.message}\n\nYour journal is unchanged.` : error.message,
  };
}

function kilobytes(bytes: number): string {
  return bytes < 1024 * 1024 ? `${Math.max(1, Math.round(bytes / 1024))} kB` : `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

/**
 * Asked when the window closes (or the app quits) while the engine refuses what was typed (the
 * page says so by refusing to unload: NoteEditor). The first button keeps the window.
 */
export function unsavedOnCloseWords(quitting: boolean): MessageWords & { buttons: [string, string] } {
  return {
    title: productName,
    message: 'Some of what you typed is not saved yet.',
    detail: `Ferry could not save your last edits; the note says why (a full disk, for example) and Ferry keeps trying. ${quitting ? 'If you quit now' : 'If you close the window now'}, those edits are lost. Stay, make room or copy the text somewhere safe, then try again.`,
    buttons: ['Stay', quitting ? 'Quit anyway' : 'Close anyway'],
  };
}
