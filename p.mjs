import { chromium } from '@playwright/test';
import { spawn } from 'node:child_process';
import { Journal } from './dist/electron/journal/journal.js';
const j = Journal.open('/tmp/appj'); const big = j.notes().find((n) => n.title === 'Everything, in one long note'); j.close();
const child = spawn(process.execPath, ['bin/ferry', '--journal', '/tmp/appj', 'web', '--port', '0', '--json'], { stdio: ['ignore', 'pipe', 'inherit'] });
const url = await new Promise((r) => child.stdout.on('data', (d) => { const l = String(d).split('\n').find((x) => x.startsWith('{')); if (l) r(JSON.parse(l).url); }));
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu'] });
const ctx = await browser.newContext({ viewport: { width: 1280, height: 800 } });
const page = await ctx.newPage();
await page.goto(`${url}#notes&note=${big.id}`);
await page.waitForSelector(`.note-editor[data-note-id="${big.id}"] .cm-content`);
await page.getByRole('button', { name: 'Split' }).click();
await page.waitForTimeout(4000);
await page.locator('.cm-content').click(); await page.keyboard.press('Control+End'); await page.keyboard.press('Enter');
const cdp = await ctx.newCDPSession(page);
await cdp.send('Profiler.enable');
await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
await cdp.send('Profiler.start');
for (const c of 'The train was late again so I wrote') { await page.keyboard.press(c === ' ' ? 'Space' : c); await page.waitForTimeout(120); }
const { profile } = await cdp.send('Profiler.stop');
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const parent = new Map(); for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
const under = new Map();
profile.samples.forEach((id, i) => { const d = profile.timeDeltas[i] / 1000; let cur = id; const chain = []; while (cur) { chain.push(byId.get(cur).callFrame); cur = parent.get(cur); }
  const at = chain.findIndex((f) => f.functionName === 'onSaveTimer'); if (at < 0) return;
  for (const f of chain.slice(0, at)) { const k = `${f.functionName || '(anon)'}:${f.lineNumber}`; under.set(k, (under.get(k) ?? 0) + d); } });
console.log([...under].sort((a, b) => b[1] - a[1]).slice(0, 20).map(([k, v]) => `${v.toFixed(1).padStart(7)} ${k}`).join('\n'));
await browser.close(); child.kill();
