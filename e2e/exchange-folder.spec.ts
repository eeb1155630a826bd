// No network between two machines: an exchange folder (a USB stick) carries a bundle. The laptop
// exports to the stick from Settings; the desk watches the stick and imports what appears.
import { join } from 'node:path';
import { expect, test } from './support/fixtures.js';
import { notesList, statusBar, writeNote } from './support/app.js';
import { tempFolder } from './support/processes.js';

test('a bundle exchanged through an exchange folder', async ({ newPage, device, snap }) => {
  const laptop = await device('laptop');
  laptop.ferry(['new', '--title', 'Before the trip', '--body', 'Both machines have this one.']);
  const stick = tempFolder('ferry-stick-');
  // The desk starts as a copy of the laptop's journal, from a full bundle (ferry clone BUNDLE).
  const carried = tempFolder('ferry-first-copy-');
  const full = join(carried.path, 'everything.ferry');
  laptop.ferry(['bundle', 'create', full, '--all']);
  const desk = await device('desk', { cloneFrom: full });
  carried.remove();

  const onDesk = await newPage();
  await desk.open(onDesk);
  await onDesk.getByRole('button', { name: 'Settings' }).click();
  await onDesk.getByLabel('Folder path').fill(stick.path);
  await onDesk.getByRole('button', { name: 'Add folder' }).click();
  // The folder's row says, as it happens, what was done there: the desk's own bundle written.
  const deskFolder = onDesk.getByRole('listitem').filter({ hasText: stick.path });
  await expect(deskFolder).toContainText('Wrote this device’s bundle');
  await snap(onDesk, 'settings');

  const onLaptop = await newPage();
  await laptop.open(onLaptop);
  await writeNote(onLaptop, 'Field notes', 'Saw a kestrel over the quarry.');
  await onLaptop.getByRole('button', { name: 'Settings' }).click();
  await onLaptop.getByLabel('Export to (file or folder)').fill(stick.path);
  await onLaptop.getByRole('button', { name: 'Export bundle' }).click();
  await expect(onLaptop.getByText(/Wrote \d+ versions?/u)).toBeVisible();

  // The desk notices the bundle on the stick, imports it and says so.
  await expect(onDesk.getByRole('status').filter({ hasText: /^Imported \d+ versions? from/u })).toBeVisible({ timeout: 20_000 });
  await expect(deskFolder).toContainText(/Imported \d+ versions? from “laptop”/u);
  await onDesk.getByRole('button', { name: 'All notes' }).click();
  await expect(notesList(onDesk).getByRole('option', { name: /^Field notes/u })).toBeVisible();
  // No server, yet the notes travel: the status bar says so, not "not syncing".
  await expect(statusBar(onDesk)).toContainText('Synced through the exchange folder');
  await expect(statusBar(onDesk)).toContainText(/another device’s bundle read/u);
  // The stick pulled: the desk says the folder is gone, rather than that all is well.
  stick.remove();
  await expect(statusBar(onDesk)).toContainText('Exchange folder unavailable', { timeout: 20_000 });
  await snap(onDesk, 'exchange-folder-gone');
});
