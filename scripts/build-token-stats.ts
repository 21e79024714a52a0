/**
 * Builds packages/core/src/names/data/token-stats.json: how many listed names each folded token
 * appears in, over the OFAC SDN (advanced XML, 2025-11-19), OFAC consolidated and UN lists in
 * ../shared. Pair scoring (`sekisho score-pairs`) weighs tokens with these fixed statistics.
 * Derived counts only (no names are stored beyond tokens seen in at least MIN_DF names).
 * Run after changing name preparation: `node --import tsx scripts/build-token-stats.ts`.
 */
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { collectingContext, ofacAdvancedParser, ofacCsvParser, prepareName, unParser, type ListParser } from '../packages/core/src/index.ts';
import { openInputs } from '../packages/server/src/lists/input.ts';

const MIN_DF = 3;
const root = resolve(import.meta.dirname, '..');
const shared = (p: string) => resolve(root, '../shared', p);

async function names(parser: ListParser, paths: string[]): Promise<string[]> {
  const opened = await openInputs(paths);
  const out: string[] = [];
  for await (const e of parser.parse(opened.files, collectingContext())) for (const n of e.names) out.push(n.full);
  return out;
}

const all = [
  ...(await names(ofacAdvancedParser, [shared('chain-analytics/ofac_sdn_advanced_2025-11-19.xml.bz2')])),
  ...(await names(unParser, [shared('screening-data/watchman/UN_consolidated_2026-02-27.xml')])),
  ...(await names(ofacCsvParser, ['cons_prim.csv', 'cons_alt.csv', 'cons_add.csv', 'cons_comments.csv'].map((f) => shared(`screening-data/watchman/${f}`)))),
];
const df = new Map<string, number>();
for (const full of all) {
  const folds = new Set<string>();
  for (const v of prepareName(full).variants) for (const t of v.tokens) folds.add(t.fold);
  for (const f of folds) df.set(f, (df.get(f) ?? 0) + 1);
}
const kept = Object.fromEntries([...df].filter(([, n]) => n >= MIN_DF).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])));
const out = resolve(root, 'packages/core/src/names/data/token-stats.json');
writeFileSync(out, `${JSON.stringify({ source: 'OFAC SDN advanced 2025-11-19, OFAC consolidated, UN 2026-02-27', names: all.length, df: kept })}\n`);
console.log(`${all.length} names, ${df.size} folds, ${Object.keys(kept).length} kept (df >= ${MIN_DF}) → ${out}`);
