// Search as you type sends each keystroke's query at once, keeps at most one request waiting, and
// shows only the answer to what the field holds now.
import { describe, expect, it } from 'vitest';
import { latestOnly, type Settled } from './latest-only.js';

function harness() {
  const asked: { id: string; answer: (value: string) => void; fail: (error: Error) => void }[] = [];
  const delivered: [string, Settled<string>][] = [];
  const runner = latestOnly<string>((id, settled) => delivered.push([id, settled]));
  const want = (id: string | null) =>
    runner.want(id, () => new Promise<string>((answer, fail) => asked.push({ id: id!, answer, fail })));
  const tick = () => new Promise((resolve) => setTimeout(resolve, 0));
  return { asked, delivered, runner, want, tick };
}

describe('latest only', () => {
  it('asks at once when nothing is running, and delivers the answer', async () => {
    const { asked, delivered, want, tick } = harness();
    want('g');
    expect(asked.map((a) => a.id)).toEqual(['g']);
    asked[0]!.answer('hits for g');
    await tick();
    expect(delivered).toEqual([['g', { value: 'hits for g' }]]);
  });

  it('keeps only the newest keystroke waiting while one runs, and drops the stale answer', async () => {
    const { asked, delivered, want, tick } = harness();
    want('g');
    want('ga');
    want('gar');
    expect(asked.map((a) => a.id)).toEqual(['g']);
    asked[0]!.answer('hits for g');
    await tick();
    expect(delivered).toEqual([]);
    expect(asked.map((a) => a.id)).toEqual(['g', 'gar']);
    asked[1]!.answer('hits for gar');
    await tick();
    expect(delivered).toEqual([['gar', { value: 'hits for gar' }]]);
  });

  it('does not ask twice for what is already being asked', async () => {
    const { asked, delivered, want, tick } = harness();
    want('ga');
    want('gar');
    want('ga');
    asked[0]!.answer('hits for ga');
    await tick();
    expect(asked.map((a) => a.id)).toEqual(['ga']);
    expect(delivered).toEqual([['ga', { value: 'hits for ga' }]]);
  });

  it('delivers a failure like an answer, and nothing once stopped or cleared', async () => {
    const { asked, delivered, runner, want, tick } = harness();
    want('x');
    asked[0]!.fail(new Error('engine gone'));
    await tick();
    expect(delivered).toEqual([['x', { error: new Error('engine gone') }]]);
    want('y');
    want(null);
    asked[1]!.answer('hits for y');
    await tick();
    want('z');
    runner.stop();
    asked[2]!.answer('hits for z');
    await tick();
    expect(delivered).toHaveLength(1);
  });
});
