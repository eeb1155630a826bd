// `node scripts/render-icons.mjs`: draws the app icon and the tray icons from their SVG sources
// (build/icons/src/, build/tray/src/) to the PNGs electron-builder and the shell load, with Debian's
// Chromium through Playwright. The PNGs are committed, so packaging never needs a browser; this
// script is run by hand after an SVG changes. It records the sha256 of every source it drew in
// build/icons.json, which electron/shell/icons.test.ts compares to tell when the PNGs are stale.
// FERRY_CHROMIUM names another Chromium binary. Nothing is downloaded: never `playwright install`.
import { chromium } from '@playwright/test';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const executablePath = process.env.FERRY_CHROMIUM ?? '/usr/bin/chromium';

// electron-builder's Linux icon set is build/icons/<n>x<n>.png; macOS and Windows take build/icon.png.
const appIconSizes = [16, 24, 32, 48, 64, 128, 256, 512, 1024];
// Kept in step with trayIconNames in electron/shell/tray-icons.ts; icons.test.ts fails if one is missing.
const trayStates = ['synced', 'pending', 'syncing', 'offline', 'error', 'paused', 'conflicts', 'local'];

/** Every PNG to write: [SVG source, PNG output, size in px], paths relative to the repo. */
function renders() {
  const list = appIconSizes.map((n) => ['build/icons/src/app.svg', `build/icons/${n}x${n}.png`, n]);
  list.push(['build/icons/src/app.svg', 'build/icon.png', 1024]);
  for (const state of trayStates) {
    for (const variant of [state, `${state}Template`]) {
      list.push([`build/tray/src/${variant}.svg`, `build/tray/${variant}.png`, 16]);
      list.push([`build/tray/src/${variant}.svg`, `build/tray/${variant}@2x.png`, 32]);
    }
  }
  return list;
}

function sha256(bytes) {
  return createHash('sha256').update(bytes).digest('hex');
}

/** A page holding only the SVG, drawn over the whole viewport on a transparent background. */
function pageFor(svg) {
  return `<!doctype html><html><head><style>
    html, body { margin: 0; padding: 0; background: transparent; overflow: hidden; }
    svg { display: block; width: 100vw; height: 100vh; }
  </style></head><body>${svg}</body></html>`;
}

async function main() {
  if (!existsSync(executablePath)) {
    console.error(`Cannot render the icons: no Chromium at ${executablePath} (install Debian's chromium package, or set FERRY_CHROMIUM to a Chromium binary).`);
    process.exit(1);
  }
  const browser = await chromium.launch({
    executablePath,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  const manifest = {};
  try {
    const context = await browser.newContext({ viewport: { width: 16, height: 16 }, deviceScaleFactor: 1 });
    const page = await context.newPage();
    for (const [source, output, size] of renders()) {
      const bytes = readFileSync(`${root}${source}`);
      manifest[source] = sha256(bytes);
      await page.setViewportSize({ width: size, height: size });
      await page.setContent(pageFor(bytes.toString('utf8')), { waitUntil: 'load' });
      mkdirSync(dirname(`${root}${output}`), { recursive: true });
      await page.screenshot({ path: `${root}${output}`, omitBackground: true, clip: { x: 0, y: 0, width: size, height: size } });
      console.log(`wrote ${output} (${size}×${size}) from ${source}`);
    }
  } finally {
    await browser.close();
  }
  const sorted = Object.fromEntries(Object.entries(manifest).sort(([a], [b]) => a.localeCompare(b)));
  writeFileSync(`${root}build/icons.json`, `${JSON.stringify(sorted, null, 2)}\n`);
  console.log(`wrote build/icons.json (the sha256 of ${Object.keys(sorted).length} SVG sources)`);
}

await main();
