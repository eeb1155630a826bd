// The PostgreSQL storage against the shared suite, each test on a fresh database with two handles
// (two server processes), plus what only PostgreSQL has: opening, the schema's version, pushes
// from several processes at once, and connection errors that keep passwords out of messages.

import { createServer } from 'node:net';
import pg from 'pg';
import { expect, it } from 'vitest';
import { describePostgres } from '../testing/postgres.js';
import { PostgresStorage, withoutPassword } from './storage-postgres.js';
import { chain, journalA, laptop, phone, storageSuite } from './storage.suite.js';

describePostgres('PostgreSQL', (server) => {
  storageSuite(
    'PostgreSQL',
    async () => {
      const url = await server().newDatabase();
      const [storage, second] = await Promise.all([PostgresStorage.open(url), PostgresStorage.open(url)]);
      return {
        storage,
        second,
        async cleanup() {
          await Promise.all([storage.close(), second.close()]);
        },
      };
    },
    { sharedBetweenProcesses: true },
  );

  it('opening a fresh database from several processes at once creates the schema once', async () => {
    const url = await server().newDatabase();
    const handles = await Promise.all(Array.from({ length: 4 }, () => PostgresStorage.open(url)));
    await handles[0]!.push(journalA, chain(laptop, 2));
    expect(await handles[3]!.vector(journalA)).toEqual({ [laptop]: 2 });
    await Promise.all(handles.map((h) => h.close()));
  });

  it('a database written by a newer Ferry is refused', async () => {
    const url = await server().newDatabase();
    await (await PostgresStorage.open(url)).close();
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    await client.query('UPDATE ferry_schema SET version = 99');
    await client.end();
    await expect(PostgresStorage.open(url)).rejects.toMatchObject({ code: 'JournalFromFuture', message: expect.stringMatching(/schema 99; this one knows 1/) });
  });

  it('a database holding tables of something else is refused', async () => {
    const url = await server().newDatabase();
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    await client.query('CREATE TABLE journals (x int)');
    await client.end();
    await expect(PostgresStorage.open(url)).rejects.toMatchObject({ code: 'NotAJournal' });
  });

  it('many pushes to one journal from two processes at once serialize and all land', async () => {
    const url = await server().newDatabase();
    const [a, b] = await Promise.all([PostgresStorage.open(url), PostgresStorage.open(url)]);
    const base = chain(laptop, 1);
    await a.push(journalA, base);
    const fromLaptop = chain(laptop, 40, base[0], 2);
    const fromPhone = chain(phone, 40, base[0]);
    // One envelope per push, alternating handles: forty interleaved transactions per replica.
    await Promise.all([
      (async () => {
        for (const e of fromLaptop) await a.push(journalA, [e]);
      })(),
      (async () => {
        for (const e of fromPhone) await b.push(journalA, [e]);
      })(),
    ]);
    expect(await b.vector(journalA)).toEqual({ [laptop]: 41, [phone]: 40 });
    const page = await a.pull(journalA, {}, { maxBytes: 1 << 30, maxCount: 1000 });
    expect(page.envelopes).toHaveLength(81);
    await Promise.all([a.close(), b.close()]);
  });

  it('a push of 12,000 envelopes is stored in one go and pulled back in pages', async () => {
    const url = await server().newDatabase();
    const storage = await PostgresStorage.open(url);
    const edits = chain(laptop, 12_000);
    expect(await storage.push(journalA, edits)).toMatchObject({ stored: 12_000, alreadyHeld: 0 });
    expect(await storage.push(journalA, edits)).toMatchObject({ stored: 0, alreadyHeld: 12_000 });
    const have: Record<string, number> = {};
    let pages = 0;
    let count = 0;
    for (;;) {
      const page = await storage.pull(journalA, have, { maxBytes: 1 << 20, maxCount: 5000 });
      pages += 1;
      count += page.envelopes.length;
      for (const e of page.envelopes) have[e.replicaId] = e.seq;
      if (!page.more) break;
    }
    expect([pages, count, have[laptop]]).toEqual([3, 12_000, 12_000]);
    expect((await storage.journals())[0]).toMatchObject({ journalId: journalA, versions: 12_000, bytes: 12_000 * 20, replicas: 1 });
    await storage.close();
  });
});

it('an unreachable database is a ServerError that does not show the password', async () => {
  const port = await new Promise<number>((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => resolve(typeof address === 'object' && address !== null ? address.port : 0));
    });
  });
  const failure = PostgresStorage.open(`postgres://ferry:s3cret-pw@127.0.0.1:${port}/ferry`);
  await expect(failure).rejects.toMatchObject({ code: 'ServerError', message: expect.stringMatching(new RegExp(`^The PostgreSQL database at postgres://ferry@127\\.0\\.0\\.1:${port}/ferry cannot be reached: .*ECONNREFUSED`)) });
  await expect(failure).rejects.not.toMatchObject({ message: expect.stringContaining('s3cret') });
  expect(withoutPassword('postgres://u:pw@h/db?password=pw2&sslmode=require')).toBe('postgres://u@h/db?sslmode=require');
  expect(withoutPassword('host=h password=pw')).not.toContain('pw');
});
