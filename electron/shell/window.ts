// The app's one window: made with the secure options (window-options.ts; the navigation rules are
// applied by main.ts to every webContents as it is created), opened where it was
// last (window-bounds.ts), loading the renderer from app://ferry, shown once painted. Its place
// is saved as it moves; closing it hides it to the tray when the setting says so.

import { BrowserWindow, nativeTheme, screen } from 'electron';
import { appEntry } from './app-protocol.js';
import type { DesktopSettingsStore } from './desktop-settings.js';
import { restoredBounds } from './window-bounds.js';
import { mainWindowOptions, minimumSize } from './window-options.js';

export interface WindowPlace {
  /** What the app remembers of itself (desktop.json), where the window's place is kept. */
  settings: DesktopSettingsStore;
  preload: string;
  icon?: string;
  devTools: boolean;
  /** Whether the app is quitting (then closing really closes). */
  quitting: () => boolean;
}

export function createMainWindow(place: WindowPlace): BrowserWindow {
  const settings = place.settings.get();
  const primary = screen.getPrimaryDisplay();
  const areas = [primary, ...screen.getAllDisplays().filter((d) => d.id !== primary.id)].map((d) => d.workArea);
  const { bounds, maximized } = restoredBounds(settings.window, areas, minimumSize);
  const window = new BrowserWindow(
    mainWindowOptions({
      preload: place.preload,
      bounds,
      backgroundColor: nativeTheme.shouldUseDarkColors ? '#1c1f24' : '#ffffff',
      devTools: place.devTools,
      ...(place.icon === undefined ? {} : { icon: place.icon }),
    }),
  );
  window.once('ready-to-show', () => {
    if (maximized) window.maximize();
    window.show();
  });

  let saveTimer: NodeJS.Timeout | null = null;
  const save = () => {
    if (window.isDestroyed()) return;
    // The normal bounds, so a maximised window comes back maximised over its old place.
    place.settings.update({ window: { bounds: window.getNormalBounds(), maximized: window.isMaximized() } });
  };
  const saveSoon = () => {
    if (saveTimer !== null) clearTimeout(saveTimer);
    saveTimer = setTimeout(save, 500);
  };
  for (const event of ['resize', 'move', 'maximize', 'unmaximize'] as const) window.on(event as 'resize', saveSoon);
  window.on('close', (event) => {
    if (saveTimer !== null) clearTimeout(saveTimer);
    save();
    if (!place.quitting() && place.settings.get().closeToTray) {
      event.preventDefault();
      window.hide();
    }
  });
  void window.loadURL(appEntry);
  return window;
}

export function showWindow(window: BrowserWindow): void {
  if (window.isMinimized()) window.restore();
  window.show();
  window.focus();
}
