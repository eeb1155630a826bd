// Vitest global setup: tests that spawn `ferry` or a child engine process run the compiled code in
// dist/, so build it first (tsc is incremental: nothing to do when it is up to date; the CLI bundle
// and the desktop bundles take a fraction of a second). Only the Node side is built: the renderer is checked by `npm run typecheck`.
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export default function buildDist(): void {
  const root = fileURLToPath(new URL('../..', import.meta.url));
  execFileSync(process.execPath, [`${root}node_modules/typescript/bin/tsc`, '-b', 'electron'], { cwd: root, stdio: 'inherit' });
  execFileSync(process.execPath, [`${root}scripts/bundle-cli.mjs`], { cwd: root, stdio: 'inherit' });
  execFileSync(process.execPath, [`${root}scripts/bundle-desktop.mjs`], { cwd: root, stdio: 'inherit' });
}
