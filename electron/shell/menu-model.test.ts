// The menu bar on each platform: every command in it once, no shortcut taken twice, the page's
// shortcuts shown exactly as the page reads them (and left to the page), and each platform's
// conventions (the app menu on macOS, Exit and Settings on Windows).
import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it } from 'vitest';
import { commandFor, editorKey, type Command, type KeyPress } from '../../shared/shortcuts.js';
import { appMenu, pageAccelerators, titleCase, type MenuCommand, type MenuSpec, type MenuState } from './menu-model.js';

const platforms = ['darwin', 'linux', 'win32'] as const;
const running: MenuState = { paused: false, syncAvailable: true, closeToTray: false, dev: false };

const pageCommands = Object.keys(pageAccelerators) as Command[];
const isPageCommand = (command: MenuCommand | undefined): command is Command => pageCommands.some((page) => page === command);

/** Every item, submenus opened. */
function items(menu: MenuSpec[]): MenuSpec[] {
  return menu.flatMap((item) => [item, ...items(item.submenu ?? [])]);
}

const withCommand = (menu: MenuSpec[], command: MenuCommand) => items(menu).filter((item) => item.command === command);
const withRole = (menu: MenuSpec[], role: MenuSpec['role']) => items(menu).filter((item) => item.role === role);
const topLabels = (menu: MenuSpec[]) => menu.map((item) => item.label?.replace('&', ''));

/** The key press an accelerator stands for: CmdOrCtrl is Cmd on macOS, Ctrl elsewhere. */
function pressOf(accelerator: string, mac: boolean): KeyPress {
  const parts = accelerator.split('+');
  const key = parts.pop()!;
  const has = (...names: string[]) => parts.some((part) => names.includes(part));
  const shiftKey = has('Shift');
  return {
    key: key.length === 1 ? (shiftKey ? key.toUpperCase() : key.toLowerCase()) : key,
    ctrlKey: has('Ctrl', 'Control') || (!mac && has('CmdOrCtrl', 'CommandOrControl')),
    metaKey: has('Cmd', 'Command', 'Super', 'Meta') || (mac && has('CmdOrCtrl', 'CommandOrControl')),
    altKey: has('Alt', 'Option', 'AltGr'),
    shiftKey,
  };
}

/** The same key press written one way, to compare accelerators. */
function chord(accelerator: string, mac: boolean): string {
  const press = pressOf(accelerator, mac);
  return [press.ctrlKey && 'Ctrl', press.metaKey && 'Meta', press.altKey && 'Alt', press.shiftKey && 'Shift', press.key.toUpperCase()].filter(Boolean).join('+');
}

/** Electron's own accelerators for the roles the menus use (lib/browser/api/menu-item-roles.ts), where they have one. */
function roleAccelerator(role: MenuSpec['role'], platform: NodeJS.Platform): string | undefined {
  const mac = platform === 'darwin';
  const roles: Partial<Record<NonNullable<MenuSpec['role']>, string>> = {
    undo: 'CmdOrCtrl+Z',
    redo: mac ? 'Shift+CmdOrCtrl+Z' : platform === 'win32' ? 'Control+Y' : 'Shift+CmdOrCtrl+Z',
    cut: 'CmdOrCtrl+X',
    copy: 'CmdOrCtrl+C',
    paste: 'CmdOrCtrl+V',
    pasteAndMatchStyle: 'Shift+Option+CmdOrCtrl+V',
    selectAll: 'CmdOrCtrl+A',
    close: 'CmdOrCtrl+W',
    hide: 'Command+H',
    hideOthers: 'Command+Alt+H',
    quit: platform === 'win32' ? undefined : 'CmdOrCtrl+Q',
    resetZoom: 'CmdOrCtrl+0',
    zoomIn: 'CmdOrCtrl+Plus',
    zoomOut: 'CmdOrCtrl+-',
    togglefullscreen: mac ? 'Control+Command+F' : 'F11',
    reload: 'CmdOrCtrl+R',
    toggleDevTools: mac ? 'Alt+Command+I' : 'Ctrl+Shift+I',
  };
  return role === undefined ? undefined : roles[role];
}

/** What Electron would be given: the shell swaps `command` for a click handler. */
function toElectron(spec: MenuSpec): MenuItemConstructorOptions {
  const { command: _command, submenu, ...item } = spec;
  return submenu === undefined ? item : { ...item, submenu: submenu.map(toElectron) };
}

