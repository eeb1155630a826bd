// The same line of a note changed on two devices while they could not sync: both sides are kept,
// the note is marked in conflict on each, and resolving it in the inbox ends the conflict
// everywhere.
import { expect, test } from './support/fixtures.js';
import { statusBar } from './support/app.js';

test('a conflict made on two replicas is resolved in the inbox', async ({ newPage, device, server, snap }) => {
  const laptop = await device('laptop');
  const noteId = (JSON.parse(laptop.ferry(['--json', 'new', '--title', 'Packing list', '--body', 'tent\nstove\n'])) as { id: string }).id;
  const sync = await server(laptop);
  const desk = await device('desk', { cloneFrom: sync });

  // Both edit the same line with their hosts stopped (as if offline), then come back.
  await laptop.stop();
  await desk.stop();
  laptop.ferry(['edit', noteId, '--body', 'tent\ngas stove\n']);
  desk.ferry(['edit', noteId, '--body', 'tent\nspirit stove\n']);
  laptop.ferry(['sync']);
  desk.ferry(['sync']);
  await laptop.start();
  await desk.start();

  const page = await newPage();
  await desk.open(page);
  await expect(statusBar(page)).toContainText('1 note in conflict');
  await page.getByRole('button', { name: /Conflicts/u }).click();
  await page.getByRole('listbox', { name: 'Notes in conflict' }).getByRole('option', { name: /^Packing list/u }).click();
  await expect(page.getByRole('table', { name: /laptop/u })).toContainText('gas stove');
  await expect(page.getByRole('table', { name: /desk/u })).toContainText('spirit stove');
  await snap(page, 'conflict-inbox');
  // The desk's own version says so.
  await expect(page.getByRole('button', { name: 'Keep the version from desk, this device' })).toBeVisible();

  // In a window half a laptop screen wide, the two versions stack: each is whole in view.
  await page.setViewportSize({ width: 860, height: 800 });
  for (const name of [/^Keep the version from laptop/u, /^Keep the version from desk/u]) {
    const box = (await page.getByRole('button', { name }).boundingBox())!;
    expect(box.x + box.width).toBeLessThanOrEqual(860);
  }
  await page.setViewportSize({ width: 1280, height: 800 });

  // Start from both: the line both kept once, and the colliding line from each device between markers.
  const merged = page.getByRole('textbox', { name: 'Merged text' });
  await page.getByRole('button', { name: 'Start from both' }).click();
  await expect(merged).toHaveValue(/^tent\n<<<<<<< (laptop|desk)\n(gas|spirit) stove\n=======\n(spirit|gas) stove\n>>>>>>> (desk|laptop)\n$/u);
  await expect(page.getByText(/still has marker lines/u)).toBeVisible();

  await merged.fill('tent\ngas stove\nspirit stove as a spare\n');
  await expect(page.getByText(/still has marker lines/u)).toHaveCount(0);
  await page.getByRole('button', { name: 'Save merged version' }).click();
  await expect(page.getByRole('textbox', { name: 'Note text' })).toContainText('spirit stove as a spare');
  await expect(statusBar(page)).not.toContainText('in conflict');

  // The resolution syncs: the laptop's conflict ends too.
  const onLaptop = await newPage();
  await laptop.open(onLaptop);
  await expect(statusBar(onLaptop)).not.toContainText('in conflict', { timeout: 20_000 });
  await expect.poll(() => laptop.ferry(['show', noteId]), { timeout: 20_000 }).toContain('spirit stove as a spare');
});
