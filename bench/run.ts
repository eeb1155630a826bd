// `npm run bench`: replays the standard workload into the journal and into git, measures what the
// issue asks for (commit rate and latency, search, open, `ferry status`, size on disk against
// git's pack), prints a table of medians with the targets, and writes the figures as JSON.
// Progress goes to stderr; the table and the results path to stdout.

import { performance } from 'node:perf_hooks';
import { formatCount, formatDuration } from './format-units.js';
import { measureGitBundles } from './git-bundles.js';
import { measureGit } from './git-history.js';
import { filesystemOf, loadAverage, machineInfo, repoInfo } from './machine.js';
import { measureCliStatus } from './measure-cli.js';
import { measureBundles } from './measure-bundles.js';
import { measureLoad } from './load-sync.js';
import { appOptions, appTargetInputs, measureAppOrSkip } from './measure-app.js';
import { measurePouchDb, type PouchFigures } from './measure-pouchdb.js';
import { measureSync } from './measure-sync.js';
import { measureCommits } from './measure-commit.js';
import { measureJournalDisk } from './measure-disk.js';
import { measureOpen } from './measure-open.js';
import { measureLongHistoryReads, measureVersionReads } from './measure-read.js';
import { measureSearch } from './measure-search.js';
import { benchMain } from './bench-main.js';
import type { BenchOptions } from './options.js';
import type { BenchPaths } from './paths.js';
import type { Progress } from './progress.js';
import { replayWorkload } from './replay.js';
import { renderReport } from './report.js';
import type { BenchResults, WorkloadFigures } from './results.js';
import { writeResults } from './results-file.js';
import { checkAppTargets, checkTargets } from './targets.js';
import type { TempSpace } from './temp-space.js';
import { countOperations, generateWorkload, type Workload } from './workload.js';

function workloadFigures(w: Workload): WorkloadFigures {
  const counts = countOperations(w.operations);
  return {
    notes: w.spec.notes,
    editsPerNote: w.spec.editsPerNote,
    seed: w.spec.seed,
    operations: w.operations.length,
    creates: counts.create,
    edits: counts.edit,
    deletes: counts.delete,
    incrementEdits: counts.increment,
    generator: w.summary,
  };
}

