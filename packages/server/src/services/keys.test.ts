import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { openStore, type Store } from '../storage/db.ts';
import { sqliteDatabase, type TestDatabase } from '../../test/helpers.ts';
import { createAuditLog } from './audit.ts';
import { createKeyService, isRole, ROLES, tokenKeyId } from './keys.ts';

describe('API keys (the store-independent parts; the suite in test/service-store-suite.ts covers both stores)', () => {
  let database: TestDatabase;
  let store: Store;
  before(async () => {
    database = sqliteDatabase();
    store = await openStore(database.url);
  });
  after(() => database.cleanup());

  test('roles', () => {
    assert.deepEqual([...ROLES], ['viewer', 'analyst', 'supervisor', 'admin', 'service']);
    assert.ok(isRole('admin') && !isRole('Admin') && !isRole('root'));
  });

  test('tokens are random; the key id is readable from a well-formed token only', async () => {
    const keys = createKeyService({ store, audit: createAuditLog({ store }), cacheMs: 0 });
    const a = await keys.create({ role: 'viewer', actor: 'test' });
    const b = await keys.create({ role: 'viewer', actor: 'test' });
    assert.notEqual(a.key.id, b.key.id);
    assert.notEqual(a.token.slice(-43), b.token.slice(-43));
    assert.equal(tokenKeyId(a.token), a.key.id);
    assert.equal(tokenKeyId('sek_xyz_abc'), undefined);
  });

  test('a cached key answers without the database; a malformed token never reaches it', async () => {
    const cached = createKeyService({ store, audit: createAuditLog({ store }), cacheMs: 60_000 });
    const uncached = createKeyService({ store, audit: createAuditLog({ store }), cacheMs: 0 });
    const { key, token } = await cached.create({ role: 'service', actor: 'test' });
    assert.equal((await cached.authenticate(token))?.id, key.id);
    assert.equal((await uncached.authenticate(token))?.id, key.id);
    await store.close(); // from here every database read would throw
    assert.equal((await cached.authenticate(token))?.id, key.id);
    assert.equal(await cached.authenticate(token.replace(/.$/, (c) => (c === 'A' ? 'B' : 'A'))), undefined, 'a wrong secret is refused from the cache too');
    for (const bad of ['', 'sek_', 'Bearer x', `${token}=`, token.replace('sek_', 'SEK_')]) assert.equal(await uncached.authenticate(bad), undefined);
    await assert.rejects(uncached.authenticate(token), 'an uncached check does read the store');
  });
});
