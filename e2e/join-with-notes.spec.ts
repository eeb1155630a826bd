// A desk that was written on before it was told of the laptop: its own journal has a note. Settings
// says the laptop's token opens another journal, and offers to join it bringing the desk's note;
// after the join both devices have both notes, and the desk's journal as it was is kept to read.
import { expect, test } from './support/fixtures.js';
import { notesList, statusBar, writeNote } from './support/app.js';

test('a device with notes of its own joins another journal when asked, bringing them', async ({ newPage, device, server, snap }) => {
  const laptop = await device('laptop');
  laptop.ferry(['new', '--title', 'Garden plan', '--body', 'Beans on the fence.']);
  const sync = await server(laptop);
  const desk = await device('desk', { firstStart: true });
  const onDesk = await newPage();
  await desk.open(onDesk);
  await writeNote(onDesk, 'Desk inventory', 'One lamp, two chairs.');

  await onDesk.getByRole('button', { name: 'Settings' }).click();
  const settings = onDesk.getByRole('region', { name: 'Sync server' });
  await settings.getByLabel('Server URL').fill(sync.url);
  await settings.getByLabel('Token').fill(sync.token);
  await settings.getByRole('button', { name: 'Test connection' }).click();
  await expect(settings.getByRole('alert')).toContainText(`this token opens journal ${laptop.journalId.slice(0, 8)}, not this device’s, which has 1 note of its own`);
  await snap(onDesk, 'join-offer');
  await settings.getByRole('button', { name: `Join journal ${laptop.journalId.slice(0, 8)}, bringing 1 note` }).click();
  await expect(settings).toContainText(`Joined journal ${laptop.journalId.slice(0, 8)}, bringing 1 note. This device’s journal as it was is kept, to read from, in ${desk.dir}/before-joining-`);
  await expect(statusBar(onDesk)).toContainText('Synced', { timeout: 20_000 });
  await snap(onDesk, 'join-done');

  await onDesk.getByRole('button', { name: 'All notes' }).click();
  await expect(notesList(onDesk).getByRole('option', { name: /^Garden plan/u })).toBeVisible();
  await expect(notesList(onDesk).getByRole('option', { name: /^Desk inventory/u })).toBeVisible();
  laptop.ferry(['sync']);
  expect(laptop.ferry(['list'])).toContain('Desk inventory');
});
