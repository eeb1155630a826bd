// `npm run native:electron`: builds better-sqlite3's addon for the Electron in node_modules, in a
// copy of its sources, into build/native/electron/ (with built-for.json saying for which Electron,
// ABI, platform and arch). node_modules' own build — the one Node loads for the tests, the CLI and
// the server — is never touched, so the two builds live side by side (docs/native-modules.md).
// It needs Electron's headers: downloaded by node-gyp from FERRY_ELECTRON_HEADERS_URL (default
// https://electronjs.org/headers), or taken from an unpacked headers folder in FERRY_ELECTRON_HEADERS.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync, copyFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const require = createRequire(import.meta.url);
const out = join(root, 'build', 'native', 'electron');

function fail(message) {
  process.stderr.write(`native:electron: ${message}\nNode's own build in node_modules is untouched: the tests, the CLI and \`ferry web\` work as before.\n`);
  process.exit(1);
}

const electronDir = dirname(require.resolve('electron/package.json'));
const electron = JSON.parse(readFileSync(join(electronDir, 'package.json'), 'utf8')).version;
const modules = readFileSync(join(electronDir, 'abi_version'), 'utf8').trim();
const sqliteDir = dirname(require.resolve('better-sqlite3/package.json'));
const arch = process.env.FERRY_ELECTRON_ARCH ?? process.arch;

function nodeGyp() {
  const candidates = [process.env.npm_config_node_gyp, join(dirname(process.execPath), '..', 'lib', 'node_modules', 'npm', 'node_modules', 'node-gyp', 'bin', 'node-gyp.js')];
  try {
    candidates.push(require.resolve('node-gyp/bin/node-gyp.js'));
  } catch {
    // not a dependency of the project; npm's own copy is used
  }
  return candidates.find((c) => c !== undefined && c !== '' && existsSync(c));
}

const gyp = nodeGyp();
if (gyp === undefined) fail('node-gyp was not found (it comes with npm): install npm, or set npm_config_node_gyp to node-gyp.js.');

const work = mkdtempSync(join(tmpdir(), 'ferry-native-electron-'));
try {
  for (const part of ['binding.gyp', 'package.json', 'src', 'deps']) cpSync(join(sqliteDir, part), join(work, part), { recursive: true });
  const headers = process.env.FERRY_ELECTRON_HEADERS;
  const distUrl = process.env.FERRY_ELECTRON_HEADERS_URL ?? 'https://electronjs.org/headers';
  const args = [gyp, 'rebuild', '--release', `--target=${electron}`, `--arch=${arch}`, `--devdir=${join(root, 'build', 'native', '.headers')}`, headers ? `--nodedir=${headers}` : `--dist-url=${distUrl}`];
  process.stdout.write(`Building better-sqlite3 for Electron ${electron} (ABI ${modules}, ${process.platform}-${arch})…\n`);
  // npm passes its own settings to scripts as npm_config_* (npm_config_nodedir among them: Node's
  // headers), and node-gyp obeys them over its defaults; only the flags above may choose the headers.
  const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !/^npm_config_/iu.test(name)));
  const run = spawnSync(process.execPath, args, { cwd: work, stdio: ['ignore', 'inherit', 'pipe'], encoding: 'utf8', env: { ...env, npm_config_runtime: 'electron' } });
  if (run.status !== 0) {
    const said = (run.stderr ?? '').split('\n').filter((line) => /gyp ERR!/.test(line)).slice(0, 6).join('\n');
    const why = /configure error|network|download|ENOTFOUND|ECONNREFUSED|EAI_AGAIN|ETIMEDOUT|fetch|tarball/i.test(run.stderr ?? '')
      ? headers
        ? `the headers in FERRY_ELECTRON_HEADERS (${headers}) could not be used`
        : `Electron's headers could not be downloaded from ${distUrl} (this machine may reach only the npm registry); set FERRY_ELECTRON_HEADERS to an unpacked node-v${electron}-headers folder to build offline`
      : 'the compiler failed';
    fail(`could not build better-sqlite3 for Electron ${electron}: ${why}.${said === '' ? '' : `\n${said}`}`);
  }
  mkdirSync(out, { recursive: true });
  copyFileSync(join(work, 'build', 'Release', 'better_sqlite3.node'), join(out, 'better_sqlite3.node'));
  writeFileSync(join(out, 'built-for.json'), JSON.stringify({ electron, modules, platform: process.platform, arch }, null, 2) + '\n');
  process.stdout.write(`Wrote ${join(out, 'better_sqlite3.node')}: the desktop app loads it; Node keeps loading node_modules' own build.\n`);
} finally {
  rmSync(work, { recursive: true, force: true });
}
