import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { collect, fileInput, fixturePath, textInput } from '../../../test/helpers.ts';
import { collectingContext } from '../types.ts';
import { ofacAdvancedParser, periodToDate } from './index.ts';
import type { XmlNode } from '../shared/xml.ts';

const FIXTURE = fixturePath('ofac-advanced/sdn_advanced_small.xml');

async function parseFixture(chunk?: number) {
  const ctx = collectingContext();
  const file = chunk ? textInput('sdn_advanced.xml', readFileSync(FIXTURE), chunk) : fileInput(FIXTURE);
  const entities = await collect(ofacAdvancedParser.parse([file], ctx));
  return { entities, ctx, byId: new Map(entities.map((e) => [e.id, e])) };
}

test('resolves every type through the file reference tables, not fixed ids', async () => {
  const { entities, ctx, byId } = await parseFixture();
  assert.equal(entities.length, 4);
  assert.equal(ctx.issueDate, '2026-03-04');
  assert.deepEqual(entities.map((e) => e.schema), ['Person', 'Organization', 'Organization', 'Vessel']);
  const person = byId.get('ofac:91001')!;
  assert.deepEqual(person.wallets, [
    { currency: 'XBT', address: 'bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq' },
    { currency: 'ETH', address: '0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed' },
    { currency: 'USDT', address: '0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed' },
  ]);
  assert.deepEqual(person.properties.nationality, ['RU']);
  assert.deepEqual(person.properties.gender, ['Male']);
  assert.deepEqual(person.properties.program, ['RUSSIA-EO14024', 'CYBER2']);
  assert.deepEqual(person.properties.listingDate, ['2022-04-20']);
});

test('keeps names with kind, script and parts; the Cyrillic spelling of the primary name is an alias', async () => {
  const { byId } = await parseFixture();
  const names = byId.get('ofac:91001')!.names;
  assert.deepEqual(names[0], { full: 'PETROV Ivan Arkadyevich', kind: 'primary', script: 'Latn', parts: { lastName: 'PETROV', firstName: 'Ivan', fatherName: 'Arkadyevich' } });
  assert.equal(names[1]!.full, 'ПЕТРОВ Иван Аркадьевич');
  assert.equal(names[1]!.kind, 'aka');
  assert.equal(names[1]!.script, 'Cyrl');
  assert.equal(names[2]!.kind, 'weak');
  assert.equal(byId.get('ofac:91002')!.names[1]!.kind, 'fka');
});

test('reads partial and approximate birth dates', async () => {
  const { byId } = await parseFixture();
  assert.deepEqual(byId.get('ofac:91001')!.birthDates, [{ date: '1971', circa: true }, { date: '1972-03-25' }]);
});

test('attaches documents and relations, typing Russian tax and registration numbers', async () => {
  const { byId } = await parseFixture();
  const farm = byId.get('ofac:91002')!;
  assert.deepEqual(farm.identifiers.map((i) => [i.type, i.value, i.country]), [
    ['inn', '3800000001', 'RU'],
    ['ogrn', '1173800000001', 'RU'],
  ]);
  assert.deepEqual(farm.relations, [{ type: 'ownedOrControlledBy', target: 'ofac:91003', label: 'Owned or Controlled By' }]);
  assert.deepEqual(farm.properties.address, ['Ul. Primernaya D. 1, Irkutsk (Иркутск), Russia']);
  assert.deepEqual(farm.properties.notes, ['Secondary sanctions risk: See Section 11 of Executive Order 14024.']);
  const passport = byId.get('ofac:91001')!.identifiers[0]!;
  assert.equal(passport.type, 'passport');
  assert.equal(passport.expires, '2031-05-02');
  const vessel = byId.get('ofac:91004')!;
  assert.equal(vessel.identifiers[0]!.type, 'imo');
  assert.deepEqual(vessel.properties.type, ['Crude Oil Tanker']);
});

test('an unknown reference value is a warning on the version, not a crash', async () => {
  const { ctx } = await parseFixture();
  assert.deepEqual(ctx.warnings.map((w) => w.code), ['unknown-reference']);
  assert.match(ctx.warnings[0]!.message, /SanctionsTypeValues id 9999/);
});

test('gives the same entities whatever the chunk boundaries', async () => {
  const whole = await parseFixture();
  for (const size of [1, 13, 4096]) assert.deepEqual((await parseFixture(size)).entities, whole.entities);
});

test('rejects truncated, empty and foreign files with stable codes', async () => {
  const xml = readFileSync(FIXTURE, 'utf8');
  const parse = (content: string) => collect(ofacAdvancedParser.parse([textInput('sdn_advanced.xml', content, 1024)], collectingContext()));
  await assert.rejects(parse(xml.slice(0, Math.floor(xml.length * 0.6))), { code: 'SEK_LIST_TRUNCATED' });
  await assert.rejects(parse(''), { code: 'SEK_LIST_EMPTY' });
  await assert.rejects(parse('<?xml version="1.0"?><Sanctions><DateOfIssue><Year>2026</Year></DateOfIssue></Sanctions>'), { code: 'SEK_LIST_EMPTY' });
  await assert.rejects(parse('ent_num,SDN_Name\n1,"X"\n'), { code: 'SEK_LIST_FORMAT' });
  await assert.rejects(parse('<?xml version="1.0"?><CONSOLIDATED_LIST/>'), { code: 'SEK_LIST_FORMAT' });
  await assert.rejects(parse(xml.replace('</DistinctParties>', '</DistinctParty></DistinctParties>')), { code: 'SEK_LIST_PARSE' });
  await assert.rejects(collect(ofacAdvancedParser.parse([], collectingContext())), { code: 'SEK_LIST_FILES' });
});

test('folds OFAC date periods back to the precision meant', () => {
  const d = (y: number, m: number, day: number): XmlNode => ({
    name: 'X', attrs: {}, text: '', line: 0,
    children: [
      { name: 'Year', attrs: {}, children: [], text: String(y), line: 0 },
      { name: 'Month', attrs: {}, children: [], text: String(m), line: 0 },
      { name: 'Day', attrs: {}, children: [], text: String(day), line: 0 },
    ],
  });
  const period = (a: XmlNode, b: XmlNode): XmlNode => ({
    name: 'DatePeriod', attrs: {}, text: '', line: 0,
    children: [
      { name: 'Start', attrs: {}, text: '', line: 0, children: [{ ...a, name: 'From' }, { ...a, name: 'To' }] },
      { name: 'End', attrs: {}, text: '', line: 0, children: [{ ...b, name: 'From' }, { ...b, name: 'To' }] },
    ],
  });
  assert.deepEqual(periodToDate(period(d(1977, 3, 1), d(1977, 3, 31))), { date: '1977-03' });
  assert.deepEqual(periodToDate(period(d(1960, 1, 1), d(1962, 12, 31))), { from: '1960', to: '1962' });
  assert.deepEqual(periodToDate(period(d(1960, 2, 3), d(1960, 5, 6))), { from: '1960-02-03', to: '1960-05-06' });
});
