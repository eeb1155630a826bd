// Progress lines on stderr, stamped with the time since the bench started, so stdout carries
// only the table (and the results path).

import { performance } from 'node:perf_hooks';

export type Progress = (message: string) => void;

export function stderrProgress(write: (text: string) => void = (text) => process.stderr.write(text)): Progress {
  const start = performance.now();
  return (message) => {
    const seconds = ((performance.now() - start) / 1000).toFixed(1).padStart(6);
    write(`[${seconds} s] ${message}\n`);
  };
}
