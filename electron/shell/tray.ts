// The system tray icon: Electron's Tray, fed by the pure tray model (tray-model.ts). It is
// updated only where what it shows changes, and its clicks go to the app's actions.

import { Menu, nativeImage, Tray, type MenuItemConstructorOptions } from 'electron';
import { join } from 'node:path';
import { trayIconFiles } from './tray-icons.js';
import type { TrayCommand, TrayModel } from './tray-model.js';

export class AppTray {
  private readonly tray: Tray;
  private shown: { icon: string | null; tooltip: string | null; menu: string | null } = { icon: null, tooltip: null, menu: null };

  constructor(
    private readonly iconDir: string,
    private readonly act: (command: TrayCommand) => void,
    first: TrayModel,
  ) {
    this.tray = new Tray(this.image(first));
    this.shown.icon = first.icon;
    // Linux and Windows: a click on the icon opens the window (macOS opens the menu, its convention).
    this.tray.on('click', () => {
      if (process.platform !== 'darwin') act('open');
    });
    this.show(first);
  }

  /** Updates what changed: the tooltip moves on every minute, but a menu rebuilt while open would close under the pointer. */
  show(model: TrayModel): void {
    if (model.icon !== this.shown.icon) this.tray.setImage(this.image(model));
    if (model.tooltip !== this.shown.tooltip) this.tray.setToolTip(model.tooltip);
    const menu = JSON.stringify(model.menu);
    if (menu !== this.shown.menu) {
      const items: MenuItemConstructorOptions[] = model.menu.map((item) =>
        item.id === 'separator'
          ? { type: 'separator' }
          : {
              label: item.label,
              enabled: item.enabled,
              ...(item.checked === undefined ? {} : { type: 'checkbox' as const, checked: item.checked }),
              click: () => this.act(item.id),
            },
      );
      this.tray.setContextMenu(Menu.buildFromTemplate(items));
    }
    this.shown = { icon: model.icon, tooltip: model.tooltip, menu };
  }

  destroy(): void {
    this.tray.destroy();
  }

  private image(model: TrayModel) {
    // The @2x file beside it is picked up by Electron on high-density screens; a name ending in
    // "Template" is a macOS template image, tinted by the system.
    const image = nativeImage.createFromPath(join(this.iconDir, trayIconFiles(model.icon, process.platform).normal));
    if (process.platform === 'darwin') image.setTemplateImage(true);
    return image;
  }
}
