// The printed report: what was measured on what, the table of medians with each target and its
// verdict, and the search figures query by query. Pure: results in, text out.

import { formatBytes, formatCount, formatDuration, formatRate } from './format-units.js';
import type { AppFigures, Latencies } from './measure-app.js';
import type { BenchResults, WorkloadFigures } from './results.js';
import { renderTable, type TableLine } from './table.js';
import { verdictText, type TargetCheck, type TargetId } from './targets.js';

const duration = (ms: number) => (Number.isFinite(ms) ? formatDuration(ms) : 'n/a');

function workloadLine(w: WorkloadFigures): string {
  return (
    `--notes ${w.notes} --edits-per-note ${w.editsPerNote} --seed ${w.seed}: ${formatCount(w.operations)} operations ` +
    `(${formatCount(w.creates)} creates, ${formatCount(w.edits)} edits of which ${formatCount(w.incrementEdits)} in the increment, ${formatCount(w.deletes)} deletes)`
  );
}

type Row = (what: string, figure: string, how: string, id?: TargetId) => TableLine;

/** Sneakernet: Ferry's bundles next to git's, on the same history. */
function bundleLines(r: BenchResults, row: Row): TableLine[] {
  const b = r.bundles;
  const g = r.gitBundles;
  if (b === undefined || g === undefined) return [];
  const ratio = (ours: number, theirs: number) => `${(ours / theirs).toFixed(2)}× git's`;
  return [
    { kind: 'section', title: `Bundles: the workload's ${formatCount(b.versions)} versions carried to another replica` },
    row('full bundle size', formatBytes(b.fullBytes), `bundle create --all; ${ratio(b.fullBytes, g.fullBytes)}; README: gzip of every version 3.0 MB`, 'fullBundle'),
    row('full bundle create', duration(b.fullCreateMs.median), `in-process, after a warm-up; median of ${b.fullCreateMs.samples.length}`, 'fullBundleCreate'),
    row('clone from the full bundle', duration(b.cloneMs.median), `read, check every id, store, index; median of ${b.cloneMs.samples.length}`, 'cloneVsGit'),
    row(`incremental bundle (${formatCount(b.incrementVersions)} versions)`, formatBytes(b.incrementBytes), `basis: the initial phase; ${ratio(b.incrementBytes, g.incrementBytes)}; README: gzip of the diff 6.2 kB`, 'incrementBundle'),
    row('incremental bundle create', duration(b.incrementCreateMs.median), `median of ${b.incrementCreateMs.samples.length}`),
    row('git bundle create --all', formatBytes(g.fullBytes), `${duration(g.fullCreateMs.median)} (reuses the pack); README: 8.5 MB, 72 ms`),
    row('git clone from the bundle', duration(g.cloneMs.median), `median of ${g.cloneMs.samples.length}; README: 2.4 s`),
    row(`git incremental bundle (${formatCount(g.incrementCommits)} commits)`, formatBytes(g.incrementBytes), `${duration(g.incrementCreateMs.median)}; README: 82 kB`),
  ];
}

