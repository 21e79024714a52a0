/**
 * What the rules catch on a generated stream, replayed in core (replay.ts stands in for the
 * server's monitoring service; the documentation addresses stand in for the geolocation
 * database). The server test replays the full default stream with real addresses; this one is
 * smaller so that it stays fast.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { compileConfig } from '../config.ts';
import { DEFAULT_TYPOLOGIES, RULES } from '../rules/index.ts';
import type { GeoInfo } from '../types.ts';
import { type ScenarioLabel, SCENARIO_NAMES, documentationGeo, generateScenarios } from './index.ts';
import { replayEvents } from './replay.ts';

const START = '2026-03-01T00:00:00.000Z';
const locate = (ip: string): GeoInfo => {
  const g = documentationGeo(ip);
  return g ? { ip, ...g } : { ip, unknown: 'not in the database' };
};

const stream = generateScenarios({ seed: 77, start: START, ordinaryCustomers: 400, instances: { min: 2, max: 2 } });
const t0 = performance.now();
const { alerts } = replayEvents(stream.events, { locate });
const replayMs = performance.now() - t0;

const caught = (l: ScenarioLabel, a: Map<string, Map<string, number>> = alerts) => l.expectedRules.some((r) => a.get(l.customerId)?.has(r));
const describe = (id: string, a: Map<string, Map<string, number>> = alerts) => [...(a.get(id) ?? [])].map(([r, n]) => `${r}×${n}`).join(' ') || 'no alert';

test('at most 2% of ordinary customers raise any alert, and none a geography or shell rule', () => {
  const ordinary = stream.labels.filter((l) => l.scenario === 'ordinary');
  const alerted = ordinary.filter((l) => alerts.has(l.customerId));
  const perRule: Record<string, number> = {};
  for (const l of alerted) for (const r of alerts.get(l.customerId)!.keys()) perRule[r] = (perRule[r] ?? 0) + 1;
  console.log(`# replayed ${stream.events.length} events in ${Math.round(replayMs)} ms`);
  console.log(`# ordinary customers alerted: ${alerted.length} of ${ordinary.length} (${((100 * alerted.length) / ordinary.length).toFixed(1)}%); by rule ${JSON.stringify(perRule)}`);
  for (const l of alerted) console.log(`#   ${l.customerId} (${l.profile}) ${describe(l.customerId)}${l.note ? ` — ${l.note}` : ''}`);
  assert.ok(alerted.length <= 0.02 * ordinary.length, `${alerted.length} of ${ordinary.length} ordinary customers alerted`);
  // Foreign residents, travellers, home miners and Asian subsidiaries are not flagged for geography.
  for (const rule of ['geo-block', 'russia-belarus-access', 'kyc-geography-mismatch', 'hub-shell-russian-links', 'declared-footprint-mismatch', 'mining-access-geography']) {
    assert.equal(perRule[rule] ?? 0, 0, `${rule} alerted on an ordinary customer`);
  }
});

test('every typology customer raises an alert naming one of its expected rules', () => {
  // Structuring is caught with the band widened to 15% (see the next test); every other rule runs with its defaults.
  const wide = replayEvents(
    stream.events.filter((e) => {
      const id = e.type === 'customer.onboarded' || e.type === 'customer.updated' ? e.data.customer.id : e.customerId;
      return stream.labels.find((l) => l.customerId === id)?.scenario === 'structuring';
    }),
    { locate, config: compileConfig(RULES, DEFAULT_TYPOLOGIES, { rules: { structuring: { params: { band: 0.15 } } } }) },
  ).alerts;
  const missed: string[] = [];
  for (const name of SCENARIO_NAMES) {
    const labels = stream.labels.filter((l) => l.scenario === name);
    assert.ok(labels.length > 0, `${name} is in the stream`);
    for (const l of labels) {
      const a = name === 'structuring' ? wide : alerts;
      console.log(`# ${caught(l, a) ? 'caught' : 'MISSED'} ${l.instance} ${l.customerId}: ${describe(l.customerId, a)}`);
      if (!caught(l, a)) missed.push(`${l.instance} ${l.customerId} (${l.note ?? ''}): ${describe(l.customerId, a)}`);
    }
  }
  assert.deepEqual(missed, []);
});

test('structuring at 85-99% of a threshold: the default band (10%) misses the lower amounts, a 15% band catches every instance', () => {
  const s = generateScenarios({ seed: 78, start: START, ordinaryCustomers: 200, scenarios: ['structuring'], instances: { min: 12, max: 12 } });
  const wideConfig = compileConfig(RULES, DEFAULT_TYPOLOGIES, { rules: { structuring: { params: { band: 0.15 } } } });
  const byDefault = replayEvents(s.events, { locate }).alerts;
  const byWide = replayEvents(s.events, { locate, config: wideConfig }).alerts;
  const labels = s.labels.filter((l) => l.scenario === 'structuring');
  const ordinary = s.labels.filter((l) => l.scenario === 'ordinary');
  const count = (a: typeof alerts, ls: ScenarioLabel[]) => ls.filter((l) => a.get(l.customerId)?.has('structuring')).length;
  console.log(`# structuring caught: default band ${count(byDefault, labels)} of ${labels.length}, 15% band ${count(byWide, labels)} of ${labels.length}; ordinary customers with a structuring alert: ${count(byDefault, ordinary)} and ${count(byWide, ordinary)} of ${ordinary.length}`);
  for (const l of labels) if (!byDefault.get(l.customerId)?.has('structuring')) console.log(`#   missed by the default band: ${l.note}`);
  assert.equal(count(byWide, labels), labels.length);
  assert.equal(count(byWide, ordinary), 0);
});
