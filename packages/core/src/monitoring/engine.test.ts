import assert from 'node:assert/strict';
import { test } from 'node:test';
import { z } from 'zod';
import { isSekishoError } from '../errors.ts';
import { ActivityWindow, windowsAt } from './aggregates.ts';
import { compileConfig } from './config.ts';
import { evaluateMonitoring } from './engine.ts';
import { RULES, DEFAULT_TYPOLOGIES } from './rules/index.ts';
import { activity, at, context, withdrawal } from './test-support.ts';
import type { RuleDefinition } from './types.ts';

/** A rule that hits when the withdrawal's yen amount reaches `min`, scoring amount / (2 × min). */
const big: RuleDefinition<{ min: number }> = {
  id: 'big',
  no: 90,
  family: 'behaviour',
  title: 'big withdrawal',
  source: 'test',
  events: ['withdrawal.requested'],
  params: z.strictObject({ min: z.number().nonnegative() }),
  defaults: { min: 1_000_000 },
  outcome: 'review',
  evaluate(event, _ctx, p) {
    const amount = event.type === 'withdrawal.requested' ? event.data.amountJpy ?? 0 : 0;
    return amount >= p.min ? { score: amount / (2 * p.min), reasons: [`${amount} ≥ ${p.min}`], evidence: { amount } } : undefined;
  },
};
const broken: RuleDefinition<Record<string, never>> = {
  id: 'broken',
  no: 91,
  family: 'behaviour',
  title: 'a rule that throws',
  source: 'test',
  events: ['withdrawal.requested'],
  params: z.strictObject({}),
  defaults: {},
  outcome: 'review',
  evaluate() {
    throw new Error('no data');
  },
};
const typology = { id: 't', title: 'test typology', rules: { big: 0.6 }, review: 0.3, hold: 0.5 };

function configError(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    assert.ok(isSekishoError(error, 'SEK_MONITOR_CONFIG'), String(error));
    return (error as Error).message;
  }
  assert.fail('no error');
}

test('configuration: an unknown rule, an unknown parameter, a negative threshold are refused, naming the entry', () => {
  assert.match(configError(() => compileConfig([big], [], { rules: { bigg: {} } })), /rules\.bigg: no rule has this id/);
  assert.match(configError(() => compileConfig([big], [], { rules: { big: { params: { minimum: 3 } } } })), /rules\.big\.params/);
  assert.match(configError(() => compileConfig([big], [], { rules: { big: { params: { min: -1 } } } })), /rules\.big\.params\.min/);
  assert.match(configError(() => compileConfig([big], [], { rules: { big: { outcome: 'maybe' } } })), /rules\.big\.outcome/);
  assert.match(configError(() => compileConfig([big], [], { typologies: { x: { title: 'x', rules: { nope: 1 } } } })), /typologies\.x\.rules\.nope/);
  assert.match(configError(() => compileConfig([big], [], { typologies: { x: { title: 'x', rules: { big: 1 }, review: 0.8, hold: 0.5 } } })), /must rise/);
  assert.match(configError(() => compileConfig([big], [], { extra: 1 })), /extra|Unrecognized/);
});

test('configuration: what it leaves out runs with the defaults; enabled false turns a rule off', () => {
  const ev = withdrawal({ amountJpy: 1_500_000 });
  assert.equal(evaluateMonitoring(ev, context(ev), compileConfig([big], [], {})).hits.length, 1);
  assert.equal(evaluateMonitoring(ev, context(ev), compileConfig([big], [], { rules: { big: { params: { min: 2_000_000 } } } })).hits.length, 0);
  assert.equal(evaluateMonitoring(ev, context(ev), compileConfig([big], [], { rules: { big: { enabled: false } } })).evaluated, 0);
});

test('engine: a hit is a reason with its rule and score; typologies weigh hits into a score with thresholds', () => {
  const config = compileConfig([big], [typology], { rules: { big: { outcome: 'hold' } } }, 7);
  const ev = withdrawal({ amountJpy: 1_500_000 });
  const result = evaluateMonitoring(ev, context(ev), config);
  assert.equal(result.configVersion, 7);
  assert.deepEqual(result.hits.map((h) => [h.rule, h.outcome, h.score]), [['big', 'hold', 0.75]]);
  // 0.6 × 0.75 = 0.45: over review (0.3), under hold (0.5).
  assert.deepEqual(result.typologies.map((t) => [t.id, t.score, t.outcome]), [['t', 0.45, 'review']]);
  assert.deepEqual(result.reasons.map((r) => [r.check, r.outcome]), [['rule.big', 'hold'], ['typology.t', 'review']]);
  assert.match(result.reasons[1]!.detail, /score 0\.45 from big 0\.45/);
});

test('engine: a rule that throws holds the event and names the rule, it does not pass', () => {
  const ev = withdrawal();
  const result = evaluateMonitoring(ev, context(ev), compileConfig([broken], [], {}));
  assert.equal(result.hits[0]?.outcome, 'hold');
  assert.match(result.reasons[0]!.detail, /broken could not run: no data/);
});

test('engine: rules run only on their event types', () => {
  const ev = withdrawal();
  const config = compileConfig(RULES, DEFAULT_TYPOLOGIES, {});
  const result = evaluateMonitoring(ev, context(ev), config);
  assert.equal(result.evaluated, RULES.filter((r) => r.events.includes('withdrawal.requested')).length);
});

test('windows: counts and sums over 1h, 24h, 7d, 30d, with the event itself; an event out of time order finds its place', () => {
  const history = [
    activity({ at: at(-31 * 24 * 60), amountJpy: 999, counterparty: 'old' }), // outside 30 d
    activity({ at: at(-2 * 24 * 60), amountJpy: 100, counterparty: 'a', ip: '198.51.100.1' }),
    activity({ at: at(-30), amountJpy: 10, counterparty: 'b', ip: '198.51.100.2', flow: 'out' }),
  ];
  const w = windowsAt(history, activity({ at: at(0), amountJpy: 1, counterparty: 'a', flow: 'in' }), at(0));
  assert.deepEqual([w['1h'].count, w['24h'].count, w['7d'].count, w['30d'].count], [2, 2, 3, 3]);
  assert.equal(w['7d'].inJpy, 101);
  assert.equal(w['7d'].outJpy, 10);
  assert.equal(w['7d'].distinctCounterparties, 2);
  assert.equal(w['7d'].distinctIps, 2);

  const win = new ActivityWindow();
  win.add(activity({ eventId: 'e2', at: at(10) }));
  win.add(activity({ eventId: 'e1', at: at(5) }));
  win.add(activity({ eventId: 'e1', at: at(5) }));
  assert.deepEqual(win.recent().map((a) => a.eventId), ['e1', 'e2']);
  // 34 days later both are still held (the history reaches 35 days back, HISTORY_MS) ...
  win.add(activity({ eventId: 'e4', at: at(34 * 24 * 60) }));
  assert.deepEqual(win.recent().map((a) => a.eventId), ['e1', 'e2', 'e4']);
  // ... 36 days later they are gone.
  win.add(activity({ eventId: 'e3', at: at(36 * 24 * 60) }));
  assert.deepEqual(win.recent().map((a) => a.eventId), ['e4', 'e3']);
  assert.deepEqual(win.before(at(36 * 24 * 60), 'e3').map((a) => a.eventId), ['e4']);
});
