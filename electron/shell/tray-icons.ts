// The tray's icons, one per thing the tray can say about sync (tray-model.ts chooses which). Each
// is drawn as an SVG source in build/tray/src/ and rendered to the PNGs each platform needs.

export const trayIconNames = ['synced', 'pending', 'syncing', 'offline', 'error', 'paused', 'conflicts', 'local'] as const;

export type TrayIconName = (typeof trayIconNames)[number];

/**
 * The PNG files (names relative to build/tray/) the shell loads for one icon. macOS takes the black
 * template images it tints to suit the menu bar (the `Template` suffix is how Electron knows one);
 * Linux and Windows take the colour ones. `retina` is the 2× image, named `@2x` as nativeImage
 * expects, so it is picked up beside `normal` on high-density screens.
 */
export function trayIconFiles(name: TrayIconName, platform: NodeJS.Platform): { normal: string; retina: string } {
  const base = platform === 'darwin' ? `${name}Template` : name;
  return { normal: `${base}.png`, retina: `${base}@2x.png` };
}
