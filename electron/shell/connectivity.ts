// Tells the sync engine when the network comes and goes (Electron's main process has no online
// event: it asks net.isOnline() every few seconds) and when the machine wakes from sleep, so a
// sync follows at once instead of waiting for the next timer or retry.

export interface ConnectivityOptions {
  isOnline: () => boolean;
  onChange: (online: boolean) => void;
  everyMs?: number;
}

/** Starts watching; returns a function that stops. */
export function watchConnectivity(options: ConnectivityOptions): () => void {
  let online = options.isOnline();
  const timer = setInterval(() => {
    const now = options.isOnline();
    if (now === online) return;
    online = now;
    options.onChange(now);
  }, options.everyMs ?? 5000);
  timer.unref();
  return () => clearInterval(timer);
}
