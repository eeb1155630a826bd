// Bundles the desktop app's two Electron entry points (`npm run build` runs this):
// - dist/desktop/main.mjs: the main process, with the engine, as one ES module (Electron loads it
//   as package.json's "main"); only `electron` and better-sqlite3's compiled addon stay outside —
//   the addon is named by path (electron/shell/native-addon.ts), never searched for.
// - dist/desktop/preload.cjs: the window's preload, one CommonJS file, as a sandboxed preload must be
//   (it may require only `electron`).
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const common = { absWorkingDir: root, bundle: true, platform: 'node', target: 'node20', sourcemap: true, logLevel: 'warning', external: ['electron'] };

await Promise.all([
  build({
    ...common,
    entryPoints: ['electron/shell/main.ts'],
    outfile: 'dist/desktop/main.mjs',
    format: 'esm',
    external: ['electron', 'bindings'],
    // CommonJS dependencies (better-sqlite3's JavaScript, chokidar's helpers) get a real require.
    banner: { js: "import { createRequire as ferryCreateRequire } from 'node:module'; const require = ferryCreateRequire(import.meta.url);" },
  }),
  build({ ...common, entryPoints: ['electron/shell/preload.ts'], outfile: 'dist/desktop/preload.cjs', format: 'cjs' }),
]);