describe.each(platforms)('the menu bar on %s', (platform) => {
  const mac = platform === 'darwin';

  it('holds every command once', () => {
    const expected: MenuCommand[] = [...pageCommands, 'conflicts', 'importBundle', 'exportBundle', 'pauseSync', 'closeToTray', ...(mac ? [] : ['about' as const])];
    const menu = appMenu(platform, running);
    for (const command of expected) expect(withCommand(menu, command), command).toHaveLength(1);
    const present = items(menu).flatMap((item) => (item.command === undefined ? [] : [item.command]));
    expect(present.toSorted()).toEqual(expected.toSorted());
    // macOS's About is the system's panel, by role.
    expect(withRole(menu, 'about')).toHaveLength(mac ? 1 : 0);
  });

  it('takes no shortcut twice, its own or Electron’s for a role', () => {
    const menu = appMenu(platform, { ...running, dev: true });
    const chords = items(menu).flatMap((item) => {
      const accelerator = item.accelerator ?? roleAccelerator(item.role, platform);
      return accelerator === undefined ? [] : [chord(accelerator, mac)];
    });
    expect(chords.length).toBeGreaterThan(10);
    expect(chords.filter((one, index) => chords.indexOf(one) !== index)).toEqual([]);
  });

  it('shows the page’s shortcuts as the page reads them, and leaves them to the page', () => {
    const shown = items(appMenu(platform, running)).filter((item) => isPageCommand(item.command));
    expect(shown).toHaveLength(pageCommands.length);
    for (const item of shown) {
      expect(item.accelerator, item.label).toBeDefined();
      expect(commandFor(pressOf(item.accelerator!, mac), mac), item.label).toBe(item.command);
      // Registered as well, the menu and the page's keydown listener would both run the command.
      expect(item.registerAccelerator, item.label).toBe(false);
    }
  });

  it('registers only shortcuts the page does not act on', () => {
    const registered = items(appMenu(platform, { ...running, dev: true })).filter((item) => item.registerAccelerator !== false);
    const accelerators = registered.flatMap((item) => {
      const accelerator = item.accelerator ?? roleAccelerator(item.role, platform);
      return accelerator === undefined ? [] : [accelerator];
    });
    expect(accelerators).toEqual(expect.arrayContaining(['CmdOrCtrl+O', 'CmdOrCtrl+Shift+E']));
    for (const accelerator of accelerators) {
      expect(commandFor(pressOf(accelerator, mac), mac), accelerator).toBeNull();
      // Nor the open note's keys: a registered Ctrl+E opened Export bundle… instead of the preview.
      expect(editorKey(pressOf(accelerator, mac)), accelerator).toBeNull();
    }
  });

  it('offers bundles from the main process, with their own shortcuts', () => {
    const menu = appMenu(platform, running);
    expect(withCommand(menu, 'importBundle')[0]).toMatchObject({ accelerator: 'CmdOrCtrl+O' });
    expect(withCommand(menu, 'exportBundle')[0]).toMatchObject({ accelerator: 'CmdOrCtrl+Shift+E' });
    expect(withCommand(menu, 'importBundle')[0]?.label).toMatch(/^Import [Bb]undle…$/u);
  });

  it('offers to pause while running and to resume while paused', () => {
    const whilePaused = appMenu(platform, { ...running, paused: true });
    expect(withCommand(whilePaused, 'pauseSync')).toEqual([]);
    expect(withCommand(whilePaused, 'resumeSync')[0]?.label).toBe(mac ? 'Resume Sync' : 'Resume sync');
    expect(withCommand(appMenu(platform, running), 'pauseSync')[0]?.label).toBe(mac ? 'Pause Sync' : 'Pause sync');
  });

  it('greys out syncing with no server set, but keeps the conflict inbox (bundles bring conflicts too)', () => {
    const local = appMenu(platform, { ...running, syncAvailable: false });
    expect(withCommand(local, 'syncNow')[0]?.enabled).toBe(false);
    expect(withCommand(local, 'pauseSync')[0]?.enabled).toBe(false);
    expect(withCommand(local, 'conflicts')[0]?.enabled).not.toBe(false);
    expect(withCommand(appMenu(platform, running), 'syncNow')[0]?.enabled).not.toBe(false);
  });

  it('ticks "keep running in the tray" as the setting says', () => {
    expect(withCommand(appMenu(platform, { ...running, closeToTray: true }), 'closeToTray')[0]).toMatchObject({ type: 'checkbox', checked: true });
    expect(withCommand(appMenu(platform, running), 'closeToTray')[0]).toMatchObject({ type: 'checkbox', checked: false });
  });

  it('offers reload and the developer tools only in a development build', () => {
    for (const role of ['reload', 'toggleDevTools'] as const) {
      expect(withRole(appMenu(platform, running), role)).toEqual([]);
      expect(withRole(appMenu(platform, { ...running, dev: true }), role)).toHaveLength(1);
    }
  });

  it('is what Electron takes, once each command is a click handler', () => {
    const template = appMenu(platform, { ...running, dev: true }).map(toElectron);
    expect(JSON.stringify(template)).not.toContain('"command"');
  });
});

