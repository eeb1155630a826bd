// The theme the user chose (light, dark or the system's), kept in this browser's storage and
// applied to the page at once.
import { useCallback, useState } from 'react';
import { applyTheme, loadTheme, saveTheme, type Theme } from '../settings/theme.js';

export function useTheme(): [Theme, (theme: Theme) => void] {
  const [theme, setTheme] = useState<Theme>(loadTheme);
  const choose = useCallback((next: Theme) => {
    saveTheme(next);
    applyTheme(next);
    setTheme(next);
  }, []);
  return [theme, choose];
}
