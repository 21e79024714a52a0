import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { collectingContext } from '../types.ts';
import { collect, fileInput, sharedPath, textInput } from '../../../test/helpers.ts';
import { unParser } from './index.ts';
import type { Entity } from '../../model/entity.ts';

const UN_FILE = sharedPath('screening-data/watchman/UN_consolidated_2026-02-27.xml');

async function loadReal() {
  const ctx = collectingContext();
  const entities = await collect(unParser.parse([fileInput(UN_FILE)], ctx));
  const byId = new Map(entities.map((e) => [e.id, e]));
  const get = (id: string): Entity => {
    const e = byId.get(id);
    assert.ok(e, `${id} missing`);
    return e;
  };
  return { ctx, entities, get };
}

let loaded: ReturnType<typeof loadReal> | undefined;
/** The real file parsed once, on first use. */
const real = () => (loaded ??= loadReal());

async function codeOf(promise: Promise<unknown>): Promise<string | undefined> {
  try {
    await promise;
  } catch (error) {
    return (error as { code?: string }).code;
  }
  return undefined;
}

test('the real consolidated list: 730 individuals, 273 entities, unique reference-number ids, issue date', async () => {
  const { ctx, entities } = await real();
  assert.equal(entities.length, 1003);
  assert.equal(entities.filter((e) => e.schema === 'Person').length, 730);
  assert.equal(entities.filter((e) => e.schema === 'LegalEntity').length, 273);
  assert.equal(new Set(entities.map((e) => e.id)).size, 1003);
  assert.ok(entities.every((e) => /^un:[A-Z]{2}[ie]\.\d{3}$/.test(e.id)));
  assert.equal(ctx.issueDate, '2026-02-27');
  assert.ok(entities.every((e) => e.names.some((n) => n.kind === 'primary')));
  assert.ok(!ctx.warnings.some((w) => w.code === 'missing-reference'));
});

test('original-script names are primary names in their script (378 records; QDe.164 repeats its Latin name)', async () => {
  const { entities, get } = await real();
  const withScript = entities.filter((e) => e.names.some((n) => n.kind === 'primary' && n.script !== 'Latn'));
  assert.equal(withScript.length, 377);
  assert.equal(get('un:QDe.164').names.filter((n) => n.kind === 'primary').length, 1);

  const chataev = get('un:QDi.365');
  const cyrillic = chataev.names.find((n) => n.script === 'Cyrl');
  assert.deepEqual(cyrillic, { full: 'Ахмед Ражапович Чатаев', kind: 'primary', script: 'Cyrl' });
  assert.deepEqual(chataev.names[0]!.parts, { firstName: 'AKHMED', middleName: 'RAJAPOVICH', lastName: 'CHATAEV' });
  assert.ok(chataev.names.some((n) => n.full === 'Odnorukiy' && n.kind === 'weak'), 'QUALITY Low → weak');
  assert.ok(chataev.names.some((n) => n.full === 'David Mayer' && n.kind === 'aka'));

  const alQaida = get('un:QDe.004');
  assert.equal(alQaida.schema, 'LegalEntity');
  assert.ok(alQaida.names.some((n) => n.full === 'القاعدة' && n.kind === 'primary' && n.script === 'Arab'));
  assert.deepEqual(alQaida.properties.program, ['Al-Qaida']);
  assert.deepEqual(alQaida.properties.listingDate, ['2001-10-06']);
});

test('four name parts keep their published order; Korean names put the family name first', async () => {
  const { get } = await real();
  const fadhli = get('un:QDi.184');
  assert.equal(fadhli.names[0]!.full, 'MUHSIN FADHIL AYED ASHOUR AL-FADHLI');
  assert.deepEqual(fadhli.names[0]!.parts, { firstName: 'MUHSIN', middleName: 'FADHIL AYED', lastName: 'ASHOUR AL-FADHLI' });
  assert.ok(fadhli.names.some((n) => n.full === 'محسن فاضل عايد عاشور الفضلي' && n.script === 'Arab'));
  assert.deepEqual(get('un:KPi.056').names[0]!.parts, { firstName: 'JANG', lastName: 'SONG CHOL' });
});

test('approximate and ranged birth dates', async () => {
  const { entities, get } = await real();
  // CDi.028: APPROXIMATELY 1960 and EXACT 1966-09-09.
  assert.deepEqual(get('un:CDi.028').birthDates, [{ date: '1960', circa: true }, { date: '1966-09-09' }]);
  // CDi.030: BETWEEN 1973 and 1974.
  assert.deepEqual(get('un:CDi.030').birthDates, [{ from: '1973', to: '1974' }]);
  assert.equal(entities.filter((e) => e.birthDates.some((d) => d.from)).length, 30);
});

