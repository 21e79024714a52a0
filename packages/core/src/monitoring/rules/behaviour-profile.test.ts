import assert from 'node:assert/strict';
import { test } from 'node:test';
import { at, context, deposit, fiat, legalCustomer, personCustomer, runRule, withdrawal } from '../test-support.ts';
import type { MonitoringContext } from '../types.ts';
import { type DormancyContext, dormantReactivation, newAccountLargeDeposit, profileVolume } from './behaviour-profile.ts';
import { DAYS, HOURS, ctxFor, daysAgo, fin, loginAt, trade } from './behaviour-fixtures.ts';

test('rule 27 profile-volume: a person moving JPY 10M in 30 days, over 3× the JPY 3M a month a person is expected to', () => {
  const ev = fiat({ direction: 'in', amountJpy: 4_000_000 });
  const hit = runRule(profileVolume, ev, ctxFor(ev, {}, [fin(-20 * DAYS, 3_000_000), fin(-10 * DAYS, 3_000_000)]));
  assert.ok(hit);
  assert.equal(hit.no, 27);
  assert.equal(hit.outcome, 'review');
  assert.equal(hit.evidence.volumeJpy, 10_000_000);
  assert.equal(hit.evidence.previousVolumeJpy, 6_000_000);
  assert.equal(hit.evidence.limitJpy, 9_000_000);
  assert.match(hit.reasons[0]!, /JPY 10,000,000 moved in the last 30 days .* expected for a person, risk rating medium; rule: 3× \(JPY 9,000,000\)/);
});

test('rule 27 profile-volume: JPY 8.5M is under the limit, and money in and out again counts once', () => {
  const ev = fiat({ direction: 'in', amountJpy: 2_500_000 });
  assert.equal(runRule(profileVolume, ev, ctxFor(ev, {}, [fin(-20 * DAYS, 3_000_000), fin(-10 * DAYS, 3_000_000)])), undefined);
  const out = fiat({ direction: 'out', amountJpy: 4_000_000 });
  assert.equal(runRule(profileVolume, out, ctxFor(out, {}, [fin(-20 * DAYS, 4_000_000), fin(-10 * DAYS, 4_000_000, 'bank:own', { flow: 'out' })])), undefined);
});

test('rule 27 profile-volume: one alert per crossing, not one per transfer while the volume stays over the line', () => {
  const first = fin(-20 * DAYS, 3_000_000);
  const second = fin(-10 * DAYS, 3_000_000);
  // JPY 2,999,999 takes the volume to JPY 8,999,999: just under the JPY 9M line.
  const near = fiat({ direction: 'in', amountJpy: 2_999_999 });
  assert.equal(runRule(profileVolume, near, ctxFor(near, {}, [first, second])), undefined);
  // JPY 3M takes it to exactly the line: the crossing.
  const crossing = fiat({ direction: 'in', amountJpy: 3_000_000 });
  const hit = runRule(profileVolume, crossing, ctxFor(crossing, {}, [first, second]));
  assert.equal(hit?.evidence.volumeJpy, 9_000_000);
  assert.equal(hit?.evidence.previousVolumeJpy, 6_000_000);
  const crossed = fin(0, 3_000_000);
  // An hour later, still over (JPY 10M, JPY 9M without it): the same finding, no second alert.
  const next = fiat({ direction: 'in', amountJpy: 1_000_000 }, { occurredAt: at(1 * HOURS) });
  assert.equal(runRule(profileVolume, next, ctxFor(next, {}, [first, second, crossed])), undefined);
  // Nor a withdrawal while the money in stays over the line.
  const out = fiat({ direction: 'out', amountJpy: 500_000 }, { occurredAt: at(2 * HOURS) });
  assert.equal(runRule(profileVolume, out, ctxFor(out, {}, [first, second, crossed, fin(1 * HOURS, 1_000_000)])), undefined);
  // Eleven days on, the first JPY 3M has left the window: JPY 7M in, under the line. The
  // transfer that takes it over again is a new crossing.
  const later = [first, second, crossed, fin(1 * HOURS, 1_000_000), fin(2 * HOURS, 500_000, 'bank:own', { flow: 'out' })];
  const again = fiat({ direction: 'in', amountJpy: 2_000_000 }, { occurredAt: at(11 * DAYS) });
  const rehit = runRule(profileVolume, again, ctxFor(again, {}, later));
  assert.equal(rehit?.evidence.previousVolumeJpy, 7_000_000);
  assert.equal(rehit?.evidence.volumeJpy, 9_000_000);
});

