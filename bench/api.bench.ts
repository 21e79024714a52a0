/**
 * bench:api — `withdrawal.requested` events over HTTP on loopback (autocannon), each screening
 * one beneficiary name and one destination wallet against UN + OFAC SDN, persisted with its
 * audit entry, on SQLite and on PostgreSQL. The baseline, measured in the same run against the
 * same server process, is GET /healthz: the HTTP floor of this machine. Every run has transaction
 * monitoring on (the server's default, every rule); one more SQLite run turns it off.
 * Target (issue 5, and issue 7 with monitoring on): ≥ 3,000 events/s with p99 ≤ 35 ms on SQLite.
 * Set BENCH_API_SECONDS (default 20) and BENCH_API_CONNECTIONS (default 24) to vary the run.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { resolve } from 'node:path';
import autocannon from 'autocannon';
import { parse } from 'csv-parse/sync';
import pg from 'pg';
import pino from 'pino';
import { RULES, validate } from '../packages/core/src/index.ts';
import { createApp } from '../packages/server/src/app.ts';
import { loadConfig } from '../packages/server/src/config.ts';
import { machine, repoRoot, writeSection } from './report.ts';
import { yardstickMs, yardstickText } from './yardstick.ts';

const shared = (p: string) => resolve(repoRoot, '../shared', p);
const SECONDS = Number(process.env.BENCH_API_SECONDS ?? 20);
const CONNECTIONS = Number(process.env.BENCH_API_CONNECTIONS ?? 24);
const CUSTOMERS = 2000;
const work = resolve(repoRoot, '.tmp/bench-api');
rmSync(work, { recursive: true, force: true });
mkdirSync(work, { recursive: true });

// Beneficiary names: the yente non-listed people, and synthetic combinations of their parts.
const people = ['negatives_global_1k.csv', 'negatives_us_1k.csv'].flatMap((f) => (parse(readFileSync(shared(`screening-data/yente/${f}`)), { columns: true }) as Record<string, string>[]).map((r) => r.full_name!)).filter(Boolean);
const given = people.map((n) => n.split(/\s+/)[0]!);
const family = people.map((n) => n.split(/\s+/).pop()!);
// mulberry32: a small seeded generator (reproducible runs) without the short cycles of a float LCG.
let seed = 42;
const random = () => {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};
const pick = <T>(xs: T[]) => xs[Math.floor(random() * xs.length)]!;
// 1 in 100 withdrawals goes to a wallet on the OFAC list; the rest to random valid addresses.
const listedWallets = (parse(readFileSync(shared('chain-analytics/ofac_sdn_crypto_addresses_2025-11-19.csv')), { columns: true }) as Record<string, string>[])
  .filter((r) => r.asset === 'ETH' && validate(r.address!, 'ethereum').valid)
  .map((r) => r.address!);
const hex = () => Array.from({ length: 40 }, () => '0123456789abcdef'[Math.floor(random() * 16)]).join('');

let counter = 0;
// Customers' names, fixed per customer: a withdrawal to oneself names the customer as beneficiary.
const customerNames: string[] = [];
const customerName = (c: number) => (customerNames[c] ??= `${pick(given)} ${pick(family)}`);
/** Share of withdrawals to the customer's own wallet elsewhere (the beneficiary is the customer). */
const SELF_SHARE = 0.4;

function withdrawal(run: string) {
  const i = counter++;
  const c = i % CUSTOMERS;
  const name = random() < SELF_SHARE ? customerName(c) : `${pick(given)} ${pick(family)}`;
  return {
    id: `${run}-${i}`,
    type: 'withdrawal.requested',
    customerId: `cust-${c}`,
    data: { chain: 'ethereum', asset: 'ETH', destinationAddress: i % 100 === 0 ? pick(listedWallets) : `0x${hex()}`, amount: `${(i % 997) + 1}.25`, beneficiary: { type: 'person', names: [{ name }] } },
  };
}

async function prepare(env: Record<string, string>): Promise<string> {
  const app = await createApp(loadConfig(env), { logger: pino({ level: 'silent' }) });
  await app.loader.load('un', [shared('screening-data/watchman/UN_consolidated_2026-02-27.xml')]);
  await app.loader.load('ofac-advanced', [shared('chain-analytics/ofac_sdn_advanced_2025-11-19.xml.bz2')]);
  const { token } = await app.keys.create({ role: 'service', name: 'bench', actor: 'bench' });
  for (let c = 0; c < CUSTOMERS; c++) {
    await app.events.submit({ id: `onboard-${c}`, type: 'customer.onboarded', data: { customer: { id: `cust-${c}`, type: 'person', names: [{ name: customerName(c) }], birthDate: `19${50 + (c % 50)}-0${1 + (c % 9)}-1${c % 10}`, nationalities: ['JP'] } } } as never, 'bench');
  }
  await app.close();
  return token;
}

