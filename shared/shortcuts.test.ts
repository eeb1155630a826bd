// The app's keyboard shortcuts: Ctrl on Linux and Windows, Cmd on macOS, and Alt+N for a new note
// where the browser keeps Ctrl+N.
import { describe, expect, it } from 'vitest';
import { commandFor, editorKey, hint, type KeyPress } from './shortcuts.js';

const press = (key: string, mods: Partial<KeyPress> = {}): KeyPress => ({ key, ctrlKey: false, metaKey: false, altKey: false, shiftKey: false, ...mods });

describe('keyboard shortcuts', () => {
  it.each([
    ['Ctrl+K opens the quick switcher', press('k', { ctrlKey: true }), false, 'quickSwitcher'],
    ['Ctrl+P too', press('p', { ctrlKey: true }), false, 'quickSwitcher'],
    ['Cmd+K on a Mac', press('k', { metaKey: true }), true, 'quickSwitcher'],
    ['Ctrl+K on a Mac is not the shortcut', press('k', { ctrlKey: true }), true, null],
    ['Ctrl+J opens today', press('j', { ctrlKey: true }), false, 'today'],
    ['Alt+N makes a new note', press('n', { altKey: true }), false, 'newNote'],
    ['Ctrl+N too, where the browser lets it through', press('N', { ctrlKey: true }), false, 'newNote'],
    ['Ctrl+Shift+F searches', press('F', { ctrlKey: true, shiftKey: true }), false, 'search'],
    ['Ctrl+Shift+S syncs now', press('S', { ctrlKey: true, shiftKey: true }), false, 'syncNow'],
    ['Ctrl+, opens settings', press(',', { ctrlKey: true }), false, 'settings'],
    ['Ctrl+Shift+B hides or shows the sidebar and list', press('B', { ctrlKey: true, shiftKey: true }), false, 'lists'],
    ['⌘⇧B on a Mac', press('b', { metaKey: true, shiftKey: true }), true, 'lists'],
    ['plain typing is never a command', press('k'), false, null],
    ['Ctrl+Alt combinations are left alone (AltGr on many keyboards)', press('k', { ctrlKey: true, altKey: true }), false, null],
  ] as const)('%s', (_story, key, mac, expected) => {
    expect(commandFor(key, mac)).toBe(expected);
  });

  it('names each shortcut the way the platform writes it', () => {
    expect(hint('quickSwitcher', false)).toBe('Ctrl+K');
    expect(hint('quickSwitcher', true)).toBe('⌘K');
    expect(hint('newNote', false)).toBe('Alt+N');
  });
});

describe('the open note’s own keys', () => {
  it.each([
    ['Ctrl+S makes what was typed a version now', press('s', { ctrlKey: true }), 'commit'],
    ['⌘E toggles the preview', press('e', { metaKey: true }), 'preview'],
    ['Ctrl+Shift+E is not the preview (the desktop menu’s Export bundle…)', press('E', { ctrlKey: true, shiftKey: true }), null],
    ['plain e is typing', press('e'), null],
  ] as const)('%s', (_story, key, expected) => {
    expect(editorKey(key)).toBe(expected);
  });
});