async function runBench(options: BenchOptions, paths: BenchPaths, temp: TempSpace, progress: Progress): Promise<BenchResults> {
  const startedAt = new Date().toISOString();
  const begun = performance.now();
  const machine = machineInfo();
  const loadAtStart = loadAverage();
  progress(`${machine.cores} cores, load average ${loadAtStart}, Node ${machine.node}, SQLite ${machine.sqlite}; scratch folder ${temp.root} (${filesystemOf(temp.root)})`);

  progress(`generating the workload (--notes ${options.notes} --edits-per-note ${options.editsPerNote} --seed ${options.seed})`);
  const workload = generateWorkload(paths.generator, { notes: options.notes, editsPerNote: options.editsPerNote, seed: options.seed }, temp.file('workload.jsonl'));
  const commitRun = measureCommits(workload.operations, options.reps, options.seed, temp, progress);
  const disk = measureJournalDisk(commitRun.journalDir);
  progress('bundles: full, clone, and the incremental one for the increment phase');
  const bundleReps = { create: 5, clone: 3 };
  const bundles = await measureBundles(commitRun.journalDir, workload.operations, temp, progress, bundleReps);
  progress('reading random old versions, each through a freshly opened journal');
  const reads = measureVersionReads(commitRun.journalDir, 500, options.seed);
  temp.remove(commitRun.journalDir);
  progress('one note edited 300 times: reading every version');
  const longHistory = measureLongHistoryReads(temp.folder('long-history'), 300);
  temp.remove(temp.file('long-history'));
  const git = measureGit(workload.operations, temp.folder('git'), { aggressive: options.gitAggressive }, progress);
  progress('git: bundle create --all, clone from it, and the incremental bundle');
  const gitBundles = measureGitBundles(temp.file('git'), temp.root, countOperations(workload.operations).increment, bundleReps);
  temp.remove(temp.file('git'));

  progress('network sync through a local `ferry serve`: the initial push, clones, the increment, a no-op');
  const sync = await measureSync(workload.operations, temp, progress, { reps: bundleReps.clone });
  progress('PouchDB replicating the same notes to express-pouchdb over HTTP');
  let pouch: PouchFigures | null = null;
  let pouchSkipped: string | null = null;
  try {
    pouch = await measurePouchDb(workload.operations, progress, { reps: bundleReps.clone });
  } catch (error) {
    pouchSkipped = error instanceof Error ? error.message : String(error);
    progress(`PouchDB not measured: ${pouchSkipped}`);
  }
  const load =
    options.loadSeconds === 0
      ? null
      : await measureLoad(temp, progress, { clients: options.loadClients, journals: Math.max(1, Math.round(options.loadClients / 10)), seconds: options.loadSeconds });

  progress(`generating the search journal's workload (--notes ${options.searchNotes} --edits-per-note 0)`);
  const searchWorkload = generateWorkload(paths.generator, { notes: options.searchNotes, editsPerNote: 0, seed: options.seed }, temp.file('search-workload.jsonl'));
  progress(`replaying ${formatCount(searchWorkload.operations.length)} operations into the search journal`);
  const searchDir = temp.folder('search-journal');
  const built = replayWorkload(searchDir, searchWorkload.operations, {
    seed: `search:${options.seed}`,
    onProgress: (done) => progress(`  search journal: ${formatCount(done)} operations`),
  });
  progress(`search journal built in ${formatDuration(built.elapsedMs)}`);
  const searchDisk = measureJournalDisk(searchDir);

  progress(`opening the search journal ${options.runs} times`);
  const open = measureOpen(searchDir, options.runs);
  progress(`running \`ferry status\` and \`node -e ''\` ${options.runs} times each`);
  const cli = measureCliStatus(paths.ferryBin, searchDir, options.runs);
  progress(`searching: ${options.searchRounds} rounds of the query set`);
  const search = measureSearch(searchDir, options.searchRounds);
  // Last: the app adds a note to the search journal and commits what it typed there.
  const { app, appSkipped } = await measureAppOrSkip(searchDir, appOptions(paths, options), progress);

  const targets = checkTargets({
    editCommitP50Ms: commitRun.figures.editP50Ms.median,
    searchP95Ms: search.p95Ms,
    openJournalMs: open.ms.median,
    cliStatusMs: cli.statusMs.median,
    journalWithoutSearchBytes: disk.withoutSearchIndexBytes,
    gitPackBytes: git.packBytes,
    fullBundleBytes: bundles.fullBytes,
    fullBundleCreateMs: bundles.fullCreateMs.median,
    incrementBundleBytes: bundles.incrementBytes,
    cloneMs: bundles.cloneMs.median,
    gitCloneMs: gitBundles.cloneMs.median,
    syncFullBytes: Math.max(sync.initialPush.bytesUp + sync.initialPush.bytesDown, sync.clone.bytesUp + sync.clone.bytesDown),
    syncIncrementBytes: sync.incrementPush.bytesUp + sync.incrementPush.bytesDown,
    syncNoopBytes: sync.noop.bytesUp + sync.noop.bytesDown,
    syncNoopRequests: sync.noop.requests,
    syncCloneMs: sync.clone.ms.median,
    pouchPullMs: pouch?.pull.ms.median ?? Number.NaN,
  }).concat(app === null ? [] : checkAppTargets(appTargetInputs(app)));
  return {
    format: 'ferry-bench/1',
    startedAt,
    durationSeconds: (performance.now() - begun) / 1000,
    machine,
    scratchFilesystem: filesystemOf(temp.root),
    loadAverage: { start: loadAtStart, end: loadAverage() },
    repo: repoInfo(paths.repoRoot),
    workload: workloadFigures(workload),
    commit: commitRun.figures,
    disk,
    reads,
    longHistory,
    git,
    bundles,
    gitBundles,
    sync,
    pouch,
    pouchSkipped,
    load,
    searchJournal: { ...workloadFigures(searchWorkload), buildSeconds: built.elapsedMs / 1000, disk: searchDisk },
    search,
    app,
    appSkipped,
    open,
    cli,
    targets,
  };
}

await benchMain('npm run bench', async (options, paths, temp, progress) => {
  const results = await runBench(options, paths, temp, progress);
  process.stdout.write(renderReport(results));
  const written = writeResults(results, options.out, paths.resultsDir);
  process.stdout.write(`Figures written to ${written.join(' and ')}\n`);
});
