// What every bench entry does around its measurements: the options (or --help), the checks that
// fail early with a sentence, the scratch folder (removed at the end unless --keep), and an error
// printed as one line with a failing exit code.

import { parseOptions, usage, type BenchOptions } from './options.js';
import { benchPaths, checkPrerequisites, type BenchPaths } from './paths.js';
import { stderrProgress, type Progress } from './progress.js';
import { makeTempSpace, type TempSpace } from './temp-space.js';

export type BenchBody = (options: BenchOptions, paths: BenchPaths, temp: TempSpace, progress: Progress) => Promise<void>;

export async function benchMain(command: string, body: BenchBody): Promise<void> {
  try {
    const parsed = parseOptions(process.argv.slice(2), process.env);
    if (parsed.help) {
      process.stdout.write(usage.replaceAll('npm run bench', command));
      return;
    }
    const { options } = parsed;
    const paths = benchPaths();
    checkPrerequisites(paths);
    const progress = stderrProgress();
    const temp = makeTempSpace({ keep: options.keep, ...(options.scratch === null ? {} : { parent: options.scratch }) });
    try {
      await body(options, paths, temp, progress);
    } finally {
      temp.cleanup();
      if (options.keep) progress(`kept the scratch folder ${temp.root}`);
    }
  } catch (error) {
    process.stderr.write(`bench: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  }
}
