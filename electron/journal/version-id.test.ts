// Golden vectors: a version's id must never change, or every journal and bundle in the field would
// stop verifying. If one of these fails, the canonical encoding changed: put it back.
import { describe, expect, it } from 'vitest';
import type { VersionFields } from '../../shared/model.js';
import { canonicalVersionBytes, versionId } from './version-id.js';

const journalId = '0123456789abcdef0123456789abcdef';
const base: VersionFields = {
  noteId: 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa',
  parents: [],
  replicaId: 'bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb',
  seq: 1,
  time: 1_763_900_000_000,
  title: 'Groceries',
  body: '# Groceries\n\n- milk\n- bread\n',
  tags: ['food', 'home'],
  deleted: false,
};

describe('version ids (golden vectors)', () => {
  it('V1, V2: encodes a new note canonically, in a documented order (its id is `printf %s TEXT | sha256sum`)', () => {
    expect(canonicalVersionBytes(journalId, base).toString('utf8')).toBe(
      '["ferry-version/1","0123456789abcdef0123456789abcdef","aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",[],"bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb",1,1763900000000,"Groceries","# Groceries\\n\\n- milk\\n- bread\\n",["food","home"],false]',
    );
    expect(versionId(journalId, base)).toBe('d611cba1ab477723766c37133fa166eebf529bb6757070d76c8a841d156d33f8');
  });

  it('V4, V6: pins an edit with a parent, a deleting version, and Unicode, CRLF and no final newline', () => {
    const parent = versionId(journalId, base);
    expect(versionId(journalId, { ...base, parents: [parent], seq: 2, body: 'Crème brûlée 🍮\r\nno newline' })).toBe(
      '897f6e413f8f926200d6b5e1978dc6f6f618a7091515c103fe4c1511820ad6f9',
    );
    expect(versionId(journalId, { ...base, parents: [parent], seq: 2, deleted: true })).toBe(
      '98816661c34ae969cd5ea1358145c0a5b930ce7e2c2998a7fa1a8910f89b50a5',
    );
  });

  // The id below was also computed by Python's json.dumps(ensure_ascii=False, separators=(',', ':')).
  it('V2: escapes strings exactly as JSON.stringify does (control characters, quotes; not / or U+2028)', () => {
    const tricky = { ...base, title: 'Tab\there "quoted" a/b', body: '\u0001\u001f\b\f\\ \u2028 é\r\n' };
    expect(canonicalVersionBytes(journalId, tricky).toString('utf8')).toContain('"Tab\\there \\"quoted\\" a/b","\\u0001\\u001f\\b\\f\\\\ \u2028 é\\r\\n"');
    expect(versionId(journalId, tricky)).toBe('7a7922b827864aaa7cb4a9a56a15a7e653e78dc29d61960d9f87fbfa2943fe37');
  });

  it('changes when any field changes, including the journal', () => {
    const id = versionId(journalId, base);
    const variants: VersionFields[] = [
      { ...base, title: 'Groceries!' },
      { ...base, body: base.body + ' ' },
      { ...base, tags: ['food'] },
      { ...base, deleted: true },
      { ...base, seq: 2 },
      { ...base, time: base.time + 1 },
      { ...base, replicaId: 'cccccccccccccccccccccccccccccccc' },
      { ...base, noteId: 'dddddddddddddddddddddddddddddddd' },
    ];
    for (const v of variants) expect(versionId(journalId, v)).not.toBe(id);
    expect(versionId('fedcba9876543210fedcba9876543210', base)).not.toBe(id);
  });

  it('V3-V6: refuses fields that cannot be encoded canonically', () => {
    expect(() => versionId(journalId, { ...base, tags: ['home', 'food'] })).toThrow(/sorted/);
    expect(() => versionId(journalId, { ...base, seq: 0 })).toThrow(/seq/);
    expect(() => versionId(journalId, { ...base, seq: 1.5 })).toThrow(/seq/);
    expect(() => versionId(journalId, { ...base, body: 'broken \ud800 surrogate' })).toThrow(/Unicode/);
    expect(() => versionId(journalId, { ...base, parents: ['abc'] })).toThrow(/parent/);
    expect(() => versionId(journalId, { ...base, noteId: 'AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA' })).toThrow(/note id/);
  });
});
