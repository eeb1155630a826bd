// The window closed (or the browser killed) in the middle of a sentence: reopening the app shows
// every word typed, and the host committing on its way out makes it a version.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from './support/fixtures.js';
import { noteText, writeNote } from './support/app.js';
import { tempFolder } from './support/processes.js';

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

// Over 64 kB, more than a request may carry once its page is gone: the page sends only its last
// change, with the fingerprint of the saved draft it applies to (note-fields.ts, unloadArgs).
test('closing the page mid-typing in a long note loses nothing either', async ({ newPage, device }) => {
  const laptop = await device('laptop');
  const archive = Array.from({ length: 3000 }, (_, i) => `Entry ${i}: the ferry left at ${String(i % 24).padStart(2, '0')}:15, on time.`).join('\n');
  const folder = tempFolder('ferry-e2e-archive-');
  const file = join(folder.path, 'archive.md');
  writeFileSync(file, `${archive}\n`);
  const id = /[0-9a-f]{32}/u.exec(laptop.ferry(['new', '--title', 'Archive', '--body-file', file]))![0];
  folder.remove();
  const page = await newPage();
  await laptop.open(page);
  await page.getByRole('listbox', { name: 'Notes' }).getByRole('option', { name: /^Archive/u }).click();
  await noteText(page).click();
  await page.keyboard.press('ControlOrMeta+End');
  await page.keyboard.type('\nthe last line before the lid closed');
  // Closed as soon as the words are on the screen (keys the page had not handled yet were not typed).
  await expect(noteText(page)).toContainText('the last line before the lid closed');
  await page.close({ runBeforeUnload: true });

  const again = await newPage();
  await laptop.open(again);
  await again.getByRole('listbox', { name: 'Notes' }).getByRole('option', { name: /^Archive/u }).click();
  await noteText(again).click();
  await again.keyboard.press('ControlOrMeta+End');
  await expect(noteText(again)).toContainText('the last line before the lid closed');
  await laptop.stop();
  expect(laptop.ferry(['show', id])).toContain('the last line before the lid closed');
});
