/**
 * The audit-log and API-key behaviour every database must show, run against SQLite (from
 * services/audit.test.ts) and PostgreSQL (test/integration/service-postgres.test.ts).
 * Tampering is done with raw SQL, as someone with database access would.
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, before, beforeEach, describe, test } from 'node:test';
import { sql } from 'kysely';
import { isSekishoError } from '@sekisho/core/errors';
import { openStore, type Store } from '../src/storage/db.ts';
import { createListStore } from '../src/storage/list-store.ts';
import { createListLoader } from '../src/services/list-loader.ts';
import { createAuditLog, GENESIS_HASH, type AuditLog } from '../src/services/audit.ts';
import { createKeyService } from '../src/services/keys.ts';
import { writeVariants } from './list-store-suite.ts';
import { silentLogger, tempDir, type TestDatabase } from './helpers.ts';

export function serviceStoreSuite(label: string, makeDatabase: () => Promise<TestDatabase>) {
  describe(`audit log and API keys on ${label}`, () => {
    let database: TestDatabase;
    let store: Store;
    let audit: AuditLog;

    /** An empty log: the head back at genesis. */
    async function reset() {
      await sql`delete from audit_log`.execute(store.db);
      await sql`update audit_head set seq = 0, hash = ${GENESIS_HASH} where id = 1`.execute(store.db);
    }
    /** An empty log with `n` entries appended (one transaction each). */
    async function fresh(n = 10) {
      await reset();
      for (let i = 1; i <= n; i++) await audit.append([{ actor: 'test', action: 'test.entry', subject: `s${i}`, data: { i, nested: { b: 2, a: 1 } } }]);
    }
    async function kinds() {
      const v = await audit.verify();
      return { v, kinds: v.problems.map((p) => `${p.seq}:${p.kind}`) };
    }

    before(async () => {
      database = await makeDatabase();
      store = await openStore(database.url);
      audit = createAuditLog({ store });
    });
    after(async () => {
      await store.close();
      await database.cleanup();
    });

    describe('chain', () => {
      beforeEach(reset);

      test('an empty log verifies, with the genesis head', async () => {
        const v = await audit.verify();
        assert.deepEqual(v, { ok: true, entries: 0, head: { seq: 0, hash: GENESIS_HASH }, problems: [], problemCount: 0 });
      });

      test('entries are numbered without gaps, chained, and the head follows the last one', async () => {
        const first = await audit.append([{ actor: 'cli', action: 'key.created', subject: 'abc', data: { role: 'admin', id: 'abc' } }]);
        assert.equal(first[0]!.seq, 1);
        assert.equal(first[0]!.prevHash, GENESIS_HASH);
        // The documented hash input, computed by hand: a third party can check the log without Sekisho.
        const e = first[0]!;
        const expected = createHash('sha256').update(`${GENESIS_HASH}\n1\n${e.at}\ncli\nkey.created\nabc\n{"id":"abc","role":"admin"}`).digest('hex');
        assert.equal(e.hash, expected);
        const more = await audit.append([{ actor: 'system', action: 'a' }, { actor: 'system', action: 'b', subject: '' }]);
        assert.deepEqual(more.map((x) => x.seq), [2, 3]);
        assert.equal(more[0]!.prevHash, e.hash);
        assert.equal(more[1]!.subject, null);
        assert.equal(more[0]!.data, null);
        assert.deepEqual(await audit.head(), { seq: 3, hash: more[1]!.hash });
        const stored = await store.db.selectFrom('audit_log').select(['seq', 'data']).orderBy('seq').execute();
        assert.equal(stored[0]!.data, '{"id":"abc","role":"admin"}', 'data is stored as canonical JSON');
      });

      test('many appends, in transactions of one and of many entries, verify', async () => {
        for (let t = 0; t < 20; t++) await audit.transaction(async (_trx, add) => {
          for (let i = 0; i < 25; i++) add({ actor: 'test', action: 'bulk', subject: `t${t}`, data: { t, i } });
        });
        for (let i = 0; i < 50; i++) await audit.append([{ actor: 'test', action: 'single', data: { i } }]);
        const v = await audit.verify();
        assert.equal(v.ok, true, JSON.stringify(v.problems));
        assert.equal(v.entries, 550);
        assert.equal(v.head.seq, 550);
      });

      test('concurrent transactions are serialised by the head lock: one chain, no fork', async () => {
        // Each transaction awaits the database and a timer between its entries, so on PostgreSQL
        // (a pool of connections) they really overlap unless the head lock serialises them.
        await Promise.all(
          Array.from({ length: 12 }, (_, t) =>
            audit.transaction(async (trx, add) => {
              add({ actor: 'test', action: 'concurrent', subject: `t${t}`, data: { step: 1 } });
              await trx.selectFrom('audit_head').select('seq').execute();
              await sleep(5);
              add({ actor: 'test', action: 'concurrent', subject: `t${t}`, data: { step: 2 } });
            }),
          ),
        );
        const v = await audit.verify();
        assert.equal(v.ok, true, JSON.stringify(v.problems));
        assert.equal(v.entries, 24);
        const entries = await audit.list({ limit: 100 });
        // A transaction's entries are consecutive: nothing interleaves inside one.
        for (let i = 0; i < entries.length; i += 2) assert.equal(entries[i]!.subject, entries[i + 1]!.subject);
      });

      test('a transaction that fails leaves neither its writes nor its entries', async () => {
        await audit.append([{ actor: 'test', action: 'before' }]);
        const head = await audit.head();
        await assert.rejects(
          audit.transaction(async (trx, add) => {
            await trx.insertInto('service_state').values({ key: 'k', value: 'v', updated_at: 'now' }).execute();
            add({ actor: 'test', action: 'doomed' });
            throw new Error('boom');
          }),
          /boom/,
        );
        assert.deepEqual(await audit.head(), head);
        assert.equal((await audit.list({ action: 'doomed' })).length, 0);
        assert.equal((await store.db.selectFrom('service_state').selectAll().execute()).length, 0);
        assert.equal((await audit.verify()).ok, true);
      });

      test('an entry added after its transaction ended is refused', async () => {
        let late: ((e: { actor: string; action: string }) => void) | undefined;
        await audit.transaction(async (_trx, add) => {
          late = add;
        });
        assert.throws(() => late!({ actor: 'test', action: 'late' }));
      });

      test('list pages in seq order and filters by action and subject', async () => {
        await fresh(10);
        await audit.append([{ actor: 'x', action: 'other', subject: 's3' }]);
        assert.deepEqual((await audit.list({ after: 4, limit: 3 })).map((e) => e.seq), [5, 6, 7]);
        assert.deepEqual((await audit.list({ action: 'other' })).map((e) => e.seq), [11]);
        assert.deepEqual((await audit.list({ subject: 's3' })).map((e) => e.seq), [3, 11]);
        assert.deepEqual((await audit.list({ after: 2, limit: 1 }))[0]!.data, { i: 3, nested: { a: 1, b: 2 } });
      });
    });

    describe('tampering', () => {
      beforeEach(() => fresh(10));

      test('an edited data column is a hash mismatch at that entry', async () => {
        await sql`update audit_log set data = ${'{"i":99,"nested":{"a":1,"b":2}}'} where seq = 4`.execute(store.db);
        const { v, kinds: k } = await kinds();
        assert.equal(v.ok, false);
        assert.deepEqual(k, ['4:hash-mismatch']);
      });

      test('any edited column is found: actor, action, subject, time', async () => {
        await sql`update audit_log set actor = 'someone' where seq = 2`.execute(store.db);
        await sql`update audit_log set action = 'test.other' where seq = 5`.execute(store.db);
        await sql`update audit_log set subject = null where seq = 7`.execute(store.db);
        await sql`update audit_log set at = '2000-01-01T00:00:00.000Z' where seq = 9`.execute(store.db);
        assert.deepEqual((await kinds()).kinds, ['2:hash-mismatch', '5:hash-mismatch', '7:hash-mismatch', '9:hash-mismatch']);
      });

      test('an edit whose hash was recomputed breaks the link to the next entry', async () => {
        const row = await store.db.selectFrom('audit_log').selectAll().where('seq', '=', 6).executeTakeFirstOrThrow();
        const data = '{"i":600}';
        const hash = createHash('sha256').update(`${row.prev_hash}\n6\n${row.at}\n${row.actor}\n${row.action}\n${row.subject ?? ''}\n${data}`).digest('hex');
        await sql`update audit_log set data = ${data}, hash = ${hash} where seq = 6`.execute(store.db);
        assert.deepEqual((await kinds()).kinds, ['7:broken-link']);
      });

      test('a deleted middle entry is a gap', async () => {
        await sql`delete from audit_log where seq = 5`.execute(store.db);
        const { v, kinds: k } = await kinds();
        assert.deepEqual(k, ['5:gap']);
        assert.equal(v.entries, 9);
      });

      test('two swapped entries are found at both places', async () => {
        const rows = await store.db.selectFrom('audit_log').selectAll().where('seq', 'in', [3, 6]).orderBy('seq').execute();
        const [a, b] = rows as [(typeof rows)[0], (typeof rows)[0]];
        const put = (seq: number, r: typeof a) =>
          sql`update audit_log set at = ${r.at}, actor = ${r.actor}, action = ${r.action}, subject = ${r.subject}, data = ${r.data}, prev_hash = ${r.prev_hash}, hash = ${r.hash} where seq = ${seq}`.execute(store.db);
        await put(3, b);
        await put(6, a);
        const { v, kinds: k } = await kinds();
        assert.equal(v.ok, false);
        for (const expected of ['3:hash-mismatch', '3:broken-link', '4:broken-link', '6:out-of-order', '7:broken-link']) assert.ok(k.includes(expected), `${expected} in ${k.join(', ')}`);
      });

      test('a deleted last entry is a head mismatch', async () => {
        await sql`delete from audit_log where seq = 10`.execute(store.db);
        assert.deepEqual((await kinds()).kinds, ['10:head-mismatch']);
      });

      test('an edited head is a head mismatch (hash, or seq either way)', async () => {
        await sql`update audit_head set hash = ${'f'.repeat(64)} where id = 1`.execute(store.db);
        assert.deepEqual((await kinds()).kinds, ['10:head-mismatch']);
        const last = (await audit.list({ after: 9 }))[0]!;
        await sql`update audit_head set seq = 9, hash = ${last.prevHash} where id = 1`.execute(store.db);
        assert.deepEqual((await kinds()).kinds, ['9:head-mismatch']);
        await sql`update audit_head set seq = 12, hash = ${last.hash} where id = 1`.execute(store.db);
        assert.deepEqual((await kinds()).kinds, ['12:head-mismatch']);
      });

      test('an edit that keeps the hash (null subject to empty text) is found', async () => {
        // The hash input joins fields with line breaks and writes a null subject as '', so this
        // edit leaves every hash valid; Sekisho never stores '' (nor a line break), so verify reports it.
        await audit.append([{ actor: 'test', action: 'no.subject' }]);
        await sql`update audit_log set subject = '' where seq = 11`.execute(store.db);
        assert.deepEqual((await kinds()).kinds, ['11:hash-mismatch']);
      });

      test('every problem is counted; the list is capped', async () => {
        await fresh(130);
        await sql`update audit_log set data = '{}'`.execute(store.db);
        const v = await audit.verify();
        assert.equal(v.problemCount, 130);
        assert.equal(v.problems.length, 100);
      });

      test('verify reads across page boundaries and sees appends made meanwhile', async () => {
        await fresh(0);
        await audit.transaction(async (_trx, add) => {
          for (let i = 0; i < 4500; i++) add({ actor: 'test', action: 'page', data: { i } });
        });
        const [v] = await Promise.all([audit.verify(), audit.append([{ actor: 'test', action: 'during' }])]);
        assert.equal(v.ok, true, JSON.stringify(v.problems));
        assert.ok(v.entries === 4500 || v.entries === 4501);
      });
    });

    describe('list activations', () => {
      test('a load and a switch back are audited in their transactions; an unchanged load is not', async () => {
        await reset();
        const temp = tempDir();
        try {
          const files = writeVariants(temp.dir);
          const lists = createListStore(store.db, store.sqlite);
          const loader = createListLoader({ store: lists, shrinkThreshold: 0.5, logger: silentLogger, audit });
          const first = await loader.load('ofac-advanced', [files.original], { actor: 'key:abc' });
          await loader.load('ofac-advanced', [files.original]);
          await loader.load('ofac-advanced', [files.update]);
          await loader.activate('ofac-advanced', 1, { actor: 'cli' });
          await assert.rejects(loader.load('ofac-advanced', [files.truncated]));
          const entries = await audit.list({ action: 'list.activated' });
          assert.deepEqual(
            entries.map((e) => [e.actor, e.subject, (e.data as { version: number }).version]),
            [['key:abc', 'ofac-advanced', 1], ['system', 'ofac-advanced', 2], ['cli', 'ofac-advanced', 1]],
          );
          assert.deepEqual(entries[0]!.data, { source: 'ofac-advanced', version: 1, entityCount: first.version.entityCount, fileHash: first.version.fileHash, forced: false });
          assert.equal((await audit.verify()).ok, true);
        } finally {
          temp.cleanup();
        }
      });
    });

    describe('API keys', () => {
      test('create gives a token once, stores only the hash of its secret, and audits without it', async () => {
        await reset();
        const keys = createKeyService({ store, audit, cacheMs: 0 });
        const { key, token } = await keys.create({ role: 'service', name: 'withdrawals', actor: 'cli' });
        assert.match(token, /^sek_[0-9a-f]{12}_[A-Za-z0-9_-]{43}$/);
        assert.equal(token.split('_')[1], key.id);
        assert.deepEqual({ name: key.name, role: key.role, createdBy: key.createdBy, revokedAt: key.revokedAt }, { name: 'withdrawals', role: 'service', createdBy: 'cli', revokedAt: null });
        const secret = token.slice(4 + 12 + 1);
        const row = await store.db.selectFrom('api_key').selectAll().where('id', '=', key.id).executeTakeFirstOrThrow();
        assert.equal(row.hash, createHash('sha256').update(secret).digest('hex'));
        assert.ok(!JSON.stringify(row).includes(secret));
        const logged = await audit.list({ action: 'key.created' });
        assert.deepEqual(logged.map((e) => [e.actor, e.subject, e.data]), [['cli', key.id, { id: key.id, name: 'withdrawals', role: 'service' }]]);
        const everything = JSON.stringify(await store.db.selectFrom('audit_log').selectAll().execute());
        assert.ok(!everything.includes(secret) && !everything.includes(row.hash), 'neither the secret nor its hash is audited');
        assert.deepEqual((await keys.list()).map((k) => k.id), [key.id]);
      });

      test('a bad role is refused and nothing is written', async () => {
        await reset();
        const keys = createKeyService({ store, audit, cacheMs: 0 });
        const before = (await keys.list()).length;
        await assert.rejects(keys.create({ role: 'root', actor: 'cli' }), (e) => isSekishoError(e, 'SEK_KEY_ROLE'));
        assert.equal((await keys.list()).length, before);
        assert.equal((await audit.head()).seq, 0);
      });

      test('authenticate accepts the token, refuses a wrong secret, a malformed or unknown token, and a revoked key at once', async () => {
        await reset();
        for (const cacheMs of [0, 60_000]) {
          const keys = createKeyService({ store, audit, cacheMs });
          const { key, token } = await keys.create({ role: 'analyst', actor: 'cli' });
          assert.equal((await keys.authenticate(token))?.id, key.id);
          assert.equal((await keys.authenticate(token))?.role, 'analyst', 'again (from the cache when there is one)');
          const wrong = token.slice(0, -1) + (token.endsWith('A') ? 'B' : 'A');
          assert.equal(await keys.authenticate(wrong), undefined);
          assert.equal(await keys.authenticate(`sek_ffffffffffff_${token.slice(-43)}`), undefined);
          for (const bad of ['', 'sek_', token.toUpperCase(), `${token}x`, token.slice(0, -1), `Bearer ${token}`]) assert.equal(await keys.authenticate(bad), undefined, bad);
          const revoked = await keys.revoke(key.id, 'cli');
          assert.ok(revoked.revokedAt);
          assert.equal(await keys.authenticate(token), undefined, `revoked key refused at once (cacheMs ${cacheMs})`);
          const again = await keys.revoke(key.id, 'cli');
          assert.equal(again.revokedAt, revoked.revokedAt, 'revoking twice returns the key unchanged');
          await assert.rejects(keys.revoke('000000000000', 'cli'), (e) => isSekishoError(e, 'SEK_KEY_NOT_FOUND'));
        }
        const logged = await audit.list({ action: 'key.revoked' });
        assert.equal(logged.length, 2, 'one entry per revocation, none for a repeat');
        assert.deepEqual(logged[0]!.data, { id: logged[0]!.subject });
        assert.equal((await audit.verify()).ok, true);
      });

      test('a revocation by another process is seen once the cache entry expires', async () => {
        let clock = Date.parse('2026-03-01T00:00:00Z');
        const now = () => new Date(clock);
        const server = createKeyService({ store, audit, cacheMs: 2000, now });
        const cli = createKeyService({ store, audit, cacheMs: 0, now });
        const { key, token } = await cli.create({ role: 'viewer', actor: 'cli' });
        assert.ok(await server.authenticate(token));
        await cli.revoke(key.id, 'cli');
        assert.ok(await server.authenticate(token), 'cached for cacheMs');
        clock += 2001;
        assert.equal(await server.authenticate(token), undefined);
      });
    });
  });
}
