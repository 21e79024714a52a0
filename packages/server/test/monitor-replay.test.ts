/**
 * `sekisho monitor replay` and `sekisho monitor config` (issue 7): a history runs through a
 * configuration without changing the store, bad lines are counted with their line numbers,
 * and configurations take effect only with a second person's approval.
 */
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { RULES } from '@sekisho/core';
import { cli, coreFixture, testApp } from './helpers.ts';
import { packagedSampleIps } from './geo-samples.ts';
import type { App } from '../src/app.ts';

describe('sekisho monitor', () => {
  let app: App;
  let dbUrl: string;
  let dir: string;
  let close: () => Promise<void>;
  let events: string;

  before(async () => {
    let db;
    ({ app, db, dir, close } = await testApp());
    dbUrl = db.url;
    await app.loader.load('custom', [coreFixture('custom/blocklist.csv')]);
    const ips = packagedSampleIps(['JP', 'UA-43']);
    const person = (id: string) => ({ id: `onb-${id}`, type: 'customer.onboarded', occurredAt: '2026-11-01T00:00:00Z', data: { customer: { id, type: 'person', names: [{ name: `Sato ${id}` }], residence: 'JP', nationalities: ['JP'] } } });
    const wd = (i: number, hour: number) => ({ id: `wd-${i}`, type: 'withdrawal.requested', customerId: 'r-2', occurredAt: `2026-11-03T${String(hour).padStart(2, '0')}:00:00Z`, data: { chain: 'ethereum', asset: 'ETH', destinationAddress: `0x${String(i).repeat(40)}`, amount: '3', amountJpy: 1_950_000, selfHosted: true } });
    const lines = [
      JSON.stringify(person('r-1')),
      JSON.stringify(person('r-2')),
      JSON.stringify({ id: 'login-1', type: 'login', customerId: 'r-1', occurredAt: '2026-11-02T08:00:00Z', data: { ip: ips['UA-43'] } }),
      JSON.stringify({ id: 'login-2', type: 'login', customerId: 'r-2', occurredAt: '2026-11-02T08:00:00Z', data: { ip: ips.JP } }),
      '{ not json',
      JSON.stringify({ id: 'bad-ip', type: 'login', customerId: 'r-1', data: { ip: '999.1.1.1' } }),
      JSON.stringify(wd(1, 1)),
      JSON.stringify(wd(2, 5)),
      JSON.stringify(wd(3, 9)),
      JSON.stringify({ ...wd(4, 0), occurredAt: '2026-11-02T23:00:00Z' }), // earlier than the one before it
      JSON.stringify({ id: 'stranger', type: 'login', customerId: 'nobody', occurredAt: '2026-11-03T10:00:00Z', data: { ip: ips.JP } }),
      '',
    ];
    events = join(dir, 'events.jsonl');
    writeFileSync(events, lines.join('\n'));
  });
  after(async () => close());

  test('replay decides every valid line, counts alerts per rule, names bad lines, and writes nothing to the store', async () => {
    const before = Number((await app.store.db.selectFrom('audit_log').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
    const out = join(dir, 'decisions.jsonl');
    const r = await cli(dbUrl, 'monitor', 'replay', '--events', events, '--out', out, '--json');
    assert.equal(r.status, 0, r.stderr + r.stdout);
    const s = r.json();
    assert.equal(s.decided, 9);
    assert.equal(s.skipped, 2);
    assert.deepEqual(s.problems.map((p: { line: number; code: string }) => [p.line, p.code]), [[5, 'SEK_REQUEST_JSON'], [6, 'SEK_REQUEST_INVALID']]);
    assert.equal(s.alertsByRule['geo-block'], 1);
    assert.ok(s.alertsByRule.structuring >= 1, JSON.stringify(s.alertsByRule));
    assert.equal(s.outOfOrder, 1);
    assert.equal(s.unknownCustomers, 1);
    assert.equal(s.configVersion, 0);
    const decisions = readFileSync(out, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    assert.equal(decisions.length, 9);
    assert.equal(decisions.find((d) => d.eventId === 'login-1').decision, 'block');
    // Each hit carries what its rule measured (the API's answer does not): here the region of the Crimean IP.
    const geoHit = decisions.find((d) => d.eventId === 'login-1').monitoring.hits.find((h: { rule: string }) => h.rule === 'geo-block');
    assert.equal(geoHit.evidence.ipRegion, 'UA-43', JSON.stringify(geoHit));
    // Nothing happened to the store: no event, alert, activity or audit entry.
    for (const table of ['event', 'alert', 'customer_activity', 'customer_identifier', 'customer'] as const) {
      const n = Number((await app.store.db.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
      assert.equal(n, 0, `${table} is untouched`);
    }
    const afterCount = Number((await app.store.db.selectFrom('audit_log').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
    assert.equal(afterCount, before);
    const text = await cli(dbUrl, 'monitor', 'replay', '--events', events, '--out', out);
    assert.match(text.stdout, /alerts per rule:/);
    assert.match(text.stdout, /line 5: SEK_REQUEST_JSON/);
  });

  test('replay with a configuration file: a rule turned off raises nothing; a wrong file is refused with its code', async () => {
    const off = join(dir, 'off.json');
    writeFileSync(off, JSON.stringify({ rules: { 'geo-block': { enabled: false } } }));
    const r = await cli(dbUrl, 'monitor', 'replay', '--events', events, '--out', join(dir, 'd2.jsonl'), '--config', off, '--json');
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.json().alertsByRule['geo-block'], undefined);
    assert.equal(r.json().configVersion, 'file');
    const wrong = join(dir, 'wrong.json');
    writeFileSync(wrong, JSON.stringify({ rules: { 'geo-blok': {} }, typologies: {} }));
    const bad = await cli(dbUrl, 'monitor', 'replay', '--events', events, '--out', join(dir, 'd3.jsonl'), '--config', wrong);
    assert.notEqual(bad.status, 0);
    assert.match(bad.stdout + bad.stderr, /SEK_MONITOR_CONFIG/);
    const negative = join(dir, 'negative.json');
    writeFileSync(negative, JSON.stringify({ rules: { structuring: { params: { count: -3 } } } }));
    assert.match((await cli(dbUrl, 'monitor', 'replay', '--events', events, '--out', join(dir, 'd4.jsonl'), '--config', negative)).stderr, /SEK_MONITOR_CONFIG/);
    const missing = await cli(dbUrl, 'monitor', 'replay', '--events', join(dir, 'nope.jsonl'), '--out', join(dir, 'd5.jsonl'));
    assert.match(missing.stdout + missing.stderr, /SEK_FILE_NOT_FOUND/);
  });

  test('monitor config: propose, refuse the proposer’s own approval, approve by another, list', async () => {
    const file = join(dir, 'proposal.json');
    writeFileSync(file, JSON.stringify({ rules: { velocity: { params: { limits: [{ window: '1h', count: 8 }] } } } }));
    const proposed = await cli(dbUrl, 'monitor', 'config', 'propose', file, '--as', 'hanako', '--json');
    assert.equal(proposed.status, 0, proposed.stderr + proposed.stdout);
    const v = proposed.json().version;
    const own = await cli(dbUrl, 'monitor', 'config', 'approve', String(v), '--as', 'hanako');
    assert.notEqual(own.status, 0);
    assert.match(own.stdout + own.stderr, /SEK_MONITOR_CONFIG_DECISION/);
    const ok = await cli(dbUrl, 'monitor', 'config', 'approve', String(v), '--as', 'taro', '--json');
    assert.equal(ok.status, 0, ok.stderr);
    assert.equal(ok.json().status, 'active');
    const list = await cli(dbUrl, 'monitor', 'config', 'list');
    assert.match(list.stdout, new RegExp(`version ${v}: active, proposed by hanako .* approved by taro`));
    const rules = await cli(dbUrl, 'monitor', 'rules', '--json');
    assert.equal(rules.json().length, RULES.length);
  });
});