test('rule 27 profile-volume: the crossing is the same whether or not the windows hold the event (a context without its activity)', () => {
  const history = [fin(-20 * DAYS, 4_000_000, 'bank:own', { flow: 'out' }), fin(-10 * DAYS, 4_000_000, 'bank:own', { flow: 'out' })];
  const ev = fiat({ direction: 'out', amountJpy: 1_000_000 });
  const held = runRule(profileVolume, ev, ctxFor(ev, {}, history));
  const derived = runRule(profileVolume, ev, context(ev, { history }));
  assert.equal(held?.evidence.volumeJpy, 9_000_000);
  assert.equal(held?.evidence.previousVolumeJpy, 8_000_000);
  assert.deepEqual(derived?.evidence, held?.evidence);
  // Already over without it: no alert either way.
  const over = [...history, fin(-5 * DAYS, 1_000_000, 'bank:own', { flow: 'out' })];
  assert.equal(runRule(profileVolume, ev, ctxFor(ev, {}, over)), undefined);
  assert.equal(runRule(profileVolume, ev, context(ev, { history: over })), undefined);
});

test('rule 27 profile-volume: the profile sets the expectation (occupation, legal person, risk rating)', () => {
  const ev = fiat({ direction: 'in', amountJpy: 1_600_000 });
  const student = runRule(profileVolume, ev, ctxFor(ev, {}, [], { customer: personCustomer({ occupation: '大学生' }) }));
  assert.match(String(student?.evidence.basis), /occupation "大学生"/);
  assert.equal(runRule(profileVolume, ev, ctxFor(ev, {}, [], { customer: personCustomer({ occupation: 'Engineer' }) })), undefined);
  const big = fiat({ direction: 'in', amountJpy: 60_000_000 });
  assert.equal(runRule(profileVolume, big, ctxFor(big, {}, [], { customer: legalCustomer() })), undefined);
  const five = fiat({ direction: 'in', amountJpy: 5_000_000 });
  assert.equal(runRule(profileVolume, five, ctxFor(five, {}, [], { customer: personCustomer({ riskRating: 'high' }) }))?.evidence.limitJpy, 4_500_000);
  assert.equal(runRule(profileVolume, five, ctxFor(five, {}, [], { customer: personCustomer({ riskRating: 'low' }) })), undefined);
});

const young = (days: number, over: Partial<MonitoringContext> = {}) => ({ customerSince: daysAgo(days), ...over });

test('rule 27 new-account-large-deposit: JPY 2.5M as the first deposit of a two-day-old account', () => {
  const ev = deposit({ amountJpy: 2_500_000 });
  const hit = runRule(newAccountLargeDeposit, ev, ctxFor(ev, { counterparty: 'addr' }, [loginAt(-10)], young(2)));
  assert.ok(hit);
  assert.equal(hit.evidence.first, true);
  assert.match(hit.reasons[0]!, /First deposit of an account opened 2 days ago: JPY 2,500,000/);
});

