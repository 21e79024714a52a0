/**
 * Issue 7's scenarios through the server's pipeline: a seeded stream of ordinary customers with
 * the evasion typologies mixed in (core's generateScenarios) is replayed by `replayEvents` — the
 * same checks (sanctions screening against a loaded list), monitoring service, geolocation with
 * the packaged DB-IP data (addresses found in it, test/geo-samples.ts) and transfer graph as the
 * service, with nothing written. Every labelled scenario customer must raise an alert naming one
 * of its expected rules; at most 2% of ordinary customers may raise any alert.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { compileConfig, DEFAULT_TYPOLOGIES, generateScenarios, IP_REGIONS, RULES, type ScenarioLabel } from '@sekisho/core';
import { coreFixture, testApp } from './helpers.ts';
import { packagedIpPool } from './geo-samples.ts';
import { replayEvents } from '../src/services/monitor-replay.ts';
import type { App } from '../src/app.ts';

describe('monitoring scenarios through the pipeline', () => {
  let app: App;
  let close: () => Promise<void>;
  let labels: ScenarioLabel[];
  const alertsOf = new Map<string, Set<string>>();
  let decided = 0;
  let seconds = 0;

  before(async () => {
    ({ app, close } = await testApp());
    await app.loader.load('custom', [coreFixture('custom/blocklist.csv')]);
    const pool = packagedIpPool(IP_REGIONS, 200);
    const stream = generateScenarios({ seed: Number(process.env.SCENARIO_SEED ?? 7), start: '2026-09-01T00:00:00Z', ordinaryCustomers: 800, days: 45, ipsFor: (region, count) => pool(region, count) });
    labels = stream.labels;
    const lines = (async function* () {
      for (const e of stream.events) yield JSON.stringify(e);
    })();
    const t = performance.now();
    const summary = await replayEvents(app, lines, {
      config: compileConfig(RULES, DEFAULT_TYPOLOGIES, {}),
      write: (line) => {
        const d = JSON.parse(line) as { customerId: string | null; monitoring?: { hits: { rule: string; outcome: string }[]; typologies: { id: string; outcome: string }[] } };
        if (!d.customerId || !d.monitoring) return;
        const alerting = [...d.monitoring.hits.filter((h) => h.outcome !== 'allow').map((h) => h.rule), ...d.monitoring.typologies.filter((x) => x.outcome !== 'allow').map((x) => `typology:${x.id}`)];
        if (!alerting.length) return;
        let set = alertsOf.get(d.customerId);
        if (!set) alertsOf.set(d.customerId, (set = new Set()));
        for (const r of alerting) set.add(r);
      },
    });
    seconds = (performance.now() - t) / 1000;
    decided = summary.decided;
    assert.equal(summary.skipped, 0, JSON.stringify(summary.problems.slice(0, 3)));
  });
  after(async () => close());

  test('every labelled evasion scenario raises an alert naming one of its rules', () => {
    const missed: string[] = [];
    const byScenario = new Map<string, { caught: number; total: number }>();
    for (const l of labels) {
      if (l.scenario === 'ordinary') continue;
      const got = alertsOf.get(l.customerId) ?? new Set();
      const caught = l.expectedRules.some((r) => got.has(r));
      const s = byScenario.get(l.scenario) ?? { caught: 0, total: 0 };
      s.total++;
      if (caught) s.caught++;
      byScenario.set(l.scenario, s);
      if (!caught) missed.push(`${l.scenario} ${l.customerId}: expected one of ${l.expectedRules.join(', ')}, got ${[...got].join(', ') || 'nothing'}`);
    }
    console.log(`# ${decided} events replayed in ${seconds.toFixed(1)} s; caught per scenario: ${[...byScenario].map(([k, v]) => `${k} ${v.caught}/${v.total}`).join(', ')}`);
    assert.ok(byScenario.size >= 6, 'at least the six typologies of the issue');
    assert.deepEqual(missed, []);
  });

  test('at most 2% of ordinary customers raise any alert', () => {
    const ordinary = labels.filter((l) => l.scenario === 'ordinary');
    const alerted = ordinary.filter((l) => alertsOf.has(l.customerId));
    const byRule = new Map<string, number>();
    for (const l of alerted) for (const r of alertsOf.get(l.customerId)!) byRule.set(r, (byRule.get(r) ?? 0) + 1);
    console.log(`# ordinary customers alerted: ${alerted.length} of ${ordinary.length} (${((alerted.length / ordinary.length) * 100).toFixed(2)}%): ${[...byRule].map(([r, n]) => `${r} ${n}`).join(', ')}`);
    assert.ok(ordinary.length >= 700);
    assert.ok(alerted.length / ordinary.length <= 0.02, `${alerted.length} of ${ordinary.length}`);
  });
});
