import { chromium } from '@playwright/test';
import { spawn } from 'node:child_process';
const child = spawn(process.execPath, ['bin/ferry', '--journal', '/tmp/appj', 'web', '--port', '0', '--json'], { stdio: ['ignore', 'pipe', 'inherit'] });
const url = await new Promise((r) => child.stdout.on('data', (d) => { const l = String(d).split('\n').find((x) => x.startsWith('{')); if (l) r(JSON.parse(l).url); }));
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu'] });
const ctx = await browser.newContext();
await ctx.addInitScript(() => {
  window.__log = [];
  const log = (what) => window.__log.push([Math.round(performance.now() * 10) / 10, what]);
  addEventListener('keydown', (e) => log('keydown ' + e.key), true);
  const of = window.fetch; window.fetch = async (...a) => { const n = String(a[0]).split('/').pop(); log('fetch> ' + n + ' ' + String(a[1]?.body).slice(0, 40)); const r = await of(...a); log('fetch< ' + n); return r; };
  new MutationObserver(() => { const l = document.querySelector('[data-query]'); if (l && l.getAttribute('data-query') !== window.__q) { window.__q = l.getAttribute('data-query'); log('shown ' + window.__q); requestAnimationFrame(() => setTimeout(() => log('frame after'), 0)); } }).observe(document, { subtree: true, childList: true, attributes: true });
});
const page = await ctx.newPage();
await page.goto(url + '#notes');
await page.waitForSelector('[role=listbox] [role=option]');
await page.waitForTimeout(1000);
await page.getByRole('searchbox', { name: 'Search notes' }).focus();
await page.evaluate(() => (window.__log = []));
for (const c of 'water') { await page.keyboard.press(c); await page.waitForTimeout(250); }
for (const [t, w] of await page.evaluate(() => window.__log)) console.log(String(t).padStart(8), w);
await browser.close(); child.kill();
