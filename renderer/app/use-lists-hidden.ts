// Whether the sidebar and the list are hidden, for a note to have the whole window (Ctrl+Shift+B,
// the View menu, or the buttons that hide and show them). A matter of this screen, like the
// theme: kept in this browser's storage, not in the journal.
import { useCallback, useState } from 'react';
import { browserStorage } from '../settings/theme.js';

export const listsHiddenKey = 'ferry.listsHidden';

export function useListsHidden(): [boolean, (hidden: boolean) => void] {
  const [hidden, setHidden] = useState(() => {
    try {
      return browserStorage()?.getItem(listsHiddenKey) === 'true';
    } catch {
      return false;
    }
  });
  const choose = useCallback((next: boolean) => {
    setHidden(next);
    try {
      browserStorage()?.setItem(listsHiddenKey, String(next));
    } catch {
      // Still hidden (or shown) for this session.
    }
  }, []);
  return [hidden, choose];
}
