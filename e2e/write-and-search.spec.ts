// A person on a train with no network writes a note, and finds it again by searching for a word
// in it — as they type, with the word highlighted in the list and in the note opened — and
// through the quick switcher; a to-do in a note is ticked from its preview.
import { expect, test } from './support/fixtures.js';
import { notesList, writeNote } from './support/app.js';

test('write a note offline and find it by search', async ({ page, device, snap }) => {
  const laptop = await device('laptop');
  // While `holding`, the page's commits wait here, as in a long stretch of typing without a pause.
  let holding = false;
  const held: string[] = [];
  let release = (): void => undefined;
  await page.routeWebSocket(/\/api\/events/u, (socket) => {
    const engine = socket.connectToServer();
    release = () => {
      holding = false;
      for (const message of held.splice(0)) engine.send(message);
    };
    socket.onMessage((message) => {
      if (holding && typeof message === 'string' && /"call":"commitDraft"/u.test(message)) held.push(message);
      else engine.send(message);
    });
  });
  await laptop.open(page);
  await expect(page.getByText(/No notes yet/u)).toBeVisible();
  await snap(page, 'empty-journal');

  // A note begun and left without a word leaves nothing behind: not in the list, not in the journal.
  await page.getByRole('button', { name: 'New note' }).click();
  await expect(page.getByRole('textbox', { name: 'Title' })).toBeFocused();
  await page.getByRole('button', { name: 'Journal' }).click();
  await page.getByRole('button', { name: 'All notes' }).click();
  await expect(page.getByText(/No notes yet/u)).toBeVisible();
  expect(JSON.parse(laptop.ferry(['list', '--json']))).toEqual([]);

  // A new note is in the list from its first words, before typing pauses and writes it.
  holding = true;
  await writeNote(page, 'Train thoughts', 'The viaduct near Ribblehead has twenty-four arches.\n\n- count them next time\n');
  await expect(notesList(page).getByRole('option', { name: /^Train thoughts/u })).toBeVisible();
  expect(JSON.parse(laptop.ferry(['list', '--json']))).toEqual([]);
  release();
  await writeNote(page, 'Groceries', 'milk, eggs, bread');
  await expect(notesList(page).getByRole('option')).toHaveCount(2);
  await expect(notesList(page).getByRole('option', { name: /^Train thoughts/u })).toContainText('twenty-four arches');
  await snap(page, 'notes-and-editor');

  await page.getByRole('searchbox', { name: 'Search notes' }).fill('viad');
  const results = page.getByRole('listbox', { name: 'Search results' });
  await expect(results.getByRole('option')).toHaveCount(1);
  await expect(results.locator('mark').first()).toHaveText(/viaduct/iu);
  await snap(page, 'search-results');
  await results.getByRole('option').first().click();
  await expect(page.getByRole('textbox', { name: 'Title' })).toHaveValue('Train thoughts');
  // The note shows the words searched for, marked as in the list.
  await expect(page.locator('.cm-term')).toHaveText(['viaduct']);

  // A long note found by a word far down opens there, the word marked.
  const days = Array.from({ length: 300 }, (_, i) => `Day ${i + 1}: nothing to report.`);
  days[240] = 'Day 241: the ferry to Tangier left late.';
  laptop.ferry(['new', '--title', 'Logbook', '--body', days.join('\n\n')]);
  await page.getByRole('searchbox', { name: 'Search notes' }).fill('tangier');
  await results.getByRole('option', { name: /Logbook/u }).click();
  await expect(page.getByRole('textbox', { name: 'Title' })).toHaveValue('Logbook');
  await expect(page.locator('.cm-term')).toHaveText(['Tangier']);
  await expect(page.locator('.cm-term')).toBeInViewport();

  // A to-do in a note is ticked in its preview, and the text says so.
  const packing = laptop.ferry(['new', '--title', 'Packing', '--body', '- [ ] passport\n- [ ] charger\n']).trim();
  await page.getByRole('searchbox', { name: 'Search notes' }).fill('');
  await notesList(page).getByRole('option', { name: /^Packing/u }).click();
  await page.getByRole('button', { name: 'Preview' }).click();
  await page.getByRole('document', { name: 'Preview' }).getByRole('checkbox').nth(1).check();
  await page.keyboard.press('ControlOrMeta+s');
  await expect.poll(() => laptop.ferry(['show', packing])).toContain('- [ ] passport\n- [x] charger\n');
  await page.getByRole('button', { name: 'Edit' }).click();

  // A long title is shown whole, over as many lines as it needs, not cut at the field's end.
  const long = 'The many railway journeys across the Iberian peninsula in late autumn, from Lisbon to Porto and on';
  laptop.ferry(['new', '--title', long, '--body', 'Notes to come.']);
  await notesList(page).getByRole('option', { name: /^The many railway journeys/u }).click();
  const titleField = page.getByRole('textbox', { name: 'Title' });
  await expect(titleField).toHaveValue(long);
  const shown = await titleField.evaluate((el) => ({ clipped: el.scrollWidth > el.clientWidth + 1 || el.scrollHeight > el.clientHeight + 1, lines: Math.floor(el.clientHeight / parseFloat(getComputedStyle(el).lineHeight)) }));
  expect(shown.clipped).toBe(false);
  expect(shown.lines).toBeGreaterThanOrEqual(2);

  // The quick switcher finds it from anywhere, by keyboard only.
  await page.getByRole('searchbox', { name: 'Search notes' }).fill('');
  await page.keyboard.press('ControlOrMeta+k');
  const switcher = page.getByRole('dialog', { name: 'Quick switcher' });
  await expect(switcher).toBeVisible();
  await page.keyboard.type('milk');
  await expect(switcher.getByRole('option').first()).toContainText('Groceries');
  await snap(page, 'quick-switcher');
  await page.keyboard.press('Enter');
  await expect(switcher).toBeHidden();
  await expect(page.getByRole('textbox', { name: 'Title' })).toHaveValue('Groceries');

  // In a tag's list, search keeps to the notes carrying the tag, and offers every note.
  laptop.ferry(['new', '--title', 'Kitchen shelf', '--body', 'milk goes on the left', '--tag', 'home']);
  await page.getByRole('button', { name: /^#home/u }).click();
  const field = page.getByRole('searchbox', { name: 'Search notes' });
  await expect(field).toHaveAttribute('placeholder', /^Search #home/u);
  await field.fill('milk');
  await expect(results.getByRole('option')).toHaveCount(1);
  await expect(results.getByRole('option').first()).toContainText('Kitchen shelf');
  await page.getByRole('button', { name: 'Search all notes' }).click();
  await expect(page.getByRole('searchbox', { name: 'Search notes' })).toHaveValue('milk');
  await expect(results.getByRole('option')).toHaveCount(2);

  // The engine has it, as a version, not only as a draft: the CLI on the same journal finds it.
  await expect.poll(() => laptop.ferry(['search', 'arches'])).toContain('Train thoughts');
});