async function serve(env: Record<string, string>): Promise<{ child: ChildProcess; base: string }> {
  const child = spawn(process.execPath, [resolve(repoRoot, 'packages/server/bin/sekisho.js'), 'serve', '--port', '0'], { env: { ...process.env, ...env, SEKISHO_LOG_LEVEL: 'warn' }, stdio: ['ignore', 'ignore', 'pipe'] });
  let text = '';
  const base = await new Promise<string>((ok, fail) => {
    child.stderr!.on('data', (c: Buffer) => {
      text += c.toString();
      const m = /sekisho serving on (\S+)/.exec(text);
      if (m) ok(m[1]!);
    });
    child.once('exit', (code) => fail(new Error(`server exited ${code}: ${text}`)));
  });
  // Wait until the screening index is built.
  while ((await fetch(`${base}/readyz`)).status !== 200) await new Promise((r) => setTimeout(r, 200));
  return { child, base };
}

interface Figures { rps: number; p50: number; p99: number; p999: number; errors: number; non2xx: number; total: number }
async function cannon(base: string, token: string, kind: 'events' | 'healthz', seconds: number, run: string): Promise<Figures> {
  const result = await autocannon({
    url: base,
    connections: CONNECTIONS,
    duration: seconds,
    requests: [
      kind === 'events'
        ? { method: 'POST', path: '/v1/events', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, setupRequest: (req: any) => ({ ...req, body: JSON.stringify(withdrawal(run)) }) }
        : { method: 'GET', path: '/healthz' },
    ],
  });
  return { rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99, p999: result.latency.p99_9, errors: result.errors + result.timeouts, non2xx: result.non2xx, total: result.requests.total };
}

async function measure(label: string, env: Record<string, string>, prepared?: string) {
  console.error(`${label}: ${prepared ? 'same store' : `loading lists and ${CUSTOMERS} customers`} …`);
  const token = prepared ?? (await prepare(env));
  const { child, base } = await serve(env);
  try {
    console.error(`${label}: warm-up …`);
    const slug = label.toLowerCase().replace(/[^a-z0-9]+/g, '-');
    await cannon(base, token, 'events', 3, `${slug}-warm`);
    console.error(`${label}: baseline GET /healthz …`);
    const floor = await cannon(base, token, 'healthz', 5, 'floor');
    console.error(`${label}: withdrawal events for ${SECONDS} s …`);
    const events = await cannon(base, token, 'events', SECONDS, slug);
    if (events.non2xx || events.errors) console.error(`${label}: ${events.non2xx} non-2xx answers and ${events.errors} errors`);
    const metrics = await (await fetch(`${base}/metrics`)).text();
    const stats = metrics.match(/sekisho_events_total\{type="withdrawal.requested",decision="(\w+)"\} (\d+)/g) ?? [];
    const cache = (outcome: string) => Number(new RegExp(`sekisho_screening_cache_lookups\\{outcome="${outcome}"\\} (\\d+)`).exec(metrics)?.[1] ?? 0);
    const lookups = cache('hit') + cache('miss');
    return { label, token, floor, events, cacheHitRate: lookups ? cache('hit') / lookups : 0, decisions: stats.map((s) => s.replace(/.*decision="(\w+)"\} (\d+)/, '$1: $2')).join(', ') };
  } finally {
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
  }
}

