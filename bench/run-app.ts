// `npm run bench:app`: only the app's figures (measure-app.ts), for working on the renderer
// without the whole bench's twenty minutes: builds the search journal (--search-notes, default
// 10,000, --seed), then opens, searches, switches and types in it in Chromium. The same figures
// are part of `npm run bench`.

import { formatDuration } from './format-units.js';
import { appOptions, appTargetInputs, measureApp } from './measure-app.js';
import { benchMain } from './bench-main.js';
import { replayWorkload } from './replay.js';
import { renderAppReport } from './report.js';
import { checkAppTargets } from './targets.js';
import { generateWorkload } from './workload.js';

await benchMain('npm run bench:app', async (options, paths, temp, progress) => {
  progress(`generating the workload (--notes ${options.searchNotes} --edits-per-note 0 --seed ${options.seed})`);
  const workload = generateWorkload(paths.generator, { notes: options.searchNotes, editsPerNote: 0, seed: options.seed }, temp.file('workload.jsonl'));
  const dir = temp.folder('journal');
  const built = replayWorkload(dir, workload.operations, { seed: `search:${options.seed}` });
  progress(`journal built in ${formatDuration(built.elapsedMs)}`);
  const app = await measureApp(dir, appOptions(paths, options), progress);
  process.stdout.write(renderAppReport(app, checkAppTargets(appTargetInputs(app))));
});
