// What the tray shows in each sync state: the icon that names the most actionable thing, the
// status bar's own words in the tooltip (cut to what Windows shows), and a menu that offers only
// what can be done now.
import { describe, expect, it } from 'vitest';
import { fitTooltip, tooltipLimit, trayModel, type SyncStatus, type TrayMenuItem } from './tray-model.js';
import type { TrayIconName } from './tray-icons.js';
import { iso, now, syncedStatus } from '../../shared/testing/sync-status-sample.js';

const base: SyncStatus = syncedStatus;

const states = ['synced', 'pending', 'syncing', 'offline', 'error', 'paused', 'local'] as const;

const ids = (menu: TrayMenuItem[]) => menu.map((item) => item.id);
const item = (menu: TrayMenuItem[], id: TrayMenuItem['id']) => menu.find((entry) => entry.id === id);
const serverMenu = ['open', 'separator', 'status', 'syncNow', 'pause', 'separator', 'closeToTray', 'quit'];

describe('the tray in each sync state', () => {
  it.each<[string, SyncStatus | null, TrayIconName, string, string[], boolean]>([
    ['synced', base, 'synced', 'Ferry Notes — Synced · last synced 5 min ago', serverMenu, true],
    ['changes waiting to sync', { ...base, state: 'pending', pending: 3 }, 'pending', 'Ferry Notes — 3 changes to sync · last synced 5 min ago', serverMenu, true],
    ['syncing: sync now waits for it to end', { ...base, state: 'syncing', pending: 2 }, 'syncing', 'Ferry Notes — Syncing… · 2 changes to send', serverMenu, false],
    [
      'offline with a retry planned',
      { ...base, state: 'offline', pending: 2, nextRetry: iso(now + 40_000) },
      'offline',
      'Ferry Notes — Offline — 2 changes wait · last synced 5 min ago · retrying in 40 s',
      serverMenu,
      true,
    ],
    [
      'a failed sync, tried again soon',
      { ...base, state: 'error', lastError: { code: 'ServerError', message: 'The sync server failed (500).' }, nextRetry: iso(now + 10_000) },
      'error',
      'Ferry Notes — The sync server failed (500). · retrying in 10 s',
      serverMenu,
      true,
    ],
    [
      'the token refused',
      { ...base, state: 'error', needsToken: true, lastError: { code: 'AuthRejected', message: 'The server refused the token.' } },
      'error',
      'Ferry Notes — The server refused the token: set a new one in Settings',
      serverMenu,
      true,
    ],
    [
      'paused: the menu offers to resume',
      { ...base, state: 'paused', pending: 4 },
      'paused',
      'Ferry Notes — Sync paused · 4 changes wait · last synced 5 min ago',
      ['open', 'separator', 'status', 'syncNow', 'resume', 'separator', 'closeToTray', 'quit'],
      true,
    ],
    [
      'no server set: nothing to sync or pause',
      { ...base, state: 'local', remote: null, lastSync: null },
      'local',
      'Ferry Notes — Not syncing: no server set · notes are saved on this device',
      ['open', 'separator', 'status', 'syncNow', 'separator', 'closeToTray', 'quit'],
      false,
    ],
    [
      'no server, an exchange folder carrying everything: synced by it',
      { ...base, state: 'local', remote: null, lastSync: null, exchange: { folders: 1, lastWrite: iso(now - 60_000), lastImport: iso(now - 120_000), problem: null, missing: false } },
      'synced',
      'Ferry Notes — Synced through the exchange folder · another device’s bundle read 2 min ago',
      ['open', 'separator', 'status', 'syncNow', 'separator', 'closeToTray', 'quit'],
      false,
    ],
    [
      'no server, an exchange folder, changes not on another device yet',
      { ...base, state: 'local', remote: null, lastSync: null, pending: 3, exchange: { folders: 1, lastWrite: iso(now - 60_000), lastImport: null, problem: null, missing: false } },
      'pending',
      'Ferry Notes — 3 changes not on another device yet · this device’s bundle written 1 min ago',
      ['open', 'separator', 'status', 'syncNow', 'separator', 'closeToTray', 'quit'],
      false,
    ],
    [
      'no server, the exchange folder gone with its stick',
      { ...base, state: 'local', remote: null, lastSync: null, pending: 1, exchange: { folders: 1, lastWrite: null, lastImport: null, problem: '/media/usb/ferry: gone', missing: true } },
      'offline',
      'Ferry Notes — Exchange folder unavailable — 1 change waits · /media/usb/ferry: gone',
      ['open', 'separator', 'status', 'syncNow', 'separator', 'closeToTray', 'quit'],
      false,
    ],
    [
      'a server and an exchange folder, the stick pulled: the server’s state, the folder beside it',
      { ...base, exchange: { folders: 1, lastWrite: null, lastImport: null, problem: '/media/usb/ferry: gone', missing: true } },
      'synced',
      'Ferry Notes — Synced · last synced 5 min ago · Exchange folder unavailable: /media/usb/ferry: gone',
      serverMenu,
      true,
    ],
    [
      'the engine still starting: neutral, and nothing offered until it answers',
      null,
      'local',
      'Ferry Notes — Reading the sync status…',
      ['open', 'separator', 'status', 'syncNow', 'separator', 'closeToTray', 'quit'],
      false,
    ],
  ])('%s', (_story, status, icon, tooltip, menuIds, canSyncNow) => {
    const model = trayModel(status, now, { closeToTray: true });
    expect(model.icon).toBe(icon);
    expect(model.tooltip).toBe(tooltip);
    expect(ids(model.menu)).toEqual(menuIds);
    expect(item(model.menu, 'syncNow')).toMatchObject({ label: 'Sync now', enabled: canSyncNow });
    // The status line is the status bar's label, shown but not clickable.
    expect(item(model.menu, 'status')).toEqual({ id: 'status', label: tooltip.replace('Ferry Notes — ', '').split(' · ')[0], enabled: false });
  });

  it.each(states)('notes in conflict while %s: named in the tooltip and the menu, and shown by the icon unless sync failed', (state) => {
    const model = trayModel({ ...base, state, conflicts: 2 }, now, { closeToTray: true });
    expect(model.icon).toBe(state === 'error' ? 'error' : 'conflicts');
    expect(model.tooltip).toMatch(/ · 2 notes in conflict$/u);
    expect(item(model.menu, 'conflicts')).toEqual({ id: 'conflicts', label: '2 notes in conflict…', enabled: true });
    expect(ids(model.menu).indexOf('conflicts')).toBe(ids(model.menu).indexOf('separator', 2) - 1);
  });

  it('lays out the whole menu: open, the status, the sync actions, the conflicts, then the window and quit', () => {
    expect(trayModel({ ...base, state: 'pending', pending: 1, conflicts: 1 }, now, { closeToTray: false }).menu).toEqual([
      { id: 'open', label: 'Open Ferry Notes', enabled: true },
      { id: 'separator' },
      { id: 'status', label: '1 change to sync', enabled: false },
      { id: 'syncNow', label: 'Sync now', enabled: true },
      { id: 'pause', label: 'Pause sync', enabled: true },
      { id: 'conflicts', label: '1 note in conflict…', enabled: true },
      { id: 'separator' },
      { id: 'closeToTray', label: 'Keep running in the tray when the window is closed', enabled: true, checked: false },
      { id: 'quit', label: 'Quit Ferry Notes', enabled: true },
    ]);
  });

  it('ticks "keep running in the tray" as the setting says', () => {
    expect(item(trayModel(base, now, { closeToTray: true }).menu, 'closeToTray')).toMatchObject({ checked: true });
    expect(item(trayModel(base, now, { closeToTray: false }).menu, 'closeToTray')).toMatchObject({ checked: false });
  });
});

