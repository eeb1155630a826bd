// The sync engine hears when the network comes back, once per change.

import { afterEach, describe, expect, it, vi } from 'vitest';
import { watchConnectivity } from './connectivity.js';

afterEach(() => vi.useRealTimers());

describe('watching the network', () => {
  it('reports each change once, and nothing while it stays the same or after stopping', () => {
    vi.useFakeTimers();
    let online = true;
    const changes: boolean[] = [];
    const stop = watchConnectivity({ isOnline: () => online, onChange: (now) => changes.push(now), everyMs: 1000 });
    vi.advanceTimersByTime(3000);
    online = false;
    vi.advanceTimersByTime(3000);
    online = true;
    vi.advanceTimersByTime(1000);
    expect(changes).toEqual([false, true]);
    stop();
    online = false;
    vi.advanceTimersByTime(5000);
    expect(changes).toEqual([false, true]);
  });
});
