// The draft saver as stories of someone typing, with time moved by hand: saved within 250 ms
// even while typing goes on, committed after two seconds of rest or at once on flush, one call
// at a time and in order, and a failed save keeps its text until a later one succeeds.
import { describe, expect, it } from 'vitest';
import { createDraftSaver, type DraftSaverOptions, type DraftState } from './draft-saver.js';

interface Fields {
  body: string;
}

/** A clock and a timer queue that move only when the test says so. */
function fakeTime() {
  let now = 0;
  let nextId = 1;
  const timers = new Map<number, { at: number; run: () => void }>();
  return {
    now: () => now,
    schedule: (run: () => void, ms: number) => {
      const id = nextId++;
      timers.set(id, { at: now + ms, run });
      return id;
    },
    cancel: (id: number) => {
      timers.delete(id);
    },
    pending: () => timers.size,
    /** Moves the clock by `ms`, running each timer at its time (and what it awaits) in order. */
    async advance(ms: number) {
      const end = now + ms;
      for (;;) {
        const due = [...timers].filter(([, t]) => t.at <= end).sort((a, b) => a[1].at - b[1].at || a[0] - b[0])[0];
        if (due === undefined) break;
        timers.delete(due[0]);
        now = due[1].at;
        due[1].run();
        await settle();
      }
      now = end;
      await settle();
    },
  };
}

/** Lets promise callbacks run (the saver's awaits) without moving the clock. */
async function settle() {
  for (let i = 0; i < 10; i++) await Promise.resolve();
}

/** A save or commit the test answers by hand, to see what happens while it is under way. */
interface Call {
  kind: 'save' | 'commit';
  body?: string;
  answer(): void;
  refuse(message: string): void;
}

function harness(options: Partial<DraftSaverOptions<Fields, number>> & { autoAnswer?: boolean } = {}) {
  const time = fakeTime();
  const calls: Call[] = [];
  const log: string[] = [];
  /** When each call in `log` was made. */
  const at: number[] = [];
  const states: DraftState[] = [];
  const errors: string[] = [];
  let running = 0;
  let maxRunning = 0;
  const call = (kind: Call['kind'], body?: string) =>
    new Promise<void>((resolve, reject) => {
      running++;
      maxRunning = Math.max(maxRunning, running);
      log.push(body === undefined ? kind : `${kind} ${body}`);
      at.push(time.now());
      const entry: Call = {
        kind,
        ...(body === undefined ? {} : { body }),
        answer: () => {
          running--;
          resolve();
        },
        refuse: (message) => {
          running--;
          reject(new Error(message));
        },
      };
      calls.push(entry);
      if (options.autoAnswer !== false) entry.answer();
    });
  const saver = createDraftSaver<Fields, number>({
    save: (fields) => call('save', fields.body),
    commit: () => call('commit'),
    schedule: time.schedule,
    cancel: time.cancel,
    now: time.now,
    onState: (state) => states.push(state),
    onError: (error) => errors.push(error.message),
    ...options,
  });
  return { saver, time, calls, log, at, states, errors, maxRunning: () => maxRunning };
}

describe('draft saver: saving and committing as someone types', () => {
  it('saves 250 ms after an edit and commits after two seconds of rest', async () => {
    const { saver, time, log, states } = harness();
    saver.edited({ body: 'h' });
    await time.advance(249);
    expect(log).toEqual([]);
    await time.advance(1);
    expect(log).toEqual(['save h']);
    await time.advance(1749);
    expect(log).toEqual(['save h']);
    await time.advance(1);
    expect(log).toEqual(['save h', 'commit']);
    expect(states).toEqual(['unsaved', 'saving', 'saved']);
    expect(time.pending()).toBe(0);
  });

  it('saves each keystroke within 250 ms while typing never stops, and commits only when it rests', async () => {
    const { saver, time, log, at } = harness();
    for (let i = 1; i <= 30; i++) {
      saver.edited({ body: 'x'.repeat(i) });
      await time.advance(100);
    }
    // Three seconds of typing, a key every 100 ms: each key is in a save by 250 ms after it.
    for (let i = 1; i <= 30; i++) {
      const typedAt = (i - 1) * 100;
      const savedIn = log.findIndex((entry, n) => entry.startsWith('save') && entry.length - 5 >= i && at[n]! >= typedAt);
      expect(savedIn).toBeGreaterThanOrEqual(0);
      expect(at[savedIn]! - typedAt).toBeLessThanOrEqual(250);
    }
    expect(log.length).toBe(10); // not one save per key
    expect(log).not.toContain('commit');
    await time.advance(2000);
    expect(log.at(-2)).toBe(`save ${'x'.repeat(30)}`);
    expect(log.at(-1)).toBe('commit');
  });

  it('keeps one timer per pause rather than one per keystroke', () => {
    const { saver, time } = harness();
    for (let i = 0; i < 50; i++) saver.edited({ body: `${i}` });
    expect(time.pending()).toBe(2);
  });

  it('commits nothing when nothing was typed', async () => {
    const { saver, time, log } = harness();
    await time.advance(5000);
    expect(await saver.flush()).toBe(true);
    expect(log).toEqual([]);
  });

  it('commits a draft found on opening the note (left by a crash) when the user leaves', async () => {
    const { saver, log } = harness();
    saver.adoptDraft();
    expect(await saver.flush()).toBe(true);
    expect(log).toEqual(['commit']);
  });
});

