import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { test } from 'node:test';
import { entryHash, GENESIS_HASH } from './audit.ts';
import { serviceStoreSuite } from '../../test/service-store-suite.ts';
import { sqliteDatabase } from '../../test/helpers.ts';

test('entryHash is SHA-256 over the fields joined by line breaks, a null subject as empty text', () => {
  const at = '2026-03-01T00:00:00.000Z';
  assert.equal(entryHash(GENESIS_HASH, 1, at, 'cli', 'key.created', null, '{"id":"a"}'), createHash('sha256').update(`${GENESIS_HASH}\n1\n${at}\ncli\nkey.created\n\n{"id":"a"}`).digest('hex'));
  assert.notEqual(entryHash(GENESIS_HASH, 1, at, 'cli', 'key.created', 'x', '{}'), entryHash(GENESIS_HASH, 2, at, 'cli', 'key.created', 'x', '{}'));
});

serviceStoreSuite('SQLite', async () => sqliteDatabase());