/** Network sync: a local `ferry serve` on the same history, PouchDB beside it, and the server under load. */
function syncLines(r: BenchResults, row: Row): TableLine[] {
  const sync = r.sync;
  if (sync === undefined) return [];
  const wire = (t: { bytesUp: number; bytesDown: number }) => formatBytes(t.bytesUp + t.bytesDown);
  const requests = (n: number) => `${formatCount(n)} request${n === 1 ? '' : 's'}`;
  const p = r.pouch ?? null;
  const vsPouch = (ours: number, theirs: number | undefined) => (theirs === undefined ? '' : `; ${(ours / theirs).toFixed(2)}× PouchDB's`);
  const lines: TableLine[] = [
    { kind: 'section', title: `Network sync through a local ferry serve (SQLite): ${formatCount(sync.initialVersions)} versions, then the ${formatCount(sync.incrementVersions)}-edit increment; bytes on the wire, headers included` },
    row('initial push', duration(sync.initialPush.ms), `${wire(sync.initialPush)} in ${requests(sync.initialPush.requests)}`, 'syncFullTransfer'),
    row('clone of the whole history', duration(sync.clone.ms.median), `${wire(sync.clone)} in ${requests(sync.clone.requests)}; median of ${sync.clone.reps}${vsPouch(sync.clone.ms.median, p?.pull.ms.median)}`, 'syncCloneVsPouch'),
    row('increment push', wire(sync.incrementPush), `${duration(sync.incrementPush.ms)}, ${requests(sync.incrementPush.requests)}${vsPouch(sync.incrementPush.bytesUp + sync.incrementPush.bytesDown, p?.incrementPush.bytes)}`, 'syncIncrement'),
    row('increment pull', wire(sync.incrementPull), `${duration(sync.incrementPull.ms)}, ${requests(sync.incrementPull.requests)}`),
    row('no-op sync', wire(sync.noop), `${duration(sync.noop.ms)}${vsPouch(sync.noop.bytesUp + sync.noop.bytesDown, p === null ? undefined : p.noopPush.bytes + p.noopPull.bytes)}`, 'syncNoopBytes'),
    row('no-op sync requests', formatCount(sync.noop.requests), p === null ? '' : `PouchDB: ${formatCount(p.noopPush.requests + p.noopPull.requests)} (a push and a pull)`, 'syncNoopRequests'),
  ];
  if (p !== null) {
    lines.push(
      row(`PouchDB ${p.version} full push (latest revisions)`, duration(p.fullPush.ms.median), `${formatBytes(p.fullPush.bytes)} in ${requests(p.fullPush.requests)}; ${formatCount(p.docs)} docs to express-pouchdb; README: 1.3 s, 5.9 MB`),
      row('PouchDB pull into a fresh db', duration(p.pull.ms.median), `${formatBytes(p.pull.bytes)} in ${requests(p.pull.requests)}; README: 1.2 s`),
      row('PouchDB increment push', formatBytes(p.incrementPush.bytes), `${requests(p.incrementPush.requests)}; README: 65 kB`),
      row('PouchDB no-op push + pull', formatBytes(p.noopPush.bytes + p.noopPull.bytes), `${requests(p.noopPush.requests + p.noopPull.requests)}; README: 5.3 kB, 8 requests`),
    );
  } else if (r.pouchSkipped != null) {
    lines.push(row('PouchDB', 'n/a', r.pouchSkipped));
  }
  const load = r.load;
  if (load !== undefined && load !== null) {
    const runs = [load.sqlite, ...(load.postgres === null ? [] : [load.postgres])];
    for (const run of runs) {
      const f = run.figures;
      const errors = Object.entries(f.errors).map(([code, n]) => `${n} ${code}`).join(', ') || 'no errors';
      lines.push(
        row(`server under load, ${run.storage}`, `${f.syncsPerSecond.toFixed(0)} syncs/s`, `${f.clients} clients over ${f.journals} journals for ${f.seconds.toFixed(0)} s; p50 ${duration(f.latencyP50Ms)}, p99 ${duration(f.latencyP99Ms)}; ${errors}; ${run.setup}`),
      );
    }
    if (load.postgres === null && load.postgresSkipped !== null) lines.push(row('server under load, postgres', 'n/a', load.postgresSkipped));
  }
  return lines;
}

