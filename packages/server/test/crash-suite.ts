/**
 * Crash safety and graceful shutdown of the real `sekisho serve` process. Crash: it is killed
 * with SIGKILL while clients post events; after a restart every event that got an answer is in
 * the store with the decision it was answered with, posting every event again decides none a
 * second time (each answered one replays its first decision), alert occurrences equal the stored
 * events that raised them, and the audit chain is intact with one decision entry per event.
 * Shutdown: SIGTERM mid-stream; see shutdownSuite.
 */
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';
import { test } from 'node:test';
import { createApp } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import { LISTED_PERSON } from './api-suite.ts';
import { coreFixture, repoRoot, silentLogger, type TestDatabase } from './helpers.ts';

const BIN = resolve(repoRoot, 'packages/server/bin/sekisho.js');

function envFor(db: TestDatabase): Record<string, string> {
  return { ...(process.env as Record<string, string>), SEKISHO_LOG_LEVEL: 'warn', ...(db.url.startsWith('postgres') ? { DATABASE_URL: db.url } : { SEKISHO_DB: db.url, DATABASE_URL: '' }) };
}

async function startServer(db: TestDatabase, logLevel = 'warn'): Promise<{ child: ChildProcess; base: string; log: () => string }> {
  const child = spawn(process.execPath, [BIN, 'serve', '--port', '0'], { env: { ...envFor(db), SEKISHO_LOG_LEVEL: logLevel }, stdio: ['ignore', 'ignore', 'pipe'] });
  let all = '';
  child.stderr!.on('data', (chunk: Buffer) => {
    all += chunk.toString();
  });
  const base = await new Promise<string>((resolveBase, reject) => {
    let text = '';
    const timer = setTimeout(() => reject(new Error(`server did not start: ${text}`)), 30_000);
    child.stderr!.on('data', (chunk: Buffer) => {
      text += chunk.toString();
      const m = /sekisho serving on (http:\/\/\S+)/.exec(text);
      if (m) {
        clearTimeout(timer);
        resolveBase(m[1]!);
      }
    });
    child.once('exit', (code) => reject(new Error(`server exited with ${code}: ${text}`)));
  });
  return { child, base, log: () => all };
}

function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((r) => child.once('exit', () => r()));
}

export function crashSuite(label: string, makeDb: () => Promise<TestDatabase>): void {
  test(`SIGKILL while events are posted loses no answered event and applies none twice (${label})`, { timeout: 120_000 }, async () => {
    const db = await makeDb();
    try {
      const setup = await createApp(loadConfig(envFor(db)), { logger: silentLogger });
      await setup.loader.load('custom', [coreFixture('custom/blocklist.csv')]);
      const { token } = await setup.keys.create({ role: 'service', actor: 'test' });
      await setup.close();

      const event = (i: number) =>
        i % 2 === 0
          ? { id: `crash-${i}`, type: 'withdrawal.requested', customerId: `c-${i % 7}`, data: { chain: 'bitcoin', asset: 'BTC', destinationAddress: LISTED_PERSON.wallet, amount: `${i}.5` } }
          : { id: `crash-${i}`, type: 'login', customerId: `c-${i % 7}`, data: { ip: `192.0.2.${i % 250}` } };
      const post = (base: string, i: number) =>
        fetch(`${base}/v1/events`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify(event(i)) }).then(async (r) => ({ status: r.status, body: (await r.json()) as any }));

      const first = await startServer(db);
      const answered = new Map<number, string>();
      let next = 0;
      let killed = false;
      const worker = async () => {
        while (!killed) {
          const i = next++;
          try {
            const r = await post(first.base, i);
            if (r.status === 201 || r.status === 200) answered.set(i, r.body.decision);
          } catch {
            // The connection died with the server: this event got no answer.
          }
        }
      };
      const workers = Array.from({ length: 16 }, worker);
      // Kill once a good number of events went through, mid-stream.
      while (answered.size < 300) await new Promise((r) => setTimeout(r, 10));
      first.child.kill('SIGKILL');
      killed = true;
      await Promise.all(workers);
      await exited(first.child);
      const sent = next;
      assert.ok(answered.size >= 300 && sent > answered.size - 1);

      const second = await startServer(db);
      try {
        const app = await createApp(loadConfig(envFor(db)), { logger: silentLogger });
        try {
          const rows = await app.store.db.selectFrom('event').select(['id', 'decision']).execute();
          const stored = new Map(rows.map((r) => [r.id, r.decision]));
          for (const [i, decision] of answered) assert.equal(stored.get(`crash-${i}`), decision, `answered event crash-${i} is stored with its decision`);
          // Posting everything again: answered and stored events replay; the rest are decided now, once.
          for (let i = 0; i < sent; i++) {
            const r = await post(second.base, i);
            if (stored.has(`crash-${i}`)) {
              assert.equal(r.status, 200, `crash-${i} replays`);
              assert.equal(r.body.decision, stored.get(`crash-${i}`));
            } else assert.equal(r.status, 201, `crash-${i} was not stored, so it is decided now`);
          }
          const events = await app.store.db.selectFrom('event').select(['id', 'type']).execute();
          assert.equal(events.length, sent);
          const withdrawals = events.filter((e) => e.type === 'withdrawal.requested').length;
          const occurrences = await app.store.db.selectFrom('alert').select('occurrences').where('kind', '<>', 'rule').execute();
          assert.equal(occurrences.reduce((n, a) => n + Number(a.occurrences), 0), withdrawals, 'one sanctions alert occurrence per stored withdrawal');
          // Monitoring rules (velocity, repeat counterparty …) alert too: never more than once per event and rule.
          const ruleAlerts = await app.store.db.selectFrom('alert').select(['occurrences', 'entity_id']).where('kind', '=', 'rule').execute();
          const perRule = new Map<string, number>();
          for (const a of ruleAlerts) perRule.set(a.entity_id, (perRule.get(a.entity_id) ?? 0) + Number(a.occurrences));
          for (const [rule, n] of perRule) assert.ok(n <= sent, `${rule}: ${n} occurrences for ${sent} events`);
          const activities = await app.store.db.selectFrom('customer_activity').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
          assert.equal(Number(activities.n), sent, 'one stored activity per stored event');
          const verification = await app.audit.verify();
          assert.equal(verification.ok, true, JSON.stringify(verification.problems.slice(0, 3)));
          const decided = await app.store.db.selectFrom('audit_log').select((eb) => eb.fn.countAll().as('n')).where('action', '=', 'event.decided').executeTakeFirstOrThrow();
          assert.equal(Number(decided.n), sent);
        } finally {
          await app.close();
        }
      } finally {
        second.child.kill('SIGTERM');
        await exited(second.child);
      }
    } finally {
      await db.cleanup();
    }
  });
}

