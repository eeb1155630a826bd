// The journal: today's entry one keystroke away, ready to write in, written with its first words
// (not by looking), and its day marked in the calendar; another day's entry written from the
// calendar, the morning after.
import { expect, test } from './support/fixtures.js';
import { typeAtEnd } from './support/app.js';

test('a journal day: today is one keystroke away and the calendar shows it', async ({ page, device, snap }) => {
  const laptop = await device('laptop');
  await laptop.open(page);
  await page.keyboard.press('ControlOrMeta+j');
  const title = page.getByRole('textbox', { name: 'Title' });
  await expect(title).not.toHaveValue('');
  const dayTitle = await title.inputValue();
  // Looking writes nothing: the entry is written with its first words.
  const calendar = page.getByRole('grid');
  await expect(calendar).toBeVisible();
  await expect(calendar.getByRole('button', { name: /has an entry/u })).toHaveCount(0);
  expect(laptop.ferry(['list'])).not.toContain(dayTitle);
  // The cursor is already in the text.
  await page.keyboard.type('Walked to the lighthouse.');
  await typeAtEnd(page, ' Wind from the west.');
  await expect(page.getByText('Saved', { exact: true })).toBeVisible();
  await expect(calendar.getByRole('button', { name: /has an entry/u })).toHaveCount(1);
  await snap(page, 'journal');

  // The same keystroke later opens the same entry, not a second one.
  await page.getByRole('button', { name: 'All notes' }).click();
  await page.keyboard.press('ControlOrMeta+j');
  await expect(title).toHaveValue(dayTitle);
  await expect(page.getByRole('textbox', { name: 'Note text' })).toContainText('lighthouse');
  await expect.poll(() => laptop.ferry(['list'])).toContain(dayTitle);

  // Another day of the month, not written: it opens blank, ready to write in, and its first words write it.
  const otherDay = `${dayTitle.slice(0, 8)}${dayTitle.endsWith('-01') ? '02' : '01'}`;
  await calendar.getByRole('button', { name: /no entry: write one$/u }).and(calendar.locator(`[data-date="${Number(otherDay.slice(8))}"]`)).click();
  await expect(title).toHaveValue(otherDay);
  expect(laptop.ferry(['list'])).not.toContain(otherDay);
  await page.keyboard.type('Written the morning after.');
  await expect(page.getByText('Saved', { exact: true })).toBeVisible();
  // Marked from its first words, before typing pauses and writes the entry as a version.
  await expect(calendar.getByRole('button', { name: /has an entry/u })).toHaveCount(2);
  const shown = () => {
    try {
      return laptop.ferry(['show', otherDay]);
    } catch {
      return 'not written yet';
    }
  };
  await expect.poll(shown).toContain('Written the morning after.');
});
