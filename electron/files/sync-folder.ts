// Making a rename durable: after a file is renamed into a folder, the folder itself is flushed, so
// the new name survives a power cut (POSIX). Where folders cannot be opened (Windows) it does
// nothing; the rename is atomic all the same.

import { closeSync, fsyncSync, openSync } from 'node:fs';

export function syncFolder(folder: string): void {
  let fd: number | undefined;
  try {
    fd = openSync(folder, 'r');
    fsyncSync(fd);
  } catch {
    // Not supported on this platform.
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}