describe('draft saver: flush (leaving the note, Ctrl+S)', () => {
  it('saves what is pending and commits at once', async () => {
    const { saver, time, log } = harness();
    saver.edited({ body: 'a' });
    saver.edited({ body: 'ab' });
    expect(await saver.flush()).toBe(true);
    expect(log).toEqual(['save ab', 'commit']);
    expect(time.pending()).toBe(0);
    await time.advance(5000);
    expect(log).toEqual(['save ab', 'commit']);
  });

  it('commits what was saved when nothing is pending', async () => {
    const { saver, time, log } = harness();
    saver.edited({ body: 'a' });
    await time.advance(300);
    expect(await saver.flush()).toBe(true);
    expect(log).toEqual(['save a', 'commit']);
  });

  it('waits for a save under way, then saves the newer text, then commits', async () => {
    const { saver, time, log, calls, maxRunning } = harness({ autoAnswer: false });
    saver.edited({ body: 'a' });
    await time.advance(250);
    saver.edited({ body: 'ab' });
    const flushed = saver.flush();
    await settle();
    expect(log).toEqual(['save a']);
    calls[0]!.answer();
    await settle();
    expect(log).toEqual(['save a', 'save ab']);
    calls[1]!.answer();
    await settle();
    calls[2]!.answer();
    expect(await flushed).toBe(true);
    expect(log).toEqual(['save a', 'save ab', 'commit']);
    expect(maxRunning()).toBe(1);
  });
});

describe('draft saver: one call at a time, in order', () => {
  it('never runs two saves at once, and sends the newest text next', async () => {
    const { saver, time, log, calls, maxRunning } = harness({ autoAnswer: false });
    saver.edited({ body: 'a' });
    await time.advance(250);
    expect(log).toEqual(['save a']);
    // A slow disk: typing goes on while the first save is under way.
    saver.edited({ body: 'ab' });
    await time.advance(250);
    saver.edited({ body: 'abc' });
    await time.advance(250);
    expect(log).toEqual(['save a']);
    calls[0]!.answer();
    await settle();
    expect(log).toEqual(['save a', 'save abc']);
    calls[1]!.answer();
    await settle();
    expect(maxRunning()).toBe(1);
    expect(saver.state()).toBe('saved');
  });

  it('does not save during a commit; the edit is saved after it', async () => {
    const { saver, time, log, calls, maxRunning } = harness({ autoAnswer: false });
    saver.edited({ body: 'a' });
    await time.advance(250);
    calls[0]!.answer();
    await time.advance(1750);
    expect(log).toEqual(['save a', 'commit']);
    saver.edited({ body: 'ab' });
    await time.advance(250);
    expect(log).toEqual(['save a', 'commit']);
    calls[1]!.answer();
    await settle();
    expect(log).toEqual(['save a', 'commit', 'save ab']);
    expect(maxRunning()).toBe(1);
  });
});

