// Writing a file so that nobody ever sees half of it (docs/stream-format.md, B6): the bytes go to a
// temporary file beside the destination, are flushed to the disk, and the temporary file is
// renamed over the destination; the folder is flushed too, so the rename survives a power cut. A
// stick pulled out, a full disk or a read-only folder leave the old file as it was and no
// temporary file behind (where the folder is still there to clean).

import { randomBytes } from 'node:crypto';
import { closeSync, fsyncSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { FerryError } from '../../shared/errors.js';
import { syncFolder } from './sync-folder.js';

export function writeFileAtomic(file: string, chunks: readonly Uint8Array[]): void {
  const folder = dirname(file);
  const temp = join(folder, `.${basename(file)}.${process.pid}-${randomBytes(4).toString('hex')}.tmp`);
  let fd: number | undefined;
  try {
    fd = openSync(temp, 'wx');
    for (const chunk of chunks) {
      let written = 0;
      while (written < chunk.length) written += writeSync(fd, chunk, written, chunk.length - written);
    }
    fsyncSync(fd);
    closeSync(fd);
    fd = undefined;
    renameSync(temp, file);
    syncFolder(folder);
  } catch (error) {
    if (fd !== undefined) {
      try {
        closeSync(fd);
      } catch {
        // The device may be gone; there is nothing more to close.
      }
    }
    rmSync(temp, { force: true });
    throw fileError(error, file);
  }
}

/** A sentence for a failed write; the old file (if any) is intact in every case. */
function fileError(error: unknown, file: string): unknown {
  const code = (error as NodeJS.ErrnoException).code;
  const keep = 'Any earlier file there is unchanged.';
  switch (code) {
    case 'ENOSPC':
    case 'EDQUOT':
      return new FerryError('DiskFull', `There is not enough space to write ${file}. ${keep}`, { cause: error });
    case 'EROFS':
    case 'EACCES':
    case 'EPERM':
      return new FerryError('ReadOnly', `Cannot write ${file}: the folder is read-only or not yours. ${keep}`, { cause: error });
    case 'ENOENT':
    case 'ENOTDIR':
      return new FerryError('NotFound', `Cannot write ${file}: the folder ${dirname(file)} is not there (was the drive removed?). ${keep}`, { cause: error });
    case 'EIO':
    case 'ENXIO':
    case 'ENODEV':
      return new FerryError('ReadOnly', `Writing ${file} failed (${code}): the drive may have been removed. ${keep}`, { cause: error });
    default:
      return error;
  }
}
