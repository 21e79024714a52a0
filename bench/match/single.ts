// Single-thread part of bench:match, in its own process (run with --expose-gc): index build
// time and memory, single-name query throughput and latency, and a brute-force Jaro-Winkler
// scan of every listed name measured in the same process. Prints JSON on stdout.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parse } from 'csv-parse/sync';
import { asciiFold, buildIndex, collectingContext, jaroWinkler, ofacAdvancedParser, ofacCsvParser, screen, unParser, type Entity, type ListParser } from '../../packages/core/src/index.ts';
import { openInputs } from '../../packages/server/src/lists/input.ts';

const shared = (p: string) => resolve(import.meta.dirname, '../../../shared', p);
const gc = (globalThis as { gc?: () => void }).gc ?? (() => {});
async function load(parser: ListParser, paths: string[], source: string) {
  const opened = await openInputs(paths);
  const out: { entity: Entity; source: string; version: number }[] = [];
  for await (const entity of parser.parse(opened.files, collectingContext())) out.push({ entity, source, version: 1 });
  return out;
}
const inputs = [
  ...(await load(unParser, [shared('screening-data/watchman/UN_consolidated_2026-02-27.xml')], 'un')),
  ...(await load(ofacAdvancedParser, [shared('chain-analytics/ofac_sdn_advanced_2025-11-19.xml.bz2')], 'ofac-advanced')),
  ...(await load(ofacCsvParser, ['cons_prim.csv', 'cons_alt.csv', 'cons_add.csv', 'cons_comments.csv'].map((f) => shared(`screening-data/watchman/${f}`)), 'ofac-csv')),
];
gc();
const heapBefore = process.memoryUsage().heapUsed;
const t0 = performance.now();
const index = buildIndex(inputs);
const buildMs = performance.now() - t0;
gc();
const indexMb = (process.memoryUsage().heapUsed - heapBefore) / 2 ** 20;

const names: string[] = [];
for (const f of ['positives_un_untreated.csv', 'positives_un_treated.csv', 'negatives_global_1k.csv', 'negatives_us_1k.csv', 'positives_us_congress_untreated.csv']) {
  for (const r of parse(readFileSync(shared(`screening-data/yente/${f}`)), { columns: true }) as Record<string, string>[]) names.push(r.full_name!);
}
for (let i = 0; i < 300; i++) screen(index, { name: names[i]! }); // warm-up
const times: number[] = [];
const started = performance.now();
for (const name of names) {
  const t = performance.now();
  screen(index, { name });
  times.push(performance.now() - t);
}
const totalMs = performance.now() - started;
times.sort((a, b) => a - b);

// Baseline: a brute-force scan, Jaro-Winkler of the folded query against every folded listed name.
const listed = index.names.map((n) => asciiFold(n.name.full));
const sample = names.filter((_, i) => i % 20 === 0);
const b0 = performance.now();
for (const q of sample) {
  const f = asciiFold(q);
  let best = 0;
  for (const l of listed) {
    const s = jaroWinkler(f, l);
    if (s > best) best = s;
  }
}
const bruteMs = (performance.now() - b0) / sample.length;

console.log(JSON.stringify({
  entities: index.size,
  names: index.names.length,
  buildMs,
  indexMb,
  queries: names.length,
  qps: names.length / (totalMs / 1000),
  p50: times[Math.floor(times.length * 0.5)],
  p99: times[Math.floor(times.length * 0.99)],
  max: times[times.length - 1],
  bruteMsPerQuery: bruteMs,
  bruteQps: 1000 / bruteMs,
}));
