// What the desktop app remembers of itself (not of the notes): the window's place and size, and
// whether closing the window keeps Ferry running in the tray. A small JSON file beside the
// journal, written atomically; a missing or damaged file means the defaults, never a failed start.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { writeFileAtomic } from '../files/atomic-file.js';

const bounds = z.object({ x: z.number(), y: z.number(), width: z.number().positive(), height: z.number().positive() });

const schema = z.object({
  window: z.object({ bounds, maximized: z.boolean() }).nullable().catch(null),
  closeToTray: z.boolean().catch(true),
});

export type DesktopSettings = z.output<typeof schema>;

export const defaultDesktopSettings: DesktopSettings = { window: null, closeToTray: true };

export const desktopSettingsFile = 'desktop.json';

export function readDesktopSettings(dir: string): DesktopSettings {
  try {
    const parsed = schema.safeParse(JSON.parse(readFileSync(join(dir, desktopSettingsFile), 'utf8')));
    return parsed.success ? parsed.data : { ...defaultDesktopSettings };
  } catch {
    return { ...defaultDesktopSettings };
  }
}

export function writeDesktopSettings(dir: string, settings: DesktopSettings): void {
  writeFileAtomic(join(dir, desktopSettingsFile), [Buffer.from(JSON.stringify(settings, null, 2) + '\n', 'utf8')]);
}

/** The settings held in memory: the file is read once, and written through on each change. */
export class DesktopSettingsStore {
  private current: DesktopSettings;

  constructor(private readonly dir: string) {
    this.current = readDesktopSettings(dir);
  }

  get(): DesktopSettings {
    return this.current;
  }

  update(change: Partial<DesktopSettings>): void {
    this.current = { ...this.current, ...change };
    writeDesktopSettings(this.dir, this.current);
  }
}
