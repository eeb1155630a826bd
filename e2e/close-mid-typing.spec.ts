// The window closed (or the browser killed) in the middle of a sentence: reopening the app shows
// every word typed, and the host committing on its way out makes it a version.
import { expect, test } from './support/fixtures.js';
import { noteText, writeNote } from './support/app.js';

test('closing the page mid-typing loses nothing', async ({ newPage, device }) => {
  const laptop = await device('laptop');
  const page = await newPage();
  await laptop.open(page);
  await writeNote(page, 'Letter', 'Dear Sam,\n');
  await page.keyboard.type('the last words before the lid closed');
  await page.close({ runBeforeUnload: true });

  const again = await newPage();
  await laptop.open(again);
  await again.getByRole('listbox', { name: 'Notes' }).getByRole('option', { name: /^Letter/u }).click();
  await expect(noteText(again)).toContainText('the last words before the lid closed');

  // And when the host itself stops, what was typed becomes a version.
  await laptop.stop();
  expect(laptop.ferry(['list'])).toContain('Letter');
  const id = (JSON.parse(laptop.ferry(['--json', 'list'])) as { id: string }[])[0]!.id;
  expect(laptop.ferry(['show', id])).toContain('the last words before the lid closed');
});
