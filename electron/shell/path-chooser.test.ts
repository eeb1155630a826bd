// Settings' "Choose…" in the desktop app opens the dialog that fits: a .ferry file to import, a
// place to save one (with the name proposed), a folder for exchange.

import { describe, expect, it } from 'vitest';
import type { Dialogs } from './bundle-actions.js';
import { dialogPathChooser } from './path-chooser.js';

describe('choosing a path in the system’s dialogs', () => {
  it('opens a file, saves a file or picks a folder, as the purpose says, and passes the answer on', async () => {
    const opened: string[] = [];
    const dialogs: Pick<Dialogs, 'openFile' | 'saveFile' | 'openFolder'> = {
      openFile: (options) => (opened.push(`open ${options.filters.map((f) => f.extensions.join()).join()}`), Promise.resolve('/media/usb/laptop.ferry')),
      saveFile: (options) => (opened.push(`save ${options.defaultPath}`), Promise.resolve(null)),
      openFolder: () => (opened.push('folder'), Promise.resolve('/media/usb')),
    };
    const chooser = dialogPathChooser(dialogs);
    expect(await chooser.choose('importBundle', undefined)).toBe('/media/usb/laptop.ferry');
    expect(await chooser.choose('exportBundle', 'desk-2026-12-07.ferry')).toBeNull();
    expect(await chooser.choose('exportBundle', undefined)).toBeNull();
    expect(await chooser.choose('exchangeFolder', undefined)).toBe('/media/usb');
    expect(opened).toEqual(['open ferry', 'save desk-2026-12-07.ferry', 'save ferry.ferry', 'folder']);
  });
});
