/**
 * bench:rescreen — continuous rescreening over 100,000 stored customers in SQLite (issue 5).
 * Lists: the OFAC SDN advanced XML (2025-11-19) and the UN consolidated list (2026-02-27). The
 * update is honest data: UN version 1 is the real file without 100 of its entries, version 2 the
 * real file, so the update adds 100 real entities. Customers: every yente row (names in many
 * scripts, some of them listed) plus synthetic ones combining their first and last names,
 * Japanese names with kana, and 300 legal persons with two owners and a director each.
 * Figures: afterActivation for the 100-entity update (target < 10 s), and all() — the baseline
 * measured in the same run: the same parties against the whole index — on one and two threads.
 * onFindings only counts here: persisting alerts is the alerts service's cost, measured by bench:api.
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parse } from 'csv-parse/sync';
import pino from 'pino';
import { createApp } from '../packages/server/src/app.ts';
import { loadConfig } from '../packages/server/src/config.ts';
import { CustomerSchema, PartialDateSchema, type Customer } from '../packages/core/src/index.ts';
import { createCustomerStore } from '../packages/server/src/storage/customer-store.ts';
import type { RescreenReport } from '../packages/server/src/services/rescreen.ts';
import { machine, repoRoot, writeSection } from './report.ts';

const shared = (p: string) => resolve(repoRoot, '../shared', p);
const work = resolve(repoRoot, '.tmp/bench-rescreen');
rmSync(work, { recursive: true, force: true });
mkdirSync(work, { recursive: true });
const CUSTOMERS = Number(process.env.BENCH_CUSTOMERS ?? 100_000);
const REMOVED = 100;

// A seeded generator: the same customer base on every run.
let seed = 42;
const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
const pick = <T>(xs: T[]): T => xs[Math.floor(random() * xs.length)]!;

// --- the update: UN without 100 of its entries, then the real file --------------------------------
const unPath = shared('screening-data/watchman/UN_consolidated_2026-02-27.xml');
const unText = readFileSync(unPath, 'utf8');
let removed = 0;
let seen = 0;
const unSmaller = unText.replace(/<(INDIVIDUAL|ENTITY)>[\s\S]*?<\/\1>/g, (m) => (seen++ % 9 === 4 && removed < REMOVED ? (removed++, '') : m));
if (removed !== REMOVED) throw new Error(`removed ${removed} UN entries, wanted ${REMOVED}`);
const unV1 = resolve(work, 'un-v1.xml');
writeFileSync(unV1, unSmaller);

// --- customers ------------------------------------------------------------------------------------
type Row = Record<string, string>;
const rows: Row[] = [];
for (const f of ['negatives_global_1k.csv', 'negatives_us_1k.csv', 'positives_us_congress_untreated.csv', 'positives_un_untreated.csv', 'positives_un_treated.csv']) {
  rows.push(...(parse(readFileSync(shared(`screening-data/yente/${f}`)), { columns: true }) as Row[]));
}
const firsts = rows.map((r) => r.first_name).filter((x): x is string => Boolean(x));
const lasts = rows.map((r) => r.last_name).filter((x): x is string => Boolean(x));
const nationalities = ['JP', 'JP', 'JP', 'US', 'CN', 'KR', 'VN', 'PH', 'GB', 'DE', 'FR', 'IN', 'BR', 'RU', 'IR'];
const JA_SURNAMES: [string, string][] = [['佐藤', 'サトウ'], ['鈴木', 'スズキ'], ['高橋', 'タカハシ'], ['田中', 'タナカ'], ['伊藤', 'イトウ'], ['渡辺', 'ワタナベ'], ['山本', 'ヤマモト'], ['中村', 'ナカムラ'], ['小林', 'コバヤシ'], ['加藤', 'カトウ'], ['吉田', 'ヨシダ'], ['山田', 'ヤマダ'], ['佐々木', 'ササキ'], ['山口', 'ヤマグチ'], ['松本', 'マツモト']];
const JA_GIVEN: [string, string][] = [['太郎', 'タロウ'], ['花子', 'ハナコ'], ['翔太', 'ショウタ'], ['陽菜', 'ヒナ'], ['大輔', 'ダイスケ'], ['美咲', 'ミサキ'], ['健', 'ケン'], ['結衣', 'ユイ'], ['拓也', 'タクヤ'], ['さくら', 'サクラ']];
const country = (value: string | undefined) => (value && /^[a-z]{2}$/i.test(value) ? value.toUpperCase() : undefined);
const date = () => `${1940 + Math.floor(random() * 65)}-${String(1 + Math.floor(random() * 12)).padStart(2, '0')}-${String(1 + Math.floor(random() * 28)).padStart(2, '0')}`;
const hex = (n: number) => Array.from({ length: n }, () => '0123456789abcdef'[Math.floor(random() * 16)]).join('');

function personRecord(i: number): Record<string, unknown> {
  const id = `C${String(i).padStart(7, '0')}`;
  const wallets = random() < 0.1 ? [{ address: `0x${hex(40)}`, chain: 'ethereum' }] : undefined;
  if (i < rows.length) {
    const r = rows[i]!;
    const c = country(r.nationality);
    const dob = PartialDateSchema.safeParse(r.date_of_birth).success ? r.date_of_birth : undefined;
    return { id, type: 'person', names: [{ name: r.full_name || `${r.first_name} ${r.last_name}` }], birthDate: dob, nationalities: c ? [c] : undefined, wallets };
  }
  if (random() < 0.15) {
    const [s, sk] = pick(JA_SURNAMES);
    const [g, gk] = pick(JA_GIVEN);
    return { id, type: 'person', names: [{ name: `${s} ${g}`, kana: `${sk} ${gk}` }], birthDate: date(), nationalities: ['JP'], residence: 'JP', wallets };
  }
  return { id, type: 'person', names: [{ name: `${pick(firsts)} ${pick(lasts)}` }], birthDate: date(), nationalities: [pick(nationalities)], wallets };
}

function legalRecord(i: number): Record<string, unknown> {
  const owner = () => ({ type: 'person', names: [{ name: `${pick(firsts)} ${pick(lasts)}` }], birthDate: date() });
  return {
    id: `L${String(i).padStart(7, '0')}`,
    type: 'legal',
    names: [{ name: `${pick(lasts)} ${pick(['Trading', 'Holdings', 'Capital', 'Logistics', 'Shipping'])} ${pick(['Ltd', 'LLC', 'GmbH', 'Co., Ltd.'])}` }],
    jurisdiction: pick(nationalities),
    registrationNumber: String(1_000_000_000_000 + i),
    owners: [{ share: 60, party: owner() }, { share: 40, party: { type: 'legal', names: [{ name: `${pick(lasts)} Investments Ltd` }], owners: [{ share: 100, party: owner() }] } }],
    directors: [{ role: 'director', party: owner() }],
  };
}

const logger = pino({ level: 'silent' });
// The app's own rescreener (alerts persisted and audited), called explicitly to time it.
const app = await createApp(loadConfig({ SEKISHO_DB: resolve(work, 'bench.db') }), { logger, rescreenOnActivation: false });
const customers = createCustomerStore(app.store);
console.error('loading lists …');
await app.loader.load('ofac-advanced', [shared('chain-analytics/ofac_sdn_advanced_2025-11-19.xml.bz2')]);
await app.loader.load('un', [unV1]);

console.error(`storing ${CUSTOMERS} customers …`);
const LEGAL = Math.min(300, Math.floor(CUSTOMERS / 100));
const at = new Date().toISOString();
const s0 = performance.now();
for (let start = 0; start < CUSTOMERS; start += 2000) {
  const records: Customer[] = [];
  for (let i = start; i < Math.min(start + 2000, CUSTOMERS); i++) records.push(CustomerSchema.parse(i < CUSTOMERS - LEGAL ? personRecord(i) : legalRecord(i)));
  await app.store.db.transaction().execute(async (trx) => {
    for (const r of records) await customers.upsert(trx, r, at);
  });
}
const storeMs = performance.now() - s0;
const counts = await customers.counts();

const rescreen = app.rescreen;
// The customers were screened at onboarding against the lists as they stood: record the
// versions as rescreened, as a running service would have.
for (const v of await app.lists.activeVersions()) {
  await app.store.db.insertInto('service_state').values({ key: `rescreen:${v.source}`, value: JSON.stringify({ version: v.version, versionId: v.id, at }), updated_at: at }).execute();
}
// A running server holds the full index; the activation starts its rebuild in the background.
await app.screening.index();

console.error('update: UN version 2 (+100 entities) …');
await app.loader.load('un', [unPath]);
const update = await rescreen.afterActivation('un');
console.error(JSON.stringify(update));

console.error('all(), one thread …');
const all1 = await rescreen.all();
console.error(JSON.stringify(all1));
console.error('all(), two worker threads …');
const all2 = await rescreen.all({ workers: 2 });
console.error(JSON.stringify(all2));
await app.close();

const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const line = (r: RescreenReport) => `${r.parties.toLocaleString('en')} parties, ${r.changedEntities.toLocaleString('en')} entities, ${r.findings} findings for ${r.customersWithFindings} customers`;
const dateText = new Date().toISOString().slice(0, 10);
writeSection(
  'rescreen',
  `## rescreen — 100,000 stored customers after a list update (${dateText})

Machine: ${machine()}. SQLite. Lists: OFAC SDN advanced XML (2025-11-19) and UN consolidated (2026-02-27); the update is UN version 1 (the real file less ${REMOVED} entries) → version 2 (the real file). Customers: ${counts.customers.toLocaleString('en')} (${LEGAL} legal persons with owners and directors), ${counts.parties.toLocaleString('en')} stored parties, ${counts.wallets.toLocaleString('en')} wallets; stored in ${s(storeMs)} (${Math.round(counts.customers / (storeMs / 1000)).toLocaleString('en')} upserts/s). Findings are persisted as alerts (with their audit entries) by the app's own rescreener, as in production.

| what | time | screened | target |
|---|---|---|---|
| afterActivation: ${update.changedEntities} new entities against every stored party (small index with the full index's token statistics) | ${s(update.ms)} (of which waiting for the full index rebuild ${s(update.indexMs ?? 0)}) | ${line(update)} | < 10 s: ${update.ms < 10_000 ? 'met' : '**missed**'} |
| baseline: all() — every party against the whole active index, one thread | ${s(all1.ms)} | ${line(all1)} | — |
| all() on two worker threads | ${s(all2.ms)} | ${line(all2)} | — |

Ratio afterActivation / all() on one thread: **${(update.ms / all1.ms).toFixed(3)}**; two workers / one thread for all(): **${(all2.ms / all1.ms).toFixed(2)}**.
`,
);
console.log(JSON.stringify({ storeMs, counts, update, all1, all2 }));
