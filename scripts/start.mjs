// `npm start`: the desktop app where the Electron binary is installed (with the Electron build of
// the database module, made here on first start by `npm run native:electron`); otherwise a
// sentence saying why, and the same app in the browser through the web host (`ferry web --open`).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { electronBinary } from './electron-binary.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const shell = `${root}dist/desktop/main.mjs`;
const addon = `${root}build/native/electron/better_sqlite3.node`;

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
