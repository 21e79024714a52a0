/**
 * Screening quality on the real lists (issue 3, "Done when"): the UN XML of 2026-02-27, the
 * OFAC SDN advanced XML of 2025-11-19 and the OFAC consolidated CSV set, loaded together.
 * Positives are yente's UN fixtures; negatives are synthetic and US-Congress persons.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { before, describe, test } from 'node:test';
import { parse } from 'csv-parse/sync';
import { buildIndex, collectingContext, ofacAdvancedParser, ofacCsvParser, screen, unParser, type Entity, type ListParser, type ScreeningIndex } from '@sekisho/core';
import { openInputs } from '../src/lists/input.ts';
import { createKuromojiReader } from '../src/names/kuromoji-reader.ts';
import { readingsIfNeeded } from '../src/names/readings.ts';
import { sharedPath } from './helpers.ts';

type Row = Record<string, string>;
const rows = (file: string): Row[] => parse(readFileSync(sharedPath(`screening-data/yente/${file}`)), { columns: true });

async function load(parser: ListParser, paths: string[], source: string) {
  const opened = await openInputs(paths);
  const out: { entity: Entity; source: string; version: number }[] = [];
  for await (const entity of parser.parse(opened.files, collectingContext())) out.push({ entity, source, version: 1 });
  return out;
}

const query = (r: Row) => ({ name: r.full_name!, schema: 'Person' as const, birthDate: r.date_of_birth || undefined, countries: r.nationality ? [r.nationality] : [], limit: 5 });

describe('screening quality on the real lists', () => {
  let index: ScreeningIndex;
  let un: Awaited<ReturnType<typeof load>>;
  before(async () => {
    un = await load(unParser, [sharedPath('screening-data/watchman/UN_consolidated_2026-02-27.xml')], 'un');
    const ofac = await load(ofacAdvancedParser, [sharedPath('chain-analytics/ofac_sdn_advanced_2025-11-19.xml.bz2')], 'ofac-advanced');
    const cons = await load(ofacCsvParser, ['cons_prim.csv', 'cons_alt.csv', 'cons_add.csv', 'cons_comments.csv'].map((f) => sharedPath(`screening-data/watchman/${f}`)), 'ofac-csv');
    index = buildIndex([...un, ...ofac, ...cons]);
  });

  test("yente's UN positives find their own UN entity: ≥ 99.5% clean, ≥ 97% typo-treated", () => {
    // A row's own entity: the UN entity one of whose names is the row's clean name.
    const byName = new Map<string, Set<string>>();
    for (const { entity } of un) for (const n of entity.names) {
      const key = n.full.toLowerCase().replace(/\s+/g, ' ');
      (byName.get(key) ?? byName.set(key, new Set()).get(key)!).add(entity.id);
    }
    const clean = rows('positives_un_untreated.csv');
    const treated = rows('positives_un_treated.csv');
    assert.equal(clean.length, 683);
    let people = 0;
    let okClean = 0;
    let okTreated = 0;
    for (let i = 0; i < clean.length; i++) {
      const own = byName.get(clean[i]!.full_name!.toLowerCase().replace(/\s+/g, ' '));
      if (!own) continue;
      people++;
      if (screen(index, query(clean[i]!)).hits.some((h) => h.match && own.has(h.entityId))) okClean++;
      if (screen(index, query(treated[i]!)).hits.some((h) => h.match && own.has(h.entityId))) okTreated++;
    }
    assert.equal(people, 680, 'three of the 683 were delisted before 2026-02-27');
    console.log(`# UN positives: clean ${okClean}/${people}, typo-treated ${okTreated}/${people}`);
    assert.ok(okClean / people >= 0.995, `clean ${okClean}/${people}`);
    assert.ok(okTreated / people >= 0.97, `treated ${okTreated}/${people}`);
  });

  test('people who are not on the lists: at most 1% produce a match', () => {
    let total = 0;
    let alerts = 0;
    for (const file of ['negatives_global_1k.csv', 'negatives_us_1k.csv', 'positives_us_congress_untreated.csv']) {
      for (const r of rows(file)) {
        total++;
        const gender = r.gender === 'male' || r.gender === 'female' ? r.gender : undefined;
        if (screen(index, { ...query(r), gender }).hits.some((h) => h.match)) alerts++;
      }
    }
    console.log(`# false alerts: ${alerts}/${total}`);
    assert.equal(total, 3254);
    assert.ok(alerts / total <= 0.01, `${alerts}/${total}`);
  });

  test('katakana renderings of listed Russian names, and Japanese names with a kana reading, meet the Latin entries', () => {
    const cases: [string, string | undefined, RegExp][] = [
      ['ウラジーミル・プーチン', undefined, /^putin,? vladimir/i],
      ['アリシェル・ウスマノフ', undefined, /^usmanov,? alisher/i],
      ['ヴィクトル・ヴェクセリベルク', undefined, /^vekselberg,? viktor/i],
      ['イーゴリ・セーチン', undefined, /^sechin,? igor/i],
      ['オレグ・デリパスカ', undefined, /^deripaska,? oleg/i],
      ['セルゲイ・ラブロフ', undefined, /^lavrov,? sergei/i],
      ['ゲンナジー・ティムチェンコ', undefined, /^timchenko,? gennad/i],
      ['山口組', 'ヤマグチグミ', /yamaguchi/i],
    ];
    for (const [name, nameKana, expected] of cases) {
      const hit = screen(index, { name, nameKana, limit: 3 }).hits.find((h) => h.match);
      assert.ok(hit && expected.test(hit.caption), `${name}: ${JSON.stringify(screen(index, { name, nameKana, limit: 2 }).hits.map((h) => [h.caption, h.score]))}`);
    }
  });

  test('cross-script pairs: Cyrillic, Japanese, Greek and Hebrew reach their minimum; the rest are reported', async () => {
    const { scorePair } = await import('@sekisho/core');
    const reader = createKuromojiReader();
    // The file groups its pairs under "# <Language> to Latin" headings.
    const pairs: { language: string; name1: string; name2: string; min: number }[] = [];
    let language = '';
    for (const line of readFileSync(sharedPath('screening-data/watchman/cross_script_pairs.csv'), 'utf8').split('\n')) {
      const heading = line.match(/^# (\w+)(?: \(\w+\))? to Latin/);
      if (heading) language = heading[1]!;
      if (!line.trim() || line.startsWith('#')) continue;
      const [name1, name2, min] = line.split(',') as [string, string, string];
      pairs.push({ language, name1, name2, min: Number(min) });
    }
    assert.equal(pairs.length, 22);
    const required = new Set(['Cyrillic', 'Japanese', 'Greek', 'Hebrew']);
    assert.deepEqual([...new Set(pairs.map((p) => p.language))].filter((l) => required.has(l)).sort(), ['Cyrillic', 'Greek', 'Hebrew', 'Japanese']);
    const report: string[] = [];
    for (const { language, name1, name2, min } of pairs) {
      const r = scorePair({ id: name1, name1, name2 }, undefined, undefined, { name1: await readingsIfNeeded(reader, name1) });
      report.push(`${language}: ${name1} / ${name2}: ${r.score} (min ${min})`);
      if (required.has(language)) assert.ok(r.score >= min, report.at(-1));
    }
    console.log(`# cross-script pairs:\n# ${report.join('\n# ')}`);
  });
});
