/**
 * The per-key token bucket, on a clock the test moves: a key may burst, then gets `rate`
 * requests a second; a refused request says how long to wait (the Retry-After header, RFC 9110
 * §10.2.3, whole seconds) and costs nothing; keys do not share buckets; rate 0 turns it off.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isSekishoError } from '@sekisho/core/errors';
import { createRateLimiter } from './rate-limit.ts';

function clock() {
  let t = 0;
  return { now: () => t, advance: (ms: number) => void (t += ms) };
}

/** Takes a token and returns the Retry-After seconds if refused, undefined if admitted. */
function attempt(limiter: ReturnType<typeof createRateLimiter>, key: string): number | undefined {
  try {
    limiter.take(key);
    return undefined;
  } catch (error) {
    assert.ok(isSekishoError(error), 'a refusal is a SekishoError');
    assert.equal(error.code, 'SEK_RATE_LIMITED');
    assert.equal(error.status, 429);
    const seconds = error.details.retryAfterSeconds;
    assert.equal(typeof seconds, 'number');
    return seconds as number;
  }
}

test('a key may burst up to `burst` requests at once, and the next is refused', () => {
  const c = clock();
  const limiter = createRateLimiter({ rate: 2, burst: 3, now: c.now });
  for (let i = 0; i < 3; i++) assert.equal(attempt(limiter, 'k1'), undefined, `request ${i + 1}`);
  assert.equal(attempt(limiter, 'k1'), 1);
});

test('tokens come back at `rate` a second, never above the burst', () => {
  const c = clock();
  const limiter = createRateLimiter({ rate: 2, burst: 3, now: c.now });
  for (let i = 0; i < 3; i++) limiter.take('k1');
  c.advance(499);
  assert.notEqual(attempt(limiter, 'k1'), undefined, 'not yet a whole token');
  c.advance(1);
  assert.equal(attempt(limiter, 'k1'), undefined, 'one token after half a second at 2/s');
  assert.notEqual(attempt(limiter, 'k1'), undefined);
  // A long pause refills to the burst and no further.
  c.advance(60_000);
  for (let i = 0; i < 3; i++) assert.equal(attempt(limiter, 'k1'), undefined, `request ${i + 1} after the pause`);
  assert.notEqual(attempt(limiter, 'k1'), undefined);
});

test('a refused request costs no token: a client that keeps retrying gets through once the wait is over', () => {
  const c = clock();
  const limiter = createRateLimiter({ rate: 1, burst: 1, now: c.now });
  limiter.take('k1');
  for (let i = 0; i < 20; i++) {
    c.advance(40);
    assert.notEqual(attempt(limiter, 'k1'), undefined);
  }
  c.advance(300);
  assert.equal(attempt(limiter, 'k1'), undefined);
});

test('Retry-After is the whole seconds until the next token, at least 1', () => {
  const c = clock();
  const slow = createRateLimiter({ rate: 0.25, burst: 1, now: c.now });
  slow.take('k1');
  assert.equal(attempt(slow, 'k1'), 4, 'an empty bucket at 0.25/s waits 4 s');
  c.advance(2000);
  assert.equal(attempt(slow, 'k1'), 2, 'half refilled: 2 s to go');
  c.advance(1500);
  assert.equal(attempt(slow, 'k1'), 1, '0.5 s to go rounds up to 1');
  const fast = createRateLimiter({ rate: 100, burst: 1, now: c.now });
  fast.take('k1');
  assert.equal(attempt(fast, 'k1'), 1, '10 ms to go is still 1 s, the header’s unit');
});

test('every key has its own bucket', () => {
  const c = clock();
  const limiter = createRateLimiter({ rate: 1, burst: 2, now: c.now });
  limiter.take('k1');
  limiter.take('k1');
  assert.notEqual(attempt(limiter, 'k1'), undefined);
  assert.equal(attempt(limiter, 'k2'), undefined, 'another key is not limited by the first');
  assert.equal(attempt(limiter, 'k2'), undefined);
  assert.notEqual(attempt(limiter, 'k2'), undefined);
});

test('rate 0 turns the limit off', () => {
  const c = clock();
  const limiter = createRateLimiter({ rate: 0, burst: 1, now: c.now });
  for (let i = 0; i < 10_000; i++) limiter.take('k1');
});