describe('draft saver: failures never drop the text', () => {
  it('reports a failed save, keeps the text and retries it with the next edit', async () => {
    const { saver, time, log, calls, errors, states } = harness({ autoAnswer: false });
    saver.edited({ body: 'a' });
    await time.advance(250);
    calls[0]!.refuse('The disk is full.');
    await settle();
    expect(errors).toEqual(['The disk is full.']);
    expect(saver.state()).toBe('error');
    expect(saver.unloadFields()).toEqual({ body: 'a' });
    // Nothing reached the engine: a closing page's change must not be based on 'a'.
    expect(saver.sentFields()).toEqual([]);
    expect(saver.hasUnsaved()).toBe(true);
    saver.edited({ body: 'ab' });
    expect(saver.state()).toBe('error'); // still not saved: the message stays until a save succeeds
    await time.advance(250);
    expect(log).toEqual(['save a', 'save ab']);
    expect(saver.sentFields()).toEqual([{ body: 'ab' }]); // on its way
    calls[1]!.answer();
    await settle();
    expect(saver.state()).toBe('saved');
    expect(saver.sentFields()).toEqual([{ body: 'ab' }]);
    expect(states).toEqual(['unsaved', 'saving', 'error', 'saving', 'saved']);
  });

  it('keeps the failed text when nothing newer was typed, and flush retries it', async () => {
    const { saver, time, log, calls } = harness({ autoAnswer: false });
    saver.edited({ body: 'a' });
    await time.advance(250);
    calls[0]!.refuse('Busy.');
    await settle();
    const flushed = saver.flush();
    await settle();
    expect(log).toEqual(['save a', 'save a']);
    calls[1]!.answer();
    await settle();
    calls[2]!.answer();
    expect(await flushed).toBe(true);
    expect(log).toEqual(['save a', 'save a', 'commit']);
  });

  it('keeps newer text typed while the failing save was under way', async () => {
    const { saver, time, calls } = harness({ autoAnswer: false });
    saver.edited({ body: 'a' });
    await time.advance(250);
    saver.edited({ body: 'ab' });
    calls[0]!.refuse('Busy.');
    await settle();
    expect(saver.unloadFields()).toEqual({ body: 'ab' });
  });

  it('resolves flush with false on failure, and does not commit over an unsaved edit', async () => {
    const { saver, log, calls } = harness({ autoAnswer: false });
    saver.edited({ body: 'a' });
    const flushed = saver.flush();
    await settle();
    calls[0]!.refuse('Offline.');
    expect(await flushed).toBe(false);
    expect(log).toEqual(['save a']);
  });

  it('retries a failed commit on the next flush', async () => {
    const { saver, log, calls } = harness({ autoAnswer: false });
    saver.edited({ body: 'a' });
    const first = saver.flush();
    await settle();
    calls[0]!.answer();
    await settle();
    calls[1]!.refuse('Busy.');
    expect(await first).toBe(false);
    expect(saver.state()).toBe('error');
    const second = saver.flush();
    await settle();
    calls[2]!.answer();
    expect(await second).toBe(true);
    expect(log).toEqual(['save a', 'commit', 'commit']);
    expect(saver.state()).toBe('saved');
  });
});