/**
 * Graceful shutdown: SIGTERM while clients post events. The process exits 0 by itself; every
 * answered event is stored; the log, at info level, holds no name and no wallet of the events.
 */
export function shutdownSuite(label: string, makeDb: () => Promise<TestDatabase>): void {
  test(`SIGTERM while events are posted: answered events are stored, the process exits cleanly, logs carry no personal data (${label})`, { timeout: 120_000 }, async () => {
    const db = await makeDb();
    try {
      const setup = await createApp(loadConfig(envFor(db)), { logger: silentLogger });
      await setup.loader.load('custom', [coreFixture('custom/blocklist.csv')]);
      const { token } = await setup.keys.create({ role: 'service', actor: 'test' });
      await setup.close();
      const name = 'Sakurako Onodera-Whitfield';
      const event = (i: number) => ({ id: `term-${i}`, type: 'withdrawal.requested', customerId: `c-${i % 5}`, data: { chain: 'bitcoin', asset: 'BTC', destinationAddress: LISTED_PERSON.wallet, amount: '1', beneficiary: { type: 'person', names: [{ name }] } } });
      const server = await startServer(db, 'info');
      const answered = new Map<number, string>();
      let next = 0;
      let stopping = false;
      const worker = async () => {
        while (!stopping) {
          const i = next++;
          try {
            const r = await fetch(`${server.base}/v1/events`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify(event(i)) });
            const body = (await r.json()) as { decision?: string };
            if (r.status === 201) answered.set(i, body.decision!);
          } catch {
            // Refused once the server stopped listening.
          }
        }
      };
      const workers = Array.from({ length: 8 }, worker);
      while (answered.size < 100) await new Promise((r) => setTimeout(r, 10));
      const exit = new Promise<number | null>((r) => server.child.once('exit', (code) => r(code)));
      server.child.kill('SIGTERM');
      await new Promise((r) => setTimeout(r, 300));
      stopping = true;
      await Promise.all(workers);
      assert.equal(await exit, 0, server.log());
      const app = await createApp(loadConfig(envFor(db)), { logger: silentLogger });
      try {
        const rows = new Map((await app.store.db.selectFrom('event').select(['id', 'decision']).execute()).map((r) => [r.id, r.decision]));
        for (const [i, decision] of answered) assert.equal(rows.get(`term-${i}`), decision, `answered event term-${i} is stored`);
        assert.equal((await app.audit.verify()).ok, true);
      } finally {
        await app.close();
      }
      const log = server.log();
      assert.match(log, /shutting down/);
      assert.ok(!log.includes(name) && !log.includes('Onodera'), 'no beneficiary name in the log');
      assert.ok(!log.toLowerCase().includes(LISTED_PERSON.wallet.toLowerCase()), 'no wallet in the log');
    } finally {
      await db.cleanup();
    }
  });
}