const yardstick = yardstickMs();
const sqlite = await measure('SQLite', { SEKISHO_DB: resolve(work, 'bench.db') });
// The same store and load without the screening result cache: every name screened afresh.
const uncached = await measure('SQLite, no result cache', { SEKISHO_DB: resolve(work, 'bench.db'), SEKISHO_SCREEN_CACHE: '0' }, sqlite.token);
// The same without the on-chain exposure lookup of the destination (issue 6): what it costs.
const noExposure = await measure('SQLite, exposure off', { SEKISHO_DB: resolve(work, 'bench.db'), SEKISHO_EXPOSURE_HOPS: '0' }, sqlite.token);
// The same without transaction monitoring (issue 7): what the rules, their state and alerts cost.
const noMonitoring = await measure('SQLite, monitoring off', { SEKISHO_DB: resolve(work, 'bench.db'), SEKISHO_MONITORING: 'off' }, sqlite.token);
let postgres: Awaited<ReturnType<typeof measure>> | undefined;
const PG = process.env.PG_TEST_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
try {
  const admin = new pg.Client({ connectionString: PG });
  await admin.connect();
  await admin.query('drop database if exists sekisho_bench_api with (force)');
  await admin.query('create database sekisho_bench_api');
  await admin.end();
  const url = new URL(PG);
  url.pathname = '/sekisho_bench_api';
  postgres = await measure('PostgreSQL', { DATABASE_URL: url.toString() });
} catch (error) {
  console.error(`PostgreSQL part skipped: ${(error as Error).message}`);
}

const date = new Date().toISOString().slice(0, 10);
const ok = (c: boolean) => (c ? 'met' : '**missed**');
const row = (m: NonNullable<typeof postgres>) =>
  `| ${m.label} | ${m.events.rps.toFixed(0)} | ${(m.cacheHitRate * 100).toFixed(0)} % | ${m.events.p50} ms | ${m.events.p99} ms | ${m.events.p999} ms | ${m.events.errors + m.events.non2xx} of ${m.events.total} | ${m.floor.rps.toFixed(0)} req/s, p99 ${m.floor.p99} ms | ${(m.events.rps / m.floor.rps).toFixed(2)} |`;
writeSection(
  'api',
  `## api — events over HTTP (${date})

Machine: ${machine()}; ${yardstickText(yardstick)}. Server: \`sekisho serve\` (one process) on loopback; load: autocannon in the bench process, ${CONNECTIONS} connections, ${SECONDS} s after a 3 s warm-up. Lists: UN (2026-02-27) and OFAC SDN advanced (2025-11-19). Each event is a \`withdrawal.requested\` with a fresh id for one of ${CUSTOMERS.toLocaleString('en')} onboarded customers, screening one beneficiary name and one destination wallet (1 in 100 on the OFAC list), then storing the event, its alerts and its audit entry before answering. Baseline: GET /healthz on the same server in the same run.

| store | events/s | name cache hits | p50 | p99 | p99.9 | errors / non-2xx | baseline /healthz | events ÷ baseline |
|---|---|---|---|---|---|---|---|---|
${row(sqlite)}
${row(uncached)}
${row(noExposure)}
${row(noMonitoring)}
${postgres ? row(postgres) : '| PostgreSQL | not measured (no server) | | | | | | | |'}

Decisions (SQLite run): ${sqlite.decisions}. The name cache keeps the results of recent screening queries per index (\`SEKISHO_SCREEN_CACHE\`, 20,000). Beneficiaries: ${SELF_SHARE * 100} % of withdrawals go to the customer's own wallet elsewhere (the beneficiary is the customer, whose name repeats), the rest name a fresh recombination of given and family names from the yente non-listed people (${people.length.toLocaleString('en')} names), which the cache has almost never seen; the second row turns the cache off. Every withdrawal also traces its destination's on-chain exposure (4 hops, issue 6) over the chain store, which holds no chain data in this bench: the cost measured is the lookup that finds nothing and the reason saying so; the third row turns exposure off (\`SEKISHO_EXPOSURE_HOPS=0\`). The cost of traces over real chain data is in the chain-exposure section. Every row runs transaction monitoring (issue 7) as the server does by default: all ${RULES.length} rules on every withdrawal, the customer's history, links and alerts stored with the event; the fourth row turns it off (\`SEKISHO_MONITORING=off\`). Event times here are the wall clock: at ${sqlite.events.rps.toFixed(0)} events/s each customer withdraws every ${(CUSTOMERS / sqlite.events.rps).toFixed(1)} s on average, so the velocity rule (28) sends most withdrawals to review (the decisions above) and its alerts are written too; the monitor section runs its events on a simulated clock instead. The heavier workload of the monitor section (more parties per withdrawal, travel-rule payloads, customers with logins and history) is measured there.

Target (SQLite): ≥ 3,000 events/s: ${ok(sqlite.events.rps >= 3000)}; p99 ≤ 35 ms: ${ok(sqlite.events.p99 <= 35)}.
`,
);
console.log(JSON.stringify({ yardstickMs: yardstick, sqlite, uncached, noExposure, noMonitoring, postgres }, null, 2));
