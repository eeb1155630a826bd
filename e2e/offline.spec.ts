// The sync server goes away (a train tunnel, a server restart): the app keeps working, the status
// bar says offline with the changes waiting and when it will retry, and when the server is back
// the changes go through without anyone pressing a button.
import { expect, test } from './support/fixtures.js';
import { statusBar, writeNote } from './support/app.js';

test('the server stopped: offline with a retry shown, then back and synced', async ({ page, device, server, snap }) => {
  const laptop = await device('laptop');
  const sync = await server(laptop);
  await laptop.open(page);
  await expect(statusBar(page)).toContainText('Synced');

  await sync.stop();
  await writeNote(page, 'Written in the tunnel', 'No signal here.');
  // Committed as a version now (not after a pause), so every change exists before the server returns.
  await page.keyboard.press('ControlOrMeta+s');
  await expect(statusBar(page)).toContainText(/Offline/u, { timeout: 20_000 });
  await expect(statusBar(page)).toContainText(/retry/iu);
  await snap(page, 'offline');

  await sync.start();
  await page.getByRole('button', { name: 'Sync now' }).click();
  await expect(statusBar(page)).toContainText('Synced', { timeout: 30_000 });
  expect((JSON.parse(laptop.ferry(['--json', 'status'])) as { pending: number }).pending).toBe(0);
});
