// The app with many notes, as a person uses it: a real `ferry web` on the search journal and the
// built renderer in Debian's Chromium (Playwright), with a 1 MB note added. Measured in the page
// (app-probe.ts), from the keystroke's own time to the frame that shows its result:
// - opening the page on a note: the list shown, and the note's editor shown (usable);
// - search as you type: each keystroke of a few words typed at a person's pace, to the results
//   that answer what the field holds;
// - switching notes: ArrowDown in the list, to the next note shown in the editor;
// - typing at the end of the 1 MB note, in Edit and in Split (text and preview) modes.
// Each key waits for the previous one's result plus a pause, as a person's typing would.

import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { chromium, type Browser, type Page } from '@playwright/test';
import { Journal } from '../electron/journal/journal.js';
import { installAppProbe, type AppProbe, type ProbeCondition } from './app-probe.js';
import type { BenchOptions } from './options.js';
import type { BenchPaths } from './paths.js';
import type { Progress } from './progress.js';
import type { AppTargetInputs } from './targets.js';
import { percentile, repeated, type Repeated } from './stats.js';

export interface Latencies {
  samples: number[];
  p50Ms: number;
  p95Ms: number;
  maxMs: number;
}

export interface AppFigures {
  browser: string;
  /** Notes in the journal the app showed (the 1 MB note included). */
  notes: number;
  bigNoteBytes: number;
  /** Page opens timed (after one untimed). */
  openRuns: number;
  /** Navigation start → the first note row shown. */
  listShownMs: Repeated;
  /** Navigation start → the open note's text in the editor. */
  editorUsableMs: Repeated;
  searchKeystrokes: Latencies;
  searchWords: string[];
  switches: Latencies;
  typingEdit: Latencies;
  typingSplit: Latencies;
}

export interface AppOptions {
  ferryBin: string;
  chromium: string;
  openRuns: number;
  switches: number;
  /** Characters typed in each mode of the 1 MB note. */
  typed: number;
}

/** The Chromium the bench drives: FERRY_CHROMIUM, else Debian's. */
export function appOptions(paths: BenchPaths, options: BenchOptions, env: NodeJS.ProcessEnv = process.env): AppOptions {
  return { ferryBin: paths.ferryBin, chromium: env.FERRY_CHROMIUM ?? '/usr/bin/chromium', openRuns: options.runs, switches: 30, typed: 60 };
}

/** Measures the app, or says why it was not (no Chromium on this machine, or the app failed in it). */
export async function measureAppOrSkip(dir: string, options: AppOptions, progress: Progress): Promise<{ app: AppFigures | null; appSkipped: string | null }> {
  if (!existsSync(options.chromium)) {
    const appSkipped = `no Chromium at ${options.chromium} (apt-get install chromium, or set FERRY_CHROMIUM to a Chromium binary)`;
    progress(`app not measured: ${appSkipped}`);
    return { app: null, appSkipped };
  }
  try {
    return { app: await measureApp(dir, options, progress), appSkipped: null };
  } catch (error) {
    const appSkipped = `the app could not be measured: ${error instanceof Error ? error.message : String(error)}`;
    progress(appSkipped);
    return { app: null, appSkipped };
  }
}

export function appTargetInputs(app: AppFigures): AppTargetInputs {
  return { editorUsableMs: app.editorUsableMs.median, searchKeystrokeP95Ms: app.searchKeystrokes.p95Ms, switchP95Ms: app.switches.p95Ms, typingP95Ms: Math.max(app.typingEdit.p95Ms, app.typingSplit.p95Ms) };
}

const chromiumArgs = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
/** Words typed into the search field, a key at a time: common, ordinary and rare ones from the workload's vocabulary. */
const searchWords = ['garden', 'mountain', 'coffee', 'deadline', 'people', 'water', 'journal', 'cithond'];
const sentence = 'The train was late again, so I wrote this on my knees between two stations. ';
/** Between a result and the next key: a steady typist's pace. */
const paceMs = 120;
const bigNoteTarget = 1_000_000;

export function latencies(samples: readonly number[]): Latencies {
  return { samples: [...samples], p50Ms: percentile(samples, 50), p95Ms: percentile(samples, 95), maxMs: percentile(samples, 100) };
}

/** Adds a note of about 1 MB made of the journal's own notes (headings, lists, code and all); its id. */
function addBigNote(dir: string): { id: string; bytes: number; notes: number } {
  const journal = Journal.open(dir);
  try {
    const parts: string[] = [];
    let size = 0;
    for (const summary of journal.notes()) {
      const note = journal.note(summary.id);
      const part = `## ${note.title}\n\n${note.body}\n\n`;
      parts.push(part);
      size += Buffer.byteLength(part);
      if (size >= bigNoteTarget) break;
    }
    const body = parts.join('');
    const created = journal.createNote({ title: 'Everything, in one long note', body, tags: ['long'] });
    return { id: created.id, bytes: Buffer.byteLength(body), notes: journal.status().notes };
  } finally {
    journal.close();
  }
}

interface WebHost {
  url: string;
  stop(): Promise<void>;
}

