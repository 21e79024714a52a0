import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Random } from './random.ts';

test('the same key gives the same sequence; another key another one', () => {
  const a = new Random('42');
  const b = new Random('42');
  const c = new Random('43');
  const xs = Array.from({ length: 100 }, () => a.uint32());
  assert.deepEqual(Array.from({ length: 100 }, () => b.uint32()), xs);
  assert.notDeepEqual(Array.from({ length: 100 }, () => c.uint32()), xs);
});

test('a fork depends on the parent key and the label, not on how much the parent has drawn', () => {
  const a = new Random('7');
  const before = a.fork('customer/3').uint32();
  for (let i = 0; i < 1000; i++) a.next();
  assert.equal(a.fork('customer/3').uint32(), before);
  assert.notEqual(a.fork('customer/4').uint32(), before);
});

test('draws stay in their ranges and have the moments they should', () => {
  const r = new Random('moments');
  const n = 50_000;
  let sum = 0;
  let sumSq = 0;
  let ints = 0;
  for (let i = 0; i < n; i++) {
    const u = r.next();
    assert.ok(u >= 0 && u < 1);
    const k = r.int(3, 6);
    assert.ok(k >= 3 && k <= 6 && Number.isInteger(k));
    ints += k;
    const z = r.normal();
    sum += z;
    sumSq += z * z;
  }
  assert.ok(Math.abs(sum / n) < 0.02, `normal mean ${sum / n}`);
  assert.ok(Math.abs(sumSq / n - 1) < 0.03, `normal variance ${sumSq / n}`);
  assert.ok(Math.abs(ints / n - 4.5) < 0.03, `int(3, 6) mean ${ints / n}`);
  const medians = Array.from({ length: 20_001 }, () => r.logNormal(100_000, 1)).sort((a, b) => a - b);
  assert.ok(Math.abs(medians[10_000]! / 100_000 - 1) < 0.05, `log-normal median ${medians[10_000]}`);
  const poisson = Array.from({ length: 20_000 }, () => r.poisson(2.5));
  assert.ok(Math.abs(poisson.reduce((s, x) => s + x, 0) / poisson.length - 2.5) < 0.05);
});

test('weighted picks follow their weights; shuffle keeps the elements', () => {
  const r = new Random('weights');
  const counts = { a: 0, b: 0, c: 0 };
  for (let i = 0; i < 30_000; i++) counts[r.weighted([['a', 1], ['b', 2], ['c', 7]] as const)]++;
  assert.ok(Math.abs(counts.c / 30_000 - 0.7) < 0.015, JSON.stringify(counts));
  assert.ok(Math.abs(counts.a / 30_000 - 0.1) < 0.01, JSON.stringify(counts));
  const xs = Array.from({ length: 50 }, (_, i) => i);
  const s = r.shuffle(xs);
  assert.notDeepEqual(s, xs);
  assert.deepEqual([...s].sort((a, b) => a - b), xs);
});
