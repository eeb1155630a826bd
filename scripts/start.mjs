// `npm start`: the desktop app where the Electron binary is installed; otherwise a sentence saying
// so, and the same app in the browser through the web host (`ferry web --open`).
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const require = createRequire(import.meta.url);
const shell = `${root}dist/electron/shell/main.js`;

function electronBinary() {
  try {
    // The electron package's main export is the path of its binary; it throws when the binary was never downloaded.
    const path = require('electron');
    return typeof path === 'string' && existsSync(path) ? path : null;
  } catch {
    return null;
  }
}

const electron = electronBinary();
const args = process.argv.slice(2);
let child;
if (electron !== null && existsSync(shell)) {
  child = spawn(electron, [shell, ...args], { stdio: 'inherit' });
} else {
  const why = electron === null ? 'the Electron binary is not installed on this machine' : 'the desktop shell is not built yet';
  console.error(`Ferry’s desktop app cannot start here (${why}); starting the same app in your browser instead.`);
  child = spawn(process.execPath, [`${root}bin/ferry`, 'web', '--open', ...args], { stdio: 'inherit' });
}
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => process.exit(code ?? (signal === null ? 0 : 1)));
