// Two devices on one sync server. The desk starts as a new installation does: the app's first
// start, its welcome, and Settings, where the server and the laptop's token bring the laptop's
// notes. Then a note written on the laptop shows on the desk within seconds, without a reload,
// and the laptop's status bar goes from pending through syncing to synced. The server is reached
// over a link with latency, as over a real network: over bare loopback a sync can end before the
// page has drawn “Syncing”, and the story would turn on a race.
import { expect, test } from './support/fixtures.js';
import { notesList, recordStatus, statusBar, writeNote } from './support/app.js';

test('two replicas converge live, and the status bar tells the truth on the way', async ({ newPage, device, server, snap }) => {
  const laptop = await device('laptop');
  laptop.ferry(['new', '--title', 'Welcome', '--body', 'Written before the server existed.']);
  const sync = await server(laptop, { latencyMs: 150 });
  const desk = await device('desk', { firstStart: true });
  const onLaptop = await newPage();
  const onDesk = await newPage();
  await laptop.open(onLaptop);
  await desk.open(onDesk);
  await expect(statusBar(onLaptop)).toContainText('Synced');

  // The desk's first start: the welcome, then Settings, with the server and the laptop's token.
  await onDesk.getByRole('button', { name: 'Bring notes from another device' }).click();
  const settings = onDesk.getByRole('region', { name: 'Sync server' });
  await settings.getByLabel('Server URL').fill(sync.url);
  await settings.getByLabel('Token').fill(sync.token);
  await settings.getByRole('button', { name: 'Test connection' }).click();
  await expect(settings).toContainText(`Connected: save, and this device joins journal ${laptop.journalId.slice(0, 8)} and brings its 1 version here`);
  await snap(onDesk, 'two-devices-join');
  await settings.getByRole('button', { name: 'Save' }).click();
  await expect(onDesk.getByText(`This device joined the journal of “laptop” (${laptop.journalId.slice(0, 8)}), through ${sync.url}.`)).toBeVisible({ timeout: 20_000 });
  await expect(statusBar(onDesk)).toContainText('Synced');
  await onDesk.getByRole('button', { name: 'All notes' }).click();
  await expect(notesList(onDesk).getByRole('option', { name: /^Welcome/u })).toBeVisible();
  await snap(onDesk, 'two-devices-joined');

  const seen = await recordStatus(onLaptop);
  await writeNote(onLaptop, 'Shared plan', 'Meet at the station at nine.');
  // Typing is saved as a draft; the pause after it makes the note's first version, to sync.
  await expect(statusBar(onLaptop)).toContainText('1 change to sync', { timeout: 10_000 });
  await expect(statusBar(onLaptop)).toContainText('Synced', { timeout: 20_000 });
  const states = (await seen()).map((text) => (/to sync/u.test(text) ? 'pending' : /Syncing/u.test(text) ? 'syncing' : /Synced/u.test(text) ? 'synced' : 'other'));
  const order = states.filter((s, i) => s !== states[i - 1]);
  expect(order.indexOf('pending')).toBeGreaterThanOrEqual(0);
  expect(order.indexOf('syncing')).toBeGreaterThan(order.indexOf('pending'));
  expect(order.lastIndexOf('synced')).toBeGreaterThan(order.indexOf('syncing'));

  // The desk is told by the server and shows the note without a reload.
  await expect(notesList(onDesk).getByRole('option', { name: /^Shared plan/u })).toBeVisible({ timeout: 20_000 });
  await snap(onDesk, 'two-devices-desk');

  // And back: the desk's edit reaches the laptop.
  await writeNote(onDesk, 'From the desk', 'Printed the tickets.');
  await expect(notesList(onLaptop).getByRole('option', { name: /^From the desk/u })).toBeVisible({ timeout: 20_000 });

  await onDesk.getByRole('button', { name: 'Devices' }).click();
  await expect(onDesk.getByRole('main')).toContainText('laptop');
  await snap(onDesk, 'devices');
});
