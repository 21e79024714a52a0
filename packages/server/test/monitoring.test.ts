/**
 * Monitoring in the event pipeline (issue 7): rules decide through the same answer as screening,
 * name themselves and the configuration version, raise rule alerts, and remember each customer's
 * activity, so a later event sees the earlier ones. Geolocation is the packaged DB-IP database;
 * the sample IPs are found in it (test/geo-samples.ts), not hard-coded.
 */
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { RULES, type SekishoEvent } from '@sekisho/core';
import { coreFixture, sqliteDatabase, testApp } from './helpers.ts';
import { startHarness } from './api-suite.ts';
import { packagedSampleIps } from './geo-samples.ts';
import type { App } from '../src/app.ts';

describe('monitoring in the event pipeline', () => {
  let app: App;
  let close: () => Promise<void>;
  let ips: Record<string, string | undefined>;

  before(async () => {
    ({ app, close } = await testApp());
    await app.loader.load('custom', [coreFixture('custom/blocklist.csv')]);
    ips = packagedSampleIps(['JP', 'UA-43']);
    const onboard = (id: string) =>
      app.events.submit({ id: `onb-${id}`, type: 'customer.onboarded', occurredAt: '2026-11-01T00:00:00Z', data: { customer: { id, type: 'person', names: [{ name: `Tanaka ${id}` }], residence: 'JP', nationalities: ['JP'] } } } as SekishoEvent, 'test');
    await onboard('m-1');
    await onboard('m-2');
    await onboard('m-3');
  });
  after(async () => close());

  const submit = (event: unknown) => app.events.submit(event as SekishoEvent, 'test');

  test('a login from Crimea is blocked by rule 9, which names itself, and raises a rule alert; a login from Japan is allowed', async () => {
    assert.ok(ips['UA-43'] && ips.JP, JSON.stringify(ips));
    const crimea = await submit({ id: 'login-crimea', type: 'login', customerId: 'm-1', occurredAt: '2026-11-02T09:00:00Z', data: { ip: ips['UA-43'] } });
    assert.equal(crimea.answer.decision, 'block', JSON.stringify(crimea.answer.reasons));
    const reason = crimea.answer.reasons.find((r) => r.check === 'rule.geo-block')!;
    assert.equal(reason.rule, 9);
    assert.match(reason.detail, /UA-43/);
    assert.equal(crimea.answer.monitoring?.configVersion, 0);
    assert.ok(crimea.answer.monitoring?.hits.some((h) => h.rule === 'geo-block'));
    const alerts = await app.alerts.list({ kind: 'rule', customerId: 'm-1', limit: 10 });
    assert.deepEqual(alerts.map((a) => a.entityId), ['rule:geo-block']);

    const tokyo = await submit({ id: 'login-tokyo', type: 'login', customerId: 'm-2', occurredAt: '2026-11-02T09:00:00Z', data: { ip: ips.JP, browserLanguage: 'ja-JP', timeZone: 'Asia/Tokyo' } });
    assert.equal(tokyo.answer.decision, 'allow', JSON.stringify(tokyo.answer.reasons));
  });

  test('structuring: the third withdrawal just under JPY 2,000,000 within a day is flagged, the first two are not', async () => {
    const wd = (i: number, hour: number) =>
      submit({ id: `wd-s-${i}`, type: 'withdrawal.requested', customerId: 'm-3', occurredAt: `2026-11-03T${String(hour).padStart(2, '0')}:00:00Z`, data: { chain: 'ethereum', asset: 'ETH', destinationAddress: `0x${String(i).repeat(40)}`, amount: '3', amountJpy: 1_900_000 + i * 10_000, selfHosted: true } });
    const first = await wd(1, 1);
    const second = await wd(2, 5);
    const third = await wd(3, 9);
    for (const a of [first, second]) assert.ok(!a.answer.reasons.some((r) => r.check === 'rule.structuring'), JSON.stringify(a.answer.reasons));
    const hit = third.answer.reasons.find((r) => r.check === 'rule.structuring');
    assert.ok(hit, JSON.stringify(third.answer.reasons));
    assert.equal(hit.rule, 24);
    // Remembered in the store: the three activities, with the customer's identifiers.
    const rows = await app.store.db.selectFrom('customer_activity').select('event_id').where('customer_id', '=', 'm-3').execute();
    assert.deepEqual(rows.map((r) => r.event_id).sort(), ['wd-s-1', 'wd-s-2', 'wd-s-3']);
  });

  test('an approved configuration changes the decision, and the decision names its version', async () => {
    const proposed = await app.monitoringConfigs.propose({ rules: { 'geo-block': { enabled: false } } }, 'analyst-1');
    await app.monitoringConfigs.approve(proposed.version, { name: 'supervisor-1', role: 'supervisor' });
    // The event path reads the version in force at most once a second.
    await new Promise((r) => setTimeout(r, 1100));
    const again = await submit({ id: 'login-crimea-2', type: 'login', customerId: 'm-1', occurredAt: '2026-11-04T09:00:00Z', data: { ip: ips['UA-43'] } });
    assert.equal(again.answer.monitoring?.configVersion, proposed.version);
    assert.ok(!again.answer.reasons.some((r) => r.check === 'rule.geo-block'));
  });
});

