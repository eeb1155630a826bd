// Reading the standard workload's JSON lines into typed operations.
import { describe, expect, it } from 'vitest';
import { countOperations, parseOperation } from './workload.js';

const at = 'w.jsonl:1';

describe('a workload line', () => {
  it('becomes a typed operation with its time in ms', () => {
    const create = parseOperation('{"seq":1,"phase":"initial","op":"create","note":"n0001","ts":"2023-01-01T09:17:37.000Z","title":"T","body":"B\\n","tags":["work"]}', at);
    expect(create).toEqual({ seq: 1, phase: 'initial', op: 'create', note: 'n0001', time: Date.UTC(2023, 0, 1, 9, 17, 37), title: 'T', body: 'B\n', tags: ['work'] });
    const edit = parseOperation('{"seq":2,"phase":"increment","op":"edit","note":"n0001","ts":"2023-01-02T00:00:00.000Z","body":"C","change":["insert-line"]}', at);
    expect(edit).toMatchObject({ op: 'edit', phase: 'increment', body: 'C' });
    expect(parseOperation('{"seq":3,"phase":"initial","op":"delete","note":"n0001","ts":"2023-01-03T00:00:00.000Z"}', at)).toMatchObject({ op: 'delete', seq: 3 });
  });

  it('is refused, with its place, when a field is missing or wrong', () => {
    expect(() => parseOperation('{"seq":1,"phase":"initial","op":"edit","note":"n1","ts":"2023-01-01T00:00:00Z"}', at)).toThrow('w.jsonl:1: "body" is missing or not a string.');
    expect(() => parseOperation('{"seq":1,"phase":"initial","op":"move","note":"n1","ts":"2023-01-01T00:00:00Z"}', at)).toThrow(/unknown operation "move"/);
    expect(() => parseOperation('{"seq":1,"phase":"initial","op":"delete","note":"a b","ts":"2023-01-01T00:00:00Z"}', at)).toThrow(/not a plain file name/);
    expect(() => parseOperation('[1]', at)).toThrow(/not a JSON object/);
    expect(() => parseOperation('{', at)).toThrow(/not a JSON line/);
  });

  it('is counted by kind', () => {
    const ops = [
      parseOperation('{"seq":1,"phase":"initial","op":"create","note":"n1","ts":"2023-01-01T00:00:00Z","title":"","body":"","tags":[]}', at),
      parseOperation('{"seq":2,"phase":"increment","op":"edit","note":"n1","ts":"2023-01-01T00:00:00Z","body":"x"}', at),
    ];
    expect(countOperations(ops)).toEqual({ create: 1, edit: 1, delete: 0, increment: 1 });
  });
});
