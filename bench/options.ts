// The bench's knobs: flags (`npm run bench -- --notes 500`), else FERRY_BENCH_* environment
// variables, else the standard workload's defaults. Pure: it reads the arguments it is given.

import { parseArgs } from 'node:util';

export interface BenchOptions {
  /** The replayed workload: gen-workload.mjs --notes, --edits-per-note, --seed. */
  notes: number;
  editsPerNote: number;
  seed: string;
  /** Notes in the journal searched, opened and asked for its status (--notes N --edits-per-note 0). */
  searchNotes: number;
  /** Whole replays of the workload (commit rate and edit latency are medians over them). */
  reps: number;
  /** Timed runs of opening the journal and of `ferry status` (after one warm-up run each). */
  runs: number;
  /** Timed rounds of the whole query set (after one warm-up round). */
  searchRounds: number;
  /** Seconds of the sync server load test on each storage (0 skips it). */
  loadSeconds: number;
  /** Simulated clients in the load test. */
  loadClients: number;
  /** Also run `git gc --aggressive` (slow: over a minute for the standard workload). */
  gitAggressive: boolean;
  /** Where the figures go; default bench-results/latest.json in the repository. */
  out: string | null;
  /** Leave the temporary folder (journals, workloads, git repository) in place. */
  keep: boolean;
  /** The folder to make the temporary folder in (default: the OS temporary folder). Journals sync
   *  every commit to disk, so this must be a real disk for the figures to mean anything. */
  scratch: string | null;
}

export const defaultOptions: BenchOptions = {
  notes: 2000,
  editsPerNote: 5,
  seed: '1',
  searchNotes: 10_000,
  reps: 3,
  runs: 10,
  searchRounds: 20,
  loadSeconds: 30,
  loadClients: 200,
  gitAggressive: false,
  out: null,
  keep: false,
  scratch: null,
};

export const usage = `npm run bench [-- OPTIONS]

Replays the standard workload (../shared/bench/gen-workload.mjs) into a fresh Ferry journal and
into git, prints a table of medians with the targets, and writes the figures as JSON.

  --notes N            notes in the replayed workload (default 2000; env FERRY_BENCH_NOTES)
  --edits-per-note E   edits per note (default 5; env FERRY_BENCH_EDITS_PER_NOTE)
  --seed S             workload seed (default 1; env FERRY_BENCH_SEED)
  --search-notes N     notes in the journal for search, open and status (default 10000;
                       env FERRY_BENCH_SEARCH_NOTES)
  --reps N             whole replays of the workload (default 3; env FERRY_BENCH_REPS)
  --runs N             timed opens and \`ferry status\` runs (default 10; env FERRY_BENCH_RUNS)
  --search-rounds N    timed rounds of the query set (default 20; env FERRY_BENCH_SEARCH_ROUNDS)
  --load-seconds N     seconds of the sync server load test on SQLite and on PostgreSQL
                       (default 30; 0 skips it; env FERRY_BENCH_LOAD_SECONDS)
  --load-clients N     simulated clients in that test (default 200; env FERRY_BENCH_LOAD_CLIENTS)
  --git-aggressive     also time and size \`git gc --aggressive\` (over a minute)
  --out FILE           the results file (default bench-results/latest.json)
  --keep               keep the temporary folder and print where it is
  --scratch DIR        make the temporary folder in DIR (default: the OS one; env FERRY_BENCH_SCRATCH)
  --help               this text

Quick run: npm run bench -- --notes 500 --search-notes 2000 --reps 1 --load-seconds 5
`;

export type ParsedOptions = { help: true } | { help: false; options: BenchOptions };

const counts = {
  notes: { env: 'FERRY_BENCH_NOTES', min: 1 },
  'edits-per-note': { env: 'FERRY_BENCH_EDITS_PER_NOTE', min: 0 },
  'search-notes': { env: 'FERRY_BENCH_SEARCH_NOTES', min: 1 },
  reps: { env: 'FERRY_BENCH_REPS', min: 1 },
  runs: { env: 'FERRY_BENCH_RUNS', min: 1 },
  'search-rounds': { env: 'FERRY_BENCH_SEARCH_ROUNDS', min: 1 },
  'load-seconds': { env: 'FERRY_BENCH_LOAD_SECONDS', min: 0 },
  'load-clients': { env: 'FERRY_BENCH_LOAD_CLIENTS', min: 1 },
} as const;

type CountName = keyof typeof counts;

export function parseOptions(argv: readonly string[], env: NodeJS.ProcessEnv): ParsedOptions {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      options: {
        notes: { type: 'string' },
        'edits-per-note': { type: 'string' },
        seed: { type: 'string' },
        'search-notes': { type: 'string' },
        reps: { type: 'string' },
        runs: { type: 'string' },
        'search-rounds': { type: 'string' },
        'load-seconds': { type: 'string' },
        'load-clients': { type: 'string' },
        'git-aggressive': { type: 'boolean' },
        out: { type: 'string' },
        keep: { type: 'boolean' },
        scratch: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
      allowPositionals: false,
    });
  } catch (error) {
    throw new Error(`${(error as Error).message}. Run \`npm run bench -- --help\` for the options.`, { cause: error });
  }
  const { values } = parsed;
  if (values.help === true) return { help: true };
  const count = (name: CountName, fallback: number): number => {
    const { env: variable, min } = counts[name];
    const given = values[name] ?? env[variable];
    if (given === undefined || given.trim() === '') return fallback;
    const n = Number(given);
    if (!Number.isSafeInteger(n) || n < min) {
      const source = values[name] === undefined ? `${variable}=${given}` : `--${name} ${given}`;
      throw new Error(`${source} is not a whole number of at least ${min}.`);
    }
    return n;
  };
  const seed = values.seed ?? env.FERRY_BENCH_SEED ?? defaultOptions.seed;
  return {
    help: false,
    options: {
      notes: count('notes', defaultOptions.notes),
      editsPerNote: count('edits-per-note', defaultOptions.editsPerNote),
      seed: seed.trim() === '' ? defaultOptions.seed : seed,
      searchNotes: count('search-notes', defaultOptions.searchNotes),
      reps: count('reps', defaultOptions.reps),
      runs: count('runs', defaultOptions.runs),
      searchRounds: count('search-rounds', defaultOptions.searchRounds),
      loadSeconds: count('load-seconds', defaultOptions.loadSeconds),
      loadClients: count('load-clients', defaultOptions.loadClients),
      gitAggressive: values['git-aggressive'] === true,
      out: values.out ?? null,
      keep: values.keep === true,
      scratch: values.scratch ?? (env.FERRY_BENCH_SCRATCH?.trim() || null),
    },
  };
}
