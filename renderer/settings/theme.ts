// The app's theme: chosen in Settings, kept in this browser's localStorage (it is a matter of this
// screen, not of the journal, so it does not sync), and applied as data-theme on <html>, which
// app.css reads. "system" removes the attribute, so prefers-color-scheme decides.

export type Theme = 'light' | 'dark' | 'system';

export const themes: readonly Theme[] = ['light', 'dark', 'system'];

export const themeKey = 'ferry.theme';

export function isTheme(value: unknown): value is Theme {
  return value === 'light' || value === 'dark' || value === 'system';
}

/** The saved theme, or "system" when none is saved (or storage cannot be read). */
export function loadTheme(storage: Pick<Storage, 'getItem'> | null = browserStorage()): Theme {
  try {
    const saved = storage?.getItem(themeKey);
    return isTheme(saved) ? saved : 'system';
  } catch {
    return 'system';
  }
}

/** Keeps the choice for the next start; a storage that refuses (private mode, full) only loses that. */
export function saveTheme(theme: Theme, storage: Pick<Storage, 'setItem'> | null = browserStorage()): void {
  try {
    storage?.setItem(themeKey, theme);
  } catch {
    // The theme still applies for this session.
  }
}

export function applyTheme(theme: Theme, root: HTMLElement = document.documentElement): void {
  if (theme === 'system') delete root.dataset.theme;
  else root.dataset.theme = theme;
}

/** This browser's localStorage, or null where storage is blocked. */
export function browserStorage(): Storage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    // Reading localStorage itself throws where storage is blocked.
    return null;
  }
}
