import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import type { Entity } from '../../model/entity.ts';
import { collectingContext } from '../types.ts';
import { collect, fileInput, fixturePath, sharedPath, textInput } from '../../../test/helpers.ts';
import { ukParser } from './index.ts';

const FIXTURE = fixturePath('uk/UK-Sanctions-List.xml');
const XML = readFileSync(FIXTURE, 'utf8');

async function parseText(xml: string, name = 'UK-Sanctions-List.xml', chunk = 4096) {
  const ctx = collectingContext();
  const entities = await collect(ukParser.parse([textInput(name, xml, chunk)], ctx));
  return { ctx, entities, byId: new Map(entities.map((e) => [e.id, e])) };
}

async function errorCode(run: () => Promise<unknown>): Promise<string | undefined> {
  try {
    await run();
  } catch (error) {
    return (error as { code?: string }).code;
  }
  return undefined;
}

function get(map: Map<string, Entity>, id: string): Entity {
  const e = map.get(id);
  assert.ok(e, `${id} missing`);
  return e;
}

test('the fixture maps every designation with source-qualified ids and the right schema', async () => {
  const ctx = collectingContext();
  const entities = await collect(ukParser.parse([fileInput(FIXTURE)], ctx));
  assert.deepEqual(
    entities.map((e) => [e.id, e.schema]),
    [
      ['uk:AFG0999', 'Person'],
      ['uk:RUS1234', 'Person'],
      ['uk:RUS1499', 'Organization'],
      ['uk:RUS1500', 'Organization'],
      ['uk:RUS1600', 'Vessel'],
    ],
  );
  assert.equal(ctx.issueDate, '2026-02-27');
  // The only warning: a subsidiary that is not itself designated.
  assert.deepEqual(ctx.warnings.map((w) => [w.code, w.entityId]), [['unresolved-reference', 'uk:RUS1500']]);
});

test('a Russian individual keeps given-family order, parts, a weak alias, the Cyrillic name, DOBs and documents', async () => {
  const { byId } = await parseText(XML);
  const p = get(byId, 'uk:RUS1234');
  assert.deepEqual(p.names[0], {
    full: 'Aleksandr Viktorovich ZHUKOVETS',
    kind: 'primary',
    script: 'Latn',
    parts: { firstName: 'Aleksandr', middleName: 'Viktorovich', lastName: 'ZHUKOVETS' },
  });
  assert.deepEqual(p.names.slice(1).map((n) => [n.full, n.kind, n.script, n.lang]), [
    ['Alexander Viktorovich ZHUKOVETS', 'aka', 'Latn', undefined],
    ['Sasha Zhuk', 'weak', 'Latn', undefined],
    ['Александр Викторович ЖУКОВЕЦ', 'aka', 'Cyrl', 'ru'],
  ]);
  // A name written in Name6 alone is a whole name: no parts invented for it.
  assert.equal(p.names[2]!.parts, undefined);
  // "dd/mm/1972": day and month unknown.
  assert.deepEqual(p.birthDates, [{ date: '1971-03-14' }, { date: '1972' }]);
  assert.deepEqual(p.properties.nationality, ['RU']);
  assert.deepEqual(p.properties.gender, ['male']);
  assert.deepEqual(p.properties.birthPlace, ['Leningrad, Russia']);
  assert.deepEqual(p.properties.program, ['Russia']);
  assert.deepEqual(p.properties.listingDate, ['2023-02-24']);
  assert.deepEqual(p.properties.modifiedAt, ['2025-05-09']);
  assert.deepEqual(p.identifiers, [
    { type: 'passport', value: '753123456', label: 'Passport number', country: 'RU', note: 'Russian international passport' },
    { type: 'inn', value: '772012345678', label: 'National identifier number', note: 'INN' },
  ]);
  assert.deepEqual(p.properties.authorityId, ['16001']);
  assert.ok(p.properties.notes?.some((n) => n.startsWith('UK statement of reasons: Aleksandr Viktorovich ZHUKOVETS')));
});

