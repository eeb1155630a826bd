// What the desktop tray shows: its icon, its tooltip and its menu, as a pure function of the sync
// status, so every state is pinned down by a table test and the shell only hands the result to
// Electron's Tray and Menu. The words are the status bar's own (shared/status-words.ts), so the
// tray and the window never say two different things. Plain data, no electron import: it is
// tested in Node, where Electron cannot load.

import type { CallResult } from '../../shared/app-contract.js';
import { statusWords, type StatusTone } from '../../shared/status-words.js';
import type { TrayIconName } from './tray-icons.js';
import { productName } from '../journal/location.js';

export type SyncStatus = CallResult<'syncStatus'>;

/** What a tray menu item does when clicked (the shell maps each to an action). */
export type TrayCommand = 'open' | 'status' | 'syncNow' | 'pause' | 'resume' | 'conflicts' | 'closeToTray' | 'quit';

export type TrayMenuItem = { id: TrayCommand; label: string; enabled: boolean; checked?: boolean } | { id: 'separator' };

export interface TrayModel {
  icon: TrayIconName;
  tooltip: string;
  menu: TrayMenuItem[];
}

export interface TrayOptions {
  /** Closing the window keeps the app running in the tray (the menu's checkbox shows it). */
  closeToTray: boolean;
}

/** Windows cuts a tray tooltip longer than this (127 UTF-16 units and the terminating NUL). */
export const tooltipLimit = 127;


/**
 * `status` is null until the engine first answers (it is starting): the tray then shows the
 * neutral 'local' icon, which claims neither that all is synced nor that anything is wrong, and
 * says it is reading the status; nothing can be synced or paused until it knows.
 */
export function trayModel(status: SyncStatus | null, now: number, options: TrayOptions): TrayModel {
  // The tray runs beside the engine, in the main process: it is always reachable from here.
  const words = statusWords(status, 'connected', now);
  const tooltip = fitTooltip([`${productName} — ${words.label}`, words.detail, words.conflicts, words.folders].filter((part) => part !== null).join(' · '));
  return { icon: trayIcon(status, words.tone), tooltip, menu: trayMenu(status, words.label, words.conflicts, options) };
}

/**
 * The most actionable thing wins: an error (the token refused included) > notes in conflict >
 * offline > paused > syncing > pending > synced > local. The engine chooses one state and
 * counts conflicts beside it, so conflicts come second only to an error. The icon follows the
 * state the words name: a refused token while paused or during a new try shows as paused or
 * syncing, as the words say, and as an error once that try fails again.
 */
export function trayIcon(status: SyncStatus | null, tone: StatusTone): TrayIconName {
  if (status === null) return 'local';
  if (status.state === 'error') return 'error';
  if (status.conflicts > 0) return 'conflicts';
  // No server, but exchange folders: the icon follows what the words say of them.
  if (status.state === 'local' && status.exchange !== null) return iconOfTone[tone];
  return status.state;
}

const iconOfTone: Record<StatusTone, TrayIconName> = { ok: 'synced', busy: 'pending', warn: 'offline', error: 'error', muted: 'local' };

function trayMenu(status: SyncStatus | null, label: string, conflicts: string | null, options: TrayOptions): TrayMenuItem[] {
  const state = status?.state ?? null;
  const syncable = state !== null && state !== 'local';
  return [
    { id: 'open', label: `Open ${productName}`, enabled: true },
    { id: 'separator' },
    { id: 'status', label, enabled: false },
    // As in the status bar: a sync under way is not started twice, and with no server there is nowhere to sync.
    { id: 'syncNow', label: 'Sync now', enabled: syncable && state !== 'syncing' },
    ...(syncable ? [state === 'paused' ? { id: 'resume' as const, label: 'Resume sync', enabled: true } : { id: 'pause' as const, label: 'Pause sync', enabled: true }] : []),
    ...(conflicts === null ? [] : [{ id: 'conflicts' as const, label: `${conflicts}…`, enabled: true }]),
    { id: 'separator' },
    { id: 'closeToTray', label: 'Keep running in the tray when the window is closed', enabled: true, checked: options.closeToTray },
    { id: 'quit', label: `Quit ${productName}`, enabled: true },
  ];
}

/**
 * `text` on one line and at most `limit` UTF-16 units (what Windows counts), cut after the last
 * whole word that fits and ended with "…". A single word longer than the room is cut inside it,
 * never inside a surrogate pair.
 */
export function fitTooltip(text: string, limit: number = tooltipLimit): string {
  const line = text.replace(/\s+/gu, ' ').trim();
  if (line.length <= limit) return line;
  const room = limit - 1;
  const space = line.lastIndexOf(' ', room);
  // Cutting at a space far back would throw away most of what fits: cut the long word instead.
  let cut = space > room / 2 ? line.slice(0, space) : line.slice(0, room);
  const last = cut.charCodeAt(cut.length - 1);
  if (last >= 0xd800 && last <= 0xdbff) cut = cut.slice(0, -1);
  // "… · 2 notes…" reads badly: no separator or stop is left dangling before the ellipsis.
  return `${cut.replace(/[\s·,;:.—-]+$/u, '')}…`;
}