describe('a tooltip that fits Windows', () => {
  const message = 'The sync server answered with something Ferry could not read: ' + 'an unexpected token near the start of the body, '.repeat(4);

  it('cuts a long error message at a word, with an ellipsis, within 127 characters', () => {
    const status: SyncStatus = { ...base, state: 'error', conflicts: 2, lastError: { code: 'ServerError', message }, nextRetry: iso(now + 10_000) };
    const tooltip = trayModel(status, now, { closeToTray: true }).tooltip;
    expect(tooltip.length).toBeLessThanOrEqual(tooltipLimit);
    expect(tooltip).toMatch(/^Ferry Notes — The sync server answered .*\S…$/u);
    const kept = tooltip.slice(0, -1);
    expect(`Ferry Notes — ${message}`.startsWith(`${kept} `)).toBe(true);
  });

  it.each([
    ['short enough: as it is', 'Ferry Notes — Synced', 20, 'Ferry Notes — Synced'],
    ['exactly the limit: as it is', 'one two three', 13, 'one two three'],
    ['one over: the last word goes', 'one two three', 12, 'one two…'],
    ['no separator left dangling', 'Ferry Notes — Synced · last synced', 25, 'Ferry Notes — Synced…'],
    ['a word longer than the room is cut inside it', 'a ' + 'x'.repeat(40), 10, 'a xxxxxxx…'],
    ['never half of an emoji', 'ab😀😀😀😀', 6, 'ab😀…'],
    ['on one line', 'Sync failed:\n  the server\tsaid no', 200, 'Sync failed: the server said no'],
  ])('%s', (_story, text, limit, expected) => {
    expect(fitTooltip(text, limit)).toBe(expected);
  });
});