/** The app in Chromium on the search journal: opening it, searching, switching, typing in a 1 MB note. */
function appLines(app: AppFigures | null | undefined, skipped: string | null | undefined, row: Row): TableLine[] {
  if (app === undefined || app === null) return skipped == null ? [] : [{ kind: 'section', title: 'The app in Chromium' }, row('the app', 'n/a', skipped)];
  const spread = (l: Latencies, what: string) => `${formatCount(l.samples.length)} ${what}; p50 ${duration(l.p50Ms)}, max ${duration(l.maxMs)}`;
  return [
    { kind: 'section', title: `The app: ferry web and the built renderer in ${app.browser}, ${formatCount(app.notes)} notes (one of ${formatBytes(app.bigNoteBytes)}); keystroke to the frame that shows it` },
    row('open: the note list shown', duration(app.listShownMs.median), `navigation start to the first row; median of ${app.openRuns} after one untimed`),
    row('open: the note in the editor', duration(app.editorUsableMs.median), `navigation start to the open note's text in the editor; same runs`, 'appUsable'),
    row('search as you type p95', duration(app.searchKeystrokes.p95Ms), spread(app.searchKeystrokes, `keystrokes of ${app.searchWords.join(', ')} to their results`), 'appSearchKeystroke'),
    row('switching notes p95', duration(app.switches.p95Ms), spread(app.switches, 'ArrowDowns in the list to the next note in the editor'), 'appSwitch'),
    row('typing in the 1 MB note p95 (Edit)', duration(app.typingEdit.p95Ms), spread(app.typingEdit, 'keys at its end'), 'appTyping'),
    row('typing in the 1 MB note p95 (Split)', duration(app.typingSplit.p95Ms), spread(app.typingSplit, 'keys, with the preview beside'), 'appTyping'),
  ];
}

/** Only the app's lines, for `npm run bench:app`. */
export function renderAppReport(app: AppFigures, targets: readonly TargetCheck[]): string {
  const target = new Map<TargetId, TargetCheck>(targets.map((t) => [t.id, t]));
  const row = rowWith(target);
  return renderTable(['what', 'median', 'target', 'result', 'how'], appLines(app, null, row), ['left', 'right', 'left', 'left', 'left']);
}

function rowWith(target: ReadonlyMap<TargetId, TargetCheck>): Row {
  return (what, figure, how, id) => {
    const check = id === undefined ? undefined : target.get(id);
    return { kind: 'row', cells: [`  ${what}`, figure, check?.text ?? '', check === undefined ? '' : verdictText(check.pass), how] };
  };
}

