// The bench's options: flags over environment over the standard workload's defaults.
import { describe, expect, it } from 'vitest';
import { defaultOptions, parseOptions } from './options.js';

describe('bench options', () => {
  it('default to the standard workload', () => {
    expect(parseOptions([], {})).toEqual({ help: false, options: defaultOptions });
  });

  it('take flags over environment variables', () => {
    const parsed = parseOptions(['--notes', '500', '--reps', '1', '--keep'], { FERRY_BENCH_NOTES: '900', FERRY_BENCH_EDITS_PER_NOTE: '2' });
    expect(parsed).toEqual({ help: false, options: { ...defaultOptions, notes: 500, editsPerNote: 2, reps: 1, keep: true } });
  });

  it('accept zero edits per note but no fewer than one note', () => {
    expect(parseOptions(['--edits-per-note', '0'], {})).toMatchObject({ options: { editsPerNote: 0 } });
    expect(() => parseOptions(['--notes', '0'], {})).toThrow('--notes 0 is not a whole number of at least 1.');
    expect(() => parseOptions([], { FERRY_BENCH_RUNS: 'many' })).toThrow('FERRY_BENCH_RUNS=many is not a whole number of at least 1.');
  });

  it('take the scratch folder from --scratch or FERRY_BENCH_SCRATCH', () => {
    expect(parseOptions(['--scratch', '/mnt/disk'], { FERRY_BENCH_SCRATCH: '/elsewhere' })).toMatchObject({ options: { scratch: '/mnt/disk' } });
    expect(parseOptions([], { FERRY_BENCH_SCRATCH: '/elsewhere' })).toMatchObject({ options: { scratch: '/elsewhere' } });
    expect(parseOptions([], { FERRY_BENCH_SCRATCH: ' ' })).toMatchObject({ options: { scratch: null } });
  });

  it('say how to list the options when one is unknown', () => {
    expect(() => parseOptions(['--fast'], {})).toThrow(/--help/);
    expect(parseOptions(['--help'], {})).toEqual({ help: true });
  });
});
