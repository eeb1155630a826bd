// The time now for views that show relative times ("5 min ago"): read at every render, with a
// render forced every `every` ms while the component lives, so the words do not go stale.
import { useEffect, useState } from 'react';

export function useNow(every: number): number {
  const [, setTicks] = useState(0);
  useEffect(() => {
    const timer = window.setInterval(() => setTicks((n) => n + 1), every);
    return () => window.clearInterval(timer);
  }, [every]);
  return Date.now();
}