describe('monitoring configuration over the API', () => {
  test('an analyst proposes, the analyst cannot approve, a supervisor can; a wrong configuration is refused with its code', async () => {
    const db = sqliteDatabase();
    const h = await startHarness(db);
    try {
      const rules = await h.call('GET', '/v1/monitoring/rules', { token: h.tokens.viewer });
      assert.equal(rules.status, 200);
      assert.equal(rules.body.rules.length, RULES.length);
      const refused = await h.call('POST', '/v1/monitoring/configs', { token: h.tokens.analyst, body: { config: { rules: { 'geo-blok': {} } } } });
      assert.equal(refused.status, 422);
      assert.equal(refused.body.error.code, 'SEK_MONITOR_CONFIG');
      const negative = await h.call('POST', '/v1/monitoring/configs', { token: h.tokens.analyst, body: { config: { rules: { 'fefta-art55-report': { params: { thresholdJpy: -1 } } } } } });
      assert.equal(negative.body.error.code, 'SEK_MONITOR_CONFIG');
      const proposed = await h.call('POST', '/v1/monitoring/configs', { token: h.tokens.analyst, body: { config: { rules: { 'fefta-art55-report': { params: { thresholdJpy: 20_000_000 } } } }, note: 'stricter' } });
      assert.equal(proposed.status, 201, JSON.stringify(proposed.body));
      const v = proposed.body.version;
      assert.equal((await h.call('POST', `/v1/monitoring/configs/${v}/approve`, { token: h.tokens.analyst, body: {} })).status, 403);
      const approved = await h.call('POST', `/v1/monitoring/configs/${v}/approve`, { token: h.tokens.supervisor, body: { note: 'ok' } });
      assert.equal(approved.status, 200, JSON.stringify(approved.body));
      assert.equal(approved.body.status, 'active');
      assert.equal((await h.call('POST', `/v1/monitoring/configs/${v}/approve`, { token: h.tokens.supervisor, body: {} })).body.error.code, 'SEK_MONITOR_CONFIG_DECISION');
      const list = await h.call('GET', '/v1/monitoring/configs', { token: h.tokens.viewer });
      assert.deepEqual(list.body.versions.map((x: { version: number; status: string }) => [x.version, x.status]), [[v, 'active']]);
    } finally {
      await h.close();
      await db.cleanup();
    }
  });
});

describe('post-transfer discovery (rules 4 and 5)', () => {
  test('a list version that adds a past withdrawal’s destination raises an alert asking for the FSA/MOF report; a past deposit’s source, for the frozen-assets report', async () => {
    const { app, dir, close } = await testApp();
    try {
      const fixture = readFileSync(coreFixture('custom/blocklist.csv'), 'utf8');
      const v1 = join(dir, 'v1.csv');
      writeFileSync(v1, fixture);
      await app.loader.load('custom', [v1]);
      await app.events.submit({ id: 'onb-p', type: 'customer.onboarded', data: { customer: { id: 'p-1', type: 'person', names: [{ name: 'Suzuki Ichiro' }], residence: 'JP' } } } as SekishoEvent, 'test');
      const destination = '0x1111111111111111111111111111111111111111';
      const source = '0x2222222222222222222222222222222222222222';
      const out = await app.events.submit({ id: 'wd-p', type: 'withdrawal.requested', customerId: 'p-1', data: { chain: 'ethereum', asset: 'ETH', destinationAddress: destination, amount: '1', amountJpy: 500_000 } } as SekishoEvent, 'test');
      assert.notEqual(out.answer.decision, 'block');
      await app.events.submit({ id: 'dep-p', type: 'deposit.detected', customerId: 'p-1', data: { chain: 'ethereum', asset: 'ETH', txHash: `0x${'3'.repeat(64)}`, sourceAddresses: [source], amount: '1', amountJpy: 500_000 } } as SekishoEvent, 'test');
      // The next version lists both wallets.
      const v2 = join(dir, 'v2.csv');
      writeFileSync(v2, `${fixture.trimEnd()}\nFR-2026-900,Company,Northwind Relay Ltd,,,,RU,,,ETH:${destination};ETH:${source},Internal high-risk VASP,2026-11-20,Test entry,\n`);
      await app.loader.load('custom', [v2]);
      await app.settled();
      const alerts = await app.alerts.list({ customerId: 'p-1', origin: 'rescreen', limit: 10 });
      const reports = alerts.map((a) => [a.partyKey, (a.summary as { report?: string }).report]).sort();
      assert.deepEqual(reports.map((r) => r[1]).sort(), ['asset-freeze', 'fsa-mof-post-transfer'], JSON.stringify(alerts.map((a) => a.summary)));
    } finally {
      await close();
    }
  });
});
