// Bundles the `ferry` CLI into one file, dist/ferry.mjs, which bin/ferry loads. Loading ~25 ES
// modules one by one cost Node 25–35 ms of a `ferry status` that must stay within 150 ms
// (measured by `npm run bench`); one file loads in a few. Only better-sqlite3's native addon
// stays outside, loaded from node_modules.
//
// Chunk names carry a hash of their content, so each build that changes code writes new ones: the
// chunks of earlier builds are removed first, or they pile up (hundreds of megabytes over a day of
// work) and `npm run dist` packs them all into the app. `--outdir DIR` builds elsewhere (tests).
import { build } from 'esbuild';
import { rmSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const root = fileURLToPath(new URL('..', import.meta.url));
const outdir = resolve(root, parseArgs({ options: { outdir: { type: 'string', default: 'dist' } } }).values.outdir);
rmSync(resolve(outdir, 'ferry-chunks'), { recursive: true, force: true });

await build({
  absWorkingDir: root,
  entryPoints: ['electron/cli/main.ts'],
  outdir,
  entryNames: 'ferry',
  // Commands that need more (the exchange-folder watcher and chokidar) load their code when run,
  // from chunks beside the bundle, so `ferry status` does not pay for parsing them.
  splitting: true,
  chunkNames: 'ferry-chunks/[name]-[hash]',
  outExtension: { '.js': '.mjs' },
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  // better-sqlite3's JavaScript is bundled too; its compiled addon is loaded by path
  // (database.ts names it), so the `bindings` lookup it would otherwise use is never reached.
  external: ['bindings'],
  sourcemap: true,
  logLevel: 'warning',
  // commander is CommonJS: give its require() calls a real require in the ES module bundle.
  banner: { js: "import { createRequire as ferryCreateRequire } from 'node:module'; const require = ferryCreateRequire(import.meta.url);" },
});