test('documents keep type, number, issuing country, label and expiry', async () => {
  const { get } = await real();
  const fadhli = get('un:QDi.184');
  assert.deepEqual(fadhli.identifiers[0], { type: 'passport', value: '106261543', label: 'Passport', country: 'KW' });
  assert.equal(fadhli.identifiers[1]!.expires, '2006-03-31');
  // TYPE_OF_DOCUMENT says "National Identification Number", TYPE_OF_DOCUMENT2 "national passport".
  const passport = get('un:QDi.365').identifiers[0]!;
  assert.equal(passport.type, 'passport');
  assert.equal(passport.value, '9600133195');
  assert.equal(passport.country, 'RU');
  assert.equal(passport.label, 'national passport');
  assert.deepEqual(fadhli.properties.nationality, ['KW']);
  assert.deepEqual(fadhli.properties.address, ['Block Four, Street 13, House #179, Kuwait City, Al-Riqqa area, Kuwait']);
  assert.deepEqual(fadhli.properties.modifiedAt, ['2008-07-23', '2015-12-10', '2020-11-24', '2025-03-11']);
});

test('xs:date values with a time-zone suffix are read as dates', async () => {
  const { get } = await real();
  // SSi.001 LISTED_ON "2015-07-01-04:00".
  assert.deepEqual(get('un:SSi.001').properties.listingDate, ['2015-07-01']);
});

test('a truncated file is SEK_LIST_TRUNCATED', async () => {
  const head = readFileSync(UN_FILE).subarray(0, 200_000);
  const code = await codeOf(collect(unParser.parse([textInput('consolidated.xml', head, 4096)], collectingContext())));
  assert.equal(code, 'SEK_LIST_TRUNCATED');
});

test('a CSV or another XML list is SEK_LIST_FORMAT', async () => {
  const csv = fileInput(sharedPath('screening-data/watchman/cons_prim.csv'), 'consolidated.xml');
  assert.equal(await codeOf(collect(unParser.parse([csv], collectingContext()))), 'SEK_LIST_FORMAT');
  const other = textInput('consolidated.xml', '<?xml version="1.0"?><sdnList><publshInformation/></sdnList>');
  assert.equal(await codeOf(collect(unParser.parse([other], collectingContext()))), 'SEK_LIST_FORMAT');
});

test('an empty file, or a list without records, is SEK_LIST_EMPTY', async () => {
  assert.equal(await codeOf(collect(unParser.parse([textInput('consolidated.xml', '')], collectingContext()))), 'SEK_LIST_EMPTY');
  const bare = '<?xml version="1.0"?><CONSOLIDATED_LIST dateGenerated="2026-01-01T00:00:00Z"><INDIVIDUALS/><ENTITIES/></CONSOLIDATED_LIST>';
  assert.equal(await codeOf(collect(unParser.parse([textInput('consolidated.xml', bare)], collectingContext()))), 'SEK_LIST_EMPTY');
});

test('a record without REFERENCE_NUMBER falls back to its DATAID, with a warning', async () => {
  const xml = `<?xml version="1.0"?><CONSOLIDATED_LIST dateGenerated="2026-01-01T00:00:00Z"><INDIVIDUALS/><ENTITIES>
  <ENTITY><DATAID>110404</DATAID><FIRST_NAME>EXAMPLE TRADING CO</FIRST_NAME><UN_LIST_TYPE>DPRK</UN_LIST_TYPE><REFERENCE_NUMBER/>
  <LISTED_ON>2017-08-05</LISTED_ON><ENTITY_ALIAS><QUALITY>f.k.a.</QUALITY><ALIAS_NAME>OLD NAME CO</ALIAS_NAME></ENTITY_ALIAS></ENTITY>
  </ENTITIES></CONSOLIDATED_LIST>`;
  const ctx = collectingContext();
  const [entity] = await collect(unParser.parse([textInput('consolidated.xml', xml)], ctx));
  assert.equal(entity!.id, 'un:110404');
  assert.ok(entity!.names.some((n) => n.full === 'OLD NAME CO' && n.kind === 'fka'));
  assert.deepEqual(ctx.warnings.map((w) => w.code), ['missing-reference']);
  assert.equal(ctx.issueDate, '2026-01-01');
});

test('two files is SEK_LIST_FILES', async () => {
  const f = textInput('consolidated.xml', '<CONSOLIDATED_LIST/>');
  assert.equal(await codeOf(collect(unParser.parse([f, f], collectingContext()))), 'SEK_LIST_FILES');
});
