import { describe, expect, it } from 'vitest';
import { bytesToText, decodeBody, encodeBody, isDelta, maxChain } from './body-codec.js';

const text = (n: number) => Array.from({ length: n }, (_, i) => `Line ${i}: the quick brown fox jumps over the lazy dog.`).join('\n');
const bytes = (s: string) => Buffer.from(s, 'utf8');

describe('stored bodies', () => {
  it('S1: store a new note in full and compressed, and read it back exactly', () => {
    const body = text(50);
    const stored = encodeBody(body, null);
    expect(stored).toMatchObject({ base: null, chain: 0 });
    expect(isDelta(stored.blob)).toBe(false);
    expect(stored.blob.length).toBeLessThan(body.length / 3);
    expect(bytesToText(decodeBody(stored.blob, null))).toBe(body);
    expect(bytesToText(decodeBody(encodeBody('', null).blob, null))).toBe('');
  });

  it('S2: store a small edit as a small delta against its parent', () => {
    const old = text(50);
    const edited = old.replace('Line 25: the quick', 'Line 25: the slow');
    const stored = encodeBody(edited, { vno: 7, chain: 0, bytes: bytes(old) });
    expect(stored).toMatchObject({ base: 7, chain: 1 });
    expect(stored.blob.length).toBeLessThan(40);
    expect(bytesToText(decodeBody(stored.blob, bytes(old)))).toBe(edited);
  });

  it('S2: cut the delta chain with a snapshot so any version reads in bounded work', () => {
    const body = text(20);
    expect(encodeBody(body, { vno: 1, chain: maxChain - 1, bytes: bytes(body + 'x') }).chain).toBe(maxChain);
    expect(encodeBody(body, { vno: 1, chain: maxChain, bytes: bytes(body + 'x') })).toMatchObject({ base: null, chain: 0 });
  });

  it('store a rewrite as a snapshot rather than a delta larger than the text', () => {
    const stored = encodeBody(text(30), { vno: 3, chain: 2, bytes: bytes('something else entirely') });
    expect(stored).toMatchObject({ base: null, chain: 0 });
  });

  it('S1, D3: refuse damaged bodies with a Corrupt error', () => {
    const full = encodeBody(text(10), null).blob;
    const delta = encodeBody(text(10) + '!', { vno: 1, chain: 0, bytes: bytes(text(10)) }).blob;
    for (const bad of [Buffer.of(9, 1, 2), Buffer.concat([full.subarray(0, 8)]), Buffer.of(1, 0xff, 0xff)]) {
      expect(() => decodeBody(bad, null)).toThrow(expect.objectContaining({ code: 'Corrupt' }));
    }
    expect(() => decodeBody(delta, null)).toThrow(expect.objectContaining({ code: 'Corrupt' }));
    expect(() => bytesToText(Buffer.of(0xc3, 0x28))).toThrow(expect.objectContaining({ code: 'Corrupt' }));
  });
});