describe('draft saver: trying again by itself after a failure', () => {
  it('saves the failed text once the disk has room, with no key pressed: after 2 s, then 5 s, 15 s and every 30 s', async () => {
    const { saver, time, log, calls } = harness({ autoAnswer: false, commitDelayMs: 3_600_000 });
    saver.edited({ body: 'last words' });
    await time.advance(250);
    for (const wait of [2000, 5000, 15_000, 30_000, 30_000]) {
      const tries = log.length;
      calls.at(-1)!.refuse('The disk is full.');
      await settle();
      expect(saver.state()).toBe('error');
      await time.advance(wait - 1);
      expect(log).toHaveLength(tries);
      await time.advance(1);
      expect(log).toHaveLength(tries + 1);
    }
    expect(new Set(log)).toEqual(new Set(['save last words']));
    calls.at(-1)!.answer();
    await settle();
    expect(saver.state()).toBe('saved');
    expect(time.pending()).toBe(1); // the pause's commit, as after any save: no retry is left
  });

  it('commits with the retry when typing has rested', async () => {
    const { saver, time, log, at, calls } = harness({ autoAnswer: false });
    saver.edited({ body: 'a' });
    await time.advance(250);
    calls[0]!.refuse('The disk is full.');
    await settle();
    await time.advance(1750); // the pause tries too, and fails
    calls[1]!.refuse('The disk is full.');
    await settle();
    await time.advance(250); // 2 s after the first failure
    calls[2]!.answer();
    await settle();
    calls[3]!.answer();
    await settle();
    expect(log).toEqual(['save a', 'save a', 'save a', 'commit']);
    expect(at).toEqual([250, 2000, 2250, 2250]);
    expect(saver.hasUncommitted()).toBe(false);
    expect(time.pending()).toBe(0);
  });

  it('tries a failed commit again, and waits 2 s again after a success', async () => {
    const { saver, time, log, calls } = harness({ autoAnswer: false, commitDelayMs: 3_600_000 });
    saver.edited({ body: 'a' });
    void saver.flush();
    await settle();
    calls[0]!.answer();
    await settle();
    calls[1]!.refuse('Busy.');
    await settle();
    await time.advance(2000);
    expect(log).toEqual(['save a', 'commit', 'commit']);
    calls[2]!.answer();
    await settle();
    expect(saver.state()).toBe('saved');
    // A later failure starts from the shortest wait again.
    saver.edited({ body: 'ab' });
    await time.advance(250);
    calls[3]!.refuse('Busy.');
    await settle();
    await time.advance(1999);
    expect(log).toHaveLength(4);
    await time.advance(1);
    expect(log.at(-1)).toBe('save ab');
  });

  it('only saves while typing goes on, leaving the commit to the pause', async () => {
    const { saver, time, log, calls } = harness({ autoAnswer: false });
    saver.edited({ body: 'a' });
    await time.advance(250);
    calls[0]!.refuse('Busy.');
    await settle();
    await time.advance(1000);
    saver.edited({ body: 'ab' }); // typing goes on; its own save (at 250 ms) fails too
    await time.advance(250);
    calls[1]!.refuse('Busy.');
    await settle();
    await time.advance(750); // the first retry, 2 s after the first failure
    expect(log).toEqual(['save a', 'save ab', 'save ab']);
    calls[2]!.answer();
    await settle();
    expect(saver.hasUncommitted()).toBe(true);
    await time.advance(2000); // the pause commits as usual
    expect(log.at(-1)).toBe('commit');
  });

  it('forgets a commit it owed once a later one succeeds: a retry while typing goes on only saves', async () => {
    const { saver, time, log, calls } = harness({ autoAnswer: false, commitDelayMs: 5000 });
    saver.edited({ body: 'a' });
    void saver.flush();
    await settle();
    calls[0]!.answer();
    await settle();
    calls[1]!.refuse('Busy.'); // the commit owed
    await settle();
    saver.edited({ body: 'ab' }); // typing goes on before the retry
    await time.advance(250);
    calls[2]!.answer();
    await settle();
    await time.advance(5000); // the pause commits
    calls[3]!.answer();
    await settle();
    expect(log).toEqual(['save a', 'commit', 'save ab', 'commit']);
    saver.edited({ body: 'abc' });
    await time.advance(250);
    calls[4]!.refuse('Busy.');
    await settle();
    await time.advance(2000); // the retry, typing rested 2 s only
    calls[5]!.answer();
    await settle();
    expect(log.slice(4)).toEqual(['save abc', 'save abc']);
  });

  it('stops trying once disposed (the editor keeps a note left unsaved itself)', async () => {
    const { saver, time, log, calls } = harness({ autoAnswer: false });
    saver.edited({ body: 'a' });
    await time.advance(250);
    calls[0]!.refuse('Busy.');
    await settle();
    saver.dispose();
    expect(time.pending()).toBe(0);
    await time.advance(60_000);
    expect(log).toEqual(['save a']);
  });
});

describe('draft saver: closing the page and leaving', () => {
  it('gives the unsaved fields for a last request, including a save under way', async () => {
    const { saver, time, calls } = harness({ autoAnswer: false });
    expect(saver.unloadFields()).toBeNull();
    saver.edited({ body: 'a' });
    expect(saver.unloadFields()).toEqual({ body: 'a' });
    await time.advance(250);
    expect(saver.unloadFields()).toEqual({ body: 'a' });
    calls[0]!.answer();
    await settle();
    expect(saver.unloadFields()).toBeNull();
    expect(saver.hasUnsaved()).toBe(false);
  });

  it('stops its timers when disposed, while flush still saves what is left', async () => {
    const { saver, time, log } = harness();
    saver.edited({ body: 'a' });
    saver.dispose();
    expect(time.pending()).toBe(0);
    await time.advance(5000);
    expect(log).toEqual([]);
    expect(await saver.flush()).toBe(true);
    expect(log).toEqual(['save a', 'commit']);
  });

  it('uses the delays it is given', async () => {
    const { saver, time, log } = harness({ saveDelayMs: 10, commitDelayMs: 50 });
    saver.edited({ body: 'a' });
    await time.advance(10);
    expect(log).toEqual(['save a']);
    await time.advance(40);
    expect(log).toEqual(['save a', 'commit']);
  });
});
