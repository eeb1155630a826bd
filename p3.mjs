import { chromium } from '@playwright/test';
import { spawn } from 'node:child_process';
const child = spawn(process.execPath, ['bin/ferry', '--journal', '/tmp/appj', 'web', '--port', '0', '--json'], { stdio: ['ignore', 'pipe', 'inherit'] });
const url = await new Promise((r) => child.stdout.on('data', (d) => { const l = String(d).split('\n').find((x) => x.startsWith('{')); if (l) r(JSON.parse(l).url); }));
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu'] });
const ctx = await browser.newContext({ viewport: { width: 1280, height: 800 } });
const page = await ctx.newPage();
await page.goto(url + '#notes');
await page.waitForSelector('[role=listbox] [role=option]');
await page.waitForTimeout(1000);
await page.getByRole('searchbox', { name: 'Search notes' }).focus(); await page.keyboard.press('w'); await page.waitForTimeout(300);
await browser.startTracing(page, { categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline'] });
for (const c of 'ater') { await page.keyboard.press(c); await page.waitForTimeout(250); }
const events = JSON.parse((await browser.stopTracing()).toString()).traceEvents;
const main = events.find((e) => e.name === 'thread_name' && e.args.name === 'CrRendererMain');
const sum = new Map();
for (const e of events) if (e.ph === 'X' && e.dur && e.tid === main.tid && e.pid === main.pid) sum.set(e.name, (sum.get(e.name) ?? [0, 0]).map((v, i) => v + (i === 0 ? e.dur / 1000 : 1)));
console.log([...sum].sort((a, b) => b[1][0] - a[1][0]).slice(0, 16).map(([k, [ms, n]]) => `${ms.toFixed(1).padStart(8)} ms ${String(n).padStart(5)}x ${k}`).join('\n'));
await browser.close(); child.kill();
