/**
 * `sekisho audit …` and `sekisho keys …` end to end on a SQLite file, through the CLI as main
 * wires it (test/helpers.ts cli()).
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import { createApp, type App } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import { openStore } from '../src/storage/db.ts';
import { cli, silentLogger, sqliteDatabase, type TestDatabase } from './helpers.ts';


describe('sekisho keys and sekisho audit', () => {
  let database: TestDatabase;
  before(() => {
    database = sqliteDatabase();
  });
  after(() => database.cleanup());

  test('keys create prints the token once, with a warning; list and revoke', async () => {
    const human = await cli(database.url, 'keys', 'create', '--role', 'admin', '--name', 'ops');
    assert.equal(human.status, 0, human.stderr);
    assert.match(human.stdout, /token: sek_[0-9a-f]{12}_[A-Za-z0-9_-]{43}\n/);
    assert.match(human.stdout, /will not be shown again/);

    const created = await cli(database.url, 'keys', 'create', '--role', 'service', '--json');
    assert.equal(created.status, 0, created.stderr);
    const { key, token } = created.json();
    assert.equal(key.role, 'service');
    assert.equal(key.createdBy, 'cli');
    assert.ok(token.startsWith(`sek_${key.id}_`));

    const listed = await cli(database.url, 'keys', 'list', '--json');
    assert.deepEqual(listed.json().map((k: { role: string }) => k.role).sort(), ['admin', 'service']);
    assert.ok(!listed.stdout.includes(token.slice(-43)), 'the list never shows a secret');
    const table = await cli(database.url, 'keys', 'list');
    assert.match(table.stdout, new RegExp(`${key.id}\\s+service\\s+active`));

    const revoked = await cli(database.url, 'keys', 'revoke', key.id, '--json');
    assert.equal(revoked.status, 0, revoked.stderr);
    assert.ok(revoked.json().revokedAt);
    assert.match((await cli(database.url, 'keys', 'list')).stdout, new RegExp(`${key.id}\\s+service\\s+revoked`));
  });

  test('bad input: an unknown role or key is a Sekisho error (exit 1), a missing --role a usage error (exit 2)', async () => {
    const role = await cli(database.url, 'keys', 'create', '--role', 'root', '--json');
    assert.equal(role.status, 1);
    assert.equal(role.json().error.code, 'SEK_KEY_ROLE');
    const unknown = await cli(database.url, 'keys', 'revoke', '000000000000');
    assert.equal(unknown.status, 1);
    assert.match(unknown.stderr, /SEK_KEY_NOT_FOUND/);
    assert.equal((await cli(database.url, 'keys', 'create')).status, 2);
    assert.equal((await cli(database.url, 'audit', 'list', '--limit', '0')).status, 2);
  });

  test('audit list shows the key changes in order, filtered', async () => {
    const all = await cli(database.url, 'audit', 'list', '--json');
    assert.equal(all.status, 0, all.stderr);
    assert.deepEqual(all.json().map((e: { action: string }) => e.action), ['key.created', 'key.created', 'key.revoked']);
    const filtered = await cli(database.url, 'audit', 'list', '--action', 'key.created', '--after', '1', '--json');
    assert.deepEqual(filtered.json().map((e: { seq: number }) => e.seq), [2]);
    assert.match((await cli(database.url, 'audit', 'list', '--limit', '1')).stdout, /^1 {2}\S+ {2}cli {2}key\.created/);
  });

  test('audit verify exits 0 on an intact log and prints the head to anchor', async () => {
    const ok = await cli(database.url, 'audit', 'verify', '--json');
    assert.equal(ok.status, 0, ok.stderr);
    const v = ok.json();
    assert.equal(v.ok, true);
    assert.equal(v.entries, 3);
    assert.equal(v.head.seq, 3);
    assert.match(v.head.hash, /^[0-9a-f]{64}$/);
    assert.match((await cli(database.url, 'audit', 'verify')).stdout, /audit log intact: 3 entries\nhead: entry 3, hash [0-9a-f]{64}/);
  });

  test('audit verify finds an edited row: exit 1, SEK_AUDIT_BROKEN, the problem named', async () => {
    const store = await openStore(database.url);
    await sql`update audit_log set data = '{"id":"forged"}' where seq = 2`.execute(store.db);
    await store.close();
    const broken = await cli(database.url, 'audit', 'verify', '--json');
    assert.equal(broken.status, 1);
    assert.match(broken.stderr, /SEK_AUDIT_BROKEN/);
    const v = broken.json(); // one JSON document: the report
    assert.equal(v.ok, false);
    assert.deepEqual(v.problems.map((p: { seq: number; kind: string }) => [p.seq, p.kind]), [[2, 'hash-mismatch']]);
    const human = await cli(database.url, 'audit', 'verify');
    assert.equal(human.status, 1);
    assert.match(human.stdout, /AUDIT LOG BROKEN: 1 problem\(s\) in 3 entries/);
    assert.match(human.stdout, /entry 2 {2}hash-mismatch/);
  });
});