async function startWebHost(ferryBin: string, dir: string): Promise<WebHost> {
  const child = spawn(process.execPath, [ferryBin, '--journal', dir, 'web', '--port', '0', '--json'], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NO_COLOR: '1' } });
  let out = '';
  let err = '';
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (err += chunk));
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`ferry web did not start in 30 s: ${err.trim()}`)), 30_000);
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      out += chunk;
      const line = out.split('\n').find((l) => l.startsWith('{'));
      if (line === undefined) return;
      clearTimeout(timer);
      resolve((JSON.parse(line) as { url: string }).url);
    });
    void exited.then(() => reject(new Error(`ferry web ended before it was ready: ${err.trim()}`)));
  });
  return {
    url,
    stop: async () => {
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}

/** Arms the probe, presses `key`, and returns keystroke → frame. */
async function timedKey(page: Page, key: string, condition: ProbeCondition): Promise<number> {
  await page.evaluate((c) => (window as unknown as { ferryProbe: AppProbe }).ferryProbe.arm(c), condition);
  await page.keyboard.press(key);
  const ms = await page.evaluate(() => (window as unknown as { ferryProbe: AppProbe }).ferryProbe.armed());
  await sleep(paceMs);
  return ms;
}

const keyFor = (char: string) => (char === ' ' ? 'Space' : char);

async function openPage(browser: Browser, address: string): Promise<{ page: Page; listMs: number; editorMs: number; close: () => Promise<void> }> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  await context.addInitScript(installAppProbe);
  const page = await context.newPage();
  await page.goto(address);
  const { listMs, editorMs } = await page.evaluate(() => (window as unknown as { ferryProbe: AppProbe }).ferryProbe.opened);
  return { page, listMs, editorMs, close: () => context.close() };
}

export async function measureApp(dir: string, options: AppOptions, progress: Progress): Promise<AppFigures> {
  const big = addBigNote(dir);
  progress(`app: added a ${(big.bytes / 1e6).toFixed(2)} MB note; starting ferry web and Chromium`);
  const journal = Journal.open(dir);
  const ordinary = journal.notes().find((n) => n.id !== big.id);
  journal.close();
  if (ordinary === undefined) throw new Error('the journal has no notes to open');

  const report = (what: string, samples: readonly number[]) => {
    const l = latencies(samples);
    progress(`  ${what}: p50 ${l.p50Ms.toFixed(1)} ms, p95 ${l.p95Ms.toFixed(1)} ms, max ${l.maxMs.toFixed(1)} ms`);
  };
  const host = await startWebHost(options.ferryBin, dir);
  const browser = await chromium.launch({ executablePath: options.chromium, args: chromiumArgs });
  try {
    const address = `${host.url}#notes&note=${ordinary.id}`;
    progress(`app: opening the page ${options.openRuns + 1} times`);
    const list: number[] = [];
    const editor: number[] = [];
    for (let run = 0; run <= options.openRuns; run++) {
      const opened = await openPage(browser, address);
      progress(`  list shown at ${opened.listMs.toFixed(0)} ms, editor at ${opened.editorMs.toFixed(0)} ms${run === 0 ? ' (untimed)' : ''}`);
      if (run > 0) {
        list.push(opened.listMs);
        editor.push(opened.editorMs);
      }
      await opened.close();
    }

    const session = await openPage(browser, address);
    const { page } = session;
    try {
      progress(`app: typing ${searchWords.length} words into the search field`);
      const search: number[] = [];
      const field = page.getByRole('searchbox', { name: 'Search notes' });
      for (const word of searchWords) {
        await field.fill('');
        await field.focus();
        for (let i = 1; i <= word.length; i++) search.push(await timedKey(page, word[i - 1]!, { kind: 'search', query: word.slice(0, i) }));
      }
      await field.fill('');
      report('search keystrokes', search);

      progress(`app: switching notes ${options.switches} times with ArrowDown`);
      const rows = page.getByRole('listbox', { name: 'Notes' }).getByRole('option');
      await rows.nth(1).click();
      await page.waitForSelector('.note-editor[data-note-id] .cm-content');
      const switches: number[] = [];
      for (let i = 0; i < options.switches; i++) {
        const from = (await page.evaluate(() => (window as unknown as { ferryProbe: AppProbe }).ferryProbe.shownNote())) ?? '';
        switches.push(await timedKey(page, 'ArrowDown', { kind: 'switch', from }));
      }
      report('switches', switches);

      progress(`app: typing ${options.typed} characters at the end of the 1 MB note, in Edit and in Split`);
      await page.goto(`${host.url}#notes&note=${big.id}`);
      await page.waitForSelector(`.note-editor[data-note-id="${big.id}"] .cm-content`, { timeout: 60_000 });
      // As a person does, and as for Split below: a moment after it opens (the editor reads the
      // Markdown of the whole note in the background in its first seconds).
      await sleep(3000);
      const typeAtEnd = async (): Promise<number[]> => {
        await page.locator('.cm-content').click();
        await page.keyboard.press('Control+End');
        await page.keyboard.press('Enter');
        const times: number[] = [];
        let typed = '';
        for (let i = 0; i < options.typed; i++) {
          const char = sentence[i % sentence.length]!;
          typed += char;
          times.push(await timedKey(page, keyFor(char), { kind: 'typed', tail: typed.slice(-12) }));
        }
        return times;
      };
      const typingEdit = await typeAtEnd();
      report('keys in Edit', typingEdit);
      await page.getByRole('group', { name: 'View' }).getByRole('button', { name: 'Split' }).click();
      await page.locator('.markdown-preview').first().waitFor({ timeout: 60_000 });
      await sleep(3000);
      const typingSplit = await typeAtEnd();
      report('keys in Split', typingSplit);

      return {
        browser: `Chromium ${browser.version()}`,
        notes: big.notes,
        bigNoteBytes: big.bytes,
        openRuns: options.openRuns,
        listShownMs: repeated(list),
        editorUsableMs: repeated(editor),
        searchKeystrokes: latencies(search),
        searchWords,
        switches: latencies(switches),
        typingEdit: latencies(typingEdit),
        typingSplit: latencies(typingSplit),
      };
    } finally {
      await session.close();
    }
  } finally {
    await browser.close();
    await host.stop();
  }
}
