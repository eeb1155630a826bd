// Vitest global setup: tests that spawn `ferry` or a child engine process run the compiled code in
// dist/, so build it first (incremental: nothing to do when it is up to date).
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export default function buildDist(): void {
  const root = fileURLToPath(new URL('../..', import.meta.url));
  execFileSync(process.execPath, [`${root}node_modules/typescript/bin/tsc`, '-b'], { cwd: root, stdio: 'inherit' });
}
