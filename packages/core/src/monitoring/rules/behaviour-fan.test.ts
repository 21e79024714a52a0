import assert from 'node:assert/strict';
import { test } from 'node:test';
import { deposit, runRule, withdrawal } from '../test-support.ts';
import type { Activity } from '../types.ts';
import { fanIn, fanOut } from './behaviour-fan.ts';
import { DAYS, HOURS, cin, cout, ctxFor, daysAgo } from './behaviour-fixtures.ts';

/** `n` deposits from distinct senders, one every 12 hours before T0, `amount` each. */
const senders = (n: number, amount: number, prefix = 's', offsetDays = 0): Activity[] =>
  Array.from({ length: n }, (_, i) => cin(-(offsetDays * DAYS) - (i + 1) * 12 * HOURS, amount, `${prefix}${i}`));

const since = { customerSince: daysAgo(60) };

test('rule 26: twelve distinct senders within a week into an account that had none', () => {
  const ev = deposit({ amountJpy: 150_000 });
  const hit = runRule(fanIn, ev, ctxFor(ev, { counterparty: 'new-sender' }, senders(11, 150_000), since));
  assert.ok(hit);
  assert.equal(hit.no, 26);
  assert.equal(hit.rule, 'fan-in');
  assert.equal(hit.outcome, 'review');
  assert.equal(hit.evidence.distinct, 12);
  assert.equal(hit.evidence.window, '7d');
  assert.equal(hit.evidence.totalJpy, 1_800_000);
  assert.match(hit.reasons[0]!, /12 distinct senders within 7 days, JPY 1,800,000 in total \(rule: 10 or more and JPY 500,000 or more; none in the customer's earlier periods of 7 days\)/);
  assert.ok(hit.score > 0.5 && hit.score < 0.7, `score ${hit.score}`);
});

test('rule 26: nine distinct senders in a week are under the base', () => {
  const ev = deposit({ amountJpy: 150_000 });
  assert.equal(runRule(fanIn, ev, ctxFor(ev, { counterparty: 'new-sender' }, senders(8, 150_000), since)), undefined);
});

test('rule 26: a merchant that has always had this many senders is measured against its own past', () => {
  // 12 this week, and 10, 9 and 11 in each of the three weeks before: a steady business.
  const ev = deposit({ amountJpy: 150_000 });
  const history = [...senders(9, 150_000, 'w4-', 21), ...senders(11, 150_000, 'w3-', 14).slice(0, 10), ...senders(10, 150_000, 'w2-', 7).slice(0, 10), ...senders(11, 150_000)];
  history.sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
  const ctx = ctxFor(ev, { counterparty: 'new-sender' }, history, since);
  assert.equal(runRule(fanIn, ev, ctx), undefined);
  assert.match(runRule(fanIn, ev, ctx, { baselineFactor: 1 })!.reasons[0]!, /busiest earlier period of 7 days had 10; the rule asks for 1× that/);
});

test('rule 26: a monthly payroll is measured against last month\'s, 31 or 34 days back; the first run, or a run to new recipients, still hits', () => {
  const ev = withdrawal({ amountJpy: 300_000 });
  const company = { customerSince: daysAgo(400) };
  // Six staff paid within two hours today (the event is the sixth).
  const today = Array.from({ length: 5 }, (_, i) => cout(-(i + 1) * 20, 300_000, `staff${i}`));
  for (const back of [31, 34]) {
    const lastMonth = Array.from({ length: 6 }, (_, i) => cout(-back * DAYS - (i + 1) * 20, 300_000, `staff${i}`));
    assert.equal(runRule(fanOut, ev, ctxFor(ev, { counterparty: 'staff5' }, [...lastMonth, ...today], company)), undefined, `${back} days back`);
  }
  // Nothing last month: the first payroll the exchange sees is a fan-out to review.
  const first = runRule(fanOut, ev, ctxFor(ev, { counterparty: 'staff5' }, today, company));
  assert.equal(first?.evidence.window, '24h');
  assert.equal(first?.evidence.baseline, 0);
  // Last month two were paid, today six: three times the past, still a fan-out.
  const small = Array.from({ length: 2 }, (_, i) => cout(-31 * DAYS - (i + 1) * 20, 300_000, `staff${i}`));
  assert.equal(runRule(fanOut, ev, ctxFor(ev, { counterparty: 'staff5' }, [...small, ...today], company))?.evidence.baseline, 2);
});

test('rule 26: dust from many wallets is no fan-in', () => {
  const ev = deposit({ amountJpy: 300 });
  assert.equal(runRule(fanIn, ev, ctxFor(ev, { counterparty: 'dust' }, senders(20, 300), since)), undefined);
});

test('rule 26: fan-out to six recipients within a day', () => {
  const ev = withdrawal({ amountJpy: 200_000 });
  const history = Array.from({ length: 5 }, (_, i) => cout(-(i + 1) * 3 * HOURS, 200_000, `r${i}`));
  const hit = runRule(fanOut, ev, ctxFor(ev, { counterparty: 'r-last' }, history, since));
  assert.equal(hit?.rule, 'fan-out');
  assert.equal(hit?.evidence.window, '24h');
  assert.equal(hit?.evidence.distinct, 6);
  // Repeated withdrawals to the same few recipients are not a fan-out.
  const same = Array.from({ length: 5 }, (_, i) => cout(-(i + 1) * 3 * HOURS, 200_000, `r${i % 2}`));
  assert.equal(runRule(fanOut, ev, ctxFor(ev, { counterparty: 'r0' }, same, since)), undefined);
  // A deposit never triggers the fan-out rule.
  const dep = deposit({ amountJpy: 200_000 });
  assert.equal(runRule(fanOut, dep, ctxFor(dep, { counterparty: 'x' }, history, since)), undefined);
});