test('rule 27 new-account-large-deposit: under JPY 2M, or an account past 30 days, is no alert', () => {
  const ev = deposit({ amountJpy: 1_900_000 });
  assert.equal(runRule(newAccountLargeDeposit, ev, ctxFor(ev, {}, [], young(2))), undefined);
  const old = deposit({ amountJpy: 2_500_000 });
  assert.equal(runRule(newAccountLargeDeposit, old, ctxFor(old, {}, [], young(40))), undefined);
  // Without an onboarding date the rule cannot tell a new account from an old one.
  assert.equal(runRule(newAccountLargeDeposit, old, ctxFor(old, {}, [])), undefined);
});

test('rule 27 new-account-large-deposit: split first deposits alert once, on the one that crosses the line', () => {
  const ev = fiat({ direction: 'in', amountJpy: 1_000_000 });
  const crossing = runRule(newAccountLargeDeposit, ev, ctxFor(ev, {}, [fin(-5 * HOURS, 1_500_000)], young(3)));
  assert.equal(crossing?.evidence.totalJpy, 2_500_000);
  assert.equal(crossing?.evidence.first, false);
  assert.equal(runRule(newAccountLargeDeposit, ev, ctxFor(ev, {}, [fin(-5 * HOURS, 1_500_000), fin(-3 * HOURS, 1_000_000)], young(3))), undefined);
  // A legal person's line is JPY 20M.
  const company = fiat({ direction: 'in', amountJpy: 5_000_000 });
  assert.equal(runRule(newAccountLargeDeposit, company, ctxFor(company, {}, [], young(3, { customer: legalCustomer() }))), undefined);
});

test('rule 27 dormant-reactivation: 200 days silent (the server tells), then JPY 1.5M; the login before does not break the silence', () => {
  const ev = withdrawal({ amountJpy: 1_500_000 });
  const ctx: DormancyContext = { ...ctxFor(ev, { counterparty: 'addr' }, [loginAt(-30)], young(400)), lastActivityAt: daysAgo(200) };
  const hit = runRule(dormantReactivation, ev, ctx);
  assert.ok(hit);
  assert.equal(hit.evidence.silenceKnown, true);
  assert.equal(hit.evidence.silenceDays, 200);
  assert.match(hit.reasons[0]!, /JPY 1,500,000 moved in 1 transfer\(s\) within 7 days after 200 days without a transfer or trade/);
});

test('rule 27 dormant-reactivation: 60 days silent, a small amount, or a trade three weeks ago is no dormancy', () => {
  const ev = withdrawal({ amountJpy: 1_500_000 });
  assert.equal(runRule(dormantReactivation, ev, { ...ctxFor(ev, {}, [], young(400)), lastActivityAt: daysAgo(60) } as DormancyContext), undefined);
  const small = withdrawal({ amountJpy: 300_000 });
  assert.equal(runRule(dormantReactivation, small, { ...ctxFor(small, {}, [], young(400)), lastActivityAt: daysAgo(200) } as DormancyContext), undefined);
  assert.equal(runRule(dormantReactivation, ev, ctxFor(ev, {}, [trade(-21 * DAYS, 50_000)], young(400))), undefined);
});

test('rule 27 dormant-reactivation: without the last activity date it stays silent, unless told to read an empty history as dormancy (then scored lower, and said so)', () => {
  const ev = withdrawal({ amountJpy: 1_500_000 });
  const ctx = ctxFor(ev, {}, [fin(-2 * DAYS, 1_500_000)], young(400));
  assert.equal(runRule(dormantReactivation, ev, ctx), undefined);
  const hit = runRule(dormantReactivation, ev, ctx, { assumeDormantBeyondHistory: true });
  assert.ok(hit);
  assert.equal(hit.evidence.silenceKnown, false);
  assert.ok(hit.score <= 0.5);
  assert.match(hit.reasons[0]!, /after at least 33 days .* \(the context holds 35 days; .* the last activity before is unknown\)/);
  // An account younger than the dormancy period cannot have been dormant that long.
  assert.equal(runRule(dormantReactivation, ev, ctxFor(ev, {}, [], young(50)), { assumeDormantBeyondHistory: true }), undefined);
});
