/**
 * The API on SQLite: the end-to-end suite (api-suite.ts), plus what does not depend on the
 * store: readiness without lists, the body limit and the per-key rate limit.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { apiSuite, startHarness } from './api-suite.ts';
import { sqliteDatabase } from './helpers.ts';

apiSuite('SQLite', async () => sqliteDatabase());

test('without lists the service is alive but not ready, and refuses to decide events', async () => {
  const db = sqliteDatabase();
  const h = await startHarness(db, { lists: false });
  try {
    assert.equal((await h.call('GET', '/healthz', { token: null })).status, 200);
    const ready = await h.call('GET', '/readyz', { token: null });
    assert.equal(ready.status, 503);
    assert.equal(ready.body.error.code, 'SEK_NOT_READY');
    const r = await h.call('POST', '/v1/events', { body: { id: 'e1', type: 'login', customerId: 'c1', data: { ip: '192.0.2.1' } } });
    assert.equal(r.status, 503);
    assert.equal(r.body.error.code, 'SEK_NOT_READY');
  } finally {
    await h.close();
    await db.cleanup();
  }
});

test('an oversized body is refused with 413 and a per-key rate limit answers 429 with Retry-After', async () => {
  const db = sqliteDatabase();
  const h = await startHarness(db, { bodyLimit: 4096, rate: 1, burst: 3 });
  try {
    const big = await h.call('POST', '/v1/events', { body: { id: 'big', type: 'login', customerId: 'c1', data: { ip: '192.0.2.1', userAgent: 'x'.repeat(8000) } } });
    assert.equal(big.status, 413);
    assert.equal(big.body.error.code, 'SEK_REQUEST_TOO_LARGE');
    const statuses: number[] = [];
    let retryAfter: string | null = null;
    for (let i = 0; i < 5; i++) {
      const r = await h.call('GET', '/v1/lists', { token: h.tokens.viewer });
      statuses.push(r.status);
      if (r.status === 429) {
        retryAfter = r.headers.get('retry-after');
        assert.equal(r.body.error.code, 'SEK_RATE_LIMITED');
      }
    }
    assert.deepEqual(statuses.slice(0, 3), [200, 200, 200]);
    assert.ok(statuses.includes(429));
    assert.ok(Number(retryAfter) >= 1);
    // Another key has its own bucket.
    assert.equal((await h.call('GET', '/v1/lists', { token: h.tokens.admin })).status, 200);
  } finally {
    await h.close();
    await db.cleanup();
  }
});
