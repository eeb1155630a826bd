// No network between two machines: an exchange folder (a USB stick) carries a bundle. The desk is
// a new installation (the app's first start); it watches the stick, the laptop exports its whole
// journal there from Settings, and the desk, holding nothing yet, joins the laptop's journal.
import { expect, test } from './support/fixtures.js';
import { notesList, statusBar, writeNote } from './support/app.js';
import { tempFolder } from './support/processes.js';

test('a bundle exchanged through an exchange folder', async ({ newPage, device, snap }) => {
  const laptop = await device('laptop');
  laptop.ferry(['new', '--title', 'Before the trip', '--body', 'Both machines have this one.']);
  const stick = tempFolder('ferry-stick-');
  const desk = await device('desk', { firstStart: true });

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

  // The desk notices the bundle on the stick, joins the laptop's journal, imports it and says so.
  await expect(onDesk.getByRole('status').filter({ hasText: `This device joined the journal of “laptop” (${laptop.journalId.slice(0, 8)}), through laptop-` })).toBeVisible({ timeout: 20_000 });
  await expect(deskFolder).toContainText(/Imported \d+ versions? from “laptop”/u);
  await expect(onDesk.getByText(laptop.journalId)).toBeVisible();
  await onDesk.getByRole('button', { name: 'All notes' }).click();
  await expect(notesList(onDesk).getByRole('option', { name: /^Field notes/u })).toBeVisible();
  await expect(notesList(onDesk).getByRole('option', { name: /^Before the trip/u })).toBeVisible();

  // The desk's own bundle on the stick is the laptop's journal now: what it writes goes back.
  await writeNote(onDesk, 'From the desk', 'Printed the map.');
  await onLaptop.getByLabel('Folder path').fill(stick.path);
  await onLaptop.getByRole('button', { name: 'Add folder' }).click();
  await onLaptop.getByRole('button', { name: 'All notes' }).click();
  await expect(notesList(onLaptop).getByRole('option', { name: /^From the desk/u })).toBeVisible({ timeout: 20_000 });
  // No server, yet the notes travel: the status bar says so, not "not syncing".
  await expect(statusBar(onDesk)).toContainText('Synced through the exchange folder');
  await expect(statusBar(onDesk)).toContainText(/another device’s bundle read/u);
  // The stick pulled: the desk says the folder is gone, rather than that all is well.
  stick.remove();
  await expect(statusBar(onDesk)).toContainText('Exchange folder unavailable', { timeout: 20_000 });
  await snap(onDesk, 'exchange-folder-gone');
});
