import assert from 'node:assert/strict';
import { test } from 'node:test';
import { compileConfig } from '../config.ts';
import { evaluateMonitoring } from '../engine.ts';
import { at, context, deposit, event, fiat, legalCustomer, login, personCustomer, withdrawal } from '../test-support.ts';
import type { Activity, RuleResult } from '../types.ts';
import type { SekishoEvent } from '../../events/schema.ts';
import { BEHAVIOUR_RULES } from './behaviour.ts';
import { DAYS, HOURS, activityOf, daysAgo, fin } from './behaviour-fixtures.ts';

test('behaviour rules: unique ids, catalogue numbers 24-28 and 32, review by default, defaults that pass their own schema', () => {
  const ids = BEHAVIOUR_RULES.map((r) => r.id);
  assert.equal(new Set(ids).size, ids.length);
  assert.deepEqual([...new Set(BEHAVIOUR_RULES.map((r) => r.no))].sort((a, b) => a - b), [24, 25, 26, 27, 28, 32]);
  for (const r of BEHAVIOUR_RULES) {
    assert.equal(r.family, 'behaviour', r.id);
    assert.equal(r.outcome, 'review', r.id);
    assert.ok(r.params.safeParse(r.defaults).success, r.id);
    assert.ok(r.events.length > 0, r.id);
  }
  assert.equal(compileConfig(BEHAVIOUR_RULES, [], {}).rules.length, BEHAVIOUR_RULES.length);
});

test('behaviour rules: a negative threshold, an unknown parameter or a window that does not exist is refused with the entry named', () => {
  const bad: [string, Record<string, unknown>, RegExp][] = [
    ['structuring', { band: -0.1 }, /rules\.structuring\.params\.band/],
    ['pass-through', { minAmountJpy: -1 }, /rules\.pass-through\.params\.minAmountJpy/],
    ['fan-in', { windows: [{ window: '2d', minDistinct: 5 }] }, /rules\.fan-in\.params\.windows\.0\.window/],
    ['profile-volume', { expectedMonthlyJpy: { person: -1, legal: 1, lowIncomePerson: 1 } }, /expectedMonthlyJpy\.person/],
    ['velocity', { limit: 5 }, /rules\.velocity\.params/],
    ['relay-account', { turnover: { min: 1.2, max: 0.8 } }, /rules\.relay-account\.params\.turnover/],
  ];
  for (const [id, params, message] of bad) {
    assert.throws(() => compileConfig(BEHAVIOUR_RULES, [], { rules: { [id]: { params } } }), (e: Error & { code?: string }) => e.code === 'SEK_MONITOR_CONFIG' && message.test(e.message), id);
  }
});

/** Replays events in order through every behavioural rule, each seeing the activities before it, and returns the hits. */
function replay(items: { ev: SekishoEvent; over?: Partial<Activity> }[], rest: Parameters<typeof context>[1] = {}): RuleResult[] {
  const config = compileConfig(BEHAVIOUR_RULES, [], {});
  const history: Activity[] = [];
  const hits: RuleResult[] = [];
  for (const { ev, over } of items) {
    const a = activityOf(ev, over);
    const ctx = context(ev, { ...rest, history: [...history], activity: a.flow === 'none' && ev.type === 'login' ? undefined : a });
    hits.push(...evaluateMonitoring(ev, ctx, config).hits);
    history.push(a);
  }
  return hits;
}

const when = (minutes: number) => ({ occurredAt: at(minutes) });

test('behaviour rules: a salaried retail customer’s month raises nothing', () => {
  // Salary-day deposits, a few buys, a withdrawal to the customer's own wallet with a test transfer first.
  const items = [
    { ev: login({}, when(-29 * DAYS)) },
    { ev: fiat({ direction: 'in', amountJpy: 300_000 }, when(-29 * DAYS + 10)), over: { counterparty: 'bank:own' } },
    { ev: event('trade', { market: 'BTC/JPY', side: 'buy', amount: '0.02', price: '15000000', amountJpy: 300_000 }, when(-29 * DAYS + 20)) },
    { ev: fiat({ direction: 'in', amountJpy: 50_000 }, when(-15 * DAYS)), over: { counterparty: 'bank:own' } },
    { ev: event('trade', { market: 'ETH/JPY', side: 'buy', amount: '0.1', price: '500000', amountJpy: 50_000 }, when(-15 * DAYS + 5)) },
    { ev: withdrawal({ amountJpy: 1_500 }, when(-3 * DAYS)), over: { counterparty: 'bc1q-own', counterpartyKind: 'self-hosted' as const } },
    { ev: withdrawal({ amountJpy: 298_000 }, when(-3 * DAYS + 30)), over: { counterparty: 'bc1q-own', counterpartyKind: 'self-hosted' as const } },
    { ev: login({}, when(-2 * HOURS)) },
    { ev: fiat({ direction: 'in', amountJpy: 300_000 }, when(0)), over: { counterparty: 'bank:own' } },
  ];
  assert.deepEqual(replay(items, { customer: personCustomer({ occupation: 'Engineer' }), customerSince: daysAgo(400) }), []);
});

test('behaviour rules: a small company’s month of client receipts and supplier payments raises nothing', () => {
  const items: { ev: SekishoEvent; over?: Partial<Activity> }[] = [];
  // Office hours, a few clients paying invoices, suppliers paid days later.
  for (let d = 28; d >= 1; d -= 3) {
    items.push({ ev: fiat({ direction: 'in', amountJpy: 1_200_000 }, when(-d * DAYS + 60)), over: { counterparty: `client-${d % 4}` } });
    if (d <= 25) items.push({ ev: fiat({ direction: 'out', amountJpy: 900_000 }, when(-d * DAYS + 120)), over: { counterparty: `supplier-${d % 3}` } });
  }
  assert.deepEqual(replay(items, { customer: legalCustomer({ incorporationDate: '2015-04-01' }), customerSince: daysAgo(900) }), []);
});

test('behaviour rules: a structuring customer is named by rule 24 on the transfer that completes the pattern', () => {
  const items = [1_950_000, 1_990_000, 1_980_000].map((amountJpy, i) => ({ ev: deposit({ amountJpy }, when(-5 * HOURS + i * 2 * HOURS)), over: { counterparty: `addr-${i}` } }));
  const hits = replay(items, { customerSince: daysAgo(400) });
  assert.deepEqual(hits.map((h) => h.rule), ['structuring']);
});

test('behaviour rules: without the server’s activity for the event, the rules read the event itself', () => {
  const ev = withdrawal({ amountJpy: 2_950_000, beneficiaryVasp: { name: 'Gulf Exchange FZE', country: 'AE' } });
  const ctx = context(ev, { history: [fin(-10 * HOURS, 3_000_000)] });
  assert.equal(ctx.activity, undefined);
  const hits = evaluateMonitoring(ev, ctx, compileConfig(BEHAVIOUR_RULES, [], {})).hits;
  const pass = hits.find((h) => h.rule === 'pass-through');
  assert.equal(pass?.evidence.foreignVasp, true);
  assert.equal(pass?.evidence.outJpy, 2_950_000);
});
