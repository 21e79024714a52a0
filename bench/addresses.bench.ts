/**
 * bench:addresses — wallet lookups per second on one core against the wallet index of the OFAC
 * advanced XML of 2025-11-19, and validation of mixed addresses per second, with a plain
 * string-keyed Map lookup measured in the same run as the baseline.
 * Targets (issue 4): ≥ 2,000,000 lookups/s, ≥ 200,000 validations/s.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parse } from 'csv-parse/sync';
import { buildWalletIndex, collectingContext, ofacAdvancedParser, validate, type Entity } from '../packages/core/src/index.ts';
import { openInputs } from '../packages/server/src/lists/input.ts';
import { machine, repoRoot, writeSection } from './report.ts';

const shared = (p: string) => resolve(repoRoot, '../shared', p);
const opened = await openInputs([shared('chain-analytics/ofac_sdn_advanced_2025-11-19.xml.bz2')]);
const inputs: { entity: Entity; source: string; version: number }[] = [];
for await (const entity of ofacAdvancedParser.parse(opened.files, collectingContext())) inputs.push({ entity, source: 'ofac-advanced', version: 1 });
const t0 = performance.now();
const index = buildWalletIndex(inputs);
const buildMs = performance.now() - t0;

// Queries: every listed address in canonical form, and as many unlisted ones, interleaved.
const rows = parse(readFileSync(shared('chain-analytics/ofac_sdn_crypto_addresses_2025-11-19.csv')), { columns: true }) as Record<string, string>[];
const listed = rows.map((r) => validate(r.address!).matches[0]?.canonical ?? r.address!);
const unlisted = listed.map((a) => `${a.slice(0, -3)}zzz`);
const queries = listed.flatMap((a, i) => [a, unlisted[i]!]);
const ROUNDS = 400;
let hits = 0;
let start = performance.now();
for (let r = 0; r < ROUNDS; r++) for (const q of queries) hits += index.lookupCanonical(q).length;
const lookupMs = performance.now() - start;
const lookupsPerSec = (ROUNDS * queries.length) / (lookupMs / 1000);

// Baseline: a bare Map<string, number> lookup over the same keys.
const bare = new Map(listed.map((a, i) => [a, i]));
let found = 0;
start = performance.now();
for (let r = 0; r < ROUNDS; r++) for (const q of queries) if (bare.get(q) !== undefined) found++;
const bareMs = performance.now() - start;
const barePerSec = (ROUNDS * queries.length) / (bareMs / 1000);

// Validation of mixed addresses as received (OFAC's published forms, case variants, garbage).
const mixed = rows.flatMap((r) => [r.address!, r.address!.toUpperCase(), r.address!.toLowerCase(), `${r.address!}x`]);
const VROUNDS = 20;
let valid = 0;
start = performance.now();
for (let r = 0; r < VROUNDS; r++) for (const a of mixed) if (validate(a).valid) valid++;
const validateMs = performance.now() - start;
const validationsPerSec = (VROUNDS * mixed.length) / (validateMs / 1000);

const date = new Date().toISOString().slice(0, 10);
const ok = (c: boolean) => (c ? 'met' : '**missed**');
writeSection(
  'addresses',
  `## addresses — wallet lookups and validation (${date})

Machine: ${machine()}. Wallet index of the OFAC advanced XML of 2025-11-19: ${index.size} wallets, built in ${buildMs.toFixed(0)} ms.

| what | figure | target |
|---|---|---|
| wallet lookups, canonical form, one core (${queries.length} keys × ${ROUNDS}, half listed; ${hits / ROUNDS} hits per round) | ${(lookupsPerSec / 1e6).toFixed(2)} M/s | ≥ 2 M/s: ${ok(lookupsPerSec >= 2e6)} |
| baseline: bare Map lookups over the same keys | ${(barePerSec / 1e6).toFixed(2)} M/s | — |
| validation of mixed addresses, all chains tried (${mixed.length} × ${VROUNDS}: published, upper-case, lower-case, corrupted) | ${(validationsPerSec / 1e3).toFixed(0)} k/s | ≥ 200 k/s: ${ok(validationsPerSec >= 2e5)} |
`,
);
console.log(JSON.stringify({ buildMs, lookupsPerSec, barePerSec, validationsPerSec, valid, found }));
