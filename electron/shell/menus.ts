// The menu bar: the pure menu model (menu-model.ts) made into Electron's Menu, each item's
// `command` wired to the app's actions.

import { Menu, type MenuItemConstructorOptions } from 'electron';
import type { MenuCommand, MenuSpec } from './menu-model.js';

export function setAppMenu(spec: readonly MenuSpec[], act: (command: MenuCommand) => void): void {
  Menu.setApplicationMenu(Menu.buildFromTemplate(spec.map((item) => toElectron(item, act))));
}

function toElectron(item: MenuSpec, act: (command: MenuCommand) => void): MenuItemConstructorOptions {
  const { command, submenu, ...rest } = item;
  return {
    ...rest,
    ...(submenu === undefined ? {} : { submenu: submenu.map((child) => toElectron(child, act)) }),
    // The command as the item's id: Menu.getApplicationMenu().getMenuItemById('syncNow') finds it.
    ...(command === undefined ? {} : { id: command, click: () => act(command) }),
  };
}
