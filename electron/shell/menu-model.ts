// The desktop app's menu bar, as plain data: a pure function of the platform and a few facts
// (sync paused or possible, the tray setting, a development build), so each platform's layout is
// pinned down by a test and the shell only turns it into an Electron Menu, wiring each item's
// `command` to an action. No electron import at runtime: it is tested in Node, where Electron
// cannot load.
//
// The page's own keyboard shortcuts (shared/shortcuts.ts) are shown beside their items but not
// registered (`registerAccelerator: false`): the page's keydown listener already acts on them,
// and a registered accelerator would run each command twice. Electron honours that flag on Linux
// and Windows; on macOS a focused page gets a key equivalent first and the menu acts only when
// the page did not handle it, which the page's listener does (preventDefault). The test checks
// that every such accelerator is the key press commandFor maps to the same command, so the menu
// and the page cannot drift apart. What only the main process can do (native file dialogs for
// bundles) registers its accelerator.

import type { MenuItemConstructorOptions } from 'electron';
import type { Command } from '../../shared/shortcuts.js';
import { productName } from '../journal/location.js';

/** What a menu item asks for: the page's commands, and what the shell does itself. */
export type MenuCommand = Command | 'conflicts' | 'importBundle' | 'exportBundle' | 'pauseSync' | 'resumeSync' | 'closeToTray' | 'about';

/** Close to Electron's MenuItemConstructorOptions; `command` stands for its click handler. */
export interface MenuSpec {
  label?: string;
  role?: MenuItemConstructorOptions['role'];
  accelerator?: string;
  registerAccelerator?: boolean;
  command?: MenuCommand;
  type?: 'normal' | 'separator' | 'checkbox' | 'submenu';
  checked?: boolean;
  enabled?: boolean;
  submenu?: MenuSpec[];
}

export interface MenuState {
  paused: boolean;
  /** A sync server is set: the sync items can do something. */
  syncAvailable: boolean;
  closeToTray: boolean;
  /** A development build: reload and the developer tools are offered. */
  dev: boolean;
}


/** The page's shortcuts as Electron writes them; each is what commandFor maps to its command. */
export const pageAccelerators: Record<Command, string> = {
  newNote: 'CmdOrCtrl+N',
  quickSwitcher: 'CmdOrCtrl+K',
  today: 'CmdOrCtrl+J',
  search: 'CmdOrCtrl+Shift+F',
  syncNow: 'CmdOrCtrl+Shift+S',
  history: 'CmdOrCtrl+Shift+H',
  settings: 'CmdOrCtrl+,',
  lists: 'CmdOrCtrl+Shift+B',
};

/** Done by the main process (native dialogs), so registered: the page does not know these keys. */
const shellAccelerators = {
  importBundle: 'CmdOrCtrl+O',
  // Not CmdOrCtrl+E: that toggles the open note's preview (shared/shortcuts.ts, editorKey).
  exportBundle: 'CmdOrCtrl+Shift+E',
} as const;

const separator: MenuSpec = { type: 'separator' };

/**
 * macOS: the app menu first (About, Preferences, Services, Hide, Quit), Title Case, and the
 * Window and Help menus the system expects. Linux and Windows: Preferences and Quit in File
 * ("Settings" and "Exit" on Windows, which has no quit shortcut: Alt+F4 closes), About in Help,
 * sentence case, and & before each menu's access key.
 */
export function appMenu(platform: NodeJS.Platform, state: MenuState): MenuSpec[] {
  const mac = platform === 'darwin';
  const words = mac ? titleCase : (label: string) => label;
  const page = (command: Command, label: string, enabled = true): MenuSpec => ({
    label: words(label),
    command,
    accelerator: pageAccelerators[command],
    registerAccelerator: false,
    ...(enabled ? {} : { enabled: false }),
  });
  const shell = (command: keyof typeof shellAccelerators, label: string): MenuSpec => ({ label: words(label), command, accelerator: shellAccelerators[command] });
  const top = (label: string, submenu: MenuSpec[]): MenuSpec => ({ label: mac ? label : `&${label}`, submenu });

  const bundles = [shell('importBundle', 'Import bundle…'), shell('exportBundle', 'Export bundle…')];
  const file: MenuSpec[] = mac
    ? [page('newNote', 'New note'), page('today', 'Today'), separator, ...bundles, separator, { role: 'close', label: 'Close Window' }]
    : [
        page('newNote', 'New note'),
        page('today', 'Today'),
        separator,
        ...bundles,
        separator,
        page('settings', platform === 'win32' ? 'Settings' : 'Preferences'),
        separator,
        platform === 'win32' ? { role: 'quit', label: 'Exit' } : { role: 'quit', label: 'Quit', accelerator: 'CmdOrCtrl+Q' },
      ];

  const edit: MenuSpec[] = [
    { role: 'undo' },
    { role: 'redo' },
    separator,
    { role: 'cut' },
    { role: 'copy' },
    { role: 'paste' },
    ...(mac ? [{ role: 'pasteAndMatchStyle' } as const] : []),
    { role: 'delete' },
    separator,
    { role: 'selectAll' },
  ];

  const view: MenuSpec[] = [
    page('quickSwitcher', 'Quick switcher'),
    page('search', 'Search'),
    page('history', 'History'),
    page('lists', 'Hide or show the lists'),
    separator,
    { role: 'resetZoom' },
    { role: 'zoomIn' },
    { role: 'zoomOut' },
    separator,
    { role: 'togglefullscreen' },
    ...(state.dev ? [separator, { role: 'reload' } as const, { role: 'toggleDevTools' } as const] : []),
  ];

  const sync: MenuSpec[] = [
    page('syncNow', 'Sync now', state.syncAvailable),
    {
      label: words(state.paused ? 'Resume sync' : 'Pause sync'),
      command: state.paused ? 'resumeSync' : 'pauseSync',
      ...(state.syncAvailable ? {} : { enabled: false }),
    },
    // Bundles bring conflicts too, so the inbox is there with or without a server.
    { label: words('Conflicts…'), command: 'conflicts' },
    separator,
    { label: words('Keep running in the tray when the window is closed'), command: 'closeToTray', type: 'checkbox', checked: state.closeToTray },
  ];

  if (mac) {
    return [
      {
        label: productName,
        submenu: [
          { role: 'about', label: `About ${productName}` },
          separator,
          page('settings', 'Preferences…'),
          separator,
          { role: 'services' },
          separator,
          { role: 'hide', label: `Hide ${productName}` },
          { role: 'hideOthers', label: 'Hide Others' },
          { role: 'unhide', label: 'Show All' },
          separator,
          { role: 'quit', label: `Quit ${productName}` },
        ],
      },
      top('File', file),
      top('Edit', edit),
      top('View', view),
      top('Sync', sync),
      { role: 'windowMenu', label: 'Window' },
      // Empty, but the system puts its search of the menus there.
      { role: 'help', label: 'Help', submenu: [] },
    ];
  }
  return [top('File', file), top('Edit', edit), top('View', view), top('Sync', sync), top('Help', [{ label: `About ${productName}`, command: 'about' }])];
}

/** Small words stay lower case inside a Title Case label, as macOS menus write them. */
const smallWords = new Set(['a', 'an', 'and', 'at', 'by', 'for', 'in', 'of', 'on', 'or', 'the', 'to']);

/** "Keep running in the tray" → "Keep Running in the Tray". */
export function titleCase(label: string): string {
  return label
    .split(' ')
    .map((word, index) => (index > 0 && smallWords.has(word) ? word : word.charAt(0).toUpperCase() + word.slice(1)))
    .join(' ');
}
