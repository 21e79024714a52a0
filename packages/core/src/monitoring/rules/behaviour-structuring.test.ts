import assert from 'node:assert/strict';
import { test } from 'node:test';
import { at, event, fiat, runRule, withdrawal } from '../test-support.ts';
import { structuring } from './behaviour-structuring.ts';
import { DAYS, HOURS, cout, ctxFor, fin, trade } from './behaviour-fixtures.ts';

const deposit = (amountJpy: number) => fiat({ direction: 'in', amountJpy });

test('rule 24: three deposits within a day, each just under the JPY 2M verification line, together over it', () => {
  const ev = deposit(1_980_000);
  const hit = runRule(structuring, ev, ctxFor(ev, { counterparty: 'bank:own' }, [fin(-5 * HOURS, 1_950_000), fin(-2 * HOURS, 1_990_000)]));
  assert.ok(hit);
  assert.equal(hit.no, 24);
  assert.equal(hit.outcome, 'review');
  assert.match(String(hit.evidence.threshold), /JPY 2 million/);
  assert.equal(hit.evidence.count, 3);
  assert.equal(hit.evidence.sumJpy, 5_920_000);
  assert.equal(hit.evidence.window, '24h');
  assert.match(hit.reasons[0]!, /3 incoming transfers within 24 hours.*JPY 1,700,000 to JPY 2,000,000.*together JPY 5,920,000/);
  assert.ok(hit.score >= 0.7 && hit.score <= 1, `score ${hit.score}`);
});

test('rule 24: two in the band, or a third below the band, is not structuring', () => {
  const two = deposit(1_980_000);
  assert.equal(runRule(structuring, two, ctxFor(two, {}, [fin(-2 * HOURS, 1_990_000)])), undefined);
  const below = deposit(1_690_000);
  assert.equal(runRule(structuring, below, ctxFor(below, {}, [fin(-5 * HOURS, 1_950_000), fin(-2 * HOURS, 1_990_000)])), undefined);
  // The cluster is judged on the transfer that belongs to it: an unrelated transfer later that day does not re-alert.
  const unrelated = deposit(500_000);
  assert.equal(runRule(structuring, unrelated, ctxFor(unrelated, {}, [fin(-6 * HOURS, 1_950_000), fin(-5 * HOURS, 1_960_000), fin(-2 * HOURS, 1_990_000)])), undefined);
});

test('rule 24: the law says "exceeding", so exactly the threshold is still under it; FATF says "1,000 or more", so exactly USD 1,000 is not', () => {
  const exact = deposit(2_000_000);
  assert.ok(runRule(structuring, exact, ctxFor(exact, {}, [fin(-5 * HOURS, 2_000_000), fin(-2 * HOURS, 2_000_000)])));
  const fatf = withdrawal({ amountJpy: 150_000 });
  assert.equal(runRule(structuring, fatf, ctxFor(fatf, { counterparty: 'w1' }, [cout(-5 * HOURS, 150_000, 'w2'), cout(-2 * HOURS, 150_000, 'w3')])), undefined);
  const under = withdrawal({ amountJpy: 149_000 });
  assert.match(String(runRule(structuring, under, ctxFor(under, { counterparty: 'w1' }, [cout(-5 * HOURS, 140_000, 'w2'), cout(-2 * HOURS, 145_000, 'w3')]))?.evidence.threshold), /FATF travel-rule/);
});

test('rule 24: withdrawals split under the FEFTA Art. 55 JPY 30M line', () => {
  const ev = withdrawal({ amountJpy: 29_900_000 }, { occurredAt: at(0) });
  const hit = runRule(structuring, ev, ctxFor(ev, { counterparty: 'w3' }, [cout(-20 * HOURS, 29_500_000, 'w1'), cout(-9 * HOURS, 28_000_000, 'w2')]));
  assert.match(String(hit?.evidence.threshold), /Art\. 55/);
  assert.equal(hit?.evidence.direction, 'out');
});

test('rule 24: the slower variant, four under JPY 100,000 within a week; three in a week are not enough', () => {
  const ev = withdrawal({ amountJpy: 99_000 });
  const history = [cout(-5 * DAYS, 95_000, 'a'), cout(-3 * DAYS, 98_000, 'b'), cout(-1 * DAYS - 1, 96_000, 'c')];
  assert.equal(runRule(structuring, ev, ctxFor(ev, { counterparty: 'd' }, history))?.evidence.window, '7d');
  assert.equal(runRule(structuring, ev, ctxFor(ev, { counterparty: 'd' }, history.slice(1))), undefined);
});

test('rule 24: a salary-like regular deposit of the same size just under the line is no structuring', () => {
  // Weekly JPY 1,950,000 for a month: never more than one in any 24 h or 7 d window.
  const ev = deposit(1_950_000);
  const history = [fin(-28 * DAYS, 1_950_000), fin(-21 * DAYS, 1_950_000), fin(-14 * DAYS, 1_950_000), fin(-7 * DAYS, 1_950_000)];
  assert.equal(runRule(structuring, ev, ctxFor(ev, {}, history)), undefined);
});

test('rule 24: deposits and withdrawals are not mixed into one cluster', () => {
  const ev = deposit(1_980_000);
  assert.equal(runRule(structuring, ev, ctxFor(ev, {}, [cout(-5 * HOURS, 1_950_000, 'w1'), cout(-2 * HOURS, 1_990_000, 'w2')])), undefined);
});

test('rule 24: parameters: band, count, and trades only when asked', () => {
  const ev = deposit(1_600_000);
  const ctx = ctxFor(ev, {}, [fin(-5 * HOURS, 1_650_000), fin(-2 * HOURS, 1_620_000)]);
  assert.equal(runRule(structuring, ev, ctx), undefined);
  assert.ok(runRule(structuring, ev, ctx, { band: 0.2 }));
  const two = deposit(1_980_000);
  assert.ok(runRule(structuring, two, ctxFor(two, {}, [fin(-2 * HOURS, 1_990_000)]), { windows: [{ window: '24h', count: 2 }] }));
  const t = event('trade', { market: 'BTC/JPY', side: 'buy', amount: '0.13', price: '15000000', amountJpy: 1_950_000 });
  const trades = ctxFor(t, {}, [trade(-3 * HOURS, 1_990_000), trade(-1 * HOURS, 1_960_000)]);
  assert.equal(runRule(structuring, t, trades), undefined);
  assert.equal(runRule(structuring, t, trades, { includeTrades: true })?.evidence.direction, 'trade');
});
