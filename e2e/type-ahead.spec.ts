// A person presses New note and types at once, faster than the engine answers (it is busy, or
// far away over a slow link): not a letter is lost. Every call to the engine is held back here
// for a moment, as a busy engine would answer.
import { expect, test } from './support/fixtures.js';
import { noteText } from './support/app.js';

test('keys typed at once after New note, before a slow engine answers, are all in the note', async ({ page, device }) => {
  const laptop = await device('laptop');
  await page.routeWebSocket(/\/api\/events/u, (socket) => {
    const engine = socket.connectToServer();
    socket.onMessage((message) => {
      const slow = typeof message === 'string' && /"call":"(createNote|getNote)"/u.test(message);
      if (slow) setTimeout(() => engine.send(message), 400);
      else engine.send(message);
    });
  });
  await laptop.open(page);
  await page.getByRole('button', { name: 'New note' }).click();
  await page.keyboard.type('Ferry times');
  await page.keyboard.press('Enter');
  await page.keyboard.type('08:15 from the pier');
  await expect(page.getByRole('textbox', { name: 'Title' })).toHaveValue('Ferry times');
  await expect(noteText(page)).toHaveText('08:15 from the pier');
  await page.keyboard.press('ControlOrMeta+s');
  await expect
    .poll(() => (JSON.parse(laptop.ferry(['--json', 'list'])) as { title: string }[]).map((n) => n.title))
    .toEqual(['Ferry times']);
});
