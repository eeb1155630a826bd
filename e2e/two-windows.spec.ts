// Two windows (two tabs) open on one note, and the person types in one, then in the other before
// the first has rested: both windows' words are kept. The second window never saw the first one's
// draft, so the two merge, or show a conflict, like edits from two devices.
import { expect, test } from './support/fixtures.js';
import { noteText, typeAtEnd } from './support/app.js';

test('two windows on one note never write over each other', async ({ newPage, device }) => {
  const laptop = await device('laptop');
  const id = /[0-9a-f]{32}/u.exec(laptop.ferry(['new', '--title', 'Packing', '--body', 'passport\n']))![0];
  const [first, second] = [await newPage(), await newPage()];
  for (const page of [first, second]) {
    await laptop.open(page);
    await page.getByRole('listbox', { name: 'Notes' }).getByRole('option', { name: /^Packing/u }).click();
    await expect(noteText(page)).toContainText('passport');
  }

  await typeAtEnd(first, 'typed in the first window\n');
  await typeAtEnd(second, 'typed in the second window\n');
  // Both wrote a line after "passport": the note shows a conflict, and both lines are kept.
  await expect(second.getByText(/^Conflicting edits/u)).toBeVisible();
  await expect(first.getByText(/^Conflicting edits/u)).toBeVisible();
  const kept = JSON.parse(laptop.ferry(['--json', 'history', id])) as { body: string }[];
  expect(kept.map((v) => v.body)).toEqual(expect.arrayContaining(['passport\ntyped in the first window\n', 'passport\ntyped in the second window\n']));
});
