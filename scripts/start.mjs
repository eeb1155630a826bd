// `npm start`: the desktop app where the Electron binary is installed (with the Electron build of
// the database module, made here on first start by `npm run native:electron`); otherwise a
// sentence saying why, and the same app in the browser through the web host (`ferry web --open`).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const require = createRequire(import.meta.url);
const shell = `${root}dist/desktop/main.mjs`;
const addon = `${root}build/native/electron/better_sqlite3.node`;

/** The Electron binary, found as the electron package keeps it; not by require('electron'), which tries to download a missing one. */
function electronBinary() {
  const dir = dirname(require.resolve('electron/package.json'));
  const named = existsSync(join(dir, 'path.txt')) ? readFileSync(join(dir, 'path.txt'), 'utf8').trim() : null;
  const override = process.env.ELECTRON_OVERRIDE_DIST_PATH;
  const path = override ? join(override, named ?? 'electron') : named === null ? null : join(dir, 'dist', named);
  return path !== null && existsSync(path) ? path : null;
}

function desktopUnavailable() {
  if (electronBinary() === null) return 'the Electron binary is not installed on this machine';
  if (!existsSync(shell)) return 'the desktop shell is not built yet';
  if (!existsSync(addon)) {
    const built = spawnSync(process.execPath, [`${root}scripts/native-electron.mjs`], { stdio: 'inherit' });
    if (built.status !== 0) return 'the database module could not be built for Electron (see above)';
  }
  return null;
}

const why = desktopUnavailable();
const args = process.argv.slice(2);
let child;
if (why === null) {
  child = spawn(electronBinary(), [root, ...args], { stdio: 'inherit' });
} else {
  console.error(`Ferry’s desktop app cannot start here (${why}); starting the same app in your browser instead.`);
  child = spawn(process.execPath, [`${root}bin/ferry`, 'web', '--open', ...args], { stdio: 'inherit' });
}
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => process.exit(code ?? (signal === null ? 0 : 1)));
