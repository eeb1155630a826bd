// The keyboard shortcuts of the whole app, as a pure map from a key press to a command, so that
// the list is in one place (the sidebar shows the hints from here) and tested. Ctrl on Linux and
// Windows, Cmd on macOS. New note is Alt+N as well as Ctrl+N: a browser keeps Ctrl+N for itself.
// In shared/ because the desktop app menu (electron/shell/menu-model.ts) shows the same
// accelerators, and its test checks them against commandFor so the two cannot drift apart.

export type Command = 'newNote' | 'quickSwitcher' | 'today' | 'search' | 'syncNow' | 'history' | 'settings' | 'lists';

export interface KeyPress {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
  shiftKey: boolean;
}

export function commandFor(press: KeyPress, mac: boolean): Command | null {
  const mod = mac ? press.metaKey && !press.ctrlKey : press.ctrlKey && !press.metaKey;
  const key = press.key.toLowerCase();
  if (press.altKey && !mod && !press.shiftKey && (key === 'n' || press.key === 'ñ')) return 'newNote';
  if (!mod || press.altKey) return null;
  if (press.shiftKey) {
    if (key === 'f') return 'search';
    if (key === 's') return 'syncNow';
    if (key === 'h') return 'history';
    // As Typora's and other editors' sidebar toggles: B for the bars on the left.
    if (key === 'b') return 'lists';
    return null;
  }
  switch (key) {
    case 'n':
      return 'newNote';
    case 'k':
    case 'p':
      return 'quickSwitcher';
    case 'j':
      return 'today';
    case ',':
      return 'settings';
    default:
      return null;
  }
}

/** The hint shown beside a command, e.g. "Ctrl+K" or "⌘K". */
export function hint(command: Command, mac: boolean): string {
  const mod = mac ? '⌘' : 'Ctrl+';
  const shift = mac ? '⇧' : 'Shift+';
  switch (command) {
    case 'newNote':
      return mac ? '⌥N' : 'Alt+N';
    case 'quickSwitcher':
      return `${mod}K`;
    case 'today':
      return `${mod}J`;
    case 'search':
      return `${mod}${shift}F`;
    case 'syncNow':
      return `${mod}${shift}S`;
    case 'history':
      return `${mod}${shift}H`;
    case 'settings':
      return `${mod},`;
    case 'lists':
      return `${mod}${shift}B`;
  }
}

/**
 * The open note's own keys (NoteEditor): Ctrl+S (⌘S) makes what was typed a version now, Ctrl+E
 * (⌘E) toggles the preview. Either modifier works on every platform. Here so that the desktop
 * menu registers no shortcut that would take them from the editor (menu-model.test.ts).
 */
export function editorKey(press: KeyPress): 'commit' | 'preview' | null {
  if (!(press.ctrlKey || press.metaKey) || press.altKey || press.shiftKey) return null;
  const key = press.key.toLowerCase();
  return key === 's' ? 'commit' : key === 'e' ? 'preview' : null;
}

export function isMac(userAgent: string): boolean {
  return /macintosh|mac os x|iphone|ipad/iu.test(userAgent);
}
