import assert from 'node:assert/strict';
import { test } from 'node:test';
import { T0, legalCustomer, personCustomer, runRule, withdrawal } from '../test-support.ts';
import type { Activity } from '../types.ts';
import { meanRetentionMs, relayAccount } from './behaviour-relay.ts';
import { HOURS, cin, cout, ctxFor } from './behaviour-fixtures.ts';

/**
 * Flows of a busy account: a deposit every `hourStep` hours from one of `senders` senders (every
 * 7 hours: 7 and 24 have no common factor, so they fall on every hour of the day), each forwarded
 * `holdHours` later at 98 % to one of 12 recipients, going back `days` days. The event is one
 * more forward at T0.
 */
function flowsOf(opts: { holdHours: number; senders?: number; amount?: number; hourStep?: number; days?: number }): { history: Activity[]; last: { amountJpy: number; counterparty: string } } {
  const { holdHours, senders = 12, amount = 300_000, hourStep = 7, days = 10 } = opts;
  const history: Activity[] = [];
  for (let k = 0; k * hourStep < days * 24; k++) {
    const inAt = -30 - k * hourStep * HOURS;
    history.push(cin(inAt, amount, `sender-${k % senders}`));
    const outAt = inAt + holdHours * HOURS;
    if (outAt < 0) history.push(cout(outAt, amount * 0.98, `recipient-${k % 12}`));
  }
  history.sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
  return { history, last: { amountJpy: amount * 0.98, counterparty: 'recipient-0' } };
}

test('rule 32: a company relaying many small third-party deposits to many recipients within hours, round the clock', () => {
  const { history, last } = flowsOf({ holdHours: 1 });
  const ev = withdrawal({ amountJpy: last.amountJpy });
  const hit = runRule(relayAccount, ev, ctxFor(ev, { counterparty: last.counterparty }, history, { customer: legalCustomer() }));
  assert.ok(hit);
  assert.equal(hit.no, 32);
  assert.equal(hit.outcome, 'review');
  assert.equal(hit.evidence.distinctIn, 12);
  assert.equal(hit.evidence.distinctOut, 12);
  assert.equal(hit.evidence.activeHours, 24);
  // Forwarded after 1 hour, but the 2 % kept builds a balance that FIFO pays out first: about 4 h.
  assert.ok(Number(hit.evidence.retentionHours) < 6, `retention ${hit.evidence.retentionHours}`);
  assert.equal(hit.evidence.legal, true);
  assert.ok(hit.score >= 0.75, `score ${hit.score}`);
  assert.match(hit.reasons[0]!, /24 incoming transfers from 12 distinct senders .*\(turnover 1\.02.* held [\d.]+ h on average, transfers in 24 distinct hours/);
  assert.match(hit.reasons[1]!, /KYC of its underlying clients/);
});

test('rule 32: the same pattern on a natural person scores lower than on a company', () => {
  const { history, last } = flowsOf({ holdHours: 1 });
  const ev = withdrawal({ amountJpy: last.amountJpy });
  const company = runRule(relayAccount, ev, ctxFor(ev, { counterparty: last.counterparty }, history, { customer: legalCustomer() }))!;
  const person = runRule(relayAccount, ev, ctxFor(ev, { counterparty: last.counterparty }, history, { customer: personCustomer() }))!;
  assert.ok(person && person.score < company.score);
});

test('rule 32: a market maker with many counterparties that holds funds for days is no relay', () => {
  const { history, last } = flowsOf({ holdHours: 60 });
  const ev = withdrawal({ amountJpy: last.amountJpy });
  const ctx = ctxFor(ev, { counterparty: last.counterparty }, history, { customer: legalCustomer() });
  assert.equal(runRule(relayAccount, ev, ctx), undefined);
  // Retention is what tells it apart: every other condition holds.
  const end = Date.parse(T0);
  assert.ok(meanRetentionMs([...history, ctx.activity!], end, end - 7 * 86_400_000) > 24 * 3_600_000);
  assert.ok(runRule(relayAccount, ev, ctx, { maxRetentionHours: 24 * 7 }));
});

test('rule 32: nine senders, office hours only, or large transfers are not the relay pattern', () => {
  const nine = flowsOf({ holdHours: 1, senders: 9 });
  const ev = withdrawal({ amountJpy: nine.last.amountJpy });
  assert.equal(runRule(relayAccount, ev, ctxFor(ev, { counterparty: nine.last.counterparty }, nine.history, { customer: legalCustomer() })), undefined);
  // Every 8 hours: three hours of the day only (a batch job, or a business's office hours).
  const office = flowsOf({ holdHours: 1, hourStep: 8 });
  assert.equal(runRule(relayAccount, ev, ctxFor(ev, { counterparty: office.last.counterparty }, office.history, { customer: legalCustomer() })), undefined);
  assert.ok(runRule(relayAccount, ev, ctxFor(ev, { counterparty: office.last.counterparty }, office.history, { customer: legalCustomer() }), { minActiveHours: 3 }));
  const large = flowsOf({ holdHours: 1, amount: 5_000_000 });
  const big = withdrawal({ amountJpy: large.last.amountJpy });
  assert.equal(runRule(relayAccount, big, ctxFor(big, { counterparty: large.last.counterparty }, large.history, { customer: legalCustomer() })), undefined);
});

test('rule 32: retention is first in, first out, and what is still held counts until now', () => {
  const end = Date.parse(T0);
  const flows = [cin(-10 * HOURS, 100, 'a'), cout(-8 * HOURS, 50, 'x'), cout(-6 * HOURS, 50, 'y'), cin(-4 * HOURS, 100, 'b')];
  // 50 held 2 h, 50 held 4 h, 100 still held 4 h: (100 + 200 + 400) / 200 = 3.5 h.
  assert.equal(meanRetentionMs(flows, end) / 3_600_000, 3.5);
});
