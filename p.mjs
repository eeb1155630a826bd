import { chromium } from '@playwright/test';
import { spawn } from 'node:child_process';
import { installAppProbe } from './dist/bench/app-probe.js';
const child = spawn(process.execPath, ['bin/ferry', '--journal', '/tmp/appj', 'web', '--port', '0', '--json'], { stdio: ['ignore', 'pipe', 'inherit'] });
const url = await new Promise((r) => child.stdout.on('data', (d) => { const l = String(d).split('\n').find((x) => x.startsWith('{')); if (l) r(JSON.parse(l).url); }));
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu'] });
const ctx = await browser.newContext({ viewport: { width: 1280, height: 800 } });
await ctx.addInitScript(installAppProbe);
const page = await ctx.newPage();
await page.goto(url + '#notes');
await page.waitForSelector('[role=listbox] [role=option]');
await page.waitForTimeout(1000);
const field = page.getByRole('searchbox', { name: 'Search notes' });
for (const word of ['garden', 'mountain', 'coffee', 'deadline', 'people', 'water', 'journal', 'cithond']) {
  await field.fill(''); await field.focus(); const row = [];
  for (let i = 1; i <= word.length; i++) {
    await page.evaluate((c) => window.ferryProbe.arm(c), { kind: 'search', query: word.slice(0, i) });
    await page.keyboard.press(word[i - 1]);
    row.push((await page.evaluate(() => window.ferryProbe.armed())).toFixed(0));
    await page.waitForTimeout(120);
  }
  console.log(word.padEnd(9), row.join(' '));
}
await browser.close(); child.kill();
