// History: a note edited in two sittings shows both versions with what changed, and an old
// version can be brought back (as a new version: nothing is rewritten).
import { expect, test } from './support/fixtures.js';
import { noteText, typeAtEnd, writeNote } from './support/app.js';

test('edit, see the history, restore an earlier version', async ({ page, device, snap }) => {
  const laptop = await device('laptop');
  await laptop.open(page);
  await writeNote(page, 'Recipe', 'flour\nwater\n');
  // Leaving the note commits the version (as does a pause in typing).
  await page.keyboard.press('ControlOrMeta+s');
  await typeAtEnd(page, 'salt\n');
  await page.keyboard.press('ControlOrMeta+s');

  await page.getByRole('button', { name: 'History' }).click();
  const history = page.getByRole('complementary', { name: 'History' });
  await expect(history.getByRole('button', { name: /Created/u })).toBeVisible();
  await history.getByRole('button', { name: /Edited/u }).first().click();
  await expect(history.getByText('salt')).toBeVisible();
  await snap(page, 'history');

  // Versions, newest first: the edit that added salt, then the note as first written (no empty
  // note before it: a new note is written with its first words).
  await expect(history.getByRole('listitem')).toHaveCount(2);
  await history.getByRole('button', { name: /Created/u }).click();
  await history.getByRole('button', { name: 'Restore this version' }).click();
  await expect(noteText(page)).not.toContainText('salt');
  await expect(noteText(page)).toContainText('water');
  await expect.poll(() => laptop.ferry(['history', (JSON.parse(laptop.ferry(['--json', 'list'])) as { id: string }[])[0]!.id])).toMatch(/restored|edited/iu);
});

test('in a window half a laptop screen wide, the note and its history each get the whole pane', async ({ page, device }) => {
  await page.setViewportSize({ width: 860, height: 640 });
  const laptop = await device('laptop');
  await laptop.open(page);
  await writeNote(page, 'Recipe', 'flour\nwater\n');
  await page.keyboard.press('ControlOrMeta+s');
  // Every action of the note fits in the window.
  for (const name of ['History', 'Edit', 'Split', 'Preview', 'Move to trash']) {
    const box = (await page.getByRole('button', { name, exact: true }).boundingBox())!;
    expect(box.x + box.width).toBeLessThanOrEqual(860);
  }
  await page.getByRole('button', { name: 'History' }).click();
  const history = page.getByRole('complementary', { name: 'History' });
  await expect(history.getByRole('button', { name: /Created/u })).toBeVisible();
  // Too narrow for both: the history takes the pane, and no part of the editor shows through it.
  await expect(noteText(page)).toBeHidden();
  await expect(page.getByRole('button', { name: 'Edit', exact: true })).toBeHidden();
  await history.getByRole('button', { name: 'Close' }).click();
  await expect(noteText(page)).toContainText('water');
});