test('a UN-origin individual keeps its Arabic-script name, title, alias strengths and passport country', async () => {
  const { byId } = await parseText(XML);
  const p = get(byId, 'uk:AFG0999');
  assert.deepEqual(p.names.map((n) => [n.full, n.kind, n.script, n.lang]), [
    ['MOHAMMAD QASIM HAQYAR', 'primary', 'Latn', undefined],
    ['Qari Qasim', 'aka', 'Latn', undefined],
    ['Haqyar', 'weak', 'Latn', undefined],
    ['محمد قاسم حقيار', 'aka', 'Arab', 'ps'],
  ]);
  assert.deepEqual(p.birthDates, [{ date: '1968' }]);
  assert.deepEqual(p.properties.title, ['Maulavi']);
  assert.equal(p.identifiers[0]!.country, 'AF');
  assert.deepEqual(p.properties.unscId, ['TAi.999']);
  assert.ok(p.properties.notes?.includes('Designation source: UN'));
});

test('entities keep registration numbers and link to a designated parent company, in either order', async () => {
  const { byId } = await parseText(XML);
  const child = get(byId, 'uk:RUS1499');
  const parent = get(byId, 'uk:RUS1500');
  // RUS1499 comes first in the file and names its parent by a differently cased name.
  assert.deepEqual(child.relations, [{ type: 'ownedOrControlledBy', target: 'uk:RUS1500', label: 'Parent company' }]);
  // A bare 13-digit number at a Russian address is an OGRN (129-FZ art. 5).
  assert.deepEqual(child.identifiers, [{ type: 'ogrn', value: '1187746123456', label: 'Business registration number' }]);
  assert.deepEqual(child.properties.email, ['info@severny-steel.example', 'sales@severny-steel.example']);
  assert.deepEqual(child.properties.legalForm, ['Limited Liability Company']);
  assert.deepEqual(parent.identifiers.map((i) => [i.type, i.value, i.label]), [
    ['ogrn', '1027700123456', 'OGRN'],
    ['inn', '7701234567', 'INN'],
  ]);
  assert.deepEqual(parent.relations, []);
  assert.ok(parent.properties.notes?.includes('Subsidiary: Severny Logistics LLC'));
  assert.equal(parent.names.find((n) => n.script === 'Cyrl')?.full, 'АО «Северный металлургический холдинг»');
});

test('a parent that lists a designated subsidiary gives the subsidiary the relation', async () => {
  const xml = XML.replace(/<ParentCompanies>[\s\S]*?<\/ParentCompanies>/, '');
  const { byId } = await parseText(xml);
  assert.deepEqual(get(byId, 'uk:RUS1499').relations, [{ type: 'ownedOrControlledBy', target: 'uk:RUS1500', label: 'Listed as subsidiary' }]);
});

test('a ship becomes a Vessel with its IMO number, flag and designated owner', async () => {
  const { byId } = await parseText(XML);
  const v = get(byId, 'uk:RUS1600');
  assert.deepEqual(v.names.map((n) => [n.full, n.kind]), [['NORTHERN AURORA', 'primary'], ['AURORA SPIRIT', 'aka']]);
  assert.deepEqual(v.identifiers, [{ type: 'imo', value: '9312456', label: 'IMO number' }]);
  assert.deepEqual(v.properties.flag, ['CM']);
  assert.deepEqual(v.properties.type, ['Crude Oil Tanker']);
  assert.deepEqual(v.properties.tonnage, ['81085']);
  assert.deepEqual(v.properties.buildDate, ['2004']);
  assert.deepEqual(v.relations, [{ type: 'ownedOrControlledBy', target: 'uk:RUS1499', label: 'Current owner/operator' }]);
  assert.ok(v.properties.notes?.includes('Previous owner/operator: Blue Horizon Maritime Inc'));
  assert.ok(v.properties.notes?.includes('Previous flag: Liberia'));
});

