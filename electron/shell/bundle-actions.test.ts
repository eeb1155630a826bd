// The desktop app's bundle stories, through the real engine with the system's dialogs scripted:
// a bundle double-clicked in a file manager is imported only after the person says yes, and they
// are told what arrived; a damaged one changes nothing and says why; Export bundle… writes what
// another device lacks, or everything.

import { writeFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createBundle } from '../bundle/create-bundle.js';
import { AppService } from '../host/app-service.js';
import type { Journal } from '../journal/journal.js';
import { useLaptops } from '../testing/replicas.js';
import { BundleActions, type Dialogs } from './bundle-actions.js';

const { machines, clock } = useLaptops();

interface Asked {
  message: string;
  detail: string;
  buttons: string[];
  kind: string;
}

/** Dialogs answered from a script; what each said is kept. */
function scripted(answers: { ask?: number[]; open?: string | null; save?: string | null }) {
  const asked: Asked[] = [];
  const saves: { defaultPath: string }[] = [];
  const dialogs: Dialogs = {
    ask(words) {
      asked.push({ message: words.message, detail: words.detail, buttons: words.buttons, kind: words.kind });
      return Promise.resolve(answers.ask?.shift() ?? 0);
    },
    openFile() {
      return Promise.resolve(answers.open ?? null);
    },
    openFolder() {
      return Promise.resolve(null);
    },
    saveFile(options) {
      saves.push({ defaultPath: options.defaultPath });
      return Promise.resolve(answers.save ?? null);
    },
  };
  return { dialogs, asked, saves };
}

function actionsOn(journal: Journal, dialogs: Dialogs): BundleActions {
  const service = new AppService({ journal, sync: null, watchFolders: false });
  return new BundleActions(service.handlers, dialogs);
}

async function bundleFromDesk(laptop: Journal): Promise<{ desk: Journal; file: string }> {
  const desk = await machines.cloneOf(laptop, 'desk');
  clock.tick();
  desk.createNote({ title: 'Written at the desk', body: 'plans\n' });
  const file = machines.stickFile('desk.ferry');
  await createBundle(desk, file, { for: laptop.replicaId }, clock.now);
  return { desk, file };
}

describe('a bundle opened from a file manager', () => {
  it('is imported after the person says Import, and they are told what arrived', async () => {
    const laptop = machines.first('laptop');
    laptop.createNote({ title: 'Groceries', body: 'milk\n' });
    const { file } = await bundleFromDesk(laptop);
    const { dialogs, asked } = scripted({ ask: [0, 0] });

    expect(await actionsOn(laptop, dialogs).openedFromOutside(file)).toEqual({ done: true });
    expect(laptop.notes().map((n) => n.title).sort()).toEqual(['Groceries', 'Written at the desk']);
    expect(asked[0]).toMatchObject({ message: 'Import the notes in “desk.ferry”?', buttons: ['Import', 'Cancel'], kind: 'question' });
    expect(asked[0]!.detail).toContain(file);
    expect(asked[1]).toMatchObject({ message: 'Imported “desk.ferry”.', kind: 'info' });
    expect(asked[1]!.detail).toMatch(/^1 version added, changing 1 note\b/u);

    // Opened again: nothing new, and it says so.
    const again = scripted({ ask: [0, 0] });
    await actionsOn(laptop, again.dialogs).openedFromOutside(file);
    expect(again.asked[1]).toMatchObject({ message: 'Nothing new in “desk.ferry”.' });
  });

  it('changes nothing when the person cancels', async () => {
    const laptop = machines.first('laptop');
    const { file } = await bundleFromDesk(laptop);
    const before = laptop.notes();
    const { dialogs, asked } = scripted({ ask: [1] });
    expect(await actionsOn(laptop, dialogs).openedFromOutside(file)).toEqual({ done: false });
    expect(laptop.notes()).toEqual(before);
    expect(asked).toHaveLength(1);
  });

  it('a damaged bundle is refused in words, and the journal is unchanged', async () => {
    const laptop = machines.first('laptop');
    const { file } = await bundleFromDesk(laptop);
    const bytes = readFileSync(file);
    const damaged = machines.stickFile('damaged.ferry');
    writeFileSync(damaged, bytes.subarray(0, bytes.length - 40));
    const before = laptop.notes();
    const { dialogs, asked } = scripted({ ask: [0, 0] });
    expect(await actionsOn(laptop, dialogs).openedFromOutside(damaged)).toEqual({ done: false });
    expect(laptop.notes()).toEqual(before);
    expect(asked[1]).toMatchObject({ message: '“damaged.ferry” was not imported.', kind: 'error' });
    expect(asked[1]!.detail).toMatch(/Your journal is unchanged\.$/u);
    expect(asked[1]!.detail.toLowerCase()).toContain('bundle');
  });
});

describe('the menu’s bundle actions', () => {
  it('Import bundle… imports the file chosen, without a second question', async () => {
    const laptop = machines.first('laptop');
    const { file } = await bundleFromDesk(laptop);
    const { dialogs, asked } = scripted({ open: file, ask: [0] });
    expect(await actionsOn(laptop, dialogs).chooseAndImport()).toEqual({ done: true });
    expect(asked.map((a) => a.message)).toEqual(['Imported “desk.ferry”.']);
    expect(await actionsOn(laptop, scripted({ open: null }).dialogs).chooseAndImport()).toEqual({ done: false });
  });

  it('Export bundle… offers what a known device lacks, or everything, and names the file for this device and day', async () => {
    const laptop = machines.first('laptop');
    laptop.createNote({ title: 'Groceries', body: 'milk\n' });
    const { desk } = await bundleFromDesk(laptop);
    await machines.carry(desk, laptop);
    clock.tick();
    laptop.createNote({ title: 'On the train', body: 'tunnel\n' });

    const target = machines.stickFile('for-desk.ferry');
    const forDesk = scripted({ ask: [1, 0], save: target });
    expect(await actionsOn(laptop, forDesk.dialogs).chooseAndExport('2026-12-07')).toEqual({ done: true });
    expect(forDesk.asked[0]!.buttons).toEqual(['Everything', 'What desk lacks', 'Cancel']);
    expect(forDesk.saves[0]!.defaultPath).toBe('laptop-2026-12-07-for-desk.ferry');
    expect(forDesk.asked[1]).toMatchObject({ message: 'Saved 1 version to “for-desk.ferry”.', kind: 'info' });
    expect(forDesk.asked[1]!.detail).toContain('what desk does not have yet');

    // The desk opens it and has the note from the train.
    const atDesk = scripted({ ask: [0, 0] });
    await actionsOn(desk, atDesk.dialogs).openedFromOutside(target);
    expect(desk.notes().map((n) => n.title)).toContain('On the train');

    const everything = scripted({ ask: [0, 0], save: join(machines.stickFile('all.ferry')) });
    await actionsOn(laptop, everything.dialogs).chooseAndExport('2026-12-07');
    expect(everything.saves[0]!.defaultPath).toBe('laptop-2026-12-07.ferry');
    expect(everything.asked[1]!.detail).toContain('everything in your journal');

    const cancelled = scripted({ ask: [2] });
    expect(await actionsOn(laptop, cancelled.dialogs).chooseAndExport('2026-12-07')).toEqual({ done: false });
    expect(cancelled.saves).toEqual([]);
  });
});
