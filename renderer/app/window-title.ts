// The window's title (the browser tab, the desktop window and its taskbar entry): what is open,
// then the app's name, so that a window among others says which note it holds.

import { useEffect } from 'react';

export const appName = 'Ferry Notes';

export function windowTitle(what: string): string {
  const shown = what.trim().replace(/\s+/gu, ' ');
  return shown === '' ? appName : `${shown} — ${appName}`;
}

/** Names the window after `what` while the caller is shown (null: leaves the title to others). */
export function useWindowTitle(what: string | null): void {
  useEffect(() => {
    if (what === null) return;
    document.title = windowTitle(what);
    return () => {
      document.title = appName;
    };
  }, [what]);
}