test('small chunks give the same entities, warnings and issue date as whole reads', async () => {
  const whole = await parseText(XML, 'UK-Sanctions-List.xml', 1 << 20);
  for (const chunk of [1, 7, 13]) {
    const small = await parseText(XML, 'UK-Sanctions-List.xml', chunk);
    assert.deepEqual(small.entities, whole.entities);
    assert.deepEqual(small.ctx.warnings, whole.ctx.warnings);
    assert.equal(small.ctx.issueDate, whole.ctx.issueDate);
  }
});

test('a truncated file is SEK_LIST_TRUNCATED and yields nothing first', async () => {
  const cut = XML.slice(0, XML.indexOf('<UniqueID>RUS1500'));
  const yielded: Entity[] = [];
  const code = await errorCode(async () => {
    for await (const e of ukParser.parse([textInput('UK-Sanctions-List.xml', cut)], collectingContext())) yielded.push(e);
  });
  assert.equal(code, 'SEK_LIST_TRUNCATED');
  assert.equal(yielded.length, 0);
});

test('another list is SEK_LIST_FORMAT', async () => {
  const un = sharedPath('screening-data/watchman/UN_consolidated_2026-02-27.xml');
  assert.equal(await errorCode(() => collect(ukParser.parse([fileInput(un)], collectingContext()))), 'SEK_LIST_FORMAT');
  const csv = 'Report Date: 27-Feb-2026\nLast Updated,Unique ID,Name 6\n';
  assert.equal(await errorCode(() => parseText(csv, 'UK-Sanctions-List.csv')), 'SEK_LIST_FORMAT');
  assert.equal(await errorCode(() => parseText(csv, 'list.txt')), 'SEK_LIST_FORMAT');
});

test('an empty file or a list without designations is SEK_LIST_EMPTY', async () => {
  assert.equal(await errorCode(() => parseText('')), 'SEK_LIST_EMPTY');
  assert.equal(await errorCode(() => parseText('<?xml version="1.0"?>\n<Designations><DateGenerated>27/02/2026</DateGenerated></Designations>')), 'SEK_LIST_EMPTY');
});

test('a designation without a UniqueID is SEK_LIST_PARSE; two files are SEK_LIST_FILES', async () => {
  assert.equal(await errorCode(() => parseText(XML.replace('<UniqueID>RUS1234</UniqueID>', ''))), 'SEK_LIST_PARSE');
  const two = [textInput('a.xml', XML), textInput('b.xml', XML)];
  assert.equal(await errorCode(() => collect(ukParser.parse(two, collectingContext()))), 'SEK_LIST_FILES');
});

test('unreadable values warn and the designation is kept', async () => {
  const xml = XML.replace('<DOB>14/03/1971</DOB>', '<DOB>sometime in 1971?</DOB>')
    .replace('<Nationality>Russia</Nationality>', '<Nationality>Atlantis</Nationality>')
    .replace('<IndividualEntityShip>Ship</IndividualEntityShip>', '<IndividualEntityShip>Aircraft</IndividualEntityShip>')
    .replace('<NonLatinScriptLanguage>Pashto</NonLatinScriptLanguage>', '<NonLatinScriptLanguage>Klingon</NonLatinScriptLanguage>');
  const { ctx, byId } = await parseText(xml);
  const codes = ctx.warnings.map((w) => `${w.code} ${w.entityId}`);
  assert.ok(codes.includes('bad-date uk:RUS1234'));
  assert.ok(codes.includes('unknown-country uk:RUS1234'));
  assert.ok(codes.includes('unknown-reference uk:RUS1600'));
  assert.ok(codes.includes('unknown-language uk:AFG0999'));
  assert.deepEqual(get(byId, 'uk:RUS1234').birthDates, [{ date: '1972' }]);
  assert.deepEqual(get(byId, 'uk:RUS1234').properties.nationality, ['Atlantis']);
  assert.equal(get(byId, 'uk:RUS1600').schema, 'LegalEntity');
  assert.equal(get(byId, 'uk:AFG0999').names[3]!.lang, undefined);
});
