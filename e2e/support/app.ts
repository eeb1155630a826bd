// What the stories do in the app, in the user's words: write a note, open one, read the status
// bar. Built only on accessible names (labels, roles), which the app promises to keep.

import { expect, type Locator, type Page } from '@playwright/test';

/** The note's text editor (CodeMirror's editable area). */
export function noteText(page: Page): Locator {
  return page.getByRole('textbox', { name: 'Note text' });
}

/** Makes a new note with this title and text, through the keyboard as a person would. */
export async function writeNote(page: Page, title: string, text: string): Promise<void> {
  await page.getByRole('button', { name: 'New note' }).click();
  const titleField = page.getByRole('textbox', { name: 'Title' });
  await expect(titleField).toBeFocused();
  await titleField.fill(title);
  await noteText(page).click();
  await page.keyboard.type(text);
  await expect(page.getByText('Saved', { exact: true })).toBeVisible();
}

/** Types into the open note's text at its end. */
export async function typeAtEnd(page: Page, text: string): Promise<void> {
  await noteText(page).click();
  await page.keyboard.press('ControlOrMeta+End');
  await page.keyboard.type(text);
}

export function notesList(page: Page): Locator {
  return page.getByRole('listbox', { name: 'Notes' });
}

export function statusBar(page: Page): Locator {
  return page.getByRole('status', { name: 'Sync status' });
}

/** Collects every text the status bar shows from now on, to check the order of states. */
export async function recordStatus(page: Page): Promise<() => Promise<string[]>> {
  await page.evaluate(() => {
    const seen: string[] = [];
    (window as unknown as { ferrySeen: string[] }).ferrySeen = seen;
    const bar = document.querySelector('[aria-label="Sync status"]');
    if (bar === null) throw new Error('no status bar');
    const note = () => {
      const text = bar.textContent;
      if (seen.at(-1) !== text) seen.push(text);
    };
    note();
    new MutationObserver(note).observe(bar, { subtree: true, childList: true, characterData: true });
  });
  return () => page.evaluate(() => (window as unknown as { ferrySeen: string[] }).ferrySeen);
}
