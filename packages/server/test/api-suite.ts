/**
 * The API end to end over real HTTP (a server on a loopback port, fetch as the client), run on
 * SQLite (test/api.test.ts) and PostgreSQL (test/integration/api-postgres.test.ts). Lists: the
 * custom blocklist fixture (packages/core/test/fixtures/custom), small and with wallets.
 */
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { execFile } from 'node:child_process';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { after, before, describe, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { createApp, type App } from '../src/app.ts';
import { createServer } from '../src/api/server.ts';
import { loadConfig } from '../src/config.ts';
import { coreFixture, repoRoot, silentLogger, tempDir, type TestDatabase } from './helpers.ts';

const run = promisify(execFile);
const BIN = resolve(repoRoot, 'packages/server/bin/sekisho.js');

export const LISTED_PERSON = { name: 'Kenji TANAKA', birthDate: '1982-11-03', wallet: 'bc1qm34lsc65zpw79lxes69zkqmk6ee3ewf0j77s3h' };

export interface ApiHarness {
  app: App;
  server: FastifyInstance;
  base: string;
  tokens: Record<'service' | 'viewer' | 'admin' | 'analyst' | 'supervisor', string>;
  call(method: string, path: string, options?: { token?: string | null; body?: unknown; raw?: string; headers?: Record<string, string> }): Promise<{ status: number; body: any; headers: Headers }>;
  close(): Promise<void>;
}

export async function startHarness(db: TestDatabase, options: { lists?: boolean; bodyLimit?: number; rate?: number; burst?: number } = {}): Promise<ApiHarness> {
  const app = await createApp(loadConfig({ SEKISHO_DB: db.url, DATABASE_URL: db.url.startsWith('postgres') ? db.url : undefined, SEKISHO_KEY_CACHE_MS: '0' }), { logger: silentLogger });
  if (options.lists !== false) await app.loader.load('custom', [coreFixture('custom/blocklist.csv')]);
  const tokens = {} as ApiHarness['tokens'];
  for (const role of ['service', 'viewer', 'admin', 'analyst', 'supervisor'] as const) tokens[role] = (await app.keys.create({ role, name: `test ${role}`, actor: 'test' })).token;
  const server = await createServer(app, { bodyLimit: options.bodyLimit ?? 1024 * 1024, rateLimit: { rate: options.rate ?? 0, burst: options.burst ?? 1 } });
  const base = await server.listen({ port: 0, host: '127.0.0.1' });
  const call: ApiHarness['call'] = async (method, path, o = {}) => {
    const headers: Record<string, string> = { ...(o.headers ?? {}) };
    const token = o.token === undefined ? tokens.service : o.token;
    if (token) headers.authorization = `Bearer ${token}`;
    let body: string | undefined;
    if (o.raw !== undefined) body = o.raw;
    else if (o.body !== undefined) body = JSON.stringify(o.body);
    if (body !== undefined) headers['content-type'] ??= 'application/json';
    const response = await fetch(`${base}${path}`, { method, headers, body });
    const text = await response.text();
    let parsed: unknown = text;
    try {
      parsed = JSON.parse(text);
    } catch {
      // Plain text (metrics).
    }
    return { status: response.status, body: parsed as any, headers: response.headers };
  };
  return {
    app, server, base, tokens, call,
    close: async () => {
      await server.close();
      await app.close();
    },
  };
}

export function apiSuite(label: string, makeDb: () => Promise<TestDatabase>): void {
  describe(`API end to end (${label})`, () => {
    let db: TestDatabase;
    let h: ApiHarness;
    const counts = async () => ({
      events: Number((await h.app.store.db.selectFrom('event').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n),
      alerts: Number((await h.app.store.db.selectFrom('alert').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n),
      audit: (await h.app.audit.head()).seq,
      customers: Number((await h.app.store.db.selectFrom('customer').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n),
    });
    const onboard = (id: string, customerId: string, name: string, birthDate?: string) => ({
      id, type: 'customer.onboarded', data: { customer: { id: customerId, type: 'person', names: [{ name }], ...(birthDate ? { birthDate } : {}), nationalities: ['JP'] } },
    });

    before(async () => {
      db = await makeDb();
      h = await startHarness(db);
    });
    after(async () => {
      await h?.close();
      await db?.cleanup();
    });

    test('health, readiness and metrics answer without a key', async () => {
      assert.equal((await h.call('GET', '/healthz', { token: null })).status, 200);
      const ready = await h.call('GET', '/readyz', { token: null });
      assert.equal(ready.status, 200);
      assert.deepEqual(ready.body.lists.map((l: any) => l.source), ['custom']);
      const doc = await h.call('GET', '/openapi.json', { token: null });
      assert.equal(doc.body.openapi, '3.1.0');
    });

    test('onboarding a customer whose name is listed raises an alert and blocks the onboarding', async () => {
      const before = await counts();
      const r = await h.call('POST', '/v1/events', { body: onboard('ev-onboard-1', 'cust-tanaka', LISTED_PERSON.name, LISTED_PERSON.birthDate) });
      assert.equal(r.status, 201, JSON.stringify(r.body));
      assert.equal(r.body.decision, 'block');
      assert.equal(r.body.replayed, false);
      const reason = r.body.reasons.find((x: any) => x.check === 'sanctions.name');
      assert.equal(reason.entityId, 'custom:FR-2024-001');
      assert.equal(reason.severity, 'confirmed');
      assert.deepEqual(r.body.lists, [{ source: 'custom', version: 1 }]);
      assert.equal(r.body.alerts.length, 1);
      assert.equal(r.body.alerts[0].created, true);
      const after = await counts();
      assert.equal(after.events, before.events + 1);
      assert.equal(after.alerts, before.alerts + 1);
      assert.ok(after.audit >= before.audit + 2, 'the decision and the alert are audited');
      const customer = await h.call('GET', '/v1/customers/cust-tanaka', { token: h.tokens.viewer });
      assert.equal(customer.body.status, 'match');
      const alert = await h.call('GET', `/v1/alerts/${r.body.alerts[0].id}`, { token: h.tokens.analyst });
      assert.equal(alert.body.alert.customerId, 'cust-tanaka');
      assert.equal(alert.body.alert.status, 'open');
    });

    test('an unrelated customer is allowed and stays clear', async () => {
      const r = await h.call('POST', '/v1/events', { body: onboard('ev-onboard-2', 'cust-sato', 'Hanako SATO', '1990-04-01') });
      assert.equal(r.status, 201);
      assert.equal(r.body.decision, 'allow');
      assert.deepEqual(r.body.alerts, []);
      assert.equal((await h.call('GET', '/v1/customers/cust-sato')).body.status, 'clear');
    });

    test('a withdrawal to a listed wallet is blocked', async () => {
      const r = await h.call('POST', '/v1/events', {
        body: { id: 'ev-wd-1', type: 'withdrawal.requested', customerId: 'cust-sato', data: { chain: 'bitcoin', asset: 'BTC', destinationAddress: LISTED_PERSON.wallet.toUpperCase(), amount: '0.25', beneficiary: { type: 'person', names: [{ name: 'Taro YAMADA' }] } } },
      });
      assert.equal(r.status, 201, JSON.stringify(r.body));
      assert.equal(r.body.decision, 'block');
      const reason = r.body.reasons.find((x: any) => x.check === 'sanctions.wallet');
      assert.equal(reason.entityId, 'custom:FR-2024-001');
      assert.equal(reason.outcome, 'block');
    });

    test('a deposit from a listed wallet is frozen', async () => {
      const r = await h.call('POST', '/v1/events', {
        body: { id: 'ev-dep-1', type: 'deposit.detected', customerId: 'cust-sato', data: { chain: 'bitcoin', asset: 'BTC', txHash: 'ab'.repeat(32), sourceAddresses: ['1AjZPMsnmpdK2Rv9KQNfMurTXinscVro9V'], amount: '1.5' } },
      });
      assert.equal(r.status, 201);
      assert.equal(r.body.decision, 'freeze');
    });

    test('a repeated event id returns the first decision and changes nothing; another body under the same id is refused', async () => {
      const body = { id: 'ev-wd-2', type: 'withdrawal.requested', customerId: 'cust-sato', data: { chain: 'bitcoin', asset: 'BTC', destinationAddress: LISTED_PERSON.wallet, amount: '0.1' } };
      const first = await h.call('POST', '/v1/events', { body });
      assert.equal(first.status, 201);
      const before = await counts();
      const again = await h.call('POST', '/v1/events', { body });
      assert.equal(again.status, 200);
      assert.equal(again.body.replayed, true);
      assert.deepEqual({ ...again.body, replayed: false }, first.body);
      const conflict = await h.call('POST', '/v1/events', { body: { ...body, data: { ...body.data, amount: '0.2' } } });
      assert.equal(conflict.status, 409);
      assert.equal(conflict.body.error.code, 'SEK_EVENT_CONFLICT');
      assert.deepEqual(await counts(), before);
    });

    test('concurrent posts of one id are decided once', async () => {
      const body = { id: 'ev-login-race', type: 'login', customerId: 'cust-sato', data: { ip: '203.0.113.7' } };
      const before = await counts();
      const answers = await Promise.all(Array.from({ length: 8 }, () => h.call('POST', '/v1/events', { body })));
      assert.equal(answers.filter((a) => a.status === 201).length, 1);
      assert.equal(answers.filter((a) => a.status === 200).length, 7);
      const after = await counts();
      assert.equal(after.events, before.events + 1);
    });

    test('bad input gets a 4xx with a stable code and writes nothing', async () => {
      const before = await counts();
      const good = { id: 'ev-bad', type: 'login', customerId: 'cust-sato', data: { ip: '198.51.100.1' } };
      const cases: [string, Parameters<ApiHarness['call']>[2], number, string][] = [
        ['malformed JSON', { raw: '{"id": "x", ' }, 400, 'SEK_REQUEST_JSON'],
        ['wrong type', { body: { ...good, data: { ip: 42 } } }, 400, 'SEK_REQUEST_INVALID'],
        ['unknown field', { body: { ...good, extra: true } }, 400, 'SEK_REQUEST_INVALID'],
        ['unknown field inside data', { body: { ...good, data: { ...good.data, country: 'RU' } } }, 400, 'SEK_REQUEST_INVALID'],
        ['unknown event type', { body: { ...good, type: 'payment.sent' } }, 400, 'SEK_REQUEST_INVALID'],
        ['invalid address', { body: { id: 'ev-bad-addr', type: 'withdrawal.requested', customerId: 'cust-sato', data: { chain: 'bitcoin', asset: 'BTC', destinationAddress: 'bc1qm34lsc65zpw79lxes69zkqmk6ee3ewf0j77s3x', amount: '1' } } }, 400, 'SEK_ADDRESS_INVALID'],
        ['an invalid registered wallet', { body: { id: 'ev-bad-wallet', type: 'customer.onboarded', data: { customer: { id: 'cust-bad-wallet', type: 'person', names: [{ name: 'A B' }], wallets: [{ address: '0x8576acc5c05d6ce88f4e49bf65bdf0c62f91353', chain: 'ethereum' }] } } } }, 400, 'SEK_ADDRESS_INVALID'],
        ['a deposit without source addresses', { body: { id: 'ev-no-src', type: 'deposit.detected', customerId: 'cust-sato', data: { chain: 'bitcoin', asset: 'BTC', txHash: 'cd'.repeat(32), sourceAddresses: [], amount: '1' } } }, 400, 'SEK_REQUEST_INVALID'],
        ['amount as a float', { body: { id: 'ev-bad-amt', type: 'withdrawal.requested', customerId: 'cust-sato', data: { chain: 'bitcoin', asset: 'BTC', destinationAddress: LISTED_PERSON.wallet, amount: 0.1 } } }, 400, 'SEK_REQUEST_INVALID'],
        ['no key', { token: null, body: good }, 401, 'SEK_UNAUTHENTICATED'],
        ['a made-up key', { token: 'sek_000000000000_AAAA', body: good }, 401, 'SEK_UNAUTHENTICATED'],
        ['a viewer posting an event', { token: h.tokens.viewer, body: good }, 403, 'SEK_FORBIDDEN'],
        ['text instead of JSON', { raw: 'hello', headers: { 'content-type': 'text/plain' } }, 415, 'SEK_MEDIA_TYPE'],
      ];
      for (const [what, options, status, code] of cases) {
        const r = await h.call('POST', '/v1/events', options);
        assert.equal(r.status, status, `${what}: ${JSON.stringify(r.body)}`);
        assert.equal(r.body.error.code, code, what);
        assert.ok(r.body.error.message && r.body.error.hint, what);
      }
      assert.deepEqual(await counts(), before);
    });

    test('a revoked key is refused', async () => {
      const { key, token } = await h.app.keys.create({ role: 'service', actor: 'test' });
      assert.equal((await h.call('GET', '/v1/lists', { token })).status, 200);
      const revoked = await h.call('DELETE', `/v1/keys/${key.id}`, { token: h.tokens.admin });
      assert.equal(revoked.status, 200);
      const r = await h.call('GET', '/v1/lists', { token });
      assert.equal(r.status, 401);
      assert.equal(r.body.error.code, 'SEK_UNAUTHENTICATED');
    });

    test('analysts work alerts: closing needs a disposition; a false positive clears the customer', async () => {
      const r = await h.call('POST', '/v1/events', { body: onboard('ev-onboard-3', 'cust-tanaka-2', 'Kenji Tanaka') });
      assert.equal(r.body.decision, 'hold', JSON.stringify(r.body.reasons));
      const id = r.body.alerts[0].id;
      assert.equal((await h.call('GET', '/v1/customers/cust-tanaka-2')).body.status, 'possible-match');
      const list = await h.call('GET', '/v1/alerts?status=open&customerId=cust-tanaka-2', { token: h.tokens.viewer });
      assert.deepEqual(list.body.alerts.map((a: any) => a.id), [id]);
      const refused = await h.call('PATCH', `/v1/alerts/${id}`, { token: h.tokens.analyst, body: { status: 'closed' } });
      assert.equal(refused.status, 409);
      assert.equal(refused.body.error.code, 'SEK_ALERT_CHANGE');
      const viewer = await h.call('PATCH', `/v1/alerts/${id}`, { token: h.tokens.viewer, body: { status: 'closed', disposition: 'false-positive' } });
      assert.equal(viewer.status, 403);
      const closed = await h.call('PATCH', `/v1/alerts/${id}`, { token: h.tokens.analyst, body: { status: 'closed', disposition: 'false-positive', assignee: 'analyst-1', note: 'different birth date on the passport' } });
      assert.equal(closed.status, 200, JSON.stringify(closed.body));
      assert.equal(closed.body.alert.status, 'closed');
      assert.equal(closed.body.notes.length, 1);
      assert.deepEqual(closed.body.notes[0].change.status, ['open', 'closed']);
      assert.equal((await h.call('GET', '/v1/customers/cust-tanaka-2')).body.status, 'clear');
      const audit = await h.call('GET', `/v1/audit?action=alert.updated`, { token: h.tokens.supervisor });
      assert.ok(audit.body.entries.some((e: any) => e.subject === `alert:${id}`));
    });

    test('a repeated PUT of the same customer record changes nothing', async () => {
      const customer = { id: 'cust-put', type: 'legal', names: [{ name: 'Sakura Trading KK' }], jurisdiction: 'JP', owners: [{ share: 60, party: { type: 'person', names: [{ name: 'Ichiro SUZUKI' }] } }] };
      const first = await h.call('PUT', '/v1/customers/cust-put', { body: customer });
      assert.equal(first.status, 201, JSON.stringify(first.body));
      assert.equal(first.body.customer.status, 'clear');
      const before = await counts();
      const again = await h.call('PUT', '/v1/customers/cust-put', { body: customer });
      assert.equal(again.status, 200);
      assert.deepEqual(await counts(), before);
      // A, B, then A again: the third PUT is a change back, stored as revision 3.
      const changed = { ...customer, jurisdiction: 'SG' };
      const second = await h.call('PUT', '/v1/customers/cust-put', { body: changed });
      assert.equal(second.status, 201);
      assert.equal(second.body.customer.revision, 2);
      const back = await h.call('PUT', '/v1/customers/cust-put', { body: customer });
      assert.equal(back.status, 201);
      assert.equal(back.body.customer.revision, 3);
      assert.equal((await h.call('GET', '/v1/customers/cust-put')).body.customer.jurisdiction, 'JP');
      const mismatch = await h.call('PUT', '/v1/customers/other-id', { body: customer });
      assert.equal(mismatch.body.error.code, 'SEK_REQUEST_INVALID');
    });

    test('screening routes answer for one party, many, and an address', async () => {
      const one = await h.call('POST', '/v1/screen/party', { token: h.tokens.analyst, body: { party: { type: 'person', names: [{ name: 'TANAKA Kenji' }], birthDate: '1982-11-03' } } });
      assert.equal(one.status, 200, JSON.stringify(one.body));
      assert.equal(one.body.results[0].hits[0].entityId, 'custom:FR-2024-001');
      const many = await h.call('POST', '/v1/screen/party', { body: { parties: [{ type: 'legal', names: [{ name: 'Volga Digital Exchange' }] }, { type: 'person', names: [{ name: 'Hanako SATO' }] }] } });
      assert.equal(many.body.results.length, 2);
      assert.equal(many.body.results[0].hits[0]?.entityId, 'custom:FR-2024-002');
      assert.deepEqual(many.body.results[1].hits, []);
      const tooMany = await h.call('POST', '/v1/screen/party', { body: { parties: Array.from({ length: 1001 }, () => ({ type: 'person', names: [{ name: 'A B' }] })) } });
      assert.equal(tooMany.body.error.code, 'SEK_REQUEST_INVALID');
      const address = await h.call('POST', '/v1/screen/address', { body: { address: LISTED_PERSON.wallet } });
      assert.equal(address.body.hits[0].entityId, 'custom:FR-2024-001');
      const bad = await h.call('POST', '/v1/screen/address', { body: { address: 'not-an-address' } });
      assert.equal(bad.status, 400);
      assert.equal(bad.body.error.code, 'SEK_ADDRESS_INVALID');
    });

    test('the audit chain verifies, and an edited row is caught', async () => {
      const ok = await h.call('GET', '/v1/audit/verify', { token: h.tokens.supervisor });
      assert.equal(ok.body.ok, true, JSON.stringify(ok.body.problems));
      const entries = await h.call('GET', '/v1/audit?action=event.decided&limit=1', { token: h.tokens.admin });
      const seq = entries.body.entries[0].seq;
      await h.app.store.db.updateTable('audit_log').set({ data: entries.body.entries[0].data && JSON.stringify({ ...entries.body.entries[0].data, decision: 'allow' }) }).where('seq', '=', seq).execute();
      const broken = await h.call('GET', '/v1/audit/verify', { token: h.tokens.supervisor });
      assert.equal(broken.body.ok, false);
      assert.ok(broken.body.problems.some((p: any) => p.seq === seq && p.kind === 'hash-mismatch'));
      // Put it back so the suite's later tests see a sound chain.
      await h.app.store.db.updateTable('audit_log').set({ data: JSON.stringify(entries.body.entries[0].data) }).where('seq', '=', seq).execute();
    });

    test('activating a list version that adds a customer’s name raises an alert for that customer', async () => {
      assert.equal((await h.call('GET', '/v1/customers/cust-sato')).body.status, 'clear');
      const { dir, cleanup } = tempDir();
      try {
        const file = join(dir, 'blocklist.csv');
        const original = readFileSync(coreFixture('custom/blocklist.csv'), 'utf8');
        writeFileSync(file, `${original.trimEnd()}\nFR-2026-006,Person,Hanako SATO,,1990-04-01,JP,JP,,,,Internal fraud,2026-11-01,Added for the rescreen test,\n`);
        const load = await h.call('POST', '/v1/lists/custom/load', { token: h.tokens.admin, body: { files: [file] } });
        assert.equal(load.status, 200, JSON.stringify(load.body));
        assert.equal(load.body.version.version, 2);
        await h.app.settled();
        const alerts = await h.call('GET', '/v1/alerts?customerId=cust-sato&origin=rescreen', { token: h.tokens.analyst });
        assert.equal(alerts.body.alerts.length, 1, JSON.stringify(alerts.body));
        assert.equal(alerts.body.alerts[0].entityId, 'custom:FR-2026-006');
        assert.equal(alerts.body.alerts[0].listVersion, 2);
        assert.notEqual((await h.call('GET', '/v1/customers/cust-sato')).body.status, 'clear');
        const activated = await h.call('GET', '/v1/audit?action=list.activated', { token: h.tokens.supervisor });
        assert.ok(activated.body.entries.some((e: any) => e.subject === 'custom' && e.data.version === 2 && e.actor.startsWith('key:')));
      } finally {
        cleanup();
      }
    });

    test('a list version loaded by another process is used by the very next decision', async () => {
      const { dir, cleanup } = tempDir();
      try {
        const file = join(dir, 'blocklist.csv');
        const current = await h.app.lists.activeVersion('custom');
        const original = readFileSync(coreFixture('custom/blocklist.csv'), 'utf8');
        writeFileSync(file, `${original.trimEnd()}\nFR-2026-006,Person,Hanako SATO,,1990-04-01,JP,JP,,,,Internal fraud,2026-11-01,,\nFR-2026-007,Person,Boris ZHUKOVSKY,,1971-02-03,RU,RU,,,,Internal fraud,2026-11-02,,\n`);
        const env = db.url.startsWith('postgres') ? { DATABASE_URL: db.url } : { SEKISHO_DB: db.url, DATABASE_URL: '' };
        await run(process.execPath, [BIN, 'lists', 'load', 'custom', file], { env: { ...process.env, ...env, SEKISHO_LOG_LEVEL: 'silent' } });
        const r = await h.call('POST', '/v1/events', { body: onboard('ev-onboard-bz', 'cust-bz', 'Boris Zhukovsky', '1971-02-03') });
        assert.equal(r.status, 201, JSON.stringify(r.body));
        assert.deepEqual(r.body.lists, [{ source: 'custom', version: current!.version + 1 }]);
        // The listed nationality (RU) differs from the customer's (JP): a possible match, held.
        assert.equal(r.body.decision, 'hold');
        assert.ok(r.body.reasons.some((x: any) => x.entityId === 'custom:FR-2026-007'));
      } finally {
        cleanup();
      }
    });

    test('transport details: a lower-case bearer scheme, a malformed URL, a body nested too deep', async () => {
      assert.equal((await h.call('GET', '/v1/lists', { token: null, headers: { authorization: `bearer ${h.tokens.viewer}` } })).status, 200);
      const badUrl = await h.call('GET', '/v1/customers/%zz', { token: h.tokens.viewer });
      assert.equal(badUrl.status, 400);
      assert.equal(badUrl.body.error.code, 'SEK_REQUEST_INVALID');
      // 3,000 levels of owners (about 200 KB, under the body limit), written as text.
      let party = '{"type":"person","names":[{"name":"Deep Owner"}]}';
      for (let i = 0; i < 3000; i++) party = `{"type":"legal","names":[{"name":"Layer ${i}"}],"owners":[{"share":100,"party":${party}}]}`;
      const before = await counts();
      const deep = await h.call('POST', '/v1/events', { raw: `{"id":"ev-deep","type":"customer.onboarded","data":{"customer":{"id":"cust-deep","type":"legal","names":[{"name":"Top KK"}],"owners":[{"share":100,"party":${party}}]}}}` });
      assert.equal(deep.status, 400, JSON.stringify(deep.body).slice(0, 300));
      assert.equal(deep.body.error.code, 'SEK_REQUEST_INVALID');
      assert.deepEqual(await counts(), before);
    });

    test('metrics count decided events', async () => {
      const m = await h.call('GET', '/metrics', { token: null });
      assert.match(m.body, /sekisho_events_total\{type="withdrawal.requested",decision="block"\} \d+/);
      assert.match(m.body, /sekisho_http_request_duration_seconds_bucket/);
    });
  });
}
