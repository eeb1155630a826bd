// `ferry status` as a whole process, the way a script or a shell prompt runs it: spawn
// `node bin/ferry --journal DIR status` and time it on the wall clock, start to exit. Node's own
// start-up (`node -e ''`) is timed alternately with it, as the floor no CLI in Node can beat.

import { spawnSync } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { repeated, type Repeated } from './stats.js';

export interface CliFigures {
  runs: number;
  statusMs: Repeated;
  nodeFloorMs: Repeated;
}

function timedProcess(args: readonly string[]): number {
  const begun = performance.now();
  const run = spawnSync(process.execPath, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  const ms = performance.now() - begun;
  if (run.error !== undefined || run.status !== 0) throw new Error(`node ${args.join(' ')} failed: ${run.error?.message ?? run.stderr.trim()}`);
  return ms;
}

export function measureCliStatus(ferryBin: string, dir: string, runs: number): CliFigures {
  const status = [ferryBin, '--journal', dir, 'status'];
  const floor = ['-e', ''];
  timedProcess(status);
  timedProcess(floor);
  const statusMs: number[] = [];
  const nodeFloorMs: number[] = [];
  for (let run = 0; run < runs; run++) {
    statusMs.push(timedProcess(status));
    nodeFloorMs.push(timedProcess(floor));
  }
  return { runs, statusMs: repeated(statusMs), nodeFloorMs: repeated(nodeFloorMs) };
}