export function renderReport(r: BenchResults): string {
  const m = r.machine;
  // The bench keeps about one core busy itself; more than that is other work competing with it.
  const busy = r.loadAverage.start >= m.cores || r.loadAverage.end >= m.cores + 1;
  const commit = r.repo.commit === null ? 'no commit' : `commit ${r.repo.commit.slice(0, 10)}${r.repo.dirty === true ? ' + uncommitted changes' : ''}`;
  const head = [
    `Ferry Notes bench — ${r.startedAt.slice(0, 16).replace('T', ' ')} UTC, ${commit}, took ${formatDuration(r.durationSeconds * 1000)}`,
    `machine:  ${m.cores} cores (${m.cpu}), ${m.memoryGB} GB, ${m.os}; Node ${m.node}, SQLite ${m.sqlite}, git ${m.git}`,
    `scratch:  the journals and the git repository live on ${r.scratchFilesystem}`,
    `load:     1-minute load average ${r.loadAverage.start} at the start, ${r.loadAverage.end} at the end${busy ? ' — the machine was busy with other work: timings are inflated' : ''}`,
    `workload: ${workloadLine(r.workload)}`,
    `search:   ${workloadLine(r.searchJournal)}; replayed in ${formatDuration(r.searchJournal.buildSeconds * 1000)}`,
    '',
  ].join('\n');

  const row = rowWith(new Map<TargetId, TargetCheck>(r.targets.map((t) => [t.id, t])));
  const c = r.commit;
  const reps = `${c.reps} replay${c.reps === 1 ? '' : 's'}`;
  const s = r.search;
  const g = r.git;
  const lines: TableLine[] = [
    { kind: 'section', title: `Writing: the workload replayed into a fresh journal (${formatCount(c.operations)} calls, ${formatCount(c.versions)} versions)` },
    row('versions committed per second', formatRate(c.versionsPerSecond.median, 'versions'), `whole replay (${formatDuration(c.replaySeconds.median * 1000)}); median of ${reps}`),
    row('edit commit latency p50', duration(c.editP50Ms.median), `each editNote call (${formatCount(c.edits)} a replay); median of ${reps}`, 'editCommitP50'),
    row('edit commit latency p99', duration(c.editP99Ms.median), `median of ${reps}`),
    row('edit commit latency max', duration(c.editMaxMs.median), `median of ${reps}`),
    row('create latency p50', duration(c.createP50Ms.median), `each createNote call; median of ${reps}`),
    ...(r.reads === undefined
      ? []
      : [
          { kind: 'section' as const, title: `Reading old versions of that journal (delta chains: longest ${r.reads.longestChain}, mean ${r.reads.meanChain.toFixed(1)})` },
          row('read any version p50', duration(r.reads.p50Ms), `${formatCount(r.reads.reads)} random versions, each through a freshly opened journal (no cached bodies)`),
          row('read any version p95', duration(r.reads.p95Ms), `max ${duration(r.reads.maxMs)}`),
        ]),
    ...(r.longHistory === undefined
      ? []
      : [
          row(
            'one note edited 300 times p95',
            duration(r.longHistory.p95Ms),
            `all ${formatCount(r.longHistory.reads)} versions read cold; chains up to ${r.longHistory.longestChain} deltas; p50 ${duration(r.longHistory.p50Ms)}, max ${duration(r.longHistory.maxMs)}`,
          ),
        ]),
    { kind: 'section', title: `Reading: a journal of ${formatCount(s.notes + s.trashed)} notes (${formatCount(s.trashed)} in the trash)` },
    row(`search p50 (limit ${s.limit})`, duration(s.p50Ms), `${formatCount(s.queries.length)} queries × ${s.rounds} rounds, after a warm-up round`),
    row(`search p95 (limit ${s.limit})`, duration(s.p95Ms), `same ${formatCount(s.samples)} calls`, 'searchP95'),
    row('open journal (open + close)', duration(r.open.ms.median), `Journal.open + close in-process; median of ${r.open.runs} after a first open of ${duration(r.open.firstMs)}`, 'openJournal'),
    row('ferry status, whole process', duration(r.cli.statusMs.median), `node bin/ferry --journal DIR status, wall clock; median of ${r.cli.runs}`, 'cliStatus'),
    row("node -e '' (start-up floor)", duration(r.cli.nodeFloorMs.median), `wall clock; median of ${r.cli.runs}`),
    { kind: 'section', title: `Size on disk: the workload's ${formatCount(c.versions)} versions` },
    row('journal (after close)', formatBytes(r.disk.totalBytes), Object.keys(r.disk.files).join(' + ')),
    row('  of which the search index', formatBytes(r.disk.searchIndexBytes), 'FTS5 shadow tables search_*, from dbstat'),
    row('journal without the search index', formatBytes(r.disk.withoutSearchIndexBytes), 'against the git pack below', 'diskVsGit'),
    row('git pack (repack -a -d -f)', formatBytes(g.packBytes), `.git/objects/pack, ${formatCount(g.commits)} commits; README reference 8.5 MB`),
    row('git pack after plain gc', formatBytes(g.gcPackBytes), "fast-import's own deltas, which gc keeps"),
    ...(g.aggressive === null ? [] : [row('git pack after gc --aggressive', formatBytes(g.aggressive.packBytes), `gc --aggressive took ${formatDuration(g.aggressive.ms)}`)]),
    row('git fast-import time', formatDuration(g.importMs), `then gc ${formatDuration(g.gcMs)}, repack -a -d -f ${formatDuration(g.repackMs)}`),
    ...bundleLines(r, row),
    ...syncLines(r, row),
    ...appLines(r.app, r.appSkipped, row),
  ];
  const main = renderTable(['what', 'median', 'target', 'result', 'how'], lines, ['left', 'right', 'left', 'left', 'left']);

  const queryLines: TableLine[] = s.queries.map((q) => ({ kind: 'row', cells: [q.query, q.kind, String(q.hits), duration(q.medianMs), duration(q.maxMs)] }));
  const queries = renderTable(['query', 'kind', 'hits', 'median', 'max'], queryLines, ['left', 'left', 'right', 'right', 'right']);

  const failed = r.targets.filter((t) => t.pass === false).length;
  const verdict = failed === 0 ? 'Every target measured was met.' : `${failed} of ${r.targets.length} targets missed.`;
  return `${head}\n${main}\nSearch, query by query (${s.rounds} rounds):\n${queries}\n${verdict} Sizes in decimal units (1 MB = 10^6 bytes).\n`;
}
