/**
 * bench:match — the screening engine over the UN, OFAC SDN (advanced XML) and OFAC consolidated
 * lists: index build time and memory, single-name queries per second on one core with p50/p99,
 * the ratio to a brute-force Jaro-Winkler scan measured in the same run, and a batch of
 * 100,000 customers on worker threads. Targets (issue 3): ≥ 2,000 q/s, p99 ≤ 5 ms, build ≤ 5 s,
 * index ≤ 300 MB, batch ≤ 60 s.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';
import { parse } from 'csv-parse/sync';
import pino from 'pino';
import { createApp } from '../packages/server/src/app.ts';
import { loadConfig } from '../packages/server/src/config.ts';
import { screenFile } from '../packages/server/src/screening/batch.ts';
import { machine, repoRoot, writeSection } from './report.ts';

const shared = (p: string) => resolve(repoRoot, '../shared', p);
const work = resolve(repoRoot, '.tmp/bench-match');
rmSync(work, { recursive: true, force: true });
mkdirSync(work, { recursive: true });

console.error('single-thread run …');
const single = JSON.parse(execFileSync(process.execPath, ['--expose-gc', '--import', 'tsx', resolve(repoRoot, 'bench/match/single.ts')], { encoding: 'utf8', maxBuffer: 1 << 20 }).trim().split('\n').pop()!);

console.error('batch run …');
const app = await createApp(loadConfig({ SEKISHO_DB: resolve(work, 'bench.db') }), { logger: pino({ level: 'silent' }) });
await app.loader.load('un', [shared('screening-data/watchman/UN_consolidated_2026-02-27.xml')]);
await app.loader.load('ofac-advanced', [shared('chain-analytics/ofac_sdn_advanced_2025-11-19.xml.bz2')]);
await app.loader.load('ofac-csv', ['cons_prim.csv', 'cons_alt.csv', 'cons_add.csv', 'cons_comments.csv'].map((f) => shared(`screening-data/watchman/${f}`)));
// 100,000 customers: the yente rows (names in many scripts, birth dates, nationalities), cycled.
const rows: Record<string, string>[] = [];
for (const f of ['negatives_global_1k.csv', 'negatives_us_1k.csv', 'positives_us_congress_untreated.csv', 'positives_un_untreated.csv', 'positives_un_treated.csv']) {
  rows.push(...(parse(readFileSync(shared(`screening-data/yente/${f}`)), { columns: true }) as Record<string, string>[]));
}
const BATCH = Number(process.env.BENCH_BATCH ?? 100_000);
const csv = ['id,name,birth_date,nationality,gender'];
for (let i = 0; i < BATCH; i++) {
  const r = rows[i % rows.length]!;
  csv.push([i, `"${(r.full_name ?? '').replace(/"/g, '""')}"`, r.date_of_birth ?? '', r.nationality ?? '', r.gender ?? ''].join(','));
}
writeFileSync(resolve(work, 'customers.csv'), `${csv.join('\n')}\n`);
const b0 = performance.now();
const batch = await screenFile({ lists: app.lists }, { file: resolve(work, 'customers.csv'), out: resolve(work, 'results.jsonl') });
const batchMs = performance.now() - b0;
await app.close();

const date = new Date().toISOString().slice(0, 10);
const ok = (c: boolean) => (c ? 'met' : '**missed**');
writeSection(
  'match',
  `## match — name screening (${date})

Machine: ${machine()}. Lists: UN (2026-02-27), OFAC SDN advanced XML (2025-11-19), OFAC consolidated CSV: ${single.entities} entities, ${single.names} names.

| what | figure | target |
|---|---|---|
| index build | ${(single.buildMs / 1000).toFixed(2)} s | ≤ 5 s: ${ok(single.buildMs <= 5000)} |
| index memory (heap after build, after GC) | ${single.indexMb.toFixed(0)} MB | ≤ 300 MB: ${ok(single.indexMb <= 300)} |
| single-name queries, one core (${single.queries} names from the yente fixtures) | ${single.qps.toFixed(0)} q/s | ≥ 2,000: ${ok(single.qps >= 2000)} |
| latency p50 / p99 / max | ${single.p50.toFixed(2)} / ${single.p99.toFixed(2)} / ${single.max.toFixed(1)} ms | p99 ≤ 5 ms: ${ok(single.p99 <= 5)} |
| baseline: brute-force Jaro-Winkler over every listed name | ${single.bruteQps.toFixed(1)} q/s (${single.bruteMsPerQuery.toFixed(1)} ms per query) | — |
| ratio engine / brute force | ${(single.qps / single.bruteQps).toFixed(0)}× faster | — |
| batch: ${BATCH.toLocaleString('en')} customers, ${batch.workers} worker threads on ${availableParallelism()} cores | ${(batchMs / 1000).toFixed(1)} s in all (index ${(batch.buildMs / 1000).toFixed(1)} s, screening ${(batch.screenMs / 1000).toFixed(1)} s), ${batch.matches} with a match | ≤ 60 s: ${ok(batchMs <= 60_000)} |
`,
);
console.log(JSON.stringify({ single, batch, batchMs }));