describe('each platform’s conventions', () => {
  it('macOS: the app menu first, with About, Preferences, Services, Hide and Quit; Window and Help last', () => {
    const menu = appMenu('darwin', running);
    expect(topLabels(menu)).toEqual(['Ferry Notes', 'File', 'Edit', 'View', 'Sync', 'Window', 'Help']);
    const appItems = menu[0]!.submenu!;
    expect(appItems.map((item) => item.role ?? item.command ?? item.type)).toEqual(['about', 'separator', 'settings', 'separator', 'services', 'separator', 'hide', 'hideOthers', 'unhide', 'separator', 'quit']);
    expect(appItems.find((item) => item.command === 'settings')).toMatchObject({ label: 'Preferences…', accelerator: 'CmdOrCtrl+,' });
    expect(appItems.at(-1)).toEqual({ role: 'quit', label: 'Quit Ferry Notes' });
    expect(withRole(menu, 'quit')).toHaveLength(1);
    expect(menu.at(-2)?.role).toBe('windowMenu');
    expect(menu.at(-1)?.role).toBe('help');
  });

  it('macOS: File ends with Close Window, and labels are in Title Case', () => {
    const file = appMenu('darwin', running)[1]!.submenu!;
    expect(file.map((item) => item.label ?? item.type)).toEqual(['New Note', 'Today', 'separator', 'Import Bundle…', 'Export Bundle…', 'separator', 'Close Window']);
    expect(file.at(-1)?.role).toBe('close');
    expect(withCommand(appMenu('darwin', running), 'closeToTray')[0]?.label).toBe('Keep Running in the Tray When the Window Is Closed');
  });

  it('Linux: Preferences and Quit (Ctrl+Q) in File, About in Help, sentence case', () => {
    const menu = appMenu('linux', running);
    expect(menu.map((item) => item.label)).toEqual(['&File', '&Edit', '&View', '&Sync', '&Help']);
    expect(menu[0]!.submenu!.map((item) => item.label ?? item.type)).toEqual([
      'New note',
      'Today',
      'separator',
      'Import bundle…',
      'Export bundle…',
      'separator',
      'Preferences',
      'separator',
      'Quit',
    ]);
    expect(withRole(menu, 'quit')[0]).toEqual({ role: 'quit', label: 'Quit', accelerator: 'CmdOrCtrl+Q' });
    expect(menu.at(-1)!.submenu).toEqual([{ label: 'About Ferry Notes', command: 'about' }]);
  });

  it('Windows: Settings and Exit, with no quit shortcut (Alt+F4 closes)', () => {
    const menu = appMenu('win32', running);
    expect(withCommand(menu, 'settings')[0]?.label).toBe('Settings');
    expect(withRole(menu, 'quit')).toEqual([{ role: 'quit', label: 'Exit' }]);
    expect(menu[0]!.submenu!.at(-1)?.label).toBe('Exit');
  });

  it.each([
    ['Sync now', 'Sync Now'],
    ['Keep running in the tray', 'Keep Running in the Tray'],
    ['Import bundle…', 'Import Bundle…'],
    ['a word of the day', 'A Word of the Day'],
  ])('Title Case for macOS: %s', (sentence, title) => {
    expect(titleCase(sentence)).toBe(title);
  });
});
