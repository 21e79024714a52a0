import assert from 'node:assert/strict';
import { test } from 'node:test';
import { deposit, runRule, withdrawal } from '../test-support.ts';
import { passThrough } from './behaviour-passthrough.ts';
import { HOURS, cin, cout, ctxFor, fin, trade } from './behaviour-fixtures.ts';

const toForeignVasp = { counterparty: 'bc1q-foreign', counterpartyKind: 'vasp' as const, counterpartyCountry: 'AE' };

test('rule 25: yen in, one buy, and nearly all of it out to a foreign exchange ten hours later', () => {
  const ev = withdrawal({ amountJpy: 2_950_000, beneficiaryVasp: { name: 'Gulf Exchange FZE', country: 'AE' } });
  const hit = runRule(passThrough, ev, ctxFor(ev, toForeignVasp, [fin(-10 * HOURS, 3_000_000), trade(-9 * HOURS, 3_000_000)]));
  assert.ok(hit);
  assert.equal(hit.no, 25);
  assert.equal(hit.outcome, 'review');
  assert.equal(hit.evidence.inJpy, 3_000_000);
  assert.equal(hit.evidence.share, 0.98);
  assert.equal(hit.evidence.foreignVasp, true);
  assert.equal(hit.evidence.fiatIn, true);
  assert.ok(hit.score >= 0.9, `score ${hit.score}`);
  assert.match(hit.reasons[0]!, /JPY 3,000,000 came in .* JPY 2,950,000 \(98% of it; rule: 80% or more\) .* 10 h after .* aggravating: fiat came in, out to a VASP in AE/);
});

test('rule 25: crypto in and out to a domestic wallet passes too, with a lower score than the aggravated route', () => {
  const ev = withdrawal({ amountJpy: 1_000_000 });
  const plain = runRule(passThrough, ev, ctxFor(ev, { counterparty: 'addr-2', counterpartyKind: 'customer' }, [cin(-30 * HOURS, 1_000_000, 'addr-1')]));
  assert.ok(plain);
  assert.ok(plain.score < 0.7, `score ${plain.score}`);
  const aggravated = runRule(passThrough, ev, ctxFor(ev, toForeignVasp, [fin(-30 * HOURS, 1_000_000)]));
  assert.ok(aggravated && aggravated.score > plain.score);
});

test('rule 25: 78 % out is under the 80 % share', () => {
  const ev = withdrawal({ amountJpy: 2_340_000 });
  assert.equal(runRule(passThrough, ev, ctxFor(ev, toForeignVasp, [fin(-10 * HOURS, 3_000_000), trade(-9 * HOURS, 3_000_000)])), undefined);
  // ... unless an earlier outflow in the window brings it over.
  assert.ok(runRule(passThrough, ev, ctxFor(ev, toForeignVasp, [fin(-10 * HOURS, 3_000_000), trade(-9 * HOURS, 3_000_000), cout(-2 * HOURS, 200_000, 'w-other')])));
});

test('rule 25: a trader who deposits and trades before withdrawing is no pass-through', () => {
  const ev = withdrawal({ amountJpy: 1_900_000 });
  const history = [fin(-40 * HOURS, 2_000_000), trade(-39 * HOURS, 2_000_000), trade(-30 * HOURS, 2_100_000), trade(-20 * HOURS, 1_900_000), trade(-10 * HOURS, 2_050_000), trade(-5 * HOURS, 2_000_000)];
  assert.equal(runRule(passThrough, ev, ctxFor(ev, toForeignVasp, history)), undefined);
});

test('rule 25: money sent back to where it came from, funds older than 48 h, and small amounts are not flagged', () => {
  const back = withdrawal({ amountJpy: 1_000_000 });
  assert.equal(runRule(passThrough, back, ctxFor(back, { counterparty: 'addr-1' }, [cin(-3 * HOURS, 1_000_000, 'addr-1')])), undefined);
  const old = withdrawal({ amountJpy: 1_000_000 });
  assert.equal(runRule(passThrough, old, ctxFor(old, toForeignVasp, [fin(-49 * HOURS, 1_000_000)])), undefined);
  const small = withdrawal({ amountJpy: 400_000 });
  assert.equal(runRule(passThrough, small, ctxFor(small, toForeignVasp, [fin(-3 * HOURS, 400_000)])), undefined);
  assert.ok(runRule(passThrough, small, ctxFor(small, toForeignVasp, [fin(-3 * HOURS, 400_000)]), { minAmountJpy: 100_000 }));
});

test('rule 25: a deposit is never the trigger', () => {
  const ev = deposit({ amountJpy: 1_000_000 });
  assert.equal(runRule(passThrough, ev, ctxFor(ev, { counterparty: 'x' }, [fin(-3 * HOURS, 1_000_000), cout(-1 * HOURS, 1_000_000, 'y')])), undefined);
});
